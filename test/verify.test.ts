/** §7.6 as a user of a real repository needs it: judged by the project's compiler, blamed on the rewrite that caused it. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runFix } from '../src/fix.js';
import { newDiagnostics } from '../src/verify.js';
import { tempDir, writeFiles } from './helpers.js';

/** class-transformer 0.5.1 as a stub whose old name is typed loosely (`any`) and whose new name precisely. */
function classTransformer(newReturn: string): Record<string, string> {
  return {
    'node_modules/class-transformer/package.json': JSON.stringify({ name: 'class-transformer', version: '0.5.1', types: 'index.d.ts' }),
    'node_modules/class-transformer/index.d.ts': [
      'export type ClassConstructor<T> = { new (...args: any[]): T };',
      '/** @deprecated Function name changed, use the `plainToInstance` method instead. */',
      'export declare function plainToClass(cls: ClassConstructor<unknown>, plain: unknown): any;',
      `export declare function plainToInstance<T>(cls: ClassConstructor<T>, plain: unknown): ${newReturn};`,
      '',
    ].join('\n'),
  };
}

const fix = (repo: string, scope = 'release') => runFix({ cwd: repo, scope, dryRun: false, unsafeFixes: false, allowDirty: true, repoTotals: false });
const read = (repo: string, file: string) => readFileSync(path.join(repo, file), 'utf8');

describe('diagnostics comparison ignores the order of union members', () => {
  it('treats a union printed in another order as the same diagnostic', () => {
    const before = ["TS2322: Type 'string | number | undefined' is not assignable to type 'Date'."];
    const after = ["TS2322: Type 'undefined | number | string' is not assignable to type 'Date'."];
    expect(newDiagnostics(before, after)).toEqual([]);
  });

  it('normalizes unions nested in type arguments and object members, and nothing outside quoted types', () => {
    expect(newDiagnostics(["TS2345: Argument of type 'Map<string, A | B>' is wrong."], ["TS2345: Argument of type 'Map<string, B | A>' is wrong."])).toEqual([]);
    expect(newDiagnostics(["TS2322: Type '{ a: A | B; }' is wrong."], ["TS2322: Type '{ a: B | A; }' is wrong."])).toEqual([]);
    // Different types stay different: a function returning A | B is not a union of a function and B.
    expect(newDiagnostics(["TS2322: Type '() => A | B' is wrong."], ["TS2322: Type '() => B | A' is wrong."])).toEqual([]);
    expect(newDiagnostics(["TS2322: Type '(() => A) | B' is wrong."], ["TS2322: Type '(() => B) | A' is wrong."])).toHaveLength(1);
    expect(newDiagnostics(['TS1: a | b'], ['TS1: b | a'])).toEqual(['TS1: b | a']);
  });
});

describe('blame across files (§7.6)', () => {
  /** A helper whose rename makes its return type precise, and a file that compiles only with the loose one. */
  const helperRepo = (scope: string[]) =>
    writeFiles(tempDir(), {
      'deprecfix.manifest.json': JSON.stringify({ version: 1, scopes: { release: scope } }),
      'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true, target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler', lib: ['ES2022', 'DOM'] } }),
      ...classTransformer('T'),
      'src/parse.ts': [
        "import { plainToClass } from 'class-transformer';",
        '',
        'export class Settings {',
        '  retries = 3;',
        '}',
        '',
        'export function parse(raw: string) {',
        '  return plainToClass(Settings, JSON.parse(raw));',
        '}',
        '',
      ].join('\n'),
      'src/use.ts': [
        "import { parse } from './parse';",
        '',
        'export function label(raw: string): string {',
        '  const retries: string = parse(raw).retries;',
        '  return retries;',
        '}',
        '',
        'export function stamp(date: Date): string {',
        '  return date.toGMTString();',
        '}',
        '',
        'export function stampAgain(date: Date): string {',
        '  return date.toGMTString();',
        '}',
        '',
      ].join('\n'),
      'legacy/report.ts': "import { parse } from '../src/parse';\n\nexport const title: string = parse('{}').retries;\n",
    });

  it("rolls back the helper's rewrite that broke an importer, keeps the importer's renames, and names both files", () => {
    const repo = helperRepo(['src/**']);
    const outcome = fix(repo);

    expect(read(repo, 'src/parse.ts')).toContain('plainToClass(Settings');
    expect(read(repo, 'src/use.ts')).not.toContain('toGMTString');
    expect(read(repo, 'src/use.ts').match(/toUTCString\(\)/g)).toHaveLength(2);
    expect(outcome.report.failures).toEqual([
      expect.objectContaining({ file: 'src/parse.ts', stage: 'type-check', message: expect.stringMatching(/rolled back: it introduced TS2322: .* in src\/use\.ts/) }),
    ]);
    const held = outcome.report.remaining.find((finding) => finding.file === 'src/parse.ts');
    expect(held).toMatchObject({ kind: 'class-transformer-rename', fix: 'none', reason: expect.stringContaining('in src/use.ts') });
    expect(outcome.report.fixed.map((entry) => entry.file)).toEqual(['src/use.ts', 'src/use.ts']);
  });

  it('checks importers outside the scope, which can break and cannot be edited', () => {
    const repo = helperRepo(['src/parse.ts']);
    const outcome = fix(repo);

    expect(read(repo, 'src/parse.ts')).toContain('plainToClass(Settings');
    expect(outcome.report.failures).toEqual([
      expect.objectContaining({ file: 'src/parse.ts', stage: 'type-check', message: expect.stringMatching(/TS2322: .* in legacy\/report\.ts/) }),
    ]);
  });
});

describe("judged by the project's compiler (§7.6)", () => {
  /** A project compiled without `strict`, where the rename makes a value possibly undefined. */
  const looseRepo = (typescriptRange: string) =>
    writeFiles(tempDir(), {
      'deprecfix.manifest.json': JSON.stringify({ version: 1, scopes: { release: ['src/**'] } }),
      'package.json': JSON.stringify({ name: 'loose', private: true, dependencies: { 'class-transformer': '0.5.1' }, devDependencies: { typescript: typescriptRange } }),
      'tsconfig.json': JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler' } }),
      ...classTransformer('T | undefined'),
      'src/title.ts': [
        "import { plainToClass } from 'class-transformer';",
        '',
        'export class Post {',
        "  title = '';",
        '}',
        '',
        'export function title(raw: unknown): string {',
        '  return plainToClass(Post, raw).title;',
        '}',
        '',
      ].join('\n'),
    });

  it('keeps a rewrite that only TypeScript 6 strict defaults object to, in a project that pins TypeScript 5 without strict', () => {
    const repo = looseRepo('^5.4.0');
    const outcome = fix(repo);
    expect(outcome.report.failures).toEqual([]);
    expect(read(repo, 'src/title.ts')).toContain('plainToInstance(Post, raw).title');
  });

  it('rolls the same rewrite back in a project on TypeScript 6, whose default is strict', () => {
    const repo = looseRepo('^6.0.0');
    const outcome = fix(repo);
    expect(outcome.report.failures).toEqual([expect.objectContaining({ file: 'src/title.ts', message: expect.stringContaining('TS2532') })]);
    expect(read(repo, 'src/title.ts')).toContain('plainToClass(Post, raw).title');
  });
});
