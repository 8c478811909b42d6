import rule from '../../rules/no-legacy-serialization.js';
import { typedRuleTester, unsafe, untypedRuleTester } from './rule-tester.js';

const unsafeClone = (code: string, output: string) => unsafe('json-roundtrip-clone', code, output);

const valid = [
  // With a reviver or replacer the round trip transforms the value; it is not a plain clone.
  'declare const x: object; JSON.parse(JSON.stringify(x), (k, v) => v);',
  'declare const x: object; JSON.parse(JSON.stringify(x, null, 2));',
  'declare const s: string; JSON.parse(s); JSON.stringify(s);',
  'declare const args: [object]; JSON.parse(JSON.stringify(...args));',
  // Shadowed JSON.
  'const JSON = { parse: (s: string) => s, stringify: (x: unknown) => "" }; declare const x: object; JSON.parse(JSON.stringify(x));',
  'function f(JSON: any, x: object) { return JSON.parse(JSON.stringify(x)); }',
  'declare const JSON5: JSON; declare const x: object; JSON5.parse(JSON5.stringify(x));',
];

const invalid = [
  unsafeClone('declare const x: object; const copy = JSON.parse(JSON.stringify(x));', 'declare const x: object; const copy = structuredClone(x);'),
  unsafeClone(
    'declare const a: { b?: { c: number[] } }; const c = JSON.parse(JSON.stringify(a.b?.c));',
    'declare const a: { b?: { c: number[] } }; const c = structuredClone(a.b?.c);',
  ),
  unsafeClone(
    'declare const a: { b?(v: unknown): void }; declare const x: object; a?.b?.(JSON.parse(JSON.stringify(x)));',
    'declare const a: { b?(v: unknown): void }; declare const x: object; a?.b?.(structuredClone(x));',
  ),
  unsafeClone('declare const x: object; const y = JSON.parse(JSON.stringify(x))?.y;', 'declare const x: object; const y = structuredClone(x)?.y;'),
  unsafeClone('declare const x: object; const y = (JSON.parse(JSON.stringify((x))));', 'declare const x: object; const y = (structuredClone((x)));'),
  unsafeClone('declare const x: object; JSON.parse(/* deep */ JSON.stringify(x));', 'declare const x: object; structuredClone(/* deep */ x);'),
  unsafeClone('declare const x: object; JSON.parse(JSON.stringify(/* all of it */ x));', 'declare const x: object; structuredClone(/* all of it */ x);'),
  unsafeClone('declare const state: object; const next = JSON.parse(\n  JSON.stringify(state),\n);', 'declare const state: object; const next = structuredClone(\n  state,\n);'),
  unsafeClone('declare const x: object; JSON.parse(JSON.stringify(x,),);', 'declare const x: object; structuredClone(x,);'),
  unsafeClone('declare const x: object; JSON.parse(JSON.stringify(x /* it */));', 'declare const x: object; structuredClone(x /* it */);'),
  unsafeClone('declare const x: object; JSON.parse(JSON.stringify(x));', 'declare const x: object; structuredClone(x);'),
  // A local structuredClone would be called instead of the global: no fix.
  {
    code: 'function structuredClone(v: unknown) { return v; } declare const x: object; JSON.parse(JSON.stringify(x));',
    output: null,
    errors: [{ messageId: 'json-roundtrip-clone/unsupported-form', suggestions: [] }],
  },
];

// The kind is decided by shape alone: with and without types the answers are the same.
typedRuleTester.run('no-legacy-serialization: JSON round-trip clone (typed)', rule, { valid, invalid });
untypedRuleTester.run('no-legacy-serialization: JSON round-trip clone (untyped)', rule, {
  valid: ['JSON.parse(JSON.stringify(x), reviver);', 'let JSON; JSON.parse(JSON.stringify(x));'],
  invalid: [unsafeClone('const copy = JSON.parse(JSON.stringify(x));', 'const copy = structuredClone(x);')],
});
