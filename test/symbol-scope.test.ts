/**
 * `path#Symbol` manifest entries (CONTRACT §3): resolution (tables), and end to end with the built CLI: only the
 * findings inside a listed symbol are rewritten and counted in scope; the rest of the file is out of scope.
 */
import { cpSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { editDistance } from '../src/edit-distance.js';
import { nearestNames } from '../src/manifest/entry-symbols.js';
import { loadManifest } from '../src/manifest/load-manifest.js';
import { resolveScope } from '../src/manifest/resolve-scope.js';
import { changedOutsideSymbols, splitBySymbols } from '../src/scope.js';
import { symbolTable } from '../src/symbols/index.js';
import { changedPaths, gitCommitAll, gitRepo, makeFinding, packageRoot, readReport, runCli, snapshotTree, writeFiles, usageError } from './helpers.js';

const SERVICE_TS = [
  "import { zonedTimeToUtc } from 'date-fns-tz';",
  '',
  'export class TaskService {',
  '  @Traced()',
  '  create(): string {',
  "    return new Date(0).toGMTString() + zonedTimeToUtc(new Date(0), 'UTC').toISOString();",
  '  }',
  '',
  '  legacy(): string {',
  "    return new Date(1).toGMTString() + zonedTimeToUtc(new Date(1), 'UTC').toISOString();",
  '  }',
  '}',
  '',
  'function Traced(): MethodDecorator {',
  '  return () => undefined;',
  '}',
  '',
].join('\n');

const JOBS_PY = ['from datetime import datetime', '', '', 'def start():', '    return datetime.utcnow()', '', '', 'def finish():', '    return datetime.utcnow()', ''].join('\n');

const REPO_FILES = {
  'node_modules/date-fns-tz/package.json': JSON.stringify({ name: 'date-fns-tz', version: '3.2.0' }),
  'package.json': JSON.stringify({ name: 'app', dependencies: { 'date-fns-tz': '^3.2.0' } }),
  '.gitignore': 'node_modules/.cache\n',
  'src/service.ts': SERVICE_TS,
  'src/other.ts': 'export const stamp = () => new Date(2).toGMTString();\n',
  'app/jobs.py': JOBS_PY,
};

const manifestOf = (scopes: Record<string, string[]>) => JSON.stringify({ version: 1, scopes }, null, 2);
const ignoreCache = (file: string) => file.startsWith('node_modules/.cache');
const REPORTS = ['deprecfix-report.json', 'deprecfix-report.md'];

function repoWith(scopes: Record<string, string[]>, files: Record<string, string> = {}): string {
  return gitRepo({ ...REPO_FILES, ...files, 'deprecfix.manifest.json': manifestOf(scopes) });
}

function resolveIn(repo: string, spec: string) {
  return resolveScope(loadManifest(path.join(repo, 'deprecfix.manifest.json')), spec, { repoRoot: repo });
}

describe('resolving #Symbol entries', () => {
  it.each<[string, Record<string, string[]>, string, string[], [string, string[]][]]>([
    ['one method', { p: ['src/service.ts#TaskService.create'] }, 'p', ['src/service.ts'], [['src/service.ts', ['TaskService.create']]]],
    [
      'two symbols of one file in two scopes, united and sorted',
      { a: ['src/service.ts#TaskService.legacy'], b: ['src/service.ts#TaskService.create', 'app/jobs.py#start'] },
      'a,b',
      ['app/jobs.py', 'src/service.ts'],
      [['app/jobs.py', ['start']], ['src/service.ts', ['TaskService.create', 'TaskService.legacy']]],
    ],
    ['a file whole in one scope and by symbol in another is whole', { a: ['src/service.ts'], b: ['src/service.ts#TaskService.create'] }, 'a,b', ['src/service.ts'], []],
    ['whole through a glob wins too', { a: ['src/service.ts#TaskService.create', 'src/*.ts'] }, 'a', ['src/other.ts', 'src/service.ts'], []],
    ['only the resolved scopes count: the whole-file scope is not asked for', { a: ['src/service.ts'], b: ['src/service.ts#TaskService.create'] }, 'b', ['src/service.ts'], [['src/service.ts', ['TaskService.create']]]],
    ['an excluded file drops its symbol entry', { a: ['src/service.ts#TaskService.create', '!src/service.ts'] }, 'a', [], []],
    ['a class, a function, a Python def', { a: ['src/service.ts#TaskService', 'src/service.ts#Traced', 'app/jobs.py#finish'] }, 'a', ['app/jobs.py', 'src/service.ts'], [['app/jobs.py', ['finish']], ['src/service.ts', ['TaskService', 'Traced']]]],
  ])('%s', (_title, scopes, spec, files, symbols) => {
    const scope = resolveIn(repoWith(scopes), spec);
    expect(scope.files).toEqual(files);
    expect([...scope.symbols]).toEqual(symbols);
    expect(scope.warnings).toEqual([]);
  });

  it('a symbol that does not exist is a usage error naming the nearest names', () => {
    const repo = repoWith({ p: ['src/service.ts#TaskService.crate', 'app/jobs.py#strat', 'src/service.ts#create'] });
    const error = usageError(() => resolveIn(repo, 'p'));
    expect(error.message.split('\n')).toEqual([
      'deprecfix.manifest.json:5: p lists src/service.ts#TaskService.crate: no such function, class or method in src/service.ts; did you mean TaskService.create?',
      'deprecfix.manifest.json:6: p lists app/jobs.py#strat: no such function, class or method in app/jobs.py; did you mean start?',
      'deprecfix.manifest.json:7: p lists src/service.ts#create: no such function, class or method in src/service.ts; did you mean TaskService.create?',
    ]);
    expect(error.hint).toContain('Correct the symbol after #');
  });

  it('with no near name, the error lists what the file defines', () => {
    const error = usageError(() => resolveIn(repoWith({ p: ['app/jobs.py#reconcile'] }), 'p'));
    expect(error.message).toContain('app/jobs.py#reconcile: no such function, class or method in app/jobs.py; it defines start, finish');
  });

  it('a file with a syntax error: its readable symbols resolve, a missing one says the file is broken', () => {
    const broken = 'def good():\n    return 1\n\n\ndef bad(:\n    pass\n';
    const repo = repoWith({ p: ['app/broken.py#good'], q: ['app/broken.py#missing'] }, { 'app/broken.py': broken });
    expect([...resolveIn(repo, 'p').symbols]).toEqual([['app/broken.py', ['good']]]);
    expect(usageError(() => resolveIn(repo, 'q')).message).toContain('app/broken.py has a syntax error at line 5');
  });

  it.each([
    ['a glob', 'src/*.ts#TaskService.create', 'a #Symbol entry names a symbol of one file, and src/*.ts is a glob'],
    ['a directory', 'src#TaskService.create', 'src is a directory'],
  ])('a symbol on %s is a usage error', (_title, entry, message) => {
    // `src#x` is not a symbol suffix (no extension before the #): it is a missing path, a warning.
    const repo = repoWith({ p: [entry] });
    if (entry.startsWith('src#')) {
      expect(resolveIn(repo, 'p').warnings[0]).toContain('which does not exist');
      return;
    }
    expect(usageError(() => resolveIn(repo, 'p')).message).toContain(message);
  });

  it('a symbol on a file that is not source code is a usage error; on a deleted file, a warning', () => {
    const repo = repoWith({ p: ['README.md#intro'], q: ['src/gone.ts#f'] }, { 'README.md': '# x\n' });
    expect(usageError(() => resolveIn(repo, 'p')).message).toContain('README.md is not a TypeScript, JavaScript or Python file');
    expect(resolveIn(repo, 'q').warnings).toEqual(['deprecfix.manifest.json:8: q lists src/gone.ts#f, which does not exist (deleted after the phase?)']);
  });

  it('nearestNames prefers the same last segment, then a small edit distance', () => {
    const table = symbolTable('a.ts', 'class A { createTask() {} } class B { createTask() {} } function createTest() {} function zebra() {}');
    expect(nearestNames('createTsk', table)).toEqual(['A.createTask', 'B.createTask', 'createTest']);
    expect(nearestNames('createTask', table)).toEqual(['A.createTask', 'B.createTask', 'createTest']);
    expect(nearestNames('A.createTsk', table)).toEqual(['A.createTask', 'B.createTask', 'createTest']);
    expect(nearestNames('unrelated', table)).toEqual([]);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });
});

describe('splitBySymbols', () => {
  const symbols = new Map([['src/service.ts', ['TaskService.create']]]);
  const textOf = () => SERVICE_TS;

  it('keeps findings inside a listed symbol (decorators included), moves the rest out', () => {
    const inside = makeFinding('src/service.ts', 6, { column: 12 });
    const onDecorator = makeFinding('src/service.ts', 4, { column: 3 });
    const otherMethod = makeFinding('src/service.ts', 10, { column: 12 });
    const importLine = makeFinding('src/service.ts', 1, { column: 10 });
    const wholeFile = makeFinding('src/other.ts', 1, { column: 30 });
    const result = splitBySymbols({ symbols }, [inside, onDecorator, otherMethod, importLine, wholeFile], textOf);
    expect(result.inScope).toEqual([inside, onDecorator, wholeFile]);
    expect(result.outside).toEqual([otherMethod, importLine]);
  });

  it('follows the symbol when a rewrite moved it (an import line added above)', () => {
    const moved = `import { x } from 'y';\n${SERVICE_TS}`;
    const result = splitBySymbols({ symbols }, [makeFinding('src/service.ts', 7, { column: 12 }), makeFinding('src/service.ts', 11, { column: 12 })], () => moved);
    expect(result.inScope.map((finding) => finding.line)).toEqual([7]);
    expect(result.outside.map((finding) => finding.line)).toEqual([11]);
  });

  it('locates a runtime warning (a line, no column) by the symbol lines', () => {
    const result = splitBySymbols({ symbols }, [{ file: 'src/service.ts', line: 6 }, { file: 'src/service.ts', line: 10 }, { file: 'src/service.ts' }], textOf);
    expect(result.inScope).toEqual([{ file: 'src/service.ts', line: 6 }]);
    expect(result.outside).toHaveLength(2);
  });
});

describe('changedOutsideSymbols', () => {
  const py = JOBS_PY;
  it.each<[string, string, string, string, boolean]>([
    ['a change inside the symbol', 'a.py', py, py.replace('def start():\n    return datetime.utcnow()', 'def start():\n    return datetime.now(timezone.utc)'), false],
    ['an import extended at the top', 'a.py', py, py.replace('from datetime import datetime', 'from datetime import datetime, timezone').replace('    return datetime.utcnow()', '    return datetime.now()'), false],
    ['an import line added after the imports', 'a.py', py, py.replace('from datetime import datetime\n', 'from datetime import datetime\nfrom datetime import timezone\n'), false],
    ['a change in another def', 'a.py', py, py.replace(/utcnow\(\)\n$/, 'now()\n'), true],
    ['a change between the defs', 'a.py', py, py.replace('\n\n\ndef finish', '\n\nX = 1\n\ndef finish'), true],
    ['TS: the import renamed, the method changed', 'a.ts', SERVICE_TS, SERVICE_TS.replace("import { zonedTimeToUtc }", "import { zonedTimeToUtc, fromZonedTime }").replace('new Date(0).toGMTString()', 'new Date(0).toUTCString()'), false],
    ['TS: the other method changed', 'a.ts', SERVICE_TS, SERVICE_TS.replace('new Date(1).toGMTString()', 'new Date(1).toUTCString()'), true],
    ['TS: the decorator of the listed method changed', 'a.ts', SERVICE_TS, SERVICE_TS.replace('@Traced()', '@Traced( )'), false],
  ])('%s', (_title, file, before, after, expected) => {
    expect(before).not.toBe(after);
    expect(changedOutsideSymbols(file, before, after, file === 'a.py' ? ['start'] : ['TaskService.create'])).toBe(expected);
  });
});

describe('deprecfix fix with #Symbol entries (built CLI)', () => {
  it('TypeScript: rewrites only the listed method (its import follows), counts the other method out of scope', () => {
    const repo = repoWith({ p: ['src/service.ts#TaskService.create'] });
    const before = snapshotTree(repo, ignoreCache);
    const run = runCli(['--scope', 'p'], repo);
    expect(run.status).toBe(0);

    expect(changedPaths(before, snapshotTree(repo, ignoreCache))).toEqual([...REPORTS, 'src/service.ts'].sort());
    const expected = SERVICE_TS.replace("import { zonedTimeToUtc } from 'date-fns-tz';", "import { zonedTimeToUtc, fromZonedTime } from 'date-fns-tz';").replace(
      "return new Date(0).toGMTString() + zonedTimeToUtc(new Date(0), 'UTC')",
      "return new Date(0).toUTCString() + fromZonedTime(new Date(0), 'UTC')",
    );
    expect(readFileSync(path.join(repo, 'src/service.ts'), 'utf8')).toBe(expected);

    const report = readReport(repo);
    expect(report.scope).toMatchObject({ files: ['src/service.ts'], symbols: { 'src/service.ts': ['TaskService.create'] } });
    expect(report.before.total).toBe(2);
    expect(report.after.total).toBe(0);
    expect(report.fixed.map((entry: { line: number }) => entry.line)).toEqual([6, 6]);
    // legacy()'s two findings, src/other.ts's one and app/jobs.py's two.
    expect(report.outOfScope.byRule).toEqual({ 'deprecfix/no-utcnow-date': 3, 'deprecfix/py-utcnow': 2 });
    expect(report.notes).toContain('src/service.ts: only TaskService.create is in scope (#Symbol entries); 2 findings elsewhere in the file are out of scope');
    // The saved report reads back with its symbols.
    const rendered = runCli(['report', 'deprecfix-report.json', '--format', 'json'], repo);
    expect(rendered.status).toBe(0);
    expect(JSON.parse(rendered.stdout).scope.symbols).toEqual({ 'src/service.ts': ['TaskService.create'] });

    // Idempotent: a second run finds nothing in scope and writes nothing.
    gitCommitAll(repo, 'after fix');
    const settled = snapshotTree(repo, ignoreCache);
    expect(runCli(['--scope', 'p'], repo).status).toBe(0);
    expect(changedPaths(settled, snapshotTree(repo, ignoreCache)).filter((file) => !REPORTS.includes(file))).toEqual([]);
    expect(readReport(repo)).toMatchObject({ before: { total: 0 }, outOfScope: { total: 5 } });
  });

  it('Python: rewrites only the listed def (the timezone import follows), counts the other def out of scope', () => {
    const repo = repoWith({ p: ['app/jobs.py#start'] });
    const before = snapshotTree(repo, ignoreCache);
    const run = runCli(['--scope', 'p'], repo);
    expect(run.status).toBe(0);
    expect(changedPaths(before, snapshotTree(repo, ignoreCache))).toEqual(['app/jobs.py', ...REPORTS]);
    expect(readFileSync(path.join(repo, 'app/jobs.py'), 'utf8')).toBe(
      ['from datetime import datetime, timezone', '', '', 'def start():', '    return datetime.now(timezone.utc).replace(tzinfo=None)', '', '', 'def finish():', '    return datetime.utcnow()', ''].join('\n'),
    );
    const report = readReport(repo);
    expect(report.before.total).toBe(1);
    expect(report.after.total).toBe(0);
    expect(report.outOfScope.byRule).toEqual({ 'deprecfix/no-utcnow-date': 5, 'deprecfix/py-utcnow': 1 });
  });

  it('a rewrite that would reach outside the symbol (a moved subpath import renames every reference) is held, nothing written', () => {
    const text = [
      "import { plainToClass } from 'class-transformer/ClassTransformer';",
      '',
      'class T {',
      '  id = 1;',
      '}',
      '',
      'export function one(raw: unknown) {',
      '  return plainToClass(T, raw);',
      '}',
      '',
      'export function two(raw: unknown) {',
      '  return plainToClass(T, raw);',
      '}',
      '',
    ].join('\n');
    const repo = repoWith({ p: ['src/deep.ts#one'] }, { 'src/deep.ts': text });
    cpSync(path.join(packageRoot, 'fixtures/demo-repo/node_modules/class-transformer'), path.join(repo, 'node_modules/class-transformer'), { recursive: true });
    gitCommitAll(repo, 'class-transformer');
    const before = snapshotTree(repo, ignoreCache);
    expect(runCli(['--scope', 'p', '--no-repo-totals'], repo).status).toBe(0);
    expect(changedPaths(before, snapshotTree(repo, ignoreCache))).toEqual(REPORTS);
    const report = readReport(repo);
    expect(report.fixed).toEqual([]);
    expect(report.remaining).toEqual([
      expect.objectContaining({ file: 'src/deep.ts', line: 8, fix: 'none', reason: expect.stringContaining('rewrite held: it would also change code outside one') }),
    ]);
  });

  it('a file whole in one scope and by symbol in another is rewritten whole', () => {
    const repo = repoWith({ a: ['app/jobs.py'], b: ['app/jobs.py#start'] });
    expect(runCli(['--scope', 'a,b'], repo).status).toBe(0);
    expect(readFileSync(path.join(repo, 'app/jobs.py'), 'utf8')).not.toContain('utcnow');
    expect(readReport(repo)).toMatchObject({ before: { total: 2 }, after: { total: 0 }, scope: { files: ['app/jobs.py'] } });
    expect(readReport(repo).scope.symbols).toBeUndefined();
  });

  it('a symbol that does not exist: exit 2 with the suggestion, nothing written', () => {
    const repo = repoWith({ p: ['src/service.ts#TaskService.crate'] });
    const before = snapshotTree(repo);
    const run = runCli(['--scope', 'p'], repo);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('p lists src/service.ts#TaskService.crate: no such function, class or method in src/service.ts; did you mean TaskService.create?');
    expect(changedPaths(before, snapshotTree(repo))).toEqual([]);
  });

  it('scan counts only the listed symbol, and says how many findings it left out', () => {
    const repo = repoWith({ p: ['src/service.ts#TaskService.legacy', 'app/jobs.py#finish'] });
    const run = runCli(['scan', '--scope', 'p', '--format', 'json'], repo);
    expect(run.status).toBe(0);
    const findings = JSON.parse(run.stdout).findings as { file: string; line: number }[];
    expect(findings.map((finding) => `${finding.file}:${finding.line}`)).toEqual(['app/jobs.py:9', 'src/service.ts:10', 'src/service.ts:10']);
    expect(run.stderr).toContain('src/service.ts: only TaskService.legacy is in scope (#Symbol entries); 2 findings elsewhere in the file are out of scope');
  });

  it('CRLF files: the symbol ranges and the rewrite keep the line endings', () => {
    const crlf = JOBS_PY.replace(/\n/g, '\r\n');
    const repo = repoWith({ p: ['app/jobs.py#finish'] }, { 'app/jobs.py': crlf });
    writeFiles(repo, { '.gitattributes': '* -text\n' });
    gitCommitAll(repo, 'crlf');
    expect(runCli(['--scope', 'p'], repo).status).toBe(0);
    expect(readFileSync(path.join(repo, 'app/jobs.py'), 'utf8')).toBe(
      crlf.replace('from datetime import datetime\r\n', 'from datetime import datetime, timezone\r\n').replace(/def finish\(\):\r\n {4}return datetime\.utcnow\(\)/, 'def finish():\r\n    return datetime.now(timezone.utc).replace(tzinfo=None)'),
    );
  });
});
