/**
 * The candidate tests (`rules/detect/candidates.ts`) that let the lint stage skip ESLint for a needle file must
 * answer `true` wherever their kind's detector reports. Each case below is first shown to be a real finding (the
 * detector, through ESLint with the program, reports the kind there), then the kind's test must accept the file:
 * a test too narrow fails here. The look-alikes show the tests are not `true` everywhere, which would save nothing.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CANDIDATE_TESTS } from '../rules/detect/candidates.js';
import type { KindId } from '../rules/kinds.js';
import { candidateFilter } from '../src/candidates.js';
import { lintFiles } from '../src/lint.js';
import { createSourceProject } from '../src/project.js';
import { tempDir, writeFiles } from './helpers.js';

interface Case {
  kind: KindId;
  name: string;
  file?: string;
  code: string;
}

/** One repository holding every case as its own file, one program over them all (as the lint stage has). */
function judge(cases: readonly Case[]) {
  const files = Object.fromEntries(cases.map((entry, index) => [entry.file ?? `src/case${index}.ts`, entry.code]));
  const repo = writeFiles(tempDir(), {
    'package.json': JSON.stringify({ name: 'candidates', dependencies: { 'class-transformer': '0.5.1' } }),
    'tsconfig.json': JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'commonjs', strict: true, experimentalDecorators: true, allowJs: true } }),
    ...files,
  });
  const inputs = Object.entries(files).map(([file, text]) => ({ file, absPath: path.join(repo, file), text }));
  const program = createSourceProject(repo, inputs).program();
  const checker = program.getTypeChecker();
  return cases.map((entry, index) => {
    const input = inputs[index];
    const reported = lintFiles([input], { repoRoot: repo, program, prefilter: false }).findings.map((finding) => finding.kind);
    const sourceFile = program.getSourceFile(input.absPath.split(path.sep).join('/'))!;
    return { name: entry.name, reported: reported.includes(entry.kind), candidate: CANDIDATE_TESTS[entry.kind]!(sourceFile, checker) };
  });
}

