/**
 * The CI gate: shards, merge and the verdict as units; then the built CLI on copies of the demo repository
 * (baseline, check pass/fail/stale/strict/missing/malformed, shards + merge), the cache, and the agreement with
 * plain `eslint --suppressions-location` and the plugin's `configs.strict`.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatBaseline, parseBaseline, type Baseline } from '../src/baseline.js';
import { judgeCheck } from '../src/check/gate.js';
import { mergeCheckResults } from '../src/check/merge.js';
import { renderCheck } from '../src/check/render.js';
import { checkRepository, CHECK_RESULT_TYPE, type CheckResult } from '../src/check/result.js';
import { assignShards, parseShard } from '../src/check/shards.js';
import { loadConfig } from '../src/config.js';
import type { Finding } from '../src/lint.js';
import { copyFixtureRepo, gitCommitAll, packageRoot, runCli, tempDir, usageError } from './helpers.js';

const UTC = 'deprecfix/no-utcnow-date';
const SER = 'deprecfix/no-legacy-serialization';
const RULES = ['deprecfix/no-legacy-serialization', 'deprecfix/no-utcnow-date', 'deprecfix/py-pydantic-v1', 'deprecfix/py-utcnow'];

function finding(file: string, line: number, ruleId = UTC): Finding {
  return {
    file,
    line,
    column: 10,
    endLine: line,
    endColumn: 30,
    ruleId,
    kind: ruleId === UTC ? 'annexb-togmtstring' : 'json-roundtrip-clone',
    message: ruleId === UTC ? '`toGMTString()` is a deprecated Annex B alias of `toUTCString()`.' : 'A JSON round trip clones lossily.',
    fix: 'safe',
  };
}

function resultOf(findings: Finding[], files: string[], overrides: Partial<CheckResult> = {}): CheckResult {
  return {
    tool: { name: 'deprecfix', version: '0.0.0-test' },
    type: CHECK_RESULT_TYPE,
    shard: { index: 1, count: 1 },
    fileSet: 'set',
    totalFiles: files.length,
    rules: RULES,
    files,
    findings,
    failures: [],
    ...overrides,
  };
}

function baselineOf(entries: Record<string, Record<string, number>>): Baseline {
  return Object.fromEntries(Object.entries(entries).map(([file, rules]) => [file, Object.fromEntries(Object.entries(rules).map(([rule, count]) => [rule, { count }]))]));
}

const judge = (result: CheckResult, baseline: Baseline, strict = false) => judgeCheck(result, baseline, { repoRoot: '/repo', baselineFile: '/repo/eslint-suppressions.json', strict });

describe('parseShard', () => {
  it.each([
    ['1/1', { index: 1, count: 1 }],
    ['2/4', { index: 2, count: 4 }],
    [' 4/4 ', { index: 4, count: 4 }],
  ])('%s', (spec, shard) => {
    expect(parseShard(spec)).toEqual(shard);
  });

  it.each(['0/2', '3/2', '1/0', '1', '1/2/3', 'a/b', '-1/2', '1.5/2'])('rejects %s', (spec) => {
    expect(usageError(() => parseShard(spec)).message).toContain('expected i/n with 1 ≤ i ≤ n');
  });
});

describe('assignShards', () => {
  // A seeded generator: the same "random" repository on every run.
  let seed = 42;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const files = Array.from({ length: 600 }, (_, i) => ({
    file: `packages/p${i % 7}/src/${i.toString(36)}.${i % 5 === 0 ? 'py' : 'ts'}`,
    size: Math.floor(random() < 0.05 ? random() * 200_000 : random() * 8_000),
  }));
  const weight = (entry: { size: number }) => entry.size + 2048;

  it.each([1, 2, 3, 4, 7, 16])('splits into %i shards: every file in exactly one shard, each shard close to 1/n of the code', (count) => {
    const shards = assignShards(files, count);
    expect([...shards.keys()].sort()).toEqual(files.map((entry) => entry.file).sort());
    for (const index of shards.values()) expect(index >= 1 && index <= count).toBe(true);
    const total = files.reduce((sum, entry) => sum + weight(entry), 0);
    const heaviest = Math.max(...files.map(weight));
    for (let index = 1; index <= count; index++) {
      const load = files.filter((entry) => shards.get(entry.file) === index).reduce((sum, entry) => sum + weight(entry), 0);
      // The cut points are at k/n of the total; a file straddling one moves at most its own weight.
      expect(Math.abs(load - total / count)).toBeLessThanOrEqual(heaviest);
    }
  });

  it('is deterministic: the order the files are listed in does not matter', () => {
    const shuffled = [...files].sort((a, b) => (a.size % 13) - (b.size % 13) || (a.file < b.file ? 1 : -1));
    expect(assignShards(shuffled, 5)).toEqual(assignShards(files, 5));
  });

  it('a new file moves only files next to it in hash order', () => {
    const before = assignShards(files, 4);
    const after = assignShards([...files, { file: 'packages/p0/src/new.ts', size: 1000 }], 4);
    const moved = files.filter((entry) => before.get(entry.file) !== after.get(entry.file));
    expect(moved.length).toBeLessThanOrEqual(3);
  });
});

describe('mergeCheckResults', () => {
  const all = ['a.ts', 'b.ts', 'c.ts'];
  const shard = (index: number, files: string[], overrides: Partial<CheckResult> = {}) =>
    resultOf(
      files.map((file) => finding(file, 1)),
      files,
      { shard: { index, count: 2 }, totalFiles: all.length, ...overrides },
    );

  it('combines the shards of one run into one result, sorted', () => {
    const merged = mergeCheckResults([shard(2, ['c.ts', 'a.ts']), shard(1, ['b.ts'])]);
    expect(merged.shard).toEqual({ index: 1, count: 1 });
    expect(merged.files).toEqual(all);
    expect(merged.findings.map((entry) => entry.file)).toEqual(all);
  });

  it.each([
    { name: 'a missing shard', results: () => [shard(1, ['a.ts', 'b.ts', 'c.ts'])], message: 'shard 2/2 missing' },
    { name: 'the same shard twice', results: () => [shard(1, ['a.ts']), shard(1, ['b.ts', 'c.ts'])], message: 'are both shard 1/2' },
    { name: 'another checkout', results: () => [shard(1, ['a.ts']), shard(2, ['b.ts', 'c.ts'], { fileSet: 'other' })], message: 'a different list of files' },
    { name: 'other rules', results: () => [shard(1, ['a.ts']), shard(2, ['b.ts', 'c.ts'], { rules: [UTC] })], message: 'rules' },
    { name: 'another version', results: () => [shard(1, ['a.ts']), shard(2, ['b.ts', 'c.ts'], { tool: { name: 'deprecfix', version: '9' } })], message: 'deprecfix 9' },
    { name: 'another shard count', results: () => [shard(1, ['a.ts']), shard(2, ['b.ts', 'c.ts'], { shard: { index: 2, count: 3 } })], message: 'shard count 3 vs 2' },
    { name: 'shards that overlap', results: () => [shard(1, ['a.ts', 'b.ts']), shard(2, ['b.ts', 'c.ts'])], message: 'do not split the same 3 files exactly once' },
    { name: 'shards that leave a file out', results: () => [shard(1, ['a.ts']), shard(2, ['b.ts'])], message: 'do not split the same 3 files exactly once' },
    { name: 'nothing', results: () => [], message: 'nothing to merge' },
  ])('refuses $name', ({ results, message }) => {
    expect(usageError(() => mergeCheckResults(results())).message).toContain(message);
  });
});

describe('judgeCheck and renderCheck', () => {
  const files = ['a.ts', 'b.ts'];
  const baseline = baselineOf({ 'a.ts': { [UTC]: 1 }, 'b.ts': { [SER]: 2 } });

  it.each([
    { name: 'equal counts pass', findings: [finding('a.ts', 1), finding('b.ts', 1, SER), finding('b.ts', 2, SER)], strict: false, exitCode: 0 },
    { name: 'growth fails', findings: [finding('a.ts', 1), finding('a.ts', 5), finding('b.ts', 1, SER), finding('b.ts', 2, SER)], strict: false, exitCode: 1 },
    { name: 'shrink passes', findings: [finding('a.ts', 1)], strict: false, exitCode: 0 },
    { name: 'shrink fails with --strict', findings: [finding('a.ts', 1)], strict: true, exitCode: 1 },
    { name: 'equal counts pass with --strict', findings: [finding('a.ts', 1), finding('b.ts', 1, SER), finding('b.ts', 2, SER)], strict: true, exitCode: 0 },
  ])('$name (exit $exitCode)', ({ findings, strict, exitCode }) => {
    expect(judge(resultOf(findings, files), baseline, strict).exitCode).toBe(exitCode);
  });

  it('a file that could not be linted is not judged, and the run exits 3', () => {
    const verdict = judge(resultOf([finding('a.ts', 1)], files, { failures: [{ file: 'b.ts', stage: 'parse', message: 'Parsing error' }] }), baseline, true);
    expect(verdict.stale).toEqual([]);
    expect(verdict.exitCode).toBe(3);
  });

  it('pretty: the offending locations (file:line:col rule kind message) and what to do', () => {
    const verdict = judge(resultOf([finding('a.ts', 1), finding('a.ts', 5), finding('b.ts', 1, SER)], files), baseline);
    const text = renderCheck(verdict, 'pretty', { color: false, cwd: '/repo' });
    expect(text).toContain('✖ deprecfix check failed: 1 finding above the baseline: 3 findings, eslint-suppressions.json allows 3');
    expect(text).toContain('a.ts  deprecfix/no-utcnow-date: 2 found, 1 allowed');
    expect(text).toContain('  a.ts:5:10  deprecfix/no-utcnow-date  annexb-togmtstring  `toGMTString()` is a deprecated Annex B alias of `toUTCString()`.');
    // b.ts dropped below its baseline: one line says how to tighten.
    expect(text).toContain('ℹ 1 baseline entry allows 1 finding that no longer exists: run `deprecfix baseline --prune` and commit eslint-suppressions.json to tighten it.');
  });

  it('pretty: a stale baseline passes with one line, and names --baseline when it is not the default', () => {
    const verdict = judgeCheck(resultOf([finding('a.ts', 1)], files), baseline, { repoRoot: '/repo', baselineFile: '/repo/ci/gate.json', baselineOption: 'ci/gate.json', strict: false });
    const lines = renderCheck(verdict, 'pretty', { color: false, cwd: '/repo' }).trimEnd().split('\n');
    expect(lines).toEqual([
      '✔ deprecfix check passed: 1 finding, ci/gate.json allows 3',
      'ℹ 1 baseline entry allows 2 findings that no longer exist: run `deprecfix baseline --prune --baseline ci/gate.json` and commit gate.json to tighten it.',
    ]);
  });

  it('json and markdown carry the same verdict', () => {
    const verdict = judge(resultOf([finding('a.ts', 1), finding('a.ts', 5)], files), baseline);
    const json = JSON.parse(renderCheck(verdict, 'json', { color: false }));
    expect(json).toMatchObject({ passed: false, exitCode: 1, total: 2, allowed: 3, regressions: [{ file: 'a.ts', ruleId: UTC, count: 2, allowed: 1 }] });
    expect(json.regressions[0].findings).toHaveLength(2);
    const markdown = renderCheck(verdict, 'markdown', { color: false, cwd: '/repo' });
    expect(markdown).toContain('### ❌ deprecfix check failed');
    expect(markdown).toContain('| `a.ts` | `deprecfix/no-utcnow-date` | 1 | 2 |');
    expect(markdown).toContain('- `a.ts:5:10` `annexb-togmtstring`:');
  });

  it('a shard says which part of the repository it judged', () => {
    const verdict = judge(resultOf([finding('a.ts', 1)], ['a.ts'], { shard: { index: 2, count: 3 }, totalFiles: 5 }), baseline);
    expect(verdict.allowed).toBe(1);
    expect(renderCheck(verdict, 'pretty', { color: false, cwd: '/repo' })).toContain('(shard 2/3: 1 of 5 files)');
  });
});

// ---------------------------------------------------------------------------------------------------------------
// The built CLI

const BASELINE = 'eslint-suppressions.json';
const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8'));
const NEW_DATE_CALL = '\nexport function stampedNow(when: Date): string {\n  return when.toGMTString();\n}\n';
const NEW_CLONE_FILE = 'export function copyOf<T>(value: T): T {\n  return JSON.parse(JSON.stringify(value));\n}\n';

/** The findings a `--format json` verdict lists above the baseline, as `file:line:col rule`. */
function offending(stdout: string): string[] {
  const verdict = JSON.parse(stdout) as { regressions: { findings: Finding[] }[] };
  return verdict.regressions.flatMap((entry) => entry.findings.map((item) => `${item.file}:${item.line}:${item.column} ${item.ruleId}`)).sort();
}

