import { describe, expect, it } from 'vitest';
import { UsageError } from '../src/errors.js';
import type { Finding } from '../src/lint.js';
import { makeFinding } from './helpers.js';
import { buildReport, countFindings, type FixedEntry, type Report, type ReportInput } from '../src/report.js';
import { parseReport } from '../src/report-reader.js';
import { renderJson } from '../src/printers/json.js';
import { markdownCode, markdownText } from '../src/printers/markdown-text.js';
import { renderMarkdown } from '../src/printers/markdown.js';
import { renderPretty } from '../src/printers/pretty.js';
import { formatDelta } from '../src/printers/report-wording.js';

const UTC = 'deprecfix/no-utcnow-date';
const SER = 'deprecfix/no-legacy-serialization';

const finding = makeFinding;

function fixedOf(f: Finding, before = 'classToPlain(o)', after = 'instanceToPlain(o)'): FixedEntry {
  return { file: f.file, line: f.line, ruleId: f.ruleId, kind: f.kind, before, after };
}

/** A normal run: 5 findings, 3 rewritten, 2 left (one unsafe, one without a fix). */
function normalRun(overrides: Partial<ReportInput> = {}): ReportInput {
  const rewritten = [
    finding('backend/api/main.ts', 3),
    finding('backend/api/main.ts', 10, { ruleId: UTC, kind: 'annexb-togmtstring', message: '`toGMTString()` is deprecated.' }),
    finding('backend/worker/a.ts', 7),
  ];
  const unsafe = finding('backend/worker/a.ts', 12, {
    kind: 'json-roundtrip-clone',
    fix: 'unsafe',
    message: '`JSON.parse(JSON.stringify(x))` is a lossy deep clone; use `structuredClone(x)`.',
  });
  const none = finding('backend/api/schemas.ts', 2, { kind: 'legacy-url-parse', fix: 'none', message: '`url.parse()` is deprecated.' });
  return {
    toolVersion: '0.1.0',
    scope: { spec: 'phase10-12', scopes: ['phase10', 'phase11', 'phase12'], files: ['backend/worker/a.ts', 'backend/api/main.ts', 'backend/api/schemas.ts', 'backend/api/clean.ts'] },
    before: [...rewritten, unsafe, none],
    after: [unsafe, none],
    fixed: rewritten.map((f) => fixedOf(f)),
    outOfScope: countFindings([finding('other/x.ts', 1), finding('other/y.ts', 1, { ruleId: UTC, kind: 'annexb-getyear' })]),
    failures: [],
    notes: [],
    options: { dryRun: false, unsafeFixes: false },
    ...overrides,
  };
}

describe('countFindings', () => {
  it('counts by rule, kind and file with sorted keys', () => {
    const counts = countFindings([
      finding('z.ts', 1, { ruleId: UTC, kind: 'annexb-getyear' }),
      finding('a.ts', 1),
      finding('z.ts', 2),
      finding('a.ts', 3, { ruleId: UTC, kind: 'annexb-getyear' }),
      finding('a.ts', 4),
    ]);
    expect(counts.total).toBe(5);
    expect(counts.byRule).toEqual({ [SER]: 3, [UTC]: 2 });
    expect(Object.keys(counts.byRule)).toEqual([SER, UTC]);
    expect(Object.keys(counts.byKind)).toEqual(['annexb-getyear', 'class-transformer-rename']);
    expect(Object.keys(counts.byFile)).toEqual(['a.ts', 'z.ts']);
    expect(counts.byFile['a.ts']).toEqual({ [SER]: 2, [UTC]: 1 });
    expect(Object.keys(counts.byFile['z.ts'])).toEqual([SER, UTC]);
  });

  it('is the same whatever the input order', () => {
    const findings = [finding('b.ts', 1), finding('a.ts', 2, { ruleId: UTC, kind: 'annexb-getyear' }), finding('c.ts', 3)];
    expect(JSON.stringify(countFindings(findings))).toBe(JSON.stringify(countFindings([...findings].reverse())));
  });

  it('counts by language, and shows a language table only for a mixed scope', () => {
    const mixed = [finding('a.ts', 1), finding('api/main.py', 2, { ruleId: 'deprecfix/py-utcnow', kind: 'utcnow' })];
    expect(countFindings(mixed).byLanguage).toEqual({ python: 1, 'ts/js': 1 });
    const report = (findings: typeof mixed) =>
      buildReport({
        toolVersion: '1.0.0',
        scope: { spec: 'p', scopes: ['p'], files: ['a.ts', 'api/main.py'] },
        before: findings,
        after: findings,
        fixed: [],
        outOfScope: null,
        failures: [],
        notes: [],
        options: { dryRun: false, unsafeFixes: false },
      });
    expect(renderMarkdown(report(mixed))).toContain('| language | before | after | Δ |');
    expect(renderMarkdown(report(mixed.slice(0, 1)))).not.toContain('### By language');
  });

  it('counts nothing as zero', () => {
    expect(countFindings([])).toEqual({ total: 0, byRule: {}, byKind: {}, byLanguage: {}, byFile: {} });
  });
});

