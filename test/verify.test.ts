/** §7.6 as a user of a real repository needs it: judged by the project's compiler, blamed on the rewrite that caused it. */
import { readFileSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectCompiler } from '../src/compiler.js';
import { runFix } from '../src/fix.js';
import { createSourceProject } from '../src/project.js';
import { createTypeCheck } from '../src/type-check.js';
import { newDiagnostics, verifyRewrites } from '../src/verify.js';
import { packageRoot, tempDir, writeFiles } from './helpers.js';

/**
 * A real TypeScript 5 for the "installed compiler" path: the `typescript-5` devDependency (`npm:typescript@5.9.3`),
 * or a TypeScript 5 package directory named by DEPRECFIX_TYPESCRIPT_5.
 */
const typescript5 = (() => {
  try {
    return path.dirname(createRequire(path.join(packageRoot, 'package.json')).resolve('typescript-5/package.json'));
  } catch {
    return process.env.DEPRECFIX_TYPESCRIPT_5;
  }
})();
if (!typescript5) console.warn('test/verify.test.ts: the typescript-5 devDependency is not installed; the tests of an installed TypeScript 5 are skipped');

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
    // Elaborations follow the member order: only the first line is compared.
    const elaborated = (first: string) => `TS2322: Type '${first === 'A' ? 'A | B' : 'B | A'}' is not assignable to type 'number'.\n  Type '${first}' is not assignable to type 'number'.`;
    expect(newDiagnostics([elaborated('B')], [elaborated('A')])).toEqual([]);
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

describe('a union the checker prints in another order after a rewrite', () => {
  it('is no new diagnostic', async () => {
    // The rename makes the checker meet A before it builds `B | A`: the existing error now prints `A | B`, and its
    // elaboration names A instead of B.
    const main = [
      "import { plainToClass } from 'class-transformer';",
      "import { load, As } from './models';",
      '',
      'export const first = plainToClass(As, {});',
      'export const count: number = load();',
      '',
    ].join('\n');
    const repo = writeFiles(tempDir(), {
      'deprecfix.manifest.json': JSON.stringify({ version: 1, scopes: { release: ['src/main.ts'] } }),
      'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true, target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler' } }),
      ...classTransformer('T'),
      'src/models.ts': 'export interface A {\n  a: number;\n}\nexport interface B {\n  b: number;\n}\nexport declare function load(): B | A;\nexport declare const As: new () => A;\n',
      'src/main.ts': main,
    });
    const outcome = await fix(repo);
    expect(outcome.report.failures).toEqual([]);
    expect(read(repo, 'src/main.ts')).toBe(main.replaceAll('plainToClass', 'plainToInstance'));
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

  it("rolls back the helper's rewrite that broke an importer, keeps the importer's renames, and names both files", async () => {
    const repo = helperRepo(['src/**']);
    const outcome = await fix(repo);

    expect(read(repo, 'src/parse.ts')).toContain('plainToClass(Settings');
    expect(read(repo, 'src/use.ts')).not.toContain('toGMTString');
    expect(read(repo, 'src/use.ts').match(/toUTCString\(\)/g)).toHaveLength(2);
    expect(outcome.report.failures).toEqual([
      expect.objectContaining({ file: 'src/parse.ts', stage: 'type-check', message: expect.stringMatching(/^rewrite rolled back: it introduced TS2322 in src\/use\.ts: Type 'number' is not assignable to type 'string'\.$/) }),
    ]);
    const held = outcome.report.remaining.find((finding) => finding.file === 'src/parse.ts');
    expect(held).toMatchObject({ kind: 'class-transformer-rename', fix: 'none', reason: expect.stringContaining('in src/use.ts') });
    expect(outcome.report.fixed.map((entry) => entry.file)).toEqual(['src/use.ts', 'src/use.ts']);
    // What was written is what was checked: the importer compiles as before.
    const written = createSourceProject(repo, ['src/parse.ts', 'src/use.ts'].map((file) => ({ absPath: path.join(repo, file), text: read(repo, file) })));
    expect(written.diagnostics(path.join(repo, 'src/use.ts'))).toEqual([]);
  });

  it('puts back a suspect whose rollback changed nothing, and blames no rewrite for what none explains', () => {
    // a.ts imports b.ts; b's rewrite breaks a; c.ts gained a diagnostic no rewrite explains.
    const rewritten = new Set(['a.ts', 'b.ts']);
    const restored: string[] = [];
    const rollbacks = verifyRewrites(['a.ts', 'b.ts'], {
      files: () => ['a.ts', 'b.ts', 'c.ts'],
      diagnostics: (file) => (file === 'a.ts' && rewritten.has('b.ts') ? ['TS2322: broken'] : file === 'c.ts' ? ['TS1: elsewhere'] : []),
      diagnosticsBefore: () => [],
      restore: (file) => (rewritten.delete(file), restored.push(file)),
      reapply: (file) => rewritten.add(file),
      dependencies: (file) => (file === 'a.ts' ? ['b.ts'] : file === 'c.ts' ? ['a.ts'] : []),
    });
    expect(rollbacks).toEqual([{ file: 'b.ts', introduced: ['TS2322: broken'], in: 'a.ts' }]);
    expect([...rewritten]).toEqual(['a.ts']);
    expect(restored).toEqual(['a.ts', 'b.ts', 'a.ts']);
  });

  it('checks importers outside the scope, which can break and cannot be edited', async () => {
    const repo = helperRepo(['src/parse.ts']);
    const outcome = await fix(repo);

    expect(read(repo, 'src/parse.ts')).toContain('plainToClass(Settings');
    expect(outcome.report.failures).toEqual([
      expect.objectContaining({ file: 'src/parse.ts', stage: 'type-check', message: expect.stringMatching(/TS2322 in legacy\/report\.ts: /) }),
    ]);
  });
});