describe('deprecfix baseline and check on the demo repository', () => {
  let repo: string;
  beforeAll(() => {
    repo = copyFixtureRepo('demo-repo');
  });

  it('without a baseline: exit 2 with the remedy, before linting anything', () => {
    const run = runCli(['check'], repo);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('deprecfix: no baseline at eslint-suppressions.json\n  run `deprecfix baseline` once and commit the file, or pass --baseline <file>\n');
    expect(runCli(['baseline', '--prune'], repo).status).toBe(2);
  });

  it('with a malformed baseline: exit 2 naming the line and column', () => {
    writeFileSync(path.join(repo, BASELINE), '{\n  "backend/api/main.ts": { "deprecfix/no-utcnow-date": { "count": 1 } },\n}\n');
    const run = runCli(['check'], repo);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("deprecfix: eslint-suppressions.json:2:72: malformed baseline: trailing comma before '}'");
    expect(run.stderr).toContain('delete it and run `deprecfix baseline`');
    // `baseline` does not overwrite a file it cannot read either: the other tools' entries in it would be lost.
    expect(runCli(['baseline'], repo).status).toBe(2);
    rmSync(path.join(repo, BASELINE));
  });

  it('baseline writes ESLint\'s format; check then passes', () => {
    const written = runCli(['baseline'], repo);
    expect(written.status).toBe(0);
    expect(written.stdout).toMatch(/^✔ Wrote eslint-suppressions\.json: \d+ findings in \d+ files/);
    const text = readFileSync(path.join(repo, BASELINE), 'utf8');
    expect(text).toBe(formatBaseline(parseBaseline(text, BASELINE)));
    expect(readJson(path.join(repo, BASELINE))['backend/worker/retry.ts']).toEqual({ [SER]: { count: 1 }, [UTC]: { count: 2 } });
    gitCommitAll(repo, 'baseline');

    const check = runCli(['check'], repo);
    // The generated client is not linted (src/files.ts), and the note says so.
    expect(check.stdout).toMatch(
      /^✔ deprecfix check passed: (\d+) findings, eslint-suppressions\.json allows \1\nℹ Skipped 1 vendored, minified or generated file in the repository \(backend\/api\/generated\/client\.ts: generated \("do not edit" header\)\)\. .*\n$/,
    );
    expect(check.status).toBe(0);
    // Writing it again changes nothing.
    expect(runCli(['baseline'], repo).stdout).toMatch(/is up to date/);
  });

  it('growth fails (exit 1) and lists the locations, also for a file the baseline does not know', () => {
    appendFileSync(path.join(repo, 'backend/shared/time.ts'), NEW_DATE_CALL);
    writeFileSync(path.join(repo, 'backend/api/copy.ts'), NEW_CLONE_FILE);
    const run = runCli(['check'], repo);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('✖ deprecfix check failed: 2 findings above the baseline');
    expect(run.stdout).toContain('backend/shared/time.ts  deprecfix/no-utcnow-date: 3 found, 2 allowed');
    expect(run.stdout).toMatch(/\n {2}backend\/shared\/time\.ts:\d+:10 {2}deprecfix\/no-utcnow-date {2}annexb-togmtstring {2}`toGMTString\(\)`/);
    expect(run.stdout).toContain('backend/api/copy.ts  deprecfix/no-legacy-serialization: 1 found, 0 allowed');
    expect(run.stdout).toContain('  backend/api/copy.ts:2:10  deprecfix/no-legacy-serialization  json-roundtrip-clone  ');

    // --prune never raises a count: the regression stays a regression.
    expect(runCli(['baseline', '--prune'], repo).status).toBe(0);
    expect(readJson(path.join(repo, BASELINE))['backend/api/copy.ts']).toBeUndefined();
    expect(runCli(['check', '--quiet'], repo).status).toBe(1);
  });

  it('shrink passes with a hint; --strict fails on the stale baseline; --prune tightens it', () => {
    git(repo, 'checkout', '--', '.');
    rmSync(path.join(repo, 'backend/api/copy.ts'));
    rmSync(path.join(repo, 'backend/legacy/export.ts'));
    const run = runCli(['check'], repo);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/\nℹ 2 baseline entries allow 3 findings that no longer exist: run `deprecfix baseline --prune` and commit eslint-suppressions\.json to tighten it\.\nℹ Skipped 1 /);
    const strict = runCli(['check', '--strict'], repo);
    expect(strict.status).toBe(1);
    expect(strict.stdout).toContain('✖ deprecfix check --strict failed: the baseline is stale');
    expect(strict.stdout).toContain('  backend/legacy/export.ts  deprecfix/no-legacy-serialization: 0 found, 2 allowed');
    expect(strict.stdout).toContain('  backend/legacy/export.ts  deprecfix/no-deprecated-helper: 0 found, 1 allowed');

    const pruned = runCli(['baseline', '--prune'], repo);
    expect(pruned.stdout).toMatch(/Tightened eslint-suppressions\.json: (\d+) → (\d+) findings allowed \(−3\)/);
    expect(readJson(path.join(repo, BASELINE))['backend/legacy/export.ts']).toBeUndefined();
    expect(runCli(['check', '--strict'], repo).status).toBe(0);
  });
});

