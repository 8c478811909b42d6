/**
 * `deprecated-helper` end to end: the built CLI on a temporary repository whose own helpers are deprecated. A scoped
 * `fix` rewrites the scoped calls (and their imports), leaves the helper's module and the out-of-scope caller
 * byte-for-byte, keeps the repository type-checking, and changes nothing on a second run.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSourceProject } from '../src/project.js';
import { changedPaths, git, gitCommitAll, gitRepo, runCli, snapshotTree } from './helpers.js';

const TIME = `export function nowUtc(): Date {
  return new Date();
}

/** @deprecated Use {@link nowUtc} instead. */
export function utcnow(): Date {
  return nowUtc();
}

export class Task {
  constructor(readonly title: string) {}

  toPlain(): Record<string, unknown> {
    return { title: this.title };
  }

  /** @deprecated Use {@link Task.toPlain} instead. */
  toDict(): Record<string, unknown> {
    return this.toPlain();
  }
}
`;

const MAIN = `import { Task, utcnow } from '../lib/time.js';

export function createTask(title: string): Record<string, unknown> {
  const task = new Task(title);
  return { ...task.toDict(), createdAt: utcnow().toISOString() };
}
`;

const LEGACY = `import { utcnow } from '../lib/time.js';

// Untouched since phase 4: out of scope.
export const exportedAt = utcnow();
`;

const FILES = {
  'package.json': JSON.stringify({ name: 'app', private: true, type: 'module' }),
  'tsconfig.json': JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true }, include: ['src/**/*.ts'] }),
  'deprecfix.manifest.json': JSON.stringify({ version: 1, scopes: { phase1: ['src/api/**'] } }),
  'src/lib/time.ts': TIME,
  'src/api/main.ts': MAIN,
  'src/legacy/export.ts': LEGACY,
};

/** The out-of-scope counts by rule of a `fix` run with `args`, as its report states them. */
function readReportTotals(repo: string, args: string[]): Record<string, number> {
  const run = runCli([...args, '--allow-dirty'], repo);
  expect(run.status).toBe(0);
  return JSON.parse(readFileSync(path.join(repo, 'deprecfix-report.json'), 'utf8')).outOfScope.byRule;
}

function diagnostics(repo: string): string[] {
  const files = Object.keys(FILES).filter((file) => file.endsWith('.ts'));
  const project = createSourceProject(repo, files.map((file) => ({ absPath: path.join(repo, file), text: readFileSync(path.join(repo, file), 'utf8') })));
  return files.flatMap((file) => project.diagnostics(path.join(repo, file)).map((message) => `${file}: ${message}`));
}

describe('deprecfix fix --scope with deprecated repository helpers', () => {
  it('rewrites the scoped calls only, keeps the repository type-checking, and is idempotent', () => {
    const repo = gitRepo(FILES);
    const before = snapshotTree(repo);
    expect(diagnostics(repo)).toEqual([]);

    const run = runCli(['--scope', 'phase1', '--no-repo-totals'], repo);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(readFileSync(path.join(repo, 'src/api/main.ts'), 'utf8')).toBe(
      MAIN.replace('{ Task, utcnow }', '{ Task, nowUtc }').replace('task.toDict()', 'task.toPlain()').replace('utcnow().toISOString()', 'nowUtc().toISOString()'),
    );
    const reports = ['deprecfix-report.json', 'deprecfix-report.md'];
    expect(changedPaths(before, snapshotTree(repo)).filter((file) => !reports.includes(file))).toEqual(['src/api/main.ts']);
    expect(diagnostics(repo)).toEqual([]);

    const report = JSON.parse(readFileSync(path.join(repo, 'deprecfix-report.json'), 'utf8'));
    expect(report.fixed.map((entry: { line: number; ruleId: string; kind: string }) => `${entry.line} ${entry.ruleId} ${entry.kind}`).sort()).toEqual([
      '5 deprecfix/no-deprecated-helper deprecated-helper',
      '5 deprecfix/no-deprecated-helper deprecated-helper',
    ]);
    expect(report.before.byRule).toEqual({ 'deprecfix/no-deprecated-helper': 2 });
    expect(report.after.total).toBe(0);

    gitCommitAll(repo, 'after fix');
    const settled = snapshotTree(repo);
    const again = runCli(['--scope', 'phase1', '--no-repo-totals'], repo);
    expect(again.status).toBe(0);
    expect(changedPaths(settled, snapshotTree(repo)).filter((file) => !reports.includes(file))).toEqual([]);
    expect(JSON.parse(readFileSync(path.join(repo, 'deprecfix-report.json'), 'utf8')).fixed).toEqual([]);
  });

  it('holds task.toDict() when a file outside the scope, which nothing in it imports, overrides toDict', () => {
    const audited = "import { Task } from '../lib/time.js';\n\nexport class AuditedTask extends Task {\n  override toDict(): Record<string, unknown> {\n    return { ...super.toDict(), audited: true };\n  }\n}\n";
    const repo = gitRepo({ ...FILES, 'src/other/audited.ts': audited });
    const run = runCli(['--scope', 'phase1', '--no-repo-totals'], repo);
    expect(run.status).toBe(0);
    // utcnow() is still renamed; the call an AuditedTask may reach stays, with the reason.
    expect(readFileSync(path.join(repo, 'src/api/main.ts'), 'utf8')).toBe(MAIN.replace('{ Task, utcnow }', '{ Task, nowUtc }').replace('utcnow().toISOString()', 'nowUtc().toISOString()'));
    const report = JSON.parse(readFileSync(path.join(repo, 'deprecfix-report.json'), 'utf8'));
    expect(report.remaining.map((entry: { kind: string; reason: string }) => `${entry.kind}: ${entry.reason}`)).toEqual([
      "deprecated-helper: the receiver's class, or a class it may be at runtime, overrides the helper or the replacement, so the call would run other code",
    ]);
    expect(readFileSync(path.join(repo, 'src/other/audited.ts'), 'utf8')).toBe(audited);
  });

  it('counts the out-of-scope call in the repository totals, and recounts when the helper’s tag changes', () => {
    const repo = gitRepo(FILES);
    expect(readReportTotals(repo, ['--scope', 'phase1'])).toEqual({ 'deprecfix/no-deprecated-helper': 1 });

    // The cache is keyed by the files that declare helpers: dropping the tag leaves nothing to count.
    writeFileSync(path.join(repo, 'src/lib/time.ts'), TIME.replace('/** @deprecated Use {@link nowUtc} instead. */\n', ''));
    git(repo, 'checkout', '--', 'src/api/main.ts');
    gitCommitAll(repo, 'undeprecate utcnow');
    expect(readReportTotals(repo, ['--scope', 'phase1'])).toEqual({});
  });

  it('scan counts the out-of-scope call, with the replacement named', () => {
    const repo = gitRepo(FILES);
    const run = runCli(['scan', 'src/legacy', '--format', 'json'], repo);
    expect(run.status).toBe(0);
    const scan = JSON.parse(run.stdout) as { findings: { file: string; line: number; kind: string; fix: string; message: string }[] };
    expect(scan.findings.map((finding) => `${finding.file}:${finding.line} ${finding.kind} ${finding.fix}`)).toEqual(['src/legacy/export.ts:4 deprecated-helper safe']);
    expect(scan.findings[0]!.message).toBe('`utcnow` is deprecated in this repository; its JSDoc names `nowUtc` instead.');
  });

  it('does not count the rule in the repository totals when the config turns it off', () => {
    const repo = gitRepo({ ...FILES, 'deprecfix.config.json': JSON.stringify({ rules: { 'no-deprecated-helper': 'off' } }) });
    expect(readReportTotals(repo, ['--scope', 'phase1'])).toEqual({});
  });
});

describe('a test that spies on a deprecated helper (or on its replacement)', () => {
  /** A spec outside the scope observing the helper through the module object, as ts-jest compiles it. */
  const spec = (spy: string) => `import * as time from '../src/lib/time.js';