describe('buildReport', () => {
  it('keeps before = after + fixed for a normal run', () => {
    const report = buildReport(normalRun());
    expect(report.before.total).toBe(5);
    expect(report.after.total).toBe(2);
    expect(report.before.total).toBe(report.after.total + report.fixed.length);
    expect(report.remaining).toHaveLength(report.after.total);
  });

  it('writes the contract keys in a stable order', () => {
    const report = buildReport(normalRun());
    expect(Object.keys(report)).toEqual(['tool', 'scope', 'before', 'after', 'fixed', 'imports', 'remaining', 'outOfScope', 'failures', 'notes', 'dryRun', 'unsafeFixes', 'repairs']);
    expect(report.tool).toEqual({ name: 'deprecfix', version: '0.1.0' });
    expect(report.scope.files).toEqual(['backend/api/clean.ts', 'backend/api/main.ts', 'backend/api/schemas.ts', 'backend/worker/a.ts']);
    expect(report.scope.scopes).toEqual(['phase10', 'phase11', 'phase12']);
    expect(report.outOfScope).toEqual({ total: 2, byRule: { [SER]: 1, [UTC]: 1 } });
    expect(Object.keys(report.remaining[0])).toEqual(['file', 'line', 'column', 'ruleId', 'kind', 'fix', 'reason', 'message', 'reasonId']);
  });

  it('is deterministic whatever order the lead passes findings in', () => {
    const input = normalRun();
    const shuffled = normalRun({ after: [...input.after].reverse(), fixed: [...input.fixed].reverse(), before: [...input.before].reverse() });
    expect(renderJson(buildReport(shuffled))).toBe(renderJson(buildReport(input)));
  });

  it.each([
    { name: 'unsafe, default run', f: { fix: 'unsafe' as const }, unsafeFixes: false, reason: 'fixable with --unsafe-fixes' },
    { name: 'unsafe, --unsafe-fixes run', f: { fix: 'unsafe' as const }, unsafeFixes: true, reason: 'not rewritten' },
    { name: 'unsafe with its own reason', f: { fix: 'unsafe' as const, reason: 'overlaps another rewrite' }, unsafeFixes: false, reason: 'overlaps another rewrite' },
    { name: 'safe left over', f: { fix: 'safe' as const }, unsafeFixes: false, reason: 'not rewritten' },
    { name: 'safe rolled back', f: { fix: 'safe' as const, reason: "TS2322: Type 'string' is not assignable" }, unsafeFixes: false, reason: "TS2322: Type 'string' is not assignable" },
    { name: 'none with a reason id', f: { fix: 'none' as const, reason: 'unresolved-type' }, unsafeFixes: false, reason: 'unresolved type', reasonId: 'unresolved-type' },
    { name: 'none with a reason text', f: { fix: 'none' as const, reason: 'unresolved type' }, unsafeFixes: false, reason: 'unresolved type', reasonId: 'unresolved-type' },
    {
      name: 'none with a filled reason template',
      f: { fix: 'none' as const, reason: "spied on as 'plainToClass' in test/a.spec.ts:12" },
      unsafeFixes: false,
      reason: "spied on as 'plainToClass' in test/a.spec.ts:12",
      reasonId: 'spied',
    },
    { name: "none from the kind's catalogue reason", f: { fix: 'none' as const, kind: 'class-transformer-from-exist' as const }, unsafeFixes: false, reason: 'no replacement exists; needs a human', reasonId: 'no-replacement' },
    { name: 'none without any reason', f: { fix: 'none' as const, kind: 'annexb-setyear' as const }, unsafeFixes: false, reason: 'no automatic fix' },
  ])('explains a remaining finding: $name', ({ f, unsafeFixes, reason, reasonId }) => {
    const left = finding('a.ts', 1, f);
    const report = buildReport(normalRun({ before: [left], after: [left], fixed: [], options: { dryRun: false, unsafeFixes } }));
    expect(report.remaining[0].reason).toBe(reason);
    expect(report.remaining[0].reasonId).toBe(reasonId);
    expect(report.remaining[0].fix).toBe(f.fix);
  });

  it('says each note once, in order', () => {
    const report = buildReport(normalRun({ notes: ['class-transformer version unknown', 'b', 'class-transformer version unknown'] }));
    expect(report.notes).toEqual(['class-transformer version unknown', 'b']);
  });

  it('reports outOfScope null with --no-repo-totals', () => {
    expect(buildReport(normalRun({ outOfScope: null })).outOfScope).toBeNull();
  });
});

