/**
 * The baseline file (ESLint's bulk-suppressions format) and the gate's arithmetic: read, write, update, prune,
 * compare. The end-to-end runs and the agreement with plain ESLint are in check.test.ts.
 */
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  allowedTotal,
  BASELINE_FILE_NAME,
  compareWithBaseline,
  formatBaseline,
  parseBaseline,
  pruneBaseline,
  readBaseline,
  resolveBaselinePath,
  updateBaseline,
  writeBaseline,
  type Baseline,
  type BaselineScope,
  type RuleCounts,
} from '../src/baseline.js';
import { packageRoot, tempDir, usageError } from './helpers.js';

const UTC = 'deprecfix/no-utcnow-date';
const SER = 'deprecfix/no-legacy-serialization';
const OTHER = '@typescript-eslint/no-explicit-any';
const RULES = [UTC, SER];

function baselineOf(entries: Record<string, Record<string, number>>): Baseline {
  return Object.fromEntries(Object.entries(entries).map(([file, rules]) => [file, Object.fromEntries(Object.entries(rules).map(([rule, count]) => [rule, { count }]))]));
}

function scopeOf(files: string[], unknown: string[] = []): BaselineScope {
  return { rules: RULES, files: new Set(files), unknown: new Set(unknown) };
}

describe('parseBaseline', () => {
  it('reads ESLint\'s format and ignores zero counts', () => {
    const text = JSON.stringify({ 'a.ts': { [UTC]: { count: 2 }, [SER]: { count: 0 } }, 'b.ts': { [OTHER]: { count: 1 } } });
    expect(parseBaseline(text, 'x.json')).toEqual(baselineOf({ 'a.ts': { [UTC]: 2 }, 'b.ts': { [OTHER]: 1 } }));
  });

  it('reads an empty object and a BOM', () => {
    expect(parseBaseline('\uFEFF{}\n', 'x.json')).toEqual({});
  });

  it.each([
    { name: 'broken JSON', text: '{\n  "a.ts": {\n    "x": { "count": 1 }\n  ,\n}', message: /x\.json:4:3: malformed baseline: trailing comma before '}'/ },
    { name: 'an empty file', text: '', message: /x\.json:1:1: malformed baseline/ },
    { name: 'comments', text: '{ // no\n}', message: /x\.json:1:3: malformed baseline/ },
    { name: 'an array', text: '[]', message: /expected an object of files/ },
    { name: 'a file mapped to a number', text: '{ "a.ts": 3 }', message: /"a\.ts" must map rule ids/ },
    { name: 'a count that is a string', text: '{ "a.ts": { "r": { "count": "2" } } }', message: /x\.json:1:29: .*"a\.ts" › "r" must be \{ "count": N \}/ },
    { name: 'a negative count', text: '{ "a.ts": { "r": { "count": -1 } } }', message: /whole number N ≥ 0/ },
    { name: 'a fractional count', text: '{ "a.ts": { "r": { "count": 1.5 } } }', message: /whole number N ≥ 0/ },
    { name: 'a rule without count', text: '{ "a.ts": { "r": {} } }', message: /"a\.ts" › "r" must be/ },
  ])('rejects $name with the place and the remedy', ({ text, message }) => {
    const error = usageError(() => parseBaseline(text, 'x.json'));
    expect(error.message).toMatch(message);
    expect(error.hint).toContain('deprecfix baseline');
  });
});

describe('readBaseline', () => {
  it('a missing file is a usage error that says how to create it', () => {
    const dir = tempDir();
    const error = usageError(() => readBaseline(path.join(dir, BASELINE_FILE_NAME), dir));
    expect(error.message).toBe('no baseline at eslint-suppressions.json');
    expect(error.hint).toContain('run `deprecfix baseline` once and commit the file');
  });

  it('a missing file elsewhere names --baseline in the remedy', () => {
    const dir = tempDir();
    const error = usageError(() => readBaseline(path.join(dir, 'ci', 'gate.json'), dir));
    expect(error.hint).toContain('deprecfix baseline --baseline ci/gate.json');
  });

  it('resolves --baseline from where the user stands, else the repository root', () => {
    expect(resolveBaselinePath('/repo', '/repo/sub', 'ci/x.json')).toBe(path.resolve('/repo/sub/ci/x.json'));
    expect(resolveBaselinePath('/repo', '/repo/sub')).toBe(path.join('/repo', BASELINE_FILE_NAME));
  });
});

