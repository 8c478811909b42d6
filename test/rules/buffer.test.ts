import rule from '../../rules/no-legacy-serialization.js';
import { fixed, typedRuleTester, unfixable, untypedRuleTester } from './rule-tester.js';

typedRuleTester.run('no-legacy-serialization: Buffer (typed)', rule, {
  valid: [
    // Uint8Array.prototype.slice copies; Buffer#slice is a view. Only Buffers are findings.
    'declare const u: Uint8Array; u.slice(1);',
    'declare const u: Uint8Array<ArrayBuffer>; const copy = u.slice();',
    '[1, 2, 3].slice(1); "abc".slice(1);',
    // Without a proven Buffer in the type, stay silent.
    'declare const a: any; a.slice(1);',
    'declare const x: Uint8Array | string; x.slice(1);',
    'declare const b: Buffer; b.subarray(1); Buffer.alloc(10); Buffer.from("x");',
    // Shadowed Buffer.
    'class Buffer { constructor(n: number) {} } new Buffer(10);',
    'function f(Buffer: any) { return new Buffer(10); }',
    "import { Buffer } from './local-buffer.js'; new Buffer(10);",
    // Element access and references are not calls of Buffer#slice.
    'declare const b: Buffer; b["slice"](1); [b].map(Buffer.prototype.slice);',
  ],
  invalid: [
    // buffer-constructor: a number → Buffer.alloc
    {
      code: 'const b = new Buffer(10);',
      output: 'const b = Buffer.alloc(10);',
      errors: [{ messageId: 'buffer-constructor', line: 1, column: 11, data: { name: 'new Buffer()' } }],
    },
    fixed(['buffer-constructor'], 'declare const n: number; Buffer(n);', 'declare const n: number; Buffer.alloc(n);'),
    fixed(['buffer-constructor'], 'enum Size { Small = 8 } new Buffer(Size.Small);', 'enum Size { Small = 8 } Buffer.alloc(Size.Small);'),
    // anything proven not a number → Buffer.from with every argument
    fixed(['buffer-constructor'], "declare const s: string; new Buffer(s, 'hex');", "declare const s: string; Buffer.from(s, 'hex');"),
    fixed(['buffer-constructor'], 'new Buffer([1, 2, 3]);', 'Buffer.from([1, 2, 3]);'),
    fixed(['buffer-constructor'], 'declare const b: Buffer; new Buffer(b);', 'declare const b: Buffer; Buffer.from(b);'),
    fixed(['buffer-constructor'], 'declare const ab: ArrayBuffer; new Buffer(ab, 0, 2);', 'declare const ab: ArrayBuffer; Buffer.from(ab, 0, 2);'),
    fixed(['buffer-constructor'], 'declare const u16: Uint16Array; new Buffer(u16);', 'declare const u16: Uint16Array; Buffer.from(u16);'),
    fixed(['buffer-constructor'], 'declare const x: string | Buffer; new Buffer(x);', 'declare const x: string | Buffer; Buffer.from(x);'),
    fixed(['buffer-constructor'], 'declare const xs: readonly number[]; new Buffer(xs);', 'declare const xs: readonly number[]; Buffer.from(xs);'),
    // imported Buffer, kept as written
    fixed(['buffer-constructor'], "import { Buffer as B } from 'node:buffer'; new B('abc');", "import { Buffer as B } from 'node:buffer'; B.from('abc');"),
    fixed(['buffer-constructor'], "import * as buffer from 'buffer'; new buffer.Buffer(8);", "import * as buffer from 'buffer'; buffer.Buffer.alloc(8);"),
    fixed(['buffer-constructor'], "const { Buffer: B } = require('buffer'); B(8);", "const { Buffer: B } = require('buffer'); B.alloc(8);"),
    fixed(['buffer-constructor'], "import b = require('buffer'); new b.Buffer(8);", "import b = require('buffer'); b.Buffer.alloc(8);"),
    // comments stay
    fixed(['buffer-constructor'], 'new /* legacy */ Buffer(10);', '/* legacy */ Buffer.alloc(10);'),
    fixed(['buffer-constructor'], 'new Buffer(\n  10, // bytes\n);', 'Buffer.alloc(\n  10, // bytes\n);'),
    // nested findings compose
    fixed(['buffer-slice', 'buffer-constructor'], 'new Buffer(10).slice(2);', 'Buffer.alloc(10).subarray(2);'),
    // no fix: the argument's type decides and is not proven
    unfixable('buffer-constructor/unresolved-type', 'declare const x: any; new Buffer(x);'),
    unfixable('buffer-constructor/unresolved-type', 'declare const x: number | string; new Buffer(x);'),
    unfixable('buffer-constructor/unresolved-type', 'declare const x: unknown; Buffer(x as never);'),
    unfixable('buffer-constructor/unresolved-type', 'declare const x: { length: number }; new Buffer(x);'),
    // no fix: new Buffer(n, 'utf8') throws, Buffer.alloc(n, 'utf8') fills
    unfixable('buffer-constructor/unsupported-form', "declare const n: number; new Buffer(n, 'utf8');"),
    unfixable('buffer-constructor/unsupported-form', 'declare const args: [string]; new Buffer(...args);'),
    unfixable('buffer-constructor/unsupported-form', 'new Buffer();'),

    // buffer-slice: Node's Buffer, whatever its ArrayBuffer type argument
    fixed(['buffer-slice'], 'declare const b: Buffer; b.slice(1, 3);', 'declare const b: Buffer; b.subarray(1, 3);'),
    fixed(['buffer-slice'], 'declare const b: Buffer<ArrayBuffer>; const c: Buffer<ArrayBuffer> = b.slice();', 'declare const b: Buffer<ArrayBuffer>; const c: Buffer<ArrayBuffer> = b.subarray();'),
    fixed(['buffer-slice'], "import { readFileSync } from 'node:fs'; readFileSync('f').slice(4);", "import { readFileSync } from 'node:fs'; readFileSync('f').subarray(4);"),
    fixed(['buffer-slice'], 'declare const b: Buffer | undefined; b?.slice(1);', 'declare const b: Buffer | undefined; b?.subarray(1);'),
    fixed(['buffer-slice'], 'function head(b: Buffer) { return (b).slice(0, 4).toString(); }', 'function head(b: Buffer) { return (b).subarray(0, 4).toString(); }'),
    fixed(['buffer-slice'], 'function f<T extends Buffer>(b: T) { return b.slice(1); }', 'function f<T extends Buffer>(b: T) { return b.subarray(1); }'),
    // Same bytes, but subarray keeps Buffer<ArrayBufferLike> where slice gave Buffer<ArrayBuffer>.
    unfixable('buffer-slice/wider-static-type', 'declare const b: Buffer; const c: Buffer<ArrayBuffer> = b.slice();'),
    unfixable('buffer-slice/wider-static-type', 'declare const b: Buffer; new Blob([b.slice()]);'),
    fixed(['buffer-slice'], 'declare const b: Buffer; const blob = new Blob([b.slice().toString()]);', 'declare const b: Buffer; const blob = new Blob([b.subarray().toString()]);'),
    unfixable('buffer-slice/unresolved-type', 'declare const s: string | Buffer; s.slice(1);'),
  ],
});