const REPORTED: Case[] = [
  // buffer-slice: the receiver's type decides, and it need not be written anywhere.
  { kind: 'buffer-slice', name: 'a Buffer from fs.readFileSync, no Buffer word', code: "import { readFileSync } from 'node:fs';\nconst data = readFileSync('x');\nexport const head = data.slice(0, 4);\n" },
  { kind: 'buffer-slice', name: 'a readFileSync call as the receiver', code: "import * as fs from 'fs';\nexport const head = fs.readFileSync('x').slice(0, 4);\n" },
  { kind: 'buffer-slice', name: 'a Buffer | string union', code: 'export function tail(value: Buffer | string) {\n  return value.slice(1);\n}\n' },
  { kind: 'buffer-slice', name: 'an aliased type', code: 'type Bytes = Buffer;\nexport const first = (bytes: Bytes) => bytes.slice(0, 1);\n' },
  { kind: 'buffer-slice', name: 'a type parameter constrained to Buffer', code: 'export function cut<T extends Buffer>(bytes: T) {\n  return bytes.slice(2);\n}\n' },
  { kind: 'buffer-slice', name: 'an optional Buffer, optional call', code: 'export const cut = (bytes?: Buffer) => bytes?.slice(2);\n' },
  { kind: 'buffer-slice', name: 'an interface extending Buffer', code: 'interface Packet extends Buffer { id: number }\nexport const body = (packet: Packet) => packet.slice(4);\n' },
  { kind: 'buffer-slice', name: 'a parenthesized receiver', code: "export const cut = (value: unknown) => (value as Buffer).slice(1);\n" },
  { kind: 'buffer-slice', name: 'a parenthesized callee (review)', code: 'export const f = (b: Buffer) => (b.slice)(0, 1);\nexport const g = (b: Buffer) => ((b).slice)?.(0);\n' },
  { kind: 'buffer-slice', name: 'Buffer.from under an alias, by syntax', code: "import { Buffer as B } from 'node:buffer';\nexport const cut = B.from('abc').slice(1);\n" },
  { kind: 'buffer-slice', name: 'a JavaScript file, typed by inference', file: 'src/read.js', code: "const fs = require('fs');\nexports.head = fs.readFileSync('x').slice(0, 2);\n" },
  // buffer-constructor: every way the detector resolves Node's constructor.
  { kind: 'buffer-constructor', name: 'the global, new and called', code: "export const a = new Buffer(10);\nexport const b = Buffer('abc');\n" },
  { kind: 'buffer-constructor', name: 'an aliased import', code: "import { Buffer as B } from 'node:buffer';\nexport const a = new B(2);\n" },
  { kind: 'buffer-constructor', name: 'a plain import, called', code: "import { Buffer } from 'buffer';\nexport const a = new Buffer('x');\n" },
  { kind: 'buffer-constructor', name: 'a namespace member', code: "import * as buffer from 'buffer';\nexport const a = new buffer.Buffer(1);\n" },
  { kind: 'buffer-constructor', name: 'a renaming require in JavaScript', file: 'src/buf.js', code: "const { Buffer: Buf } = require('buffer');\nexports.a = new Buf('x');\n" },
  { kind: 'buffer-constructor', name: 'a member of the required module', file: 'src/req.js', code: "exports.a = require('buffer').Buffer(3);\n" },
  // The fake-UTC kinds: inside `new Date(…)`, any receiver.
  { kind: 'naive-iso-parse', name: 'the slice strip', code: 'export const local = (d: Date) => new Date(d.toISOString().slice(0, -1));\n' },
  { kind: 'naive-iso-parse', name: 'the replace strip on an untyped value', code: "export const local = (d: any) => new Date((d.toISOString()).replace('Z', ''));\n" },
  { kind: 'fake-utc-offset', name: 'Date.now() shifted by the offset', code: 'export const utc = () => new Date(Date.now() + new Date().getTimezoneOffset() * 60000);\n' },
  { kind: 'fake-utc-locale', name: 'toLocaleString in UTC', code: "export const utc = (d: Date) => new Date(d.toLocaleString('en-US', { timeZone: 'UTC' }));\n" },
  // Transform callbacks: reached by an alias, a namespace, a plain import, a reference.
  { kind: 'class-transformer-transform-callback', name: 'an aliased import', code: "import { Transform as T } from 'class-transformer';\nexport class A {\n  @T((value) => value)\n  x = '';\n}\n" },
  { kind: 'class-transformer-transform-callback', name: 'a namespace member', code: "import * as ct from 'class-transformer';\nexport class A {\n  @ct.Transform((value, obj) => value)\n  x = '';\n}\n" },
  { kind: 'class-transformer-transform-callback', name: 'a plain import, positional callback', code: "import { Transform } from 'class-transformer';\nexport class A {\n  @Transform((value: string) => value.trim())\n  x = '';\n}\n" },
  { kind: 'class-transformer-transform-callback', name: 'a destructured parameter with a default', code: "import { Transform } from 'class-transformer';\nexport class A {\n  @Transform(({ value } = { value: 1 }) => value)\n  x = '';\n}\n" },
  { kind: 'class-transformer-transform-callback', name: 'a callback passed by reference', code: "import { Transform } from 'class-transformer';\nconst trim = (value: string) => value.trim();\nexport class A {\n  @Transform(trim)\n  x = '';\n}\n" },
  { kind: 'class-transformer-transform-callback', name: 'a renaming require in JavaScript', file: 'src/dto.js', code: "const { Transform: Tr } = require('class-transformer');\nexports.decorate = Tr((value) => value);\n" },
  // json-roundtrip-clone
  { kind: 'json-roundtrip-clone', name: 'the round trip', code: 'export const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value));\n' },
  { kind: 'json-roundtrip-clone', name: 'a parenthesized inner call, a local structuredClone', code: 'const structuredClone = 1;\nexport const copy = (value: object) => JSON.parse((JSON.stringify(value)));\n' },
  { kind: 'json-roundtrip-clone', name: 'a parenthesized JSON (review)', code: 'export const copy = (x: object) => (JSON).parse(JSON.stringify(x));\n' },
  { kind: 'json-roundtrip-clone', name: 'a parenthesized parse (review)', code: 'export const copy = (x: object) => (JSON.parse)(JSON.stringify(x));\n' },
  { kind: 'json-roundtrip-clone', name: 'a parenthesized stringify (review)', code: 'export const copy = (x: object) => JSON.parse((JSON.stringify)(x));\n' },
  { kind: 'json-roundtrip-clone', name: 'a parenthesized JSON inside (review)', code: 'export const copy = (x: object) => JSON.parse((JSON).stringify(x));\n' },
  // legacy-url-parse: every import form names the module.
  { kind: 'legacy-url-parse', name: 'a default import', code: "import url from 'node:url';\nexport const host = (s: string) => url.parse(s).host;\n" },
  { kind: 'legacy-url-parse', name: 'a destructuring require', file: 'src/url.js', code: 'const { parse } = require("url");\nexports.host = (s) => parse(s).host;\n' },
];