describe('renderJson and parseReport', () => {
  it('pretty-prints with two spaces and a trailing newline', () => {
    const json = renderJson(buildReport(normalRun()));
    expect(json.endsWith('}\n')).toBe(true);
    expect(json).toContain('\n  "tool": {\n    "name": "deprecfix"');
  });

  it('round-trips a report', () => {
    const report = buildReport(normalRun({ failures: [{ file: 'x.ts', line: 3, stage: 'parse', message: 'Unexpected token' }], notes: ['n'] }));
    expect(parseReport(renderJson(report), 'r.json')).toEqual(report);
  });

  it('accepts the minimal shape of the contract example', () => {
    const minimal = {
      tool: { name: 'deprecfix', version: '0.1.0' },
      scope: { spec: 'p', scopes: ['p'], files: ['a.ts'] },
      before: { total: 1, byRule: { [SER]: 1 }, byKind: {}, byFile: { 'a.ts': { [SER]: 1 } } },
      after: { total: 1, byRule: { [SER]: 1 }, byKind: {}, byFile: {} },
      fixed: [],
      remaining: [{ file: 'a.ts', line: 1, ruleId: SER, kind: 'legacy-url-parse', fix: 'none', reason: 'r' }],
      outOfScope: { total: 0, byRule: {} },
    };
    const report = parseReport(JSON.stringify(minimal), 'r.json');
    expect(report.failures).toEqual([]);
    expect(report.notes).toEqual([]);
    expect(report.dryRun).toBe(false);
    expect(report.remaining[0]).toMatchObject({ column: 1, message: '' });
  });

  const valid = () => JSON.parse(renderJson(buildReport(normalRun()))) as Record<string, unknown>;
  it.each([
    { name: 'invalid JSON', json: '{"tool": ', error: /^bad\.json: not valid JSON/ },
    { name: 'an array', json: '[]', error: /bad\.json: not a deprecfix report: the report must be an object/ },
    { name: 'another tool', json: JSON.stringify({ ...valid(), tool: { name: 'eslint', version: '9' } }), error: /tool\.name must be "deprecfix"/ },
    { name: 'a string count', json: JSON.stringify({ ...valid(), before: { total: '5', byRule: {} } }), error: /before\.total must be a whole number/ },
    { name: 'a bad byFile count', json: JSON.stringify({ ...valid(), after: { total: 1, byRule: {}, byFile: { 'a.ts': { r: -1 } } } }), error: /after\.byFile\["a\.ts"\]\["r"\] must be/ },
    { name: 'missing fixed', json: JSON.stringify({ ...valid(), fixed: undefined }), error: /fixed must be an array/ },
    { name: 'a bad fix safety', json: JSON.stringify({ ...valid(), remaining: [{ file: 'a', line: 1, ruleId: 'r', kind: 'k', fix: 'maybe', reason: 'x' }] }), error: /remaining\[0\]\.fix must be one of safe, unsafe, repair, none/ },
    { name: 'a bad failure stage', json: JSON.stringify({ ...valid(), failures: [{ file: 'a', stage: 'lint', message: 'm' }] }), error: /failures\[0\]\.stage must be one of/ },
  ])('rejects $name with a UsageError naming the file', ({ json, error }) => {
    expect(() => parseReport(json, 'bad.json')).toThrow(UsageError);
    expect(() => parseReport(json, 'bad.json')).toThrow(error);
  });

  it('accepts a BOM from an editor', () => {
    expect(parseReport(`\uFEFF${renderJson(buildReport(normalRun()))}`, 'r.json').tool.name).toBe('deprecfix');
  });
});