untypedRuleTester.run('no-legacy-serialization: Buffer (untyped)', rule, {
  valid: [
    // Without types only a Buffer made right there proves the receiver; everything else stays silent.
    'b.slice(1);',
    'new Uint8Array(4).slice(1);',
    'const Buffer = require("safe-buffer").Buffer; new Buffer(10);',
  ],
  invalid: [
    fixed(['buffer-slice'], "Buffer.from('abc').slice(1);", "Buffer.from('abc').subarray(1);"),
    fixed(['buffer-slice'], 'Buffer.concat(parts).slice(0, 4);', 'Buffer.concat(parts).subarray(0, 4);'),
    fixed(['buffer-slice'], 'Buffer.alloc(10).slice(2);', 'Buffer.alloc(10).subarray(2);'),
    // literals prove themselves
    fixed(['buffer-constructor'], 'new Buffer(10);', 'Buffer.alloc(10);'),
    fixed(['buffer-constructor'], "new Buffer('abc', 'utf8');", "Buffer.from('abc', 'utf8');"),
    fixed(['buffer-constructor'], 'Buffer([1, 2]);', 'Buffer.from([1, 2]);'),
    fixed(['buffer-constructor'], "const { Buffer } = require('node:buffer'); Buffer(`x${y}`);", "const { Buffer } = require('node:buffer'); Buffer.from(`x${y}`);"),
    unfixable('buffer-constructor/unresolved-type', 'new Buffer(x);'),
    // No argument is no form at all, with or without types.
    unfixable('buffer-constructor/unsupported-form', 'Buffer();'),
  ],
});