function git(dir: string, ...args: string[]): string {
  return spawnSync('git', args, { cwd: dir, encoding: 'utf8' }).stdout;
}

describe('check --shard and report merge', () => {
  it('the shards partition the files, and their merge is the unsharded verdict (pass and fail)', () => {
    const repo = copyFixtureRepo('demo-repo');
    expect(runCli(['baseline'], repo).status).toBe(0);
    appendFileSync(path.join(repo, 'backend/shared/time.ts'), NEW_DATE_CALL);

    const whole = runCli(['check', '--format', 'json', '--no-cache'], repo);
    expect(whole.status).toBe(1);
    const shards = [1, 2, 3].map((index) => runCli(['check', '--shard', `${index}/3`, '--output', `out/shard-${index}.json`, '--format', 'json'], repo));
    const results = [1, 2, 3].map((index) => readJson(path.join(repo, 'out', `shard-${index}.json`)) as CheckResult);
    const allFiles = JSON.parse(whole.stdout).files as number;
    const shardFiles = results.flatMap((result) => result.files);
    expect(new Set(shardFiles).size).toBe(shardFiles.length);
    expect(shardFiles.length).toBe(allFiles);
    for (const result of results) expect(result.totalFiles).toBe(allFiles);
    // Each shard judges its own files: only the one holding time.ts fails.
    expect(shards.map((run) => run.status).sort()).toEqual([0, 0, 1]);

    const merged = runCli(['report', 'merge', 'out/shard-3.json', 'out/shard-1.json', 'out/shard-2.json', '--format', 'json', '--output', 'out/merged.json'], repo);
    expect(merged.status).toBe(1);
    expect(JSON.parse(merged.stdout)).toEqual(JSON.parse(whole.stdout));
    expect(offending(merged.stdout)).toHaveLength(3);
    for (const location of offending(merged.stdout)) expect(location).toMatch(/^backend\/shared\/time\.ts:\d+:\d+ deprecfix\/no-utcnow-date$/);
    expect((readJson(path.join(repo, 'out', 'merged.json')) as CheckResult).files).toHaveLength(allFiles);

    // The pass case: the same shards against a baseline that allows the new call.
    expect(runCli(['baseline'], repo).status).toBe(0);
    const passed = runCli(['report', 'merge', 'out/shard-1.json', 'out/shard-2.json', 'out/shard-3.json'], repo);
    expect(passed.stdout).toMatch(/^✔ deprecfix check passed/);
    expect(passed.status).toBe(0);

    // Not every shard: exit 2, nothing judged.
    const partial = runCli(['report', 'merge', 'out/shard-1.json', 'out/shard-2.json'], repo);
    expect(partial.status).toBe(2);
    expect(partial.stderr).toContain('shard 3/3 missing');
  });
});