import { Task } from '../src/lib/time.js';
import { createTask } from '../src/api/main.js';

it('stamps the task with the mocked clock', () => {
  ${spy};
  expect(createTask('a')).toBeDefined();
  expect(new Task('b')).toBeDefined();
});
`;
  const remaining = (repo: string) =>
    (JSON.parse(readFileSync(path.join(repo, 'deprecfix-report.json'), 'utf8')).remaining as { line: number; reason: string }[]).map((entry) => `${entry.line}: ${entry.reason}`);

  it('holds the call a spy observes, writes nothing, and names the spy; the other helper is still renamed', () => {
    const repo = gitRepo({ ...FILES, 'test/main.spec.ts': spec("jest.spyOn(time, 'utcnow').mockReturnValue(new Date(0))") });
    const run = runCli(['--scope', 'phase1', '--no-repo-totals'], repo);
    expect(run.status).toBe(0);
    // utcnow() stays: the spy would stop seeing it; task.toDict() is nobody's spy and is renamed.
    expect(readFileSync(path.join(repo, 'src/api/main.ts'), 'utf8')).toBe(MAIN.replace('task.toDict()', 'task.toPlain()'));
    expect(remaining(repo)).toEqual(["5: spied on as 'utcnow' in test/main.spec.ts:6"]);
  });

  it('holds a method call when a spy on the class prototype, a stub, a node:test mock or a cast string names it or its replacement', () => {
    for (const spy of ["vi.spyOn(Task.prototype, 'toDict')", "sinon.stub(Task.prototype, 'toPlain').returns({})", "t.mock.method(Task.prototype, 'toDict')", "jest.spyOn(Task.prototype, 'toDict' as never)"]) {
      const repo = gitRepo({ ...FILES, 'test/main.spec.ts': spec(spy) });
      expect(runCli(['--scope', 'phase1', '--no-repo-totals'], repo).status).toBe(0);
      expect([spy, readFileSync(path.join(repo, 'src/api/main.ts'), 'utf8')]).toEqual([spy, MAIN.replace('{ Task, utcnow }', '{ Task, nowUtc }').replace('utcnow().toISOString()', 'nowUtc().toISOString()')]);
      expect(remaining(repo)).toEqual([expect.stringMatching(/^5: spied on as 'toDict|toPlain' in test\/main\.spec\.ts:6$/)]);
    }
  });

  it("holds every helper of a module a test mocks: a factory (whatever it returns), an automock, vitest's import() form", () => {
    for (const mock of ["jest.mock('../src/lib/time.js', () => mockTime)", "jest.mock('../src/lib/time')", "vi.mock(import('../src/lib/time.js'), { spy: true })"]) {
      const repo = gitRepo({ ...FILES, 'test/main.spec.ts': spec(mock) });
      expect(runCli(['--scope', 'phase1', '--no-repo-totals'], repo).status).toBe(0);
      expect([mock, readFileSync(path.join(repo, 'src/api/main.ts'), 'utf8')]).toEqual([mock, MAIN]);
      expect(remaining(repo).map((entry) => entry.replace(/'[^']*'/, "'…'"))).toEqual(["5: its module is mocked as '…' in test/main.spec.ts:6", "5: its module is mocked as '…' in test/main.spec.ts:6"]);
    }
  });

  it('holds the calls that reach a mocked module through a barrel (export *, a named re-export, a namespace import), not a direct import of the helper', () => {
    const throughBarrel = MAIN.replace("'../lib/time.js'", "'../lib/index.js'");
    const cases = [
      { barrel: "export * from './time.js';\n", main: throughBarrel, mock: "jest.mock('../src/lib')", held: ['5', '5'] },
      { barrel: "export { Task, utcnow, nowUtc } from './time.js';\n", main: throughBarrel, mock: "vi.mock('../src/lib/index.js', () => lib)", held: ['5', '5'] },
      {
        barrel: "export * as clock from './clock.js';\n",
        main: "import * as lib from '../lib/index.js';\n\nexport const stamp = (): string => lib.clock.utcnow().toISOString();\n",
        mock: "jest.mock('../src/lib/index')",
        held: ['3'],
      },
      { barrel: "import { utcnow, nowUtc } from './time.js';\nexport { utcnow, nowUtc };\n", main: "import * as lib from '../lib/index.js';\n\nexport const stamp = (): string => lib.utcnow().toISOString();\n", mock: "jest.mock('../src/lib')", held: ['3'] },
      // The caller imports the helper's own module: a mock of the barrel does not reach it.
      { barrel: "export * from './time.js';\n", main: MAIN, mock: "jest.mock('../src/lib')", held: [] },
    ];
    for (const { barrel, main, mock, held } of cases) {
      const repo = gitRepo({ ...FILES, 'src/lib/index.ts': barrel, 'src/lib/clock.ts': "export * from './time.js';\n", 'src/api/main.ts': main, 'test/main.spec.ts': spec(mock) });
      expect(runCli(['--scope', 'phase1', '--no-repo-totals'], repo).status).toBe(0);
      const lines = remaining(repo).map((entry) => entry.split(':')[0]);
      expect([barrel, main, lines]).toEqual([barrel, main, held]);
      if (held.length > 0) expect(remaining(repo)[0]).toMatch(/: its module is mocked as '\.\.\/src\/lib(\/index(\.js)?)?' in test\/main\.spec\.ts:6$/);
      // Every use is held, or none is.
      expect(readFileSync(path.join(repo, 'src/api/main.ts'), 'utf8') === main).toBe(held.length > 0);
    }
  });

  it('holds a helper a test configures as a mocked function, with no jest.mock call (jest.config.js: automock)', () => {
    const repo = gitRepo({ ...FILES, 'jest.config.js': 'module.exports = { automock: true };\n', 'test/main.spec.ts': spec('jest.mocked(time.utcnow).mockReturnValue(new Date(0))') });
    expect(runCli(['--scope', 'phase1', '--no-repo-totals'], repo).status).toBe(0);
    expect(readFileSync(path.join(repo, 'src/api/main.ts'), 'utf8')).toBe(MAIN.replace('task.toDict()', 'task.toPlain()'));
    expect(remaining(repo)).toEqual(["5: spied on as 'utcnow' in test/main.spec.ts:6"]);
  });

  it("does not hold for a platform spy or another module's mock that names the helper", () => {
    const doubles = "jest.spyOn(Date, 'utcnow' as never); jest.mock('axios', () => ({ toDict: jest.fn(), utcnow: jest.fn() }))";
    const repo = gitRepo({ ...FILES, 'test/main.spec.ts': spec(doubles) });
    expect(runCli(['--scope', 'phase1', '--no-repo-totals'], repo).status).toBe(0);
    expect(readFileSync(path.join(repo, 'src/api/main.ts'), 'utf8')).toBe(
      MAIN.replace('{ Task, utcnow }', '{ Task, nowUtc }').replace('task.toDict()', 'task.toPlain()').replace('utcnow().toISOString()', 'nowUtc().toISOString()'),
    );
  });

  it('renames when the spec only names the helper otherwise (a string replace, a test title)', () => {
    const repo = gitRepo({ ...FILES, 'test/main.spec.ts': spec("const label = 'utcnow'.replace('utc', 'toDict'); it('utcnow', () => label)") });
    expect(runCli(['--scope', 'phase1', '--no-repo-totals'], repo).status).toBe(0);
    expect(readFileSync(path.join(repo, 'src/api/main.ts'), 'utf8')).toBe(
      MAIN.replace('{ Task, utcnow }', '{ Task, nowUtc }').replace('task.toDict()', 'task.toPlain()').replace('utcnow().toISOString()', 'nowUtc().toISOString()'),
    );
  });
});