describe('formatBaseline and writeBaseline', () => {
  const baseline = baselineOf({ 'src/z.ts': { [UTC]: 1, [SER]: 3 }, 'src/a.ts': { [UTC]: 2 }, 'src/B.ts': { [OTHER]: 1 } });

  it('writes exactly what ESLint writes (json-stable-stringify, two spaces), plus a final newline', () => {
    // ESLint's SuppressionsService writes with this package; resolve it through ESLint to use ESLint's copy.
    const requireFromEslint = createRequire(createRequire(path.join(packageRoot, 'package.json')).resolve('eslint'));
    const stringify = requireFromEslint('json-stable-stringify-without-jsonify') as (value: unknown, options: { space: number }) => string;
    expect(formatBaseline(baseline)).toBe(`${stringify(baseline, { space: 2 })}\n`);
    expect(formatBaseline({})).toBe('{}\n');
  });

  it('sorts files and rules by code unit and drops zero counts', () => {
    const text = formatBaseline({ ...baseline, 'src/empty.ts': { [UTC]: { count: 0 } } });
    expect(Object.keys(JSON.parse(text))).toEqual(['src/B.ts', 'src/a.ts', 'src/z.ts']);
    expect(Object.keys(JSON.parse(text)['src/z.ts'])).toEqual([SER, UTC]);
    expect(text).toContain('  "src/a.ts": {\n    "deprecfix/no-utcnow-date": {\n      "count": 2\n    }\n  },\n');
  });

  it('round-trips, and does not touch a file that already says the same', () => {
    const dir = tempDir();
    const file = path.join(dir, 'nested', BASELINE_FILE_NAME);
    mkdirSync(path.dirname(file));
    expect(writeBaseline(file, baseline)).toBe(true);
    expect(readBaseline(file, dir)).toEqual(baseline);
    const modified = statSync(file).mtimeMs;
    expect(writeBaseline(file, parseBaseline(readFileSync(file, 'utf8'), 'x'))).toBe(false);
    expect(statSync(file).mtimeMs).toBe(modified);
  });

  it('rewrites a file that ESLint wrote (no final newline) in the same layout', () => {
    const dir = tempDir();
    const file = path.join(dir, BASELINE_FILE_NAME);
    writeFileSync(file, formatBaseline(baseline).trimEnd());
    expect(writeBaseline(file, readBaseline(file, dir))).toBe(true);
    expect(readFileSync(file, 'utf8')).toBe(formatBaseline(baseline));
  });
});

describe('updateBaseline (`deprecfix baseline`)', () => {
  const previous = baselineOf({
    'a.ts': { [UTC]: 2, [OTHER]: 4 },
    'gone.ts': { [SER]: 1, [OTHER]: 1 },
    'broken.ts': { [UTC]: 3 },
    'clean.ts': { [SER]: 1 },
  });
  const counts: RuleCounts = { 'a.ts': { [UTC]: 5 }, 'new.ts': { [SER]: 1 } };
  const next = updateBaseline(previous, counts, scopeOf(['a.ts', 'new.ts', 'clean.ts', 'broken.ts'], ['broken.ts']));

  it.each([
    { what: 'raises a count to the current one', file: 'a.ts', rule: UTC, count: 5 },
    { what: 'adds a file that has findings', file: 'new.ts', rule: SER, count: 1 },
    { what: 'drops an entry whose file has none now', file: 'clean.ts', rule: SER, count: undefined },
    { what: 'drops its rules\' entries of a file that is gone', file: 'gone.ts', rule: SER, count: undefined },
    { what: 'keeps other tools\' rules', file: 'a.ts', rule: OTHER, count: 4 },
    { what: 'keeps other tools\' rules of a file that is gone (not its business)', file: 'gone.ts', rule: OTHER, count: 1 },
    { what: 'keeps the entry of a file that could not be linted', file: 'broken.ts', rule: UTC, count: 3 },
  ])('$what', ({ file, rule, count }) => {
    expect(next[file]?.[rule]?.count).toBe(count);
  });

  it('then compares clean: no regression, nothing stale', () => {
    expect(compareWithBaseline(next, counts, { ...scopeOf(['a.ts', 'new.ts', 'clean.ts', 'broken.ts'], ['broken.ts']), complete: true })).toEqual({ regressions: [], stale: [] });
  });

  it('with --rules, only the rules that ran are rewritten', () => {
    const only = updateBaseline(previous, counts, { rules: [SER], files: new Set(['a.ts', 'new.ts', 'clean.ts']) });
    expect(only['a.ts'][UTC].count).toBe(2);
    expect(only['new.ts'][SER].count).toBe(1);
    expect(only['clean.ts']).toBeUndefined();
  });
});

