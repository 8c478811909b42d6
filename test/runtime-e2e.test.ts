/**
 * `fix --test`, `warnings` and `report --format checklist` end to end (CONTRACT §12), on the runtime fixtures
 * (`fixtures/runtime/README.md` says what each one is and what its suite does before and after the rewrite): the
 * built CLI on a committed copy, checking exit codes, bytes on disk and the report.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { changedPaths, cliPath, copyFixtureRepo, git, gitRepo, readReport, runCli, snapshotTree } from './helpers.js';

const python = spawnSync('python3', ['-c', 'import pytest, pydantic; assert pydantic.VERSION.startswith("2")'], { encoding: 'utf8' });
const pythonReason = python.status === 0 ? undefined : 'python3 with pytest and pydantic 2 is not available';
/** pytest without its cache and bytecode, so a refused run writes nothing at all. */
const PYTEST = 'python3 -m pytest -q -p no:cacheprovider';
const QUIET_PYTHON = { PYTHONDONTWRITEBYTECODE: '1' };
const read = (repo: string, file: string) => readFileSync(path.join(repo, file), 'utf8');
const isScratch = (file: string) => file.startsWith('.git/') || file.startsWith('deprecfix-report.');

describe.skipIf(pythonReason)('fix --test on a Python project (pytest, pydantic 2)', () => {
  it('runs the suite before and after: green both times, the deprecation warnings drop, each site matched to its finding', () => {
    const repo = copyFixtureRepo('runtime/green-python');
    const run = runCli(['fix', '--scope', 'app', '--test', PYTEST], repo, QUIET_PYTHON);
    expect(run.status, run.stderr).toBe(0);
    const report = readReport(repo);
    expect(report.runtime).toMatchObject({
      command: PYTEST,
      before: { exitCode: 0, warnings: { total: 102, byCategory: { PydanticDeprecatedSince20: 102 } } },
      after: { exitCode: 0, warnings: { total: 0 } },
      rolledBack: [],
      exhausted: false,
    });
    expect(report.runtime.runs.map((entry: { purpose: string; exitCode: number }) => [entry.purpose, entry.exitCode])).toEqual([['before', 0], ['after', 0]]);
    expect(report.runtime.sites.map((site: { before: number; after: number; finding: { fixed: boolean } }) => [site.before, site.after, site.finding.fixed])).toEqual([
      [51, 0, true],
      [50, 0, true],
      [1, 0, true],
    ]);
    expect(report.runtime.other).toEqual([]);
    expect(report.fixed.map((entry: { runtimeHits: number }) => entry.runtimeHits).sort((a: number, b: number) => b - a)).toEqual([51, 50, 1]);
    expect(report.run).toMatchObject({ argv: ['deprecfix', 'fix', '--scope', 'app', '--test', PYTEST], commit: git(repo, 'rev-parse', 'HEAD').trim(), dirty: false });
    expect(read(repo, 'deprecfix-report.md')).toContain(`**Runtime deprecation warnings: 102 → 0 (−102) while \`${PYTEST}\` stayed green**`);

    const checklist = runCli(['report', 'deprecfix-report.json', '--format', 'checklist'], repo);
    expect(checklist.status).toBe(0);
    const sha = report.run.commit.slice(0, 7);
    expect(checklist.stdout).toMatch(
      new RegExp(`^- \\[x\\] Deprecated calls in \`app\`: 3 → 0; runtime warnings 102 → 0; \`${PYTEST}\` green before and after \\(verified: commit ${sha}, \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\dZ\\)\\n$`),
    );
  });

  it('finds the rewrite that breaks a test by bisection, rolls it back with the failing output, and ends green', () => {
    const repo = copyFixtureRepo('runtime/breaking-python');
    const clock = read(repo, 'app/clock.py');
    const run = runCli(['fix', '--scope', 'app', '--unsafe-fixes', '--test', PYTEST], repo, QUIET_PYTHON);
    expect(run.status, run.stderr).toBe(3);
    const report = readReport(repo);
    expect(report.runtime.rolledBack).toEqual([{ file: 'app/clock.py', reason: expect.stringContaining('test_audit_stamp_is_naive_for_the_database_column') }]);
    expect(report.runtime.after.exitCode).toBe(0);
    expect(read(repo, 'app/clock.py')).toBe(clock);
    expect(git(repo, 'status', '--porcelain', '--', 'app').split('\n').filter(Boolean).sort()).toEqual([' M app/epoch.py', ' M app/invoices.py', ' M app/models.py', ' M app/orders.py']);
    expect(report.failures).toEqual([expect.objectContaining({ file: 'app/clock.py', stage: 'test' })]);
    expect(report.remaining.filter((entry: { file: string }) => entry.file === 'app/clock.py').every((entry: { reason: string }) => entry.reason.startsWith('the tests fail with this rewrite'))).toBe(true);
    // before, after (red), then the bisection: log2(5) prefixes and the confirming run.
    const purposes = report.runtime.runs.map((entry: { purpose: string }) => entry.purpose);
    expect(purposes.slice(0, 2)).toEqual(['before', 'after']);
    expect(purposes.slice(2).every((purpose: string) => purpose === 'bisect')).toBe(true);
    expect(purposes.length).toBeLessThanOrEqual(1 + 8);
    expect(report.runtime.runs.at(-1)).toMatchObject({ exitCode: 0, withheld: ['app/clock.py'] });
  });

  it('deprecfix warnings -- <cmd> measures without rewriting, scoped like a scan', () => {
    const repo = copyFixtureRepo('runtime/green-python');
    const before = snapshotTree(repo);
    const run = runCli(['warnings', '--scope', 'app', '--format', 'json', '--', ...PYTEST.split(' ')], repo, QUIET_PYTHON);
    expect(run.status, run.stderr).toBe(0);
    const measured = JSON.parse(run.stdout);
    expect(measured).toMatchObject({ command: PYTEST, exitCode: 0, total: 102 });
    expect(measured.warnings.map((warning: { file: string }) => warning.file)).toEqual(expect.arrayContaining(['app/service.py']));
    expect(changedPaths(before, snapshotTree(repo))).toEqual([]);
  });
});