describe('after a rollback', () => {
  it('checks the rolled back file and the files depending on it again', () => {
    // a.ts imports b.ts. b's rewrite breaks b; a's rewrite only compiles against b's rewrite.
    const rewritten = new Set(['a.ts', 'b.ts']);
    const asked: string[] = [];
    const rollbacks = verifyRewrites(['a.ts', 'b.ts'], {
      files: () => ['a.ts', 'b.ts'],
      diagnostics: (file) => {
        asked.push(file);
        if (file === 'b.ts') return rewritten.has('b.ts') ? ['TS2322: b'] : [];
        return rewritten.has('a.ts') && !rewritten.has('b.ts') ? ['TS2339: a'] : [];
      },
      diagnosticsBefore: () => [],
      restore: (file) => rewritten.delete(file),
      reapply: (file) => rewritten.add(file),
      dependencies: (file) => (file === 'a.ts' ? ['b.ts'] : []),
    });
    expect(rollbacks).toEqual([
      { file: 'b.ts', introduced: ['TS2322: b'], in: 'b.ts' },
      { file: 'a.ts', introduced: ['TS2339: a'], in: 'a.ts' },
    ]);
    expect(rewritten.size).toBe(0);
    // Pass 1: a, b (new), b again with b rolled back. Pass 2 (b was rolled back): a (new now), a again with a
    // rolled back, b. Pass 3 (a was rolled back): a.
    expect(asked).toEqual(['a.ts', 'b.ts', 'b.ts', 'a.ts', 'a.ts', 'b.ts', 'a.ts']);
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

  it('keeps a rewrite that only TypeScript 6 strict defaults object to, in a project that pins TypeScript 5 without strict', async () => {
    const repo = looseRepo('^5.4.0');
    const outcome = await fix(repo);
    expect(outcome.report.failures).toEqual([]);
    expect(read(repo, 'src/title.ts')).toContain('plainToInstance(Post, raw).title');
  });

  it.skipIf(!typescript5)('judges with the TypeScript 5 the project has installed, and keeps the rewrite', async () => {
    const repo = looseRepo('^5.4.0');
    symlinkSync(typescript5!, path.join(repo, 'node_modules', 'typescript'), 'dir');
    writeFiles(repo, { 'src/legacy.ts': 'module Legacy {\n  export const retries = 3;\n}\nexport const retries = Legacy.retries;\n' });
    const typeCheck = createTypeCheck({
      repoRoot: repo,
      files: new Map([['src/legacy.ts', { absPath: path.join(repo, 'src/legacy.ts'), text: read(repo, 'src/legacy.ts') }]]),
      originals: new Map([['src/legacy.ts', read(repo, 'src/legacy.ts')]]),
    });
    expect(typeCheck.compiler).toMatchObject({ origin: 'installed', version: '5.9.3' });
    // TypeScript 6 makes `module` for a namespace an error (TS1540); the project's TypeScript 5 does not.
    expect(typeCheck.diagnosticsBefore('src/legacy.ts')).toEqual([]);

    const outcome = await fix(repo);
    expect(outcome.report.failures).toEqual([]);
    expect(read(repo, 'src/title.ts')).toContain('plainToInstance(Post, raw).title');
  });

  it.skipIf(!typescript5)("states TypeScript 5's defaults so that TypeScript 6 computes every option as 5.9 does", () => {
    const repo = writeFiles(tempDir(), { 'package.json': JSON.stringify({ devDependencies: { typescript: '~5.9.0' } }) });
    const compiler = projectCompiler(repo);
    expect(compiler).toMatchObject({ origin: 'declared', version: '5.9.0' });
    type Computed = Record<string, { computeValue(options: object): unknown }>;
    const ts5 = createRequire(path.join(typescript5!, 'package.json'))(typescript5!) as { computedOptions: Computed };
    const ts6 = compiler.ts as unknown as { computedOptions: Computed };
    const { ModuleKind: M, ScriptTarget: T, ModuleResolutionKind: R } = compiler.ts;
    const tsconfigs: object[] = [
      {},
      { strict: true },
      { strict: false, noImplicitAny: true },
      { target: T.ES2020 },
      { target: T.ES2022, module: M.NodeNext },
      { module: M.Node16 },
      { module: M.CommonJS, esModuleInterop: true },
      { module: M.ESNext, moduleResolution: R.Bundler },
      { module: M.Preserve },
      { module: M.System },
    ];
    for (const tsconfig of tsconfigs) {
      const explicit = { ...tsconfig, ...compiler.defaults(tsconfig) };
      for (const name of Object.keys(ts5.computedOptions)) {
        expect([tsconfig, name, ts6.computedOptions[name].computeValue(explicit)]).toEqual([tsconfig, name, ts5.computedOptions[name].computeValue(tsconfig)]);
      }
    }
  });

  it('reads the TypeScript major from package.json or the lockfile, and judges TypeScript 7 and unknown as 6', () => {
    const compilerOf = (files: Record<string, string>) => projectCompiler(writeFiles(tempDir(), files));
    expect(compilerOf({ 'package.json': JSON.stringify({ devDependencies: { typescript: '~5.4.2' } }) })).toMatchObject({ origin: 'declared', version: '5.4.2' });
    const lock = { lockfileVersion: 3, packages: { '': { devDependencies: { typescript: '*' } }, 'node_modules/typescript': { version: '4.9.5' } } };
    expect(compilerOf({ 'package.json': JSON.stringify({ devDependencies: { typescript: '*' } }), 'package-lock.json': JSON.stringify(lock) })).toMatchObject({ origin: 'declared', version: '4.9.5' });
    expect(compilerOf({ 'package.json': JSON.stringify({ devDependencies: { typescript: '^7.0.0' } }) })).toMatchObject({ origin: 'bundled' });
    // TypeScript 7's package has no compiler API (`exports` only a version): not driven, judged as 6.
    const native = JSON.stringify({ name: 'typescript', version: '7.0.2', exports: { '.': './lib/version.cjs' } });
    expect(compilerOf({ 'node_modules/typescript/package.json': native, 'node_modules/typescript/lib/version.cjs': "exports.version = '7.0.2';\n" })).toMatchObject({ origin: 'bundled' });
    expect(compilerOf({})).toMatchObject({ origin: 'bundled' });
    expect(compilerOf({}).defaults({})).toEqual({});
  });

  it('falls back to the declared major, with a warning, when the installed compiler fails', async () => {
    const repo = looseRepo('^5.4.0');
    writeFiles(repo, {
      'node_modules/typescript/package.json': JSON.stringify({ name: 'typescript', version: '5.0.4', main: 'index.js' }),
      'node_modules/typescript/index.js': "module.exports = { version: '5.0.4', createProgram() {}, preProcessFile() {} };\n",
    });
    const outcome = await fix(repo);
    expect(outcome.warnings).toContainEqual(expect.stringMatching(/^the project's TypeScript 5\.0\.4 failed to type-check the rewrites \(.*\); deprecfix's TypeScript 6\.\d+\.\d+ judged them with TypeScript 5's defaults$/));
    expect(outcome.report.failures).toEqual([]);
    expect(read(repo, 'src/title.ts')).toContain('plainToInstance(Post, raw).title');
  });

  it('resolves @types from the project, never from deprecfix (which linting borrows @types/node from)', () => {
    const repo = writeFiles(tempDir(), {
      'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true, target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler' } }),
      'src/bytes.ts': "export const bytes = Buffer.from('abc');\n",
    });
    const files = new Map([['src/bytes.ts', { absPath: path.join(repo, 'src/bytes.ts'), text: read(repo, 'src/bytes.ts') }]]);
    const typeCheck = createTypeCheck({ repoRoot: repo, files, originals: new Map([['src/bytes.ts', read(repo, 'src/bytes.ts')]]) });
    expect(typeCheck.diagnosticsBefore('src/bytes.ts')).toEqual([expect.stringMatching(/^TS25(80|91): Cannot find name 'Buffer'/)]);
    const lintProject = createSourceProject(repo, [...files.values()]);
    expect(lintProject.diagnostics(path.join(repo, 'src/bytes.ts'))).toEqual([]);
  });

  it('sees every @types package a TypeScript 5 project installed, and none unlisted on TypeScript 6', () => {
    const diagnosticsOn = (typescriptRange: string) => {
      const repo = writeFiles(tempDir(), {
        'package.json': JSON.stringify({ name: 'globals', private: true, devDependencies: { typescript: typescriptRange } }),
        'tsconfig.json': JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler' } }),
        'node_modules/@types/shim/package.json': JSON.stringify({ name: '@types/shim', version: '1.0.0', types: 'index.d.ts' }),
        'node_modules/@types/shim/index.d.ts': 'declare const shimmed: number;\n',
        'src/use.ts': 'export const doubled = shimmed * 2;\n',
      });
      const files = new Map([['src/use.ts', { absPath: path.join(repo, 'src/use.ts'), text: read(repo, 'src/use.ts') }]]);
      return createTypeCheck({ repoRoot: repo, files, originals: new Map([['src/use.ts', read(repo, 'src/use.ts')]]) }).diagnosticsBefore('src/use.ts');
    };
    expect(diagnosticsOn('^5.4.0')).toEqual([]);
    expect(diagnosticsOn('^6.0.0')).toEqual([expect.stringContaining("TS2304: Cannot find name 'shimmed'")]);
  });

  it('rolls the same rewrite back in a project on TypeScript 6, whose default is strict', async () => {
    const repo = looseRepo('^6.0.0');
    const outcome = await fix(repo);
    expect(outcome.report.failures).toEqual([expect.objectContaining({ file: 'src/title.ts', message: expect.stringContaining('TS2532') })]);
    expect(read(repo, 'src/title.ts')).toContain('plainToClass(Post, raw).title');
  });

  it('rolls it back when judged in the run\'s own program (our compiler, the same options: the project has @types/node)', async () => {
    const repo = looseRepo('^6.0.0');
    writeFiles(repo, nodeTypes);
    const outcome = await fix(repo);
    expect(outcome.report.failures).toEqual([expect.objectContaining({ file: 'src/title.ts', message: expect.stringContaining('TS2532') })]);
    expect(read(repo, 'src/title.ts')).toContain('plainToClass(Post, raw).title');
  });
});

/** An installed @types/node, so that linting borrows nothing and its options are the type-check's. */
const nodeTypes = {
  'node_modules/@types/node/package.json': JSON.stringify({ name: '@types/node', version: '20.11.0', types: 'index.d.ts' }),
  'node_modules/@types/node/index.d.ts': 'declare var process: { env: Record<string, string | undefined> };\n',
};

describe("the type-check judges in the run's program", () => {
  it('judges the texts as read with the same roots: a global that a root declares through a package import is no new error', async () => {
    // setup.ts is a root of the run's program (its comment names the helper) and imports a package that declares
    // `track` globally; the type-check's own roots would not reach it. track('stamp') is an error either way.
    const repo = writeFiles(tempDir(), {
      'deprecfix.manifest.json': JSON.stringify({ version: 1, scopes: { release: ['src/api/**'] } }),
      'package.json': JSON.stringify({ name: 'app', private: true, type: 'module' }),
      'tsconfig.json': JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true }, include: ['src/**/*.ts'] }),
      ...nodeTypes,
      'node_modules/tracker/package.json': JSON.stringify({ name: 'tracker', version: '1.0.0', types: 'index.d.ts' }),
      'node_modules/tracker/index.d.ts': 'declare global {\n  function track(event: number): void;\n}\nexport {};\n',
      'src/lib/time.ts': 'export function nowUtc(): Date {\n  return new Date();\n}\n\n/** @deprecated Use {@link nowUtc} instead. */\nexport function utcnow(): Date {\n  return nowUtc();\n}\n',
      'src/api/setup.ts': "// Installs the tracker before utcnow() stamps anything.\nimport 'tracker';\n",
      'src/api/main.ts': "import { utcnow } from '../lib/time.js';\n\nexport function stamp(): string {\n  track('stamp');\n  return utcnow().toISOString();\n}\n",
    });
    const outcome = await fix(repo);
    expect(outcome.report.failures).toEqual([]);
    expect(read(repo, 'src/api/main.ts')).toContain('return nowUtc().toISOString();');
  });

  const CLEAN = 'export const count: number = 1;\n';
  const BROKEN = "export const count: number = 'one';\n";
  /**
   * The run's program is given a text other than the type-check's, which no run does, so that the diagnostics show
   * which program judged: TS2322 in the run's, none in a program of the type-check's own.
   */
  const judgedIn = (files: Record<string, string>, judged = 'src/count.ts') => {
    const repo = writeFiles(tempDir(), { 'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true, target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler' } }), ...nodeTypes, ...files });
    const runProject = createSourceProject(repo, [{ absPath: path.join(repo, 'src/count.ts'), text: BROKEN }]);
    const absPath = path.join(repo, judged);
    const typeCheck = createTypeCheck({
      repoRoot: repo,
      files: new Map([[judged, { absPath, text: read(repo, judged) }]]),
      originals: new Map([[judged, read(repo, judged)]]),
      program: runProject.program,
    });
    return typeCheck.diagnostics(judged);
  };

  it('when the compiler is ours with the same options and the program holds every file judged', () => {
    expect(judgedIn({ 'src/count.ts': CLEAN })).toEqual([expect.stringContaining('TS2322')]);
  });

  it('not when the project declares another TypeScript major (its defaults differ)', () => {
    expect(judgedIn({ 'src/count.ts': CLEAN, 'package.json': JSON.stringify({ devDependencies: { typescript: '~5.9.0' } }) })).toEqual([]);
  });

  it('not when linting borrows @types/node (the options differ)', () => {
    const repo = writeFiles(tempDir(), { 'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true } }), 'src/count.ts': CLEAN });
    const runProject = createSourceProject(repo, [{ absPath: path.join(repo, 'src/count.ts'), text: BROKEN }]);
    const files = new Map([['src/count.ts', { absPath: path.join(repo, 'src/count.ts'), text: CLEAN }]]);
    expect(createTypeCheck({ repoRoot: repo, files, originals: new Map([['src/count.ts', CLEAN]]), program: runProject.program }).diagnostics('src/count.ts')).toEqual([]);
  });

  it('not when a file judged is outside it', () => {
    expect(judgedIn({ 'src/count.ts': CLEAN, 'src/other.ts': CLEAN }, 'src/other.ts')).toEqual([]);
  });
});