describe('renderMarkdown', () => {
  const markdown = () => renderMarkdown(buildReport(normalRun()));

  it('starts with a title, the headline with the real minus sign, and the scope', () => {
    const lines = markdown().split('\n');
    expect(lines[0]).toBe('## deprecfix report');
    expect(markdown()).toContain('**Findings in scope: 5 → 2 (\u22123)**');
    expect(markdown()).toContain('Scope `phase10-12` (`phase10`, `phase11`, `phase12`): 4 files, 3 with findings.');
  });

  it('says "no change" when nothing was rewritten', () => {
    const left = finding('a.ts', 1, { fix: 'none', kind: 'legacy-url-parse' });
    const text = renderMarkdown(buildReport(normalRun({ before: [left], after: [left], fixed: [] })));
    expect(text).toContain('1 → 1 (no change)');
    expect(text).not.toContain('### Rewritten');
  });

  it('has a per-rule table with a total row', () => {
    expect(markdown()).toContain(
      [
        '| rule | before | after | Δ |',
        '| --- | ---: | ---: | ---: |',
        '| `deprecfix/no-legacy-serialization` | 4 | 2 | \u22122 |',
        '| `deprecfix/no-utcnow-date` | 1 | 0 | \u22121 |',
        '| **total** | **5** | **2** | **\u22123** |',
      ].join('\n'),
    );
  });

  it('has a sorted per-file table of files with findings only', () => {
    const text = markdown();
    expect(text).toContain(
      [
        '| file | before | after | Δ |',
        '| --- | ---: | ---: | ---: |',
        '| `backend/api/main.ts` | 2 | 0 | \u22122 |',
        '| `backend/api/schemas.ts` | 1 | 1 | 0 |',
        '| `backend/worker/a.ts` | 2 | 1 | \u22121 |',
      ].join('\n'),
    );
    expect(text).not.toContain('clean.ts`');
  });

  it('shows rewrites as diff blocks grouped by file', () => {
    const text = markdown();
    expect(text).toContain('### Rewritten (3)');
    expect(text).toContain(
      [
        '**`backend/api/main.ts`**',
        '',
        '```diff',
        '@@ line 3 · class-transformer-rename @@',
        '-classToPlain(o)',
        '+instanceToPlain(o)',
        '@@ line 10 · annexb-togmtstring @@',
        '-classToPlain(o)',
        '+instanceToPlain(o)',
        '```',
      ].join('\n'),
    );
    expect(text.match(/```diff/g)).toHaveLength(2);
  });

  const importEdit = {
    file: 'backend/api/main.ts',
    line: 1,
    before: "import { classToPlain } from 'class-transformer';",
    after: "import { instanceToPlain } from 'class-transformer';",
  };

  it('shows the import lines that came with the rewrites in the file\'s diff, in line order', () => {
    const text = renderMarkdown(buildReport(normalRun({ imports: [importEdit] })));
    expect(text).toContain(
      [
        '**`backend/api/main.ts`**',
        '',
        '```diff',
        '@@ line 1 · imports @@',
        "-import { classToPlain } from 'class-transformer';",
        "+import { instanceToPlain } from 'class-transformer';",
        '@@ line 3 · class-transformer-rename @@',
      ].join('\n'),
    );
    // A rewrite count is a count of findings: the import hunk is not one.
    expect(text).toContain('### Rewritten (3)');
  });

  it('keeps import edits in the JSON, and reads a report saved before they existed', () => {
    const report = buildReport(normalRun({ imports: [importEdit] }));
    expect(report.imports).toEqual([importEdit]);
    expect(parseReport(renderJson(report), 'r.json')).toEqual(report);
    const saved = JSON.parse(renderJson(report)) as Record<string, unknown>;
    delete saved.imports;
    expect(parseReport(JSON.stringify(saved), 'r.json').imports).toEqual([]);
  });

  it('shows multi-line rewrites line by line', () => {
    const f = finding('a.ts', 4);
    const text = renderMarkdown(buildReport(normalRun({ before: [f], after: [], fixed: [fixedOf(f, 'serialize(\n  o,\n)', 'JSON.stringify(instanceToPlain(\n  o,\n))')] })));
    expect(text).toContain('-serialize(\n-  o,\n-)\n+JSON.stringify(instanceToPlain(\n+  o,\n+))');
  });

  it('lengthens the fence when the code holds backticks', () => {
    const f = finding('a.ts', 4);
    const code = 'const s = `x ${d.toGMTString()}`; // ```';
    const text = renderMarkdown(buildReport(normalRun({ before: [f], after: [], fixed: [fixedOf(f, code, code.replace('toGMTString', 'toUTCString'))] })));
    expect(text).toContain(`\`\`\`\`diff\n@@ line 4 · class-transformer-rename @@\n-${code}\n+`);
    expect(text).toContain('\n````\n');
  });

  it('groups remaining findings by reason with file:line, kind and message', () => {
    const text = markdown();
    expect(text).toContain('### Remaining (2)');
    expect(text).toContain('#### fixable with --unsafe-fixes (1)\n\n- `backend/worker/a.ts:12` `json-roundtrip-clone` (unsafe): `JSON.parse(JSON.stringify(x))` is a lossy deep clone');
    expect(text).toContain('#### url.parse() and new URL() differ on relative URLs and errors; migrate by hand (1)\n\n- `backend/api/schemas.ts:2` `legacy-url-parse` (none)');
  });

  it('collapses a reason group of more than 20 findings into <details>', () => {
    const many = Array.from({ length: 21 }, (_, i) => finding('a.ts', i + 1, { fix: 'unsafe', kind: 'json-roundtrip-clone' }));
    const few = Array.from({ length: 20 }, (_, i) => finding('b.ts', i + 1, { fix: 'none', reason: 'unresolved-type' }));
    const text = renderMarkdown(buildReport(normalRun({ before: [...many, ...few], after: [...many, ...few], fixed: [] })));
    expect(text).toContain('#### fixable with --unsafe-fixes (21)\n\n<details><summary>21 findings</summary>\n\n- `a.ts:1`');
    expect(text).toContain('- `a.ts:21` `json-roundtrip-clone` (unsafe): `classToPlain` is deprecated since class-transformer 0.4.1; use `instanceToPlain`.\n\n</details>');
    expect(text).toContain('#### unresolved type (20)\n\n- `b.ts:1`');
    expect(text.match(/<details>/g)).toHaveLength(1);
  });

  it('collapses many rewrites per file', () => {
    const many = Array.from({ length: 21 }, (_, i) => finding(i < 11 ? 'a.ts' : 'b<c>.ts', i + 1));
    const text = renderMarkdown(buildReport(normalRun({ before: many, after: [], fixed: many.map((f) => fixedOf(f)) })));
    expect(text).toContain('<details><summary><code>a.ts</code>: 11 rewrites</summary>\n\n```diff\n');
    expect(text).toContain('<details><summary><code>b&lt;c&gt;.ts</code>: 10 rewrites</summary>');
  });

  it('collapses a per-file table of more than 20 files', () => {
    const many = Array.from({ length: 21 }, (_, i) => finding(`src/f${String(i).padStart(2, '0')}.ts`, 1, { fix: 'none', reason: 'unresolved-type' }));
    const text = renderMarkdown(buildReport(normalRun({ before: many, after: many, fixed: [] })));
    expect(text).toContain('### By file\n\n<details><summary>21 files with findings</summary>\n\n| file | before | after | Δ |');
    expect(text).toContain('| `src/f20.ts` | 1 | 1 | 0 |\n\n</details>');
  });

  it('names a failure without a line by its file', () => {
    const text = renderMarkdown(buildReport(normalRun({ failures: [{ file: 'locked.ts', stage: 'write', message: 'Could not write /r/locked.ts: EACCES' }] })));
    expect(text).toContain('- `locked.ts` (write): Could not write /r/locked.ts: EACCES');
  });

  it('escapes | in table cells, including inside code spans', () => {
    const f = finding('src/a|b.ts', 1, { ruleId: 'deprecfix/x|y' });
    const text = renderMarkdown(buildReport(normalRun({ before: [f], after: [f], fixed: [] })));
    expect(text).toContain('| `deprecfix/x\\|y` | 1 | 1 | 0 |');
    expect(text).toContain('| `src/a\\|b.ts` | 1 | 1 | 0 |');
    // Every table row still has exactly four cells.
    for (const row of text.split('\n').filter((line) => line.startsWith('| '))) {
      expect(row.replace(/\\\|/g, '').match(/\|/g)).toHaveLength(5);
    }
  });

  it('escapes backticks and HTML in messages from elsewhere', () => {
    const f = finding('a.ts', 1, { fix: 'safe', reason: "TS2322: Type 'Promise<string>' is not assignable to `number" });
    const text = renderMarkdown(buildReport(normalRun({ before: [f], after: [f], fixed: [] })));
    expect(text).toContain("#### TS2322: Type 'Promise&lt;string&gt;' is not assignable to \\`number (1)");
  });

  it('says what is left outside the scope, or that it was not counted', () => {
    expect(markdown()).toContain('2 findings outside the scope, left for a later phase (deprecfix/no-legacy-serialization: 1, deprecfix/no-utcnow-date: 1).');
    expect(renderMarkdown(buildReport(normalRun({ outOfScope: null })))).toContain('not counted (--no-repo-totals)');
  });

  it('lists failures and notes only when there are some', () => {
    expect(markdown()).not.toContain('### Failures');
    expect(markdown()).not.toContain('### Notes');
    const text = renderMarkdown(
      buildReport(
        normalRun({
          failures: [{ file: 'broken.ts', line: 3, stage: 'parse', message: "';' expected." }],
          notes: ['date-fns-tz: version could not be determined (no node_modules, lockfile or package.json range)'],
        }),
      ),
    );
    expect(text).toContain("### Failures (1)\n\nThese files were skipped or rolled back; the rest of the run completed.\n\n- `broken.ts:3` (parse): ';' expected.");
    expect(text).toContain('### Notes\n\n- date-fns-tz: version could not be determined');
  });

  it('marks a dry run', () => {
    const text = renderMarkdown(buildReport(normalRun({ options: { dryRun: true, unsafeFixes: false } })));
    expect(text.split('\n')[0]).toBe('## deprecfix report (dry run)');
    expect(text).toContain('### Would rewrite (3)');
  });

  it('says so when the scope has no findings', () => {
    const text = renderMarkdown(buildReport(normalRun({ before: [], after: [], fixed: [] })));
    expect(text).toContain('0 → 0 (no change)');
    expect(text).toContain('No findings in the scope.');
    expect(text).not.toContain('| rule |');
  });

  it('ends with one newline', () => {
    expect(markdown().endsWith('</sub>\n')).toBe(true);
  });
});