describe('fix --test on a Node project (node --test)', () => {
  it("counts DEP0005 from new Buffer() before and after, green both times", () => {
    const repo = copyFixtureRepo('runtime/green-node');
    const run = runCli(['fix', '--scope', 'src', '--test', 'node --test'], repo);
    expect(run.status, run.stderr).toBe(0);
    const report = readReport(repo);
    expect(report.runtime.before).toMatchObject({ exitCode: 0, warnings: { total: 2, byCategory: { DeprecationWarning: 2 } } });
    expect(report.runtime.after).toMatchObject({ exitCode: 0, warnings: { total: 0 } });
    expect(read(repo, 'src/codec.js')).not.toContain('new Buffer(');
  });

  it("runs the config's \"test\" on a bare --test, and never without --test", () => {
    const repo = copyFixtureRepo('runtime/green-node');
    writeFileSync(path.join(repo, 'deprecfix.config.json'), '{ "test": "node --test && touch ran-the-config-test" }\n');
    git(repo, 'add', '-A');
    git(repo, '-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-q', '-m', 'config');
    const without = runCli(['fix', '--scope', 'src', '--dry-run'], repo);
    expect(without.status, without.stderr).toBe(0);
    expect(existsSync(path.join(repo, 'ran-the-config-test'))).toBe(false);
    const bare = runCli(['fix', '--scope', 'src', '--dry-run', '--test'], repo);
    expect(bare.status, bare.stderr).toBe(0);
    expect(existsSync(path.join(repo, 'ran-the-config-test'))).toBe(true);
  });

  it('says so when the red baseline may be the code a planned repair fixes (a name the installed library no longer has)', () => {
    const repo = gitRepo({
      'package.json': JSON.stringify({ name: 'app', private: true, dependencies: { 'date-fns-tz': '3.2.0' } }),
      'node_modules/date-fns-tz/package.json': JSON.stringify({ name: 'date-fns-tz', version: '3.2.0', main: 'index.js', types: 'index.d.ts' }),
      'node_modules/date-fns-tz/index.js': 'exports.fromZonedTime = (date) => date;\n',
      'node_modules/date-fns-tz/index.d.ts': 'export declare function fromZonedTime(date: Date, timeZone: string): Date;\n',
      'deprecfix.manifest.json': JSON.stringify({ version: 1, scopes: { src: ['src/**'] } }),
      'src/time.js': "const { zonedTimeToUtc } = require('date-fns-tz');\n\nexports.stamp = () => zonedTimeToUtc(new Date(0), 'UTC');\n",
      'test/time.test.js': "const test = require('node:test');\nconst { stamp } = require('../src/time.js');\n\ntest('stamps', () => stamp());\n",
    });
    const refused = runCli(['fix', '--scope', 'src', '--test', 'node --test'], repo);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/1 planned rewrite repairs code that fails on the installed library version, which may be why: pass --allow-red-tests/);
    const applied = runCli(['fix', '--scope', 'src', '--test', 'node --test', '--allow-red-tests'], repo);
    expect(applied.status, applied.stderr).toBe(0);
    expect(readReport(repo).runtime).toMatchObject({ before: { exitCode: 1 }, after: { exitCode: 0 } });
  });

  it('refuses a red baseline with exit 2 and writes nothing; --allow-red-tests rewrites and reports both red runs', () => {
    const repo = copyFixtureRepo('runtime/red-baseline');
    const before = snapshotTree(repo);
    const refused = runCli(['fix', '--scope', 'src', '--test', 'node --test'], repo);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/the tests are red before any rewrite: `node --test` exited 1; nothing was written/);
    expect(refused.stderr).toMatch(/--allow-red-tests/);
    expect(changedPaths(before, snapshotTree(repo))).toEqual([]);

    const allowed = runCli(['fix', '--scope', 'src', '--test', 'node --test', '--allow-red-tests'], repo);
    expect(allowed.status, allowed.stderr).toBe(0);
    const report = readReport(repo);
    expect(report.runtime).toMatchObject({ before: { exitCode: 1 }, after: { exitCode: 1 }, rolledBack: [] });
    expect(report.runtime.runs.map((entry: { purpose: string }) => entry.purpose)).toEqual(['before', 'after']);
    const checklist = runCli(['report', 'deprecfix-report.json', '--format', 'checklist'], repo).stdout;
    expect(checklist).toMatch(/^- \[ \] Deprecated calls in `src`/);
    expect(checklist).toContain('- [ ] `node --test` was red before the rewrite (exit 1)');
    expect(checklist).toContain('- [ ] `node --test` is red after the rewrite (exit 1)');
  });

  it('kills a test command that hangs at --test-timeout and reports it', () => {
    const repo = copyFixtureRepo('runtime/hanging');
    const before = snapshotTree(repo);
    const run = runCli(['fix', '--scope', 'src', '--test', 'node --test', '--test-timeout', '2s'], repo);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/`node --test` was killed after 2\.\d s \(--test-timeout\)/);
    expect(changedPaths(before, snapshotTree(repo))).toEqual([]);
  });

  it('a rewrite that makes the tests hang is killed, found and rolled back', () => {
    const repo = copyFixtureRepo('runtime/hanging');
    const codec = read(repo, 'src/codec.js');
    const run = runCli(['fix', '--scope', 'src', '--test', 'node checks/hang-after-rewrite.mjs', '--test-timeout', '2s'], repo);
    expect(run.status, run.stderr).toBe(3);
    const report = readReport(repo);
    expect(report.runtime.rolledBack).toEqual([{ file: 'src/codec.js', reason: expect.stringMatching(/was killed after 2\.\d s \(--test-timeout\)/) }]);
    expect(report.runtime.runs.map((entry: { purpose: string; timedOut: boolean }) => [entry.purpose, entry.timedOut])).toEqual([['before', false], ['after', true], ['bisect', false]]);
    expect(read(repo, 'src/codec.js')).toBe(codec);
  });

  it('Ctrl-C while the tests run after the rewrite stops them and puts every written file back', async () => {
    const repo = copyFixtureRepo('runtime/hanging');
    const codec = read(repo, 'src/codec.js');
    const child = spawn(process.execPath, [cliPath, 'fix', '--scope', 'src', '--test', 'node checks/hang-after-rewrite.mjs'], { cwd: repo, env: { ...process.env, NO_COLOR: '1' } });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    // The after run has started once the file is rewritten on disk.
    while (read(repo, 'src/codec.js') === codec) await new Promise((resolve) => setTimeout(resolve, 50));
    await new Promise((resolve) => setTimeout(resolve, 300));
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(read(repo, 'src/codec.js')).toBe(codec);
    expect(stderr).toMatch(/interrupted by SIGINT/);
    const report = readReport(repo);
    expect(report).toMatchObject({ interrupted: 'SIGINT', fixed: [] });
    expect(report.remaining[0].reason).toMatch(/^restored: the run was interrupted \(SIGINT\) while the tests ran/);
  });
});