describe('pruneBaseline (`deprecfix baseline --prune`)', () => {
  const previous = baselineOf({
    'a.ts': { [UTC]: 3, [SER]: 2, [OTHER]: 4 },
    'b.ts': { [UTC]: 1 },
    'gone.ts': { [UTC]: 2 },
    'broken.ts': { [SER]: 2 },
  });
  const counts: RuleCounts = { 'a.ts': { [UTC]: 1, [SER]: 5 }, 'c.ts': { [UTC]: 2 } };
  const next = pruneBaseline(previous, counts, scopeOf(['a.ts', 'b.ts', 'c.ts', 'broken.ts'], ['broken.ts']));

  it.each([
    { what: 'lowers a count that dropped', file: 'a.ts', rule: UTC, count: 1 },
    { what: 'never raises a count that grew', file: 'a.ts', rule: SER, count: 2 },
    { what: 'drops an entry that reached zero', file: 'b.ts', rule: UTC, count: undefined },
    { what: 'drops a file that is gone', file: 'gone.ts', rule: UTC, count: undefined },
    { what: 'never adds a file that was not in it', file: 'c.ts', rule: UTC, count: undefined },
    { what: 'keeps other tools\' rules', file: 'a.ts', rule: OTHER, count: 4 },
    { what: 'keeps the entry of a file that could not be linted', file: 'broken.ts', rule: SER, count: 2 },
  ])('$what', ({ file, rule, count }) => {
    expect(next[file]?.[rule]?.count).toBe(count);
  });

  it('is idempotent, and pruning a fresh baseline changes nothing', () => {
    const scope = scopeOf(['a.ts', 'b.ts', 'c.ts', 'broken.ts'], ['broken.ts']);
    expect(pruneBaseline(next, counts, scope)).toEqual(next);
    const fresh = updateBaseline({}, counts, scope);
    expect(pruneBaseline(fresh, counts, scope)).toEqual(fresh);
  });
});

describe('compareWithBaseline (the gate)', () => {
  const baseline = baselineOf({ 'a.ts': { [UTC]: 2, [OTHER]: 1 }, 'b.ts': { [SER]: 3 }, 'gone.ts': { [UTC]: 1 }, 'broken.ts': { [UTC]: 1 } });
  const files = ['a.ts', 'b.ts', 'new.ts', 'broken.ts'];

  it.each<{ name: string; counts: RuleCounts; regressions: string[]; stale: string[] }>([
    { name: 'equal counts pass clean', counts: { 'a.ts': { [UTC]: 2 }, 'b.ts': { [SER]: 3 } }, regressions: [], stale: ['gone.ts'] },
    { name: 'growth in a file is a regression', counts: { 'a.ts': { [UTC]: 3 }, 'b.ts': { [SER]: 3 } }, regressions: ['a.ts 3>2'], stale: ['gone.ts'] },
    { name: 'a file missing from the baseline counts as 0', counts: { 'a.ts': { [UTC]: 2 }, 'b.ts': { [SER]: 3 }, 'new.ts': { [UTC]: 1 } }, regressions: ['new.ts 1>0'], stale: ['gone.ts'] },
    { name: 'a rule missing for a file counts as 0', counts: { 'a.ts': { [UTC]: 2, [SER]: 1 }, 'b.ts': { [SER]: 3 } }, regressions: ['a.ts 1>0'], stale: ['gone.ts'] },
    { name: 'shrink is stale, not a regression', counts: { 'a.ts': { [UTC]: 1 }, 'b.ts': { [SER]: 3 } }, regressions: [], stale: ['a.ts', 'gone.ts'] },
    { name: 'a file with no findings left is stale', counts: { 'a.ts': { [UTC]: 2 } }, regressions: [], stale: ['b.ts', 'gone.ts'] },
    { name: 'growth in one file is not offset by shrink in another', counts: { 'a.ts': { [UTC]: 3 }, 'b.ts': { [SER]: 1 } }, regressions: ['a.ts 3>2'], stale: ['b.ts', 'gone.ts'] },
    { name: 'an unlinted file is never judged', counts: { 'a.ts': { [UTC]: 2 }, 'b.ts': { [SER]: 3 }, 'broken.ts': { [UTC]: 9 } }, regressions: [], stale: ['gone.ts'] },
  ])('$name', ({ counts, regressions, stale }) => {
    const result = compareWithBaseline(baseline, counts, { rules: RULES, files: new Set(files), unknown: new Set(['broken.ts']), complete: true });
    expect(result.regressions.map((entry) => `${entry.file} ${entry.count}>${entry.allowed}`)).toEqual(regressions);
    expect(result.stale.map((entry) => entry.file)).toEqual(stale);
  });

  it('a shard judges only its own files: a deleted file is nobody\'s', () => {
    const result = compareWithBaseline(baseline, { 'a.ts': { [UTC]: 1 } }, { rules: RULES, files: new Set(['a.ts']), complete: false });
    expect(result).toEqual({ regressions: [], stale: [{ file: 'a.ts', ruleId: UTC, count: 1, allowed: 2 }] });
  });

  it('other tools\' rules are neither regressions nor stale', () => {
    const result = compareWithBaseline(baseline, { 'a.ts': { [UTC]: 2, [OTHER]: 7 }, 'b.ts': { [SER]: 3 } }, { rules: RULES, files: new Set(['a.ts', 'b.ts']), complete: false });
    expect(result).toEqual({ regressions: [], stale: [] });
  });

  it('allowedTotal counts only the rules that ran', () => {
    expect(allowedTotal(baseline, RULES)).toBe(7);
    expect(allowedTotal(baseline, [SER])).toBe(3);
  });
});