describe('the cache', () => {
  /** A repository where b.ts's count depends on a type declared two imports away. */
  const CLOCK_CLASS = 'export class Clock {\n  getYear(): number {\n    return 7;\n  }\n}\nexport const when = new Clock();\n';
  const CLOCK_DATE = 'export const when: Date = new Date();\n';

  function typedRepo(): string {
    const dir = path.join(tempDir(), 'typed');
    const files: Record<string, string> = {
      'tsconfig.json': JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext', strict: true, lib: ['ES2023'], types: [] }, include: ['src/**/*.ts'] }),
      'src/clock.ts': CLOCK_CLASS,
      'src/index.ts': "export { when } from './clock.js';\n",
      'src/report.ts': "import { when } from './index.js';\n\nexport const year = when.getYear();\n",
      'src/other.ts': 'export const now = new Date().toGMTString();\n',
    };
    mkdirSync(path.join(dir, 'src'), { recursive: true });
    // The cache then lives under node_modules/.cache/deprecfix, like in a real project.
    mkdirSync(path.join(dir, 'node_modules'));
    for (const [file, text] of Object.entries(files)) writeFileSync(path.join(dir, file), text);
    gitCommitAll(dir, 'typed');
    return dir;
  }
  const count = async (dir: string, cache: boolean) => {
    const result = await checkRepository(dir, { config: loadConfig(dir), cache });
    return result.findings.map((item) => `${item.file}:${item.line} ${item.kind}`).sort();
  };

  it('a changed declaration two imports away changes the dependent file\'s count, as a fresh lint would', async () => {
    const dir = typedRepo();
    expect(await count(dir, true)).toEqual(['src/other.ts:1 annexb-togmtstring']);
    expect(existsSync(path.join(dir, 'node_modules', '.cache', 'deprecfix', 'check.json'))).toBe(true);
    // Only clock.ts changes; report.ts's own text does not.
    writeFileSync(path.join(dir, 'src/clock.ts'), CLOCK_DATE);
    expect(await count(dir, true)).toEqual(['src/other.ts:1 annexb-togmtstring', 'src/report.ts:3 annexb-getyear']);
    expect(await count(dir, true)).toEqual(await count(dir, false));
    // And back: the cache never keeps a count the code no longer has.
    writeFileSync(path.join(dir, 'src/clock.ts'), CLOCK_CLASS);
    expect(await count(dir, true)).toEqual(['src/other.ts:1 annexb-togmtstring']);
  });

  it('a changed global declaration changes the count of a file that imports nothing', async () => {
    const dir = typedRepo();
    writeFileSync(path.join(dir, 'src/globals.d.ts'), 'declare const launchedAt: { getYear(): number };\n');
    writeFileSync(path.join(dir, 'src/launch.ts'), 'export const launchYear = launchedAt.getYear();\n');
    expect(await count(dir, true)).toEqual(['src/other.ts:1 annexb-togmtstring']);
    writeFileSync(path.join(dir, 'src/globals.d.ts'), 'declare const launchedAt: Date;\n');
    expect(await count(dir, true)).toEqual(['src/launch.ts:1 annexb-getyear', 'src/other.ts:1 annexb-togmtstring']);
  });

  // A run on an unchanged repository reuses its programs' dependency keys instead of building the programs; these
  // are the changes outside the repository's files that must still be seen.
  it('a changed declaration file in node_modules changes the count, though no repository file changed', async () => {
    const dir = typedRepo();
    mkdirSync(path.join(dir, 'node_modules', 'clock-lib'));
    writeFileSync(path.join(dir, 'node_modules', 'clock-lib', 'package.json'), JSON.stringify({ name: 'clock-lib', version: '1.0.0', types: 'index.d.ts' }));
    writeFileSync(path.join(dir, 'node_modules', 'clock-lib', 'index.d.ts'), 'export declare const when: { getYear(): number };\n');
    writeFileSync(path.join(dir, 'src/report.ts'), "import { when } from 'clock-lib';\n\nexport const year = when.getYear();\n");
    // Twice: the first run creates the cache directory in node_modules, which the second run sees as a change.
    expect(await count(dir, true)).toEqual(['src/other.ts:1 annexb-togmtstring']);
    expect(await count(dir, true)).toEqual(['src/other.ts:1 annexb-togmtstring']);
    writeFileSync(path.join(dir, 'node_modules', 'clock-lib', 'index.d.ts'), 'export declare const when: Date;\n');
    expect(await count(dir, true)).toEqual(['src/other.ts:1 annexb-togmtstring', 'src/report.ts:3 annexb-getyear']);
  });

  it('a package installed after a run resolves an import that did not resolve before', async () => {
    const dir = typedRepo();
    writeFileSync(path.join(dir, 'src/report.ts'), "import { when } from 'clock-lib';\n\nexport const year = when.getYear();\n");
    // Unresolved, \`when\` is \`any\`: the call may be a Date's, so it is a finding without a fix.
    const reportFixes = async (cache: boolean) =>
      (await checkRepository(dir, { config: loadConfig(dir), cache })).findings.filter((item) => item.file === 'src/report.ts').map((item) => `${item.fix} ${item.reason ?? ''}`.trim());
    expect(await reportFixes(true)).toEqual(['none unresolved type']);
    expect(await reportFixes(true)).toEqual(['none unresolved type']);
    mkdirSync(path.join(dir, 'node_modules', 'clock-lib'));
    writeFileSync(path.join(dir, 'node_modules', 'clock-lib', 'package.json'), JSON.stringify({ name: 'clock-lib', version: '1.0.0', types: 'index.d.ts' }));
    writeFileSync(path.join(dir, 'node_modules', 'clock-lib', 'index.d.ts'), 'export declare const when: Date;\n');
    expect(await reportFixes(true)).toEqual(['safe']);
    expect(await reportFixes(true)).toEqual(await reportFixes(false));
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Agreement with plain ESLint

const ESLINT_BIN = path.join(packageRoot, 'node_modules', 'eslint', 'bin', 'eslint.js');

interface EslintRun {
  status: number;
  /** Unsuppressed messages of deprecfix rules, as `file:line:col rule`. */
  messages: string[];
  stderr: string;
}

function eslint(repo: string, ...args: string[]): EslintRun {
  const run = spawnSync(process.execPath, [ESLINT_BIN, '--format', 'json', ...args, '.'], { cwd: repo, encoding: 'utf8' });
  const files = JSON.parse(run.stdout || '[]') as { filePath: string; messages: { ruleId: string | null; line: number; column: number; fatal?: boolean; message: string }[] }[];
  const fatal = files.flatMap((file) => file.messages.filter((message) => message.fatal).map((message) => `${file.filePath}: ${message.message}`));
  expect(fatal).toEqual([]);
  const messages = files.flatMap((file) =>
    file.messages.filter((message) => message.ruleId?.startsWith('deprecfix/')).map((message) => `${path.relative(repo, file.filePath)}:${message.line}:${message.column} ${message.ruleId}`),
  );
  return { status: run.status ?? -1, messages: messages.sort(), stderr: run.stderr };
}

describe('plain eslint --suppressions-location agrees with deprecfix check', () => {
  let repo: string;
  beforeAll(() => {
    repo = copyFixtureRepo('demo-repo', { git: false });
    // The plugin as a user installs it, with configs.strict; JS files outside tsconfig.json get the default project.
    writeFileSync(
      path.join(repo, 'eslint.config.mjs'),
      [
        `import deprecfix from ${JSON.stringify(path.join(packageRoot, 'dist', 'src', 'index.js'))};`,
        '',
        'export default [',
        '  ...deprecfix.configs.strict,',
        // What deprecfix skips as generated (src/files.ts), ESLint is told to ignore, as a user of both does.
        "  { ignores: ['backend/api/generated/'] },",
        "  { languageOptions: { parserOptions: { projectService: { allowDefaultProject: ['*.mjs', 'scripts/*.js'] } } } },",
        // deprecfix passes deprecfix.config.json's `modelMethods` to the rule; in plain ESLint it is the rule's option.
        `  { rules: { 'deprecfix/no-legacy-serialization': ['error', ${JSON.stringify({ modelMethods: readJson(path.join(repo, 'deprecfix.config.json')).modelMethods })}] } },`,
        '];',
        '',
      ].join('\n'),
    );
    gitCommitAll(repo, 'initial');
    expect(runCli(['baseline'], repo).status).toBe(0);
  });

  it('eslint --suppress-all writes the same counts as deprecfix baseline', () => {
    const run = eslint(repo, '--suppress-all', '--suppressions-location', 'from-eslint.json');
    expect(run.status).toBe(0);
    expect(readJson(path.join(repo, 'from-eslint.json'))).toEqual(readJson(path.join(repo, BASELINE)));
    rmSync(path.join(repo, 'from-eslint.json'));
  });

  it('pass: both exit 0', () => {
    const run = eslint(repo, '--suppressions-location', BASELINE);
    expect(run.messages).toEqual([]);
    expect(run.status).toBe(0);
    expect(runCli(['check'], repo).status).toBe(0);
  });

  it('fail: both exit 1 and name the same locations', () => {
    appendFileSync(path.join(repo, 'backend/shared/time.ts'), NEW_DATE_CALL);
    writeFileSync(path.join(repo, 'backend/api/copy.ts'), NEW_CLONE_FILE);
    const run = eslint(repo, '--suppressions-location', BASELINE);
    expect(run.status).toBe(1);
    const check = runCli(['check', '--format', 'json'], repo);
    expect(check.status).toBe(1);
    expect(offending(check.stdout)).toEqual(run.messages);
    expect(run.messages).toContain('backend/api/copy.ts:2:10 deprecfix/no-legacy-serialization');
  });

  it('stale: check passes like eslint --pass-on-unpruned-suppressions; --strict fails like eslint without it', () => {
    git(repo, 'checkout', '--', '.');
    rmSync(path.join(repo, 'backend/api/copy.ts'));
    writeFileSync(path.join(repo, 'backend/worker/retry.ts'), readFileSync(path.join(repo, 'backend/worker/retry.ts'), 'utf8').replace('new Buffer(', 'Buffer.from('));
    expect(eslint(repo, '--suppressions-location', BASELINE).status).toBe(2); // "suppressions left that do not occur anymore"
    expect(eslint(repo, '--suppressions-location', BASELINE, '--pass-on-unpruned-suppressions').status).toBe(0);
    expect(runCli(['check'], repo).status).toBe(0);
    expect(runCli(['check', '--strict'], repo).status).toBe(1);
  });

  it('the prunes agree: eslint --prune-suppressions and deprecfix baseline --prune write the same counts', () => {
    copyFileSync(path.join(repo, BASELINE), path.join(repo, 'from-eslint.json'));
    expect(eslint(repo, '--prune-suppressions', '--suppressions-location', 'from-eslint.json').status).toBe(0);
    expect(runCli(['baseline', '--prune'], repo).status).toBe(0);
    expect(readJson(path.join(repo, 'from-eslint.json'))).toEqual(readJson(path.join(repo, BASELINE)));
    expect(readJson(path.join(repo, BASELINE))['backend/worker/retry.ts']).toEqual({ [UTC]: { count: 2 } });
  });
});