const LOOK_ALIKES: Case[] = [
  { kind: 'buffer-slice', name: 'arrays and strings', code: "export const a = [1, 2, 3].slice(1);\nexport const s = 'abc'.slice(1);\n" },
  { kind: 'buffer-slice', name: 'another Uint8Array', code: 'export const bytes = new Uint8Array(4).slice(1);\n' },
  { kind: 'buffer-slice', name: 'an any receiver', code: 'export const cut = (value: any) => value.slice(1);\n' },
  { kind: 'buffer-constructor', name: 'factories, types and a buffer variable', code: "import { Buffer } from 'node:buffer';\nexport const a: Buffer = Buffer.from('a');\nexport const b = (buffer: NodeJS.Dict<Buffer>) => Buffer.concat(Object.values(buffer) as Buffer[]);\n" },
  { kind: 'naive-iso-parse', name: 'a date string, no Date parsed back', code: 'export const day = (d: Date) => d.toISOString().slice(0, 10);\nexport const again = (d: Date) => new Date(d).toISOString().slice(0, 10);\n' },
  { kind: 'class-transformer-transform-callback', name: 'new-style callbacks', code: "import { Transform, Type } from 'class-transformer';\nexport class A {\n  @Transform(({ value }) => value)\n  x = '';\n  @Transform(() => 1)\n  y = 0;\n}\n" },
  { kind: 'json-roundtrip-clone', name: 'parsing text, path.parse', code: "import * as path from 'node:path';\nexport const body = (text: string) => JSON.parse(text);\nexport const base = (p: string) => path.parse(p).base;\n" },
  { kind: 'legacy-url-parse', name: 'the URL class', code: 'export const host = (s: string) => new URL(s).host;\n' },
];

describe('candidate tests: a superset of what each detector reports', () => {
  it('accept every file where the detector reports their kind', () => {
    const results = judge(REPORTED);
    expect(results.filter((result) => !result.reported).map((result) => result.name), 'cases the detector does not report').toEqual([]);
    expect(results.filter((result) => !result.candidate).map((result) => result.name), 'findings the candidate test would skip').toEqual([]);
  });

  it('reject the look-alikes that hold the needle and no finding', () => {
    const results = judge(LOOK_ALIKES);
    expect(results.filter((result) => result.reported).map((result) => result.name)).toEqual([]);
    expect(results.filter((result) => result.candidate).map((result) => result.name)).toEqual([]);
  });
});

describe('candidateFilter', () => {
  const arraySlice = 'export const a = [1, 2].slice(1);\n';

  function filterFor(files: Record<string, string>, inProgram: readonly string[]) {
    const repo = writeFiles(tempDir(), { 'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true } }), ...files });
    const inputs = inProgram.map((file) => ({ absPath: path.join(repo, file), text: files[file] }));
    const isCandidate = candidateFilter(createSourceProject(repo, inputs).program(), ['no-legacy-serialization', 'no-utcnow-date']);
    return (file: string, text = files[file]) => isCandidate({ absPath: path.join(repo, file), text });
  }

  it('skips a file whose every needle kind says no, lints the rest as before the pre-pass', () => {
    const isCandidate = filterFor(
      {
        'src/array.ts': arraySlice,
        'src/elsewhere.ts': arraySlice,
        'src/broken.ts': `${arraySlice}export const = ;\n`,
        'src/escaped.ts': `${arraySlice}export const e = '\\u0041';\n`,
        'src/rename.ts': `import { plainToClass } from 'class-transformer';\n${arraySlice}`,
      },
      ['src/array.ts', 'src/broken.ts', 'src/escaped.ts', 'src/rename.ts'],
    );
    expect(isCandidate('src/array.ts')).toBe(false);
    // not in the program, or in it with another text: the typed kinds would behave differently, so lint it
    expect(isCandidate('src/elsewhere.ts')).toBe(true);
    expect(isCandidate('src/array.ts', `${arraySlice}\n`)).toBe(true);
    // ESLint reports a syntax error its own way; an escape may spell any needle
    expect(isCandidate('src/broken.ts')).toBe(true);
    expect(isCandidate('src/escaped.ts')).toBe(true);
    // a needle of a kind with no candidate test
    expect(isCandidate('src/rename.ts')).toBe(true);
  });
});
