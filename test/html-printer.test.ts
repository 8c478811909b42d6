/**
 * The HTML printer (`--format html`): user data escaped everywhere (a file named like a tag, code that closes the
 * inline script), sections shown exactly when the report has their data, nothing fetched from anywhere (only the
 * rule doc pages are linked), the inline script allowed by the page's CSP hash, the diffs built at the right lines,
 * the burn-down read from `deprecfix history` JSON, and the CLI options around it. The page in a real browser is
 * test/html-report.browser.test.ts.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DOCS_BASE } from '../rules/kinds.js';
import { parseBurnDown, type BurnDown } from '../src/burn-down.js';
import { unifiedDiffOf } from '../src/printers/html-diff.js';
import { inputOfReport, printerFor, type PrintInput } from '../src/printers/index.js';
import { buildReport, countFindings, type Report } from '../src/report.js';
import type { RuntimeSection } from '../src/runtime/runtime-report.js';
import { copyFixtureRepo, makeFinding, runCli, tempDir, usageError } from './helpers.js';

const EVIL_FILE = '<img src=x onerror=alert(1)>.ts';
const EVIL_CODE = 'const s = "</script><script>alert(2)</script>"; classToPlain(o)';

function report(overrides: Partial<Report> = {}): Report {
  const rewritten = makeFinding(EVIL_FILE, 12);
  const left = makeFinding('src/a.ts', 3, { kind: 'legacy-url-parse', fix: 'none', reason: 'needs <a human>', message: '`url.parse()` is deprecated; "quoted" & <b>bold</b>' });
  return {
    ...buildReport({
      toolVersion: '9.9.9',
      scope: { spec: 'phase<1>', scopes: ['phase<1>'], files: [EVIL_FILE, 'src/a.ts'] },
      before: [rewritten, left],
      after: [left],
      fixed: [{ file: EVIL_FILE, line: 12, ruleId: rewritten.ruleId, kind: rewritten.kind, before: EVIL_CODE, after: EVIL_CODE.replace('classToPlain', 'instanceToPlain') }],
      outOfScope: countFindings([]),
      failures: [],
      notes: ['note with <script>alert(3)</script>'],
      options: { dryRun: false, unsafeFixes: false },
      run: { argv: ['deprecfix', '--scope', 'phase<1>'], cwd: '.', startedAt: '2026-01-01T00:00:00Z', finishedAt: '2026-01-01T00:00:01Z', commit: 'abc123', dirty: true, toolVersion: '9.9.9', node: 'v20' },
    }),
    ...overrides,
  };
}

const HISTORY: BurnDown = {
  range: 'v1..v2',
  scope: 'phase10-12',
  points: [
    { commit: 'a'.repeat(40), shortCommit: 'aaaaaaa', date: '2026-01-01T00:00:00Z', subject: 'start </title><img src=x>', inScope: { total: 12 }, repository: { total: 30 } },
    { commit: 'b'.repeat(40), shortCommit: 'bbbbbbb', date: '2026-01-02T00:00:00Z', subject: 'phase 10', inScope: { total: 7 }, repository: { total: 25 } },
    { commit: 'c'.repeat(40), shortCommit: 'ccccccc', date: '2026-01-03T00:00:00Z', subject: 'phase 11', inScope: { total: 2 }, repository: { total: 20 } },
  ],
};

const RUNTIME: RuntimeSection = {
  command: 'node --test',
  commands: ['node --test'],
  before: { exitCode: 0, durationMs: 10, warnings: { total: 2, byCategory: { DeprecationWarning: 2 }, bySite: {} } },
  after: { exitCode: 0, durationMs: 10, warnings: { total: 1, byCategory: { DeprecationWarning: 1 }, bySite: {} } },
  rolledBack: [],
  exhausted: false,
  runs: [{ purpose: 'before', command: 'node --test', exitCode: 0, timedOut: false, durationMs: 10, outputTail: '</pre><img src=x>' }],
  sites: [{ file: EVIL_FILE, line: 12, runtime: 'node', category: 'DeprecationWarning', code: 'DEP0005', message: 'Buffer() <is> deprecated', before: 2, after: 1 }],
  other: [],
  outputTail: '',
};

const print = (input: PrintInput): string => printerFor('html').print(input, { color: false });
const printReport = (value: Report, history?: BurnDown): string => print({ ...inputOfReport(value), history });

describe('html printer: escaping', () => {
  it('shows a file named like a tag and code that closes a script as text, never as markup', () => {
    const page = printReport(report({ runtime: RUNTIME }), HISTORY);
    expect(page).not.toContain('<img');
    expect(page).not.toContain('<b>bold');
    expect(page).not.toContain('<a human>');
    expect(page).not.toMatch(/<script>alert/);
    expect(page).toContain('&#60;img src=x onerror=alert(1)&#62;.ts');
    // Exactly one script element: ours, at the end.
    expect(page.match(/<script\b/gi)).toHaveLength(1);
    expect(page.match(/<\/script/gi)).toHaveLength(1);
    expect(page.trimEnd().endsWith('</script>\n</body>\n</html>')).toBe(true);
  });

  it('escapes attribute values too (the headline label, a doc link)', () => {
    const page = printReport(report());
    for (const [, value] of page.matchAll(/\s[\w-]+="([^"]*)"/g)) expect(value).not.toMatch(/[<>]/);
  });
});

describe('html printer: sections', () => {
  it('shows the headline counts of the report', () => {
    const page = printReport(report());
    expect(page).toContain('<dd id="count-before">2</dd>');
    expect(page).toContain('<dd id="count-after">1</dd>');
    expect(page).toContain('<dd id="count-delta" class="down">\u22121</dd>');
    expect(page).toContain('<dd id="count-out-of-scope">0</dd>');
  });

  it('draws the burn-down, runtime and failures only when the report has them', () => {
    const plain = printReport(report());
    for (const id of ['burn-down', 'runtime', 'failures', 'repairs']) expect(plain).not.toContain(`id="${id}"`);
    for (const id of ['by-rule', 'by-file', 'rewritten', 'remaining', 'notes', 'provenance']) expect(plain).toContain(`id="${id}"`);
    expect(plain).not.toContain('<svg role="img"');

    const full = printReport(report({ runtime: RUNTIME, failures: [{ file: 'src/broken.ts', line: 1, stage: 'parse', message: 'Parsing error' }] }), HISTORY);
    for (const id of ['burn-down', 'runtime', 'failures', 'runtime-warnings']) expect(full).toContain(`id="${id}"`);
    // Two lines (in scope, whole repository), one dot per commit on each, the subject as a tooltip, escaped.
    expect(full.match(/<polyline /g)).toHaveLength(2);
    expect(full.match(/<circle /g)).toHaveLength(6);
    expect(full).toContain('start &#60;/title&#62;&#60;img src=x&#62;');
  });

  it('shows the rewrites as diff2html side-by-side diffs, labelled with their kind', () => {
    const page = printReport(report());
    expect(page).toContain('d2h-file-side-diff');
    expect(page).toContain('class-transformer-rename');
    expect(page).toContain('instanceToPlain');
  });

  it('says where the report came from: command, commit and a dirty tree', () => {
    const page = printReport(report());
    expect(page).toContain('deprecfix --scope &#39;phase&#60;1&#62;&#39;');
    expect(page).toContain('<code>abc123</code>');
    expect(page).toContain('dirty: uncommitted changes at the start');
  });

  it('renders a scan: counts by rule and file, findings by fix, failures', () => {
    const findings = [makeFinding('src/b.ts', 2), makeFinding('src/a.ts', 1, { fix: 'none', reason: 'unresolved type' })];
    const page = print({ findings, failures: [{ file: 'src/x.ts', line: 2, stage: 'parse', message: 'bad <token>' }], files: ['src/a.ts', 'src/b.ts', 'src/x.ts'] });
    expect(page).toContain('<dd id="count-findings">2</dd>');
    expect(page).toContain('<dd id="count-linted">3</dd>');
    expect(page).toContain('no fix: unresolved type (1)');
    expect(page).toContain('safe fix (1)');
    expect(page).toContain('bad &#60;token&#62;');
    expect(page.indexOf('src/a.ts')).toBeLessThan(page.indexOf('src/b.ts'));
  });
});

describe('html printer: self-contained', () => {
  it('links nothing but the rule doc pages and its own sections, and loads nothing', () => {
    const page = printReport(report({ runtime: RUNTIME }), HISTORY);
    const urls = [...page.matchAll(/\s(?:src|href|action|srcset|poster|data)="([^"]*)"/g)].map((match) => match[1]);
    expect(urls.length).toBeGreaterThan(5);
    for (const url of urls) expect(url.startsWith('#') || url.startsWith(`${DOCS_BASE}/`), url).toBe(true);
    expect(urls).toContain(`${DOCS_BASE}/no-legacy-serialization.md#legacy-url-parse`);
    // No element loads anything or carries an event handler (attribute values blanked: they are escaped text).
    const attributeNames = (page.match(/<[a-z][^>]*>/gi) ?? []).map((tag) => tag.replace(/"[^"]*"/g, '""'));
    expect(attributeNames.filter((tag) => /\s(?:src|srcset|on[a-z]+)=/i.test(tag))).toEqual([]);
    expect(page).not.toMatch(/@import|url\(\s*['"]?(?!data:)[a-z]+:/i);
    expect(page).toContain('.d2h-file-wrapper'); // diff2html's stylesheet, inlined
  });

  it('allows its one inline script by hash in the Content-Security-Policy, and no network', () => {
    const page = printReport(report());
    const policy = /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(page)![1].replace(/&#39;/g, "'");
    const script = /<script>([\s\S]*)<\/script>/.exec(page)![1];
    expect(policy).toContain(`script-src 'sha256-${createHash('sha256').update(script).digest('base64')}'`);
    expect(policy).toContain("default-src 'none'");
    expect(policy).not.toContain('unsafe-eval');
  });
});

describe('unifiedDiffOf', () => {
  it('puts each rewrite at its line, shifted by the lines earlier hunks added, imports first', () => {
    const diff = unifiedDiffOf(
      [
        { file: 'a.ts', line: 10, ruleId: 'r', kind: 'k1', before: 'x()', after: 'y()' },
        { file: 'a.ts', line: 10, ruleId: 'r', kind: 'k2', before: 'x()', after: 'y()' },
        { file: 'a.ts', line: 20, ruleId: 'r', kind: 'k3', before: 'p\r\nq', after: 'p\r\nr' },
      ],
      [{ file: 'a.ts', line: 2, before: '', after: "import { y } from 'y';" }],
    );
    expect(diff).toBe(
      [
        '--- a/a.ts',
        '+++ b/a.ts',
        '@@ -1,0 +2,1 @@ imports',
        "+import { y } from 'y';",
        '@@ -10,1 +11,1 @@ k1, k2',
        '-x()',
        '+y()',
        '@@ -20,2 +21,2 @@ k3',
        ' p',
        '-q',
        '+r',
        '',
      ].join('\n'),
    );
  });
});

describe('parseBurnDown', () => {
  it('reads deprecfix history JSON and names the first wrong field', () => {
    expect(parseBurnDown(JSON.stringify(HISTORY), 'h.json').points.map((point) => point.inScope.total)).toEqual([12, 7, 2]);
    const broken = { ...HISTORY, points: [{ ...HISTORY.points[0], repository: { total: -1 } }] };
    expect(usageError(() => parseBurnDown(JSON.stringify(broken), 'h.json')).message).toBe('h.json: points[0].repository.total must be a whole number ≥ 0');
    expect(usageError(() => parseBurnDown('{', 'h.json')).message).toMatch(/^h\.json: not valid JSON/);
    expect(usageError(() => parseBurnDown('{"range":"a..b","points":[]}', 'h.json')).message).toMatch(/points is empty/);
  });

  it('reads what `deprecfix history --format json` writes: the scope as an object, tags, unparsed files, stats', () => {
    const written = {
      range: 'v1..v2',
      scope: { spec: 'phase10-12', scopes: ['phase10', 'phase11', 'phase12'], manifest: 'deprecfix.manifest.json', manifestFrom: 'working tree' },
      points: [{ ...HISTORY.points[0], total: 12, tags: ['v1.0.0'], unparsed: ['src/broken.ts'], inScope: { total: 12, byRule: { r: 12 } }, repository: { total: 30, byRule: { r: 30 } } }],
      stats: { commits: 1, fromCache: 0, filesLinted: 3 },
    };
    const history = parseBurnDown(JSON.stringify(written), 'h.json');
    expect(history.scope).toBe('phase10-12');
    expect(history.points[0]).toMatchObject({ tags: ['v1.0.0'], unparsed: ['src/broken.ts'], inScope: { total: 12 } });
    const page = printReport(report(), history);
    expect(page).toContain('>v1.0.0</text>'); // a tagged commit is labelled with its tag
    expect(page).toContain('1 file could not be parsed');
  });

  it('draws one line when the history has no scope (in scope is the whole repository)', () => {
    const page = printReport(report(), { ...HISTORY, scope: null });
    expect(page.match(/<polyline /g)).toHaveLength(1);
    expect(page).toContain('class="line repository"');
  });
});

describe('CLI: --format html', () => {
  it('fix writes deprecfix-report.html beside the JSON and Markdown, the same page it prints', () => {
    const repo = copyFixtureRepo('demo-repo');
    const run = runCli(['--scope', 'phase10', '--format', 'html'], repo);
    expect(run.status).toBe(0);
    const saved = readFileSync(path.join(repo, 'deprecfix-report.html'), 'utf8');
    expect(saved).toBe(run.stdout);
    const json = JSON.parse(readFileSync(path.join(repo, 'deprecfix-report.json'), 'utf8')) as Report;
    expect(saved).toContain(`<dd id="count-before">${json.before.total}</dd>`);

    // report --history draws the chart; --history without --format html is a usage error.
    const history = path.join(tempDir(), 'history.json');
    writeFileSync(history, JSON.stringify(HISTORY));
    const rendered = runCli(['report', 'deprecfix-report.json', '--format', 'html', '--history', history], repo);
    expect(rendered.status).toBe(0);
    expect(rendered.stdout).toContain('id="burn-down"');
    const wrong = runCli(['report', 'deprecfix-report.json', '--history', history], repo);
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toContain('--history draws the burn-down chart of the HTML report');
    // A verdict has no page: check does not offer html.
    expect(runCli(['check', '--format', 'html'], repo).status).toBe(2);
  });

  it('fix without --format html writes no HTML file', () => {
    const repo = copyFixtureRepo('demo-repo');
    expect(runCli(['--scope', 'phase9', '--no-repo-totals'], repo).status).toBe(0);
    expect(() => readFileSync(path.join(repo, 'deprecfix-report.html'))).toThrow();
  });
});
