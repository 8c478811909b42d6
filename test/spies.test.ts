/**
 * Issue 10 item 1: a rename must not silently disarm a test spy. A spec spies on a library export by name
 * (`jest.spyOn(ct, 'plainToClass')`, a `jest.mock` factory key); a source file calls it. Renaming the call without
 * the spy makes the spy see nothing. End to end with the built CLI on temporary repositories.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { changedPaths, gitCommitAll, packageRoot, runCli, snapshotTree, tempDir, writeFiles } from './helpers.js';

const REPORTS = ['deprecfix-report.json', 'deprecfix-report.md'];
const ignoreCache = (file: string) => file.startsWith('node_modules/.cache');

const SOURCE = "import { plainToClass } from 'class-transformer';\n\nexport class User {\n  name = '';\n}\n\nexport const parseUser = (raw: unknown) => plainToClass(User, raw);\n";
const SOURCE_RENAMED = "import { plainToInstance } from 'class-transformer';\n\nexport class User {\n  name = '';\n}\n\nexport const parseUser = (raw: unknown) => plainToInstance(User, raw);\n";

const jestSpec = (spy: string) =>
  `import * as classTransformer from 'class-transformer';\nimport { parseUser } from '../src/user.service';\n\nit('parses through class-transformer', () => {\n  const spy = ${spy};\n  parseUser({ name: 'a' });\n  expect(spy).toHaveBeenCalledTimes(1);\n});\n`;
const SPEC = jestSpec("jest.spyOn(classTransformer, 'plainToClass')");

/** A committed repository with class-transformer 0.5.1 and date-fns-tz 3.2.0 installed (type declarations only). */
function spyRepo(files: Record<string, string>): string {
  const repo = tempDir();
  const installed = (pkg: string) => readFileSync(path.join(packageRoot, 'fixtures/demo-repo/node_modules', pkg, 'index.d.ts'), 'utf8');
  writeFiles(repo, {
    'package.json': JSON.stringify({ name: 'app', dependencies: { 'class-transformer': '0.5.1', 'date-fns-tz': '3.2.0' } }),
    'node_modules/class-transformer/package.json': JSON.stringify({ name: 'class-transformer', version: '0.5.1', types: 'index.d.ts' }),
    'node_modules/class-transformer/index.d.ts': installed('class-transformer'),
    'node_modules/date-fns-tz/package.json': JSON.stringify({ name: 'date-fns-tz', version: '3.2.0', types: 'index.d.ts' }),
    'node_modules/date-fns-tz/index.d.ts': installed('date-fns-tz'),
    'deprecfix.manifest.json': JSON.stringify({
      version: 1,
      scopes: { source: ['src/**'], both: ['src/**', 'test/**'] },
    }),
    ...files,
  });
  gitCommitAll(repo, 'initial');
  return repo;
}

function readReport(repo: string) {
  return JSON.parse(readFileSync(path.join(repo, 'deprecfix-report.json'), 'utf8'));
}

function fix(repo: string, scope: string) {
  const before = snapshotTree(repo, ignoreCache);
  const run = runCli(['--scope', scope, '--no-repo-totals'], repo);
  const changed = changedPaths(before, snapshotTree(repo, ignoreCache)).filter((file) => !REPORTS.includes(file));
  return { run, changed, report: readReport(repo), markdown: readFileSync(path.join(repo, 'deprecfix-report.md'), 'utf8') };
}

const read = (repo: string, file: string) => readFileSync(path.join(repo, file), 'utf8');