describe('markdown helpers', () => {
  it.each([
    ['plain', '`plain`'],
    ['a`b', '``a`b``'],
    ['`edge', '`` `edge ``'],
    ['x``y', '```x``y```'],
  ])('markdownCode(%j)', (input, expected) => {
    expect(markdownCode(input)).toBe(expected);
  });

  it.each([
    ['use `instanceToPlain` here', 'use `instanceToPlain` here'],
    ['a_b *c* <T> #1', 'a\\_b \\*c\\* &lt;T&gt; \\#1'],
    ['keeps `a<b>` inside code', 'keeps `a<b>` inside code'],
    ['lone ` tick', 'lone \\` tick'],
    ['line\nbreak', 'line break'],
  ])('markdownText(%j)', (input, expected) => {
    expect(markdownText(input)).toBe(expected);
  });

  it.each([
    [-3, '\u22123'],
    [2, '+2'],
    [0, '0'],
  ])('formatDelta(%d)', (delta, expected) => {
    expect(formatDelta(delta)).toBe(expected);
  });
});

describe('renderPretty', () => {
  const report = (): Report =>
    buildReport(normalRun({ failures: [{ file: 'broken.ts', line: 3, stage: 'parse', message: "';' expected." }], notes: ['a note'] }));

  it('prints a plain summary without color', () => {
    const text = renderPretty(report(), { color: false });
    expect(text).not.toContain('\x1b[');
    expect(text.split('\n')).toEqual([
      'deprecfix phase10-12: 5 → 2 findings (\u22123)',
      '  deprecfix/no-legacy-serialization  4 → 2',
      '  deprecfix/no-utcnow-date           1 → 0',
      '✔ rewrote 3 findings in 2 files',
      '    backend/api/main.ts (2)',
      '    backend/worker/a.ts (1)',
      '● 2 remaining:',
      '    fixable with --unsafe-fixes (1)',
      '      backend/worker/a.ts:12:5  json-roundtrip-clone',
      '    url.parse() and new URL() differ on relative URLs and errors; migrate by hand (1)',
      '      backend/api/schemas.ts:2:5  legacy-url-parse',
      '2 findings outside the scope, left for a later phase (deprecfix/no-legacy-serialization: 1, deprecfix/no-utcnow-date: 1).',
      '✖ 1 failure:',
      "    broken.ts:3  parse  ';' expected.",
      'ℹ a note',
      '',
    ]);
  });

  it('colors when asked', () => {
    const colored = renderPretty(report(), { color: true });
    expect(colored).toContain('\x1b[');
    // Same words underneath the colors.
    expect(colored.replace(/\x1b\[[0-9;]*m/g, '')).toBe(renderPretty(report(), { color: false }));
  });

  it('prints only the headline and failures when quiet', () => {
    expect(renderPretty(report(), { color: false, quiet: true })).toBe(
      "deprecfix phase10-12: 5 → 2 findings (\u22123)\n✖ 1 failure:\n    broken.ts:3  parse  ';' expected.\n",
    );
  });

  it('shows the first few findings of a reason and counts the rest', () => {
    const many = Array.from({ length: 5 }, (_, i) => finding('a.ts', i + 1, { fix: 'unsafe', kind: 'json-roundtrip-clone' }));
    const text = renderPretty(buildReport(normalRun({ before: many, after: many, fixed: [] })), { color: false });
    expect(text).toContain('      a.ts:3:5  json-roundtrip-clone\n      … 2 more\n');
    expect(text).not.toContain('a.ts:4:5');
    expect(text).toContain('5 → 5 findings (no change)');
  });

  it('marks a dry run', () => {
    const text = renderPretty(buildReport(normalRun({ options: { dryRun: true, unsafeFixes: false } })), { color: false });
    expect(text).toContain('(dry run, nothing written)');
    expect(text).toContain('✔ would rewrite 3 findings in 2 files');
  });
});

describe('repairs in the report', () => {
  /** A run with one repair among the rewrites and one repair held by --no-repairs. */
  function runWithRepairs(repairs: boolean): ReportInput {
    const safe = finding('app/schemas.py', 3, { ruleId: 'deprecfix/py-pydantic-v1', kind: 'pydantic-v1-method' });
    const repaired = finding('app/schemas.py', 9, {
      ruleId: 'deprecfix/py-pydantic-v1',
      kind: 'pydantic-v1-method',
      fix: 'repair',
      repairs: 'raises TypeError on pydantic 2.13.4 (`dict()` no longer takes `skip_defaults`)',
    });
    const held = finding('src/time.ts', 2, { ruleId: UTC, kind: 'date-fns-tz-rename', fix: 'repair', repairs: 'date-fns-tz 3.2.0 no longer has `zonedTimeToUtc`' });
    return normalRun({
      scope: { spec: 'all', scopes: ['all'], files: ['app/schemas.py', 'src/time.ts'] },
      before: [safe, repaired, held],
      after: repairs ? [] : [held],
      fixed: [
        { ...fixedOf(safe, 'u.dict()', 'u.model_dump()') },
        { ...fixedOf(repaired, 'u.dict(skip_defaults=True)', 'u.model_dump(exclude_unset=True)'), fix: 'repair', repairs: repaired.repairs! },
        ...(repairs ? [{ ...fixedOf(held, 'zonedTimeToUtc(d)', 'fromZonedTime(d)'), fix: 'repair' as const, repairs: held.repairs! }] : []),
      ],
      options: { dryRun: false, unsafeFixes: false, repairs },
    });
  }

  it('keeps repairs in `fixed` (before = after + fixed) with the failure they fix, and records whether they were applied', () => {
    const report = buildReport(runWithRepairs(true));
    expect(report.before.total).toBe(report.after.total + report.fixed.length);
    expect(report.fixed.map((entry) => entry.fix ?? 'safe')).toEqual(['safe', 'repair', 'repair']);
    expect(report.fixed[1]).toMatchObject({ fix: 'repair', repairs: expect.stringContaining('raises TypeError on pydantic 2.13.4') });
    expect(Object.keys(report.fixed[0])).not.toContain('fix');
    expect(report.repairs).toBe(true);
    expect(parseReport(renderJson(report), 'r.json')).toEqual(report);
  });

  it('gives repairs their own Markdown section apart from the behaviour-preserving rewrites', () => {
    const markdown = renderMarkdown(buildReport(runWithRepairs(true)));
    const rewritten = markdown.slice(markdown.indexOf('### Rewritten'), markdown.indexOf('### Repairs'));
    expect(rewritten).toContain('### Rewritten (1)');
    expect(rewritten).toContain('+u.model_dump()');
    expect(rewritten).not.toContain('skip_defaults');
    const repairs = markdown.slice(markdown.indexOf('### Repairs'));
    expect(repairs).toContain('### Repairs (2) — behaviour changes: the old code failed on the installed version');
    expect(repairs).toContain('- raises TypeError on pydantic 2.13.4 (`dict()` no longer takes `skip_defaults`): `app/schemas.py:9`');
    expect(repairs).toContain('+u.model_dump(exclude_unset=True)');
    expect(repairs).toContain('+fromZonedTime(d)');
  });

  it('lists a repair held by --no-repairs as remaining, with that reason', () => {
    const report = buildReport(runWithRepairs(false));
    expect(report.remaining).toEqual([expect.objectContaining({ kind: 'date-fns-tz-rename', fix: 'repair', reason: 'repair held by --no-repairs' })]);
    expect(renderMarkdown(report)).toContain('#### repair held by --no-repairs (1)');
    expect(renderPretty(report, { color: false })).toContain('▲ 1 repair among them (a behaviour change: the old code failed on the installed version)');
  });

  it('reads a report written before repairs existed as one that applied every rewrite it lists', () => {
    const { repairs: _repairs, ...old } = buildReport(normalRun()) as Report & { repairs?: boolean };
    expect(parseReport(JSON.stringify(old), 'old.json').repairs).toBe(true);
    expect(() => parseReport(JSON.stringify({ ...old, fixed: [{ ...old.fixed[0], fix: 'safe' }] }), 'bad.json')).toThrow(/fixed\[0\]\.fix must be "repair" when present/);
  });
});