describe('a spy in a spec outside the scope holds the calls it observes', () => {
  it('holds the source call with the spy named, writes nothing, and reports it', () => {
    const repo = spyRepo({ 'src/user.service.ts': SOURCE, 'test/user.service.spec.ts': SPEC });
    const { run, changed, report, markdown } = fix(repo, 'source');

    expect(run.status).toBe(0);
    expect(changed).toEqual([]);
    const reason = "spied on as 'plainToClass' in test/user.service.spec.ts:5";
    expect(report.fixed).toEqual([]);
    expect(report.remaining).toEqual([
      expect.objectContaining({ file: 'src/user.service.ts', line: 7, kind: 'class-transformer-rename', fix: 'none', reason }),
    ]);
    expect(markdown).toContain(reason);
  });

  it('renames the spy and the calls together when both are in scope', () => {
    const repo = spyRepo({ 'src/user.service.ts': SOURCE, 'test/user.service.spec.ts': SPEC });
    const { run, changed, report } = fix(repo, 'both');

    expect(run.status).toBe(0);
    expect(changed).toEqual(['src/user.service.ts', 'test/user.service.spec.ts']);
    expect(read(repo, 'src/user.service.ts')).toBe(SOURCE_RENAMED);
    expect(read(repo, 'test/user.service.spec.ts')).toBe(jestSpec("jest.spyOn(classTransformer, 'plainToInstance')"));
    expect(report.remaining).toEqual([]);
  });

  it.each([
    ['vi.spyOn', jestSpec("vi.spyOn(classTransformer, 'plainToClass')"), 5, jestSpec("vi.spyOn(classTransformer, 'plainToInstance')")],
    [
      'sinon.stub on a require',
      "const sinon = require('sinon');\nconst ct = require('class-transformer');\n\nit('parses', () => {\n  const stub = sinon.stub(ct, 'plainToClass');\n});\n",
      5,
      "const sinon = require('sinon');\nconst ct = require('class-transformer');\n\nit('parses', () => {\n  const stub = sinon.stub(ct, 'plainToInstance');\n});\n",
    ],
    [
      "node:test's t.mock.method on a require",
      "const test = require('node:test');\nconst ct = require('class-transformer');\n\ntest('parses', (t) => {\n  const spy = t.mock.method(ct, 'plainToClass');\n});\n",
      5,
      "const test = require('node:test');\nconst ct = require('class-transformer');\n\ntest('parses', (t) => {\n  const spy = t.mock.method(ct, 'plainToInstance');\n});\n",
    ],
    [
      'sinon.spy',
      "import sinon from 'sinon';\nimport * as ct from 'class-transformer';\n\nsinon.spy(ct, 'plainToClass');\n",
      4,
      "import sinon from 'sinon';\nimport * as ct from 'class-transformer';\n\nsinon.spy(ct, 'plainToInstance');\n",
    ],
    [
      'a jest.mock factory with a requireActual spread',
      "jest.mock('class-transformer', () => ({\n  ...jest.requireActual('class-transformer'),\n  plainToClass: jest.fn(),\n}));\n",
      3,
      "jest.mock('class-transformer', () => ({\n  ...jest.requireActual('class-transformer'),\n  plainToInstance: jest.fn(),\n}));\n",
    ],
    [
      'a vi.mock factory with a quoted key',
      "vi.mock('class-transformer', () => ({ 'plainToClass': vi.fn() }));\n",
      1,
      "vi.mock('class-transformer', () => ({ 'plainToInstance': vi.fn() }));\n",
    ],
  ])('%s: held when the spec is out of scope, renamed with it when in scope', (_name, spec, line, renamedSpec) => {
    const repo = spyRepo({ 'src/user.service.ts': SOURCE, 'test/user.service.spec.ts': spec });
    const held = fix(repo, 'source');
    expect(held.run.status).toBe(0);
    expect(held.changed).toEqual([]);
    expect(held.report.remaining).toEqual([
      expect.objectContaining({ file: 'src/user.service.ts', fix: 'none', reason: `spied on as 'plainToClass' in test/user.service.spec.ts:${line}` }),
    ]);

    const together = fix(repo, 'both');
    expect(together.run.status).toBe(0);
    expect(read(repo, 'src/user.service.ts')).toBe(SOURCE_RENAMED);
    expect(read(repo, 'test/user.service.spec.ts')).toBe(renamedSpec);
  });

  it('date-fns-tz: a vi.spyOn on zonedTimeToUtc holds the call, and moves with it in scope', () => {
    const source = "import { zonedTimeToUtc } from 'date-fns-tz';\n\nexport const start = (local: Date) => zonedTimeToUtc(local, 'Europe/Berlin');\n";
    const spec = "import * as tz from 'date-fns-tz';\nimport { start } from '../src/clock';\n\nconst spy = vi.spyOn(tz, 'zonedTimeToUtc');\n";
    const repo = spyRepo({ 'src/clock.ts': source, 'test/clock.spec.ts': spec });

    const held = fix(repo, 'source');
    expect(held.run.status).toBe(0);
    expect(held.changed).toEqual([]);
    expect(held.report.remaining).toEqual([
      expect.objectContaining({ file: 'src/clock.ts', kind: 'date-fns-tz-rename', fix: 'none', reason: "spied on as 'zonedTimeToUtc' in test/clock.spec.ts:4" }),
    ]);

    const together = fix(repo, 'both');
    expect(together.run.status).toBe(0);
    expect(read(repo, 'src/clock.ts')).toBe(source.replaceAll('zonedTimeToUtc', 'fromZonedTime'));
    expect(read(repo, 'test/clock.spec.ts')).toBe(spec.replace("'zonedTimeToUtc'", "'fromZonedTime'"));
  });

  it('a spy on a different export does not hold this one', () => {
    const repo = spyRepo({ 'src/user.service.ts': SOURCE, 'test/user.service.spec.ts': jestSpec("jest.spyOn(classTransformer, 'classToPlain')") });
    const { run, changed } = fix(repo, 'source');
    expect(run.status).toBe(0);
    expect(changed).toEqual(['src/user.service.ts']);
    expect(read(repo, 'src/user.service.ts')).toBe(SOURCE_RENAMED);
  });

  it('a mock of the whole library holds the exports its spec names: an automock, a factory it cannot read, a mocked function configured by name', () => {
    const mockSpec = (mock: string, body: string) =>
      `import { plainToClass } from 'class-transformer';\nimport { parseUser } from '../src/user.service';\n\n${mock}\n\nit('parses', () => {\n  ${body};\n  expect(parseUser({})).toEqual({ name: 'm' });\n});\n`;
    const cases = [
      // the spy named is the configured function; the mock's own line when the spec only asserts on the name
      { spec: mockSpec("jest.mock('class-transformer');", "jest.mocked(plainToClass).mockReturnValue({ name: 'm' } as never)"), at: 7 },
      { spec: mockSpec("vi.mock(import('class-transformer'), () => mockCt);", 'expect(plainToClass).not.toHaveBeenCalled()'), at: 4 },
      // jest.config's `automock`: no mock call, only the mocked function configured by name
      { spec: mockSpec('// automock', "(plainToClass as jest.Mock).mockReturnValue({ name: 'm' })"), at: 7 },
      { spec: mockSpec('// automock', "(ct.plainToClass as jest.Mock).mockReturnValue({ name: 'm' })").replace('{ plainToClass }', '* as ct'), at: 7 },
    ];
    for (const { spec, at } of cases) {
      const repo = spyRepo({ 'src/user.service.ts': SOURCE, 'test/user.service.spec.ts': spec });
      const held = fix(repo, 'source');
      expect([spec, held.run.status, held.changed]).toEqual([spec, 0, []]);
      expect(held.report.remaining).toEqual([expect.objectContaining({ file: 'src/user.service.ts', reason: `spied on as 'plainToClass' in test/user.service.spec.ts:${at}` })]);
      // In scope together: the spec's name moves with the call.
      const together = fix(repo, 'both');
      expect([spec, together.run.status, together.changed]).toEqual([spec, 0, ['src/user.service.ts', 'test/user.service.spec.ts']]);
      expect(read(repo, 'test/user.service.spec.ts')).toBe(spec.replaceAll('plainToClass', 'plainToInstance'));
    }
    // The library is mocked, but the spec names another export: this call is renamed.
    const other = mockSpec("jest.mock('class-transformer');", 'expect(classToPlain).not.toHaveBeenCalled()').replace('{ plainToClass }', '{ classToPlain }');
    const repo = spyRepo({ 'src/user.service.ts': SOURCE, 'test/user.service.spec.ts': other });
    const { run, changed } = fix(repo, 'source');
    expect([run.status, changed]).toEqual([0, ['src/user.service.ts']]);
  });

  it('a spy on the replacement name holds the rename even in scope: the spy would start seeing these calls', () => {
    const repo = spyRepo({ 'src/user.service.ts': SOURCE, 'test/user.service.spec.ts': jestSpec("jest.spyOn(classTransformer, 'plainToInstance')") });
    const { run, changed, report } = fix(repo, 'both');
    expect(run.status).toBe(0);
    expect(changed).toEqual([]);
    expect(report.remaining).toEqual([
      expect.objectContaining({ file: 'src/user.service.ts', reason: "spied on as 'plainToInstance' in test/user.service.spec.ts:5" }),
    ]);
  });

  it('a spy in a git-ignored file or under node_modules does not count', () => {
    const repo = spyRepo({ '.gitignore': 'generated/\n', 'src/user.service.ts': SOURCE });
    // Written after the commit (the helper force-adds everything): untracked and ignored, as in a real checkout.
    writeFiles(repo, { 'generated/old.spec.ts': SPEC, 'node_modules/some-lib/test/user.spec.ts': SPEC });
    const { run, changed } = fix(repo, 'source');
    expect(run.status).toBe(0);
    expect(changed).toEqual(['src/user.service.ts']);
    expect(read(repo, 'src/user.service.ts')).toBe(SOURCE_RENAMED);
  });

  it('a spied name is renamed together only when every file that references it is in scope', () => {
    const other = "import * as ct from 'class-transformer';\n\nexport const load = (raw: unknown) => ct.plainToClass(Object, raw);\n";
    const repo = spyRepo({ 'src/user.service.ts': SOURCE, 'test/user.service.spec.ts': SPEC, 'lib/loader.ts': other });
    const { run, changed, report } = fix(repo, 'both');
    expect(run.status).toBe(0);
    expect(changed).toEqual([]);
    expect(report.remaining).toEqual([
      expect.objectContaining({ file: 'src/user.service.ts', reason: "spied on as 'plainToClass' in test/user.service.spec.ts:5" }),
      expect.objectContaining({ file: 'test/user.service.spec.ts', reason: expect.stringContaining('a string names the export') }),
    ]);
  });

  it('undoes the rename when one file of the group keeps the old name for another reason', () => {
    // `src/admin.ts` declares its own `plainToInstance`, so its call is held (name conflict): renaming the spy and
    // `src/user.service.ts` would leave the spy blind to the admin call.
    const admin = "import { plainToClass } from 'class-transformer';\n\nconst plainToInstance = 1;\nexport const parseAdmin = (raw: unknown) => plainToClass(Object, raw);\n";
    const repo = spyRepo({ 'src/user.service.ts': SOURCE, 'src/admin.ts': admin, 'test/user.service.spec.ts': SPEC });
    const { run, changed, report } = fix(repo, 'both');
    expect(run.status).toBe(0);
    expect(changed).toEqual([]);
    expect(report.fixed).toEqual([]);
    const rolledBack = "rewrite rolled back: 'plainToClass' is spied on in test/user.service.spec.ts:5 and src/admin.ts keeps the old name";
    expect(report.remaining).toEqual([
      expect.objectContaining({ file: 'src/admin.ts', reason: expect.stringContaining('already taken') }),
      expect.objectContaining({ file: 'src/user.service.ts', fix: 'none', reason: rolledBack }),
      expect.objectContaining({ file: 'test/user.service.spec.ts', fix: 'none', reason: rolledBack }),
    ]);
  });

  it('scan grades the findings as fix would on the same files', () => {
    const repo = spyRepo({ 'src/user.service.ts': SOURCE, 'test/user.service.spec.ts': SPEC });
    const scoped = runCli(['scan', '--scope', 'source', '--format', 'json'], repo);
    expect(scoped.status).toBe(0);
    expect(JSON.parse(scoped.stdout).findings).toEqual([
      expect.objectContaining({ file: 'src/user.service.ts', fix: 'none', reason: "spied on as 'plainToClass' in test/user.service.spec.ts:5" }),
    ]);
    const both = runCli(['scan', 'src', 'test', '--format', 'json'], repo);
    expect(JSON.parse(both.stdout).findings.map((finding: { file: string; fix: string }) => [finding.file, finding.fix])).toEqual([
      ['src/user.service.ts', 'safe'],
      ['test/user.service.spec.ts', 'safe'],
    ]);
  });
});
