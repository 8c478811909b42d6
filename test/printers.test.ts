/**
 * The output printers behind `--format`: SARIF valid against the 2.1.0 schema and pointing at the rule docs,
 * GitHub workflow commands escaped the way the Actions runner reads them back and capped at what GitHub shows,
 * JSON that prints the same bytes for the same findings, and the CLI choosing the printer.
 */
import { Ajv } from 'ajv';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DOCS_BASE, RULES, type RuleName } from '../rules/kinds.js';
import type { Finding } from '../src/lint.js';
import { ANNOTATIONS_PER_LEVEL, escapeData, escapeProperty } from '../src/printers/github.js';
import { inputOfReport, OUTPUT_FORMATS, printerFor, type PrintInput, type PrintOptions } from '../src/printers/index.js';
import type { Failure } from '../src/lint.js';
import { buildReport, countFindings, type Report } from '../src/report.js';
import { renderJson } from '../src/printers/json.js';
import { renderMarkdown } from '../src/printers/markdown.js';
import { renderPretty } from '../src/printers/pretty.js';
import { copyFixtureRepo, makeFinding, packageRoot, runCli } from './helpers.js';

const UTC = 'deprecfix/no-utcnow-date';
const SER = 'deprecfix/no-legacy-serialization';
const PY = 'deprecfix/py-utcnow';

const finding = makeFinding;

/** One of each fix safety, a multi-line range, a Python file, a path that needs URI encoding. */
const FINDINGS: Finding[] = [
  finding('backend/api/main.ts', 12),
  finding('backend/api/main.ts', 3, { ruleId: UTC, kind: 'annexb-togmtstring', message: '`toGMTString()` is a deprecated Annex B alias of `toUTCString()`.' }),
  finding('backend/worker/retry.ts', 7, { kind: 'json-roundtrip-clone', fix: 'unsafe', endLine: 9, endColumn: 3, message: '`JSON.parse(JSON.stringify(x))` is a lossy deep clone; use `structuredClone(x)`.' }),
  finding('backend/api/legacy url.ts', 2, { kind: 'legacy-url-parse', fix: 'none', reason: 'url.parse() and new URL() differ on relative URLs and errors; migrate by hand', message: '`url.parse()` is deprecated (DEP0169); use the WHATWG `new URL()`.' }),
  finding('backend/worker/main.py', 4, { ruleId: PY, kind: 'utcnow', column: 12, endColumn: 29, message: '`datetime.utcnow()` is deprecated since Python 3.12 and returns a naive datetime.' }),
];
const FAILURES: Failure[] = [
  { file: 'backend/broken.ts', line: 3, stage: 'parse', message: "Parsing error: ',' expected." },
  { file: 'backend/unmatched.ts', line: 0, stage: 'parse', message: 'File ignored because no matching configuration was supplied.' },
];
const FILES = ['backend/api/legacy url.ts', 'backend/api/main.ts', 'backend/broken.ts', 'backend/clean.ts', 'backend/worker/main.py', 'backend/worker/retry.ts'];
const INPUT: PrintInput = { findings: FINDINGS, failures: FAILURES, files: FILES };
const PLAIN: PrintOptions = { color: false };

function sampleReport(): Report {
  const rewritten = finding('backend/api/main.ts', 12);
  return buildReport({
    toolVersion: '9.9.9',
    scope: { spec: 'phase10', scopes: ['phase10'], files: ['backend/api/main.ts', 'backend/worker/retry.ts', 'backend/api/legacy url.ts'] },
    before: [rewritten, FINDINGS[2], FINDINGS[3]],
    after: [FINDINGS[2], FINDINGS[3]],
    fixed: [{ file: rewritten.file, line: rewritten.line, ruleId: rewritten.ruleId, kind: rewritten.kind, before: 'classToPlain(o)', after: 'instanceToPlain(o)' }],
    outOfScope: countFindings([]),
    failures: [],
    notes: [],
    options: { dryRun: false, unsafeFixes: false },
  });
}

// ---------------------------------------------------------------------------------------------------------------
// SARIF

/**
 * The vendored OASIS schema (see test/data/README.md). It declares draft 2020-12 but uses only keywords that
 * draft-07 reads the same way, which is what Ajv 8 validates by default. Ajv 8 ships no formats (ajv-formats is a
 * package of its own), so the four the schema uses are checked here.
 */
const validateSarif = (() => {
  const schema = JSON.parse(readFileSync(path.join(packageRoot, 'test/data/sarif-schema-2.1.0.json'), 'utf8'));
  delete schema.$schema;
  const isUrl = (text: string) => URL.canParse(text);
  return new Ajv({
    allErrors: true,
    strict: false,
    formats: {
      uri: isUrl,
      'uri-reference': (text: string) => isUrl(text) || URL.canParse(text, 'file:///'),
      'date-time': (text: string) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/i.test(text),
      uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
    },
  }).compile(schema);
})();

function expectValidSarif(log: unknown): void {
  const valid = validateSarif(log);
  expect(validateSarif.errors ?? [], JSON.stringify(validateSarif.errors, null, 2)).toEqual([]);
  expect(valid).toBe(true);
}

interface SarifLog {
  version: string;
  runs: {
    tool: { driver: { name: string; version: string; rules: { id: string; helpUri?: string; shortDescription: { text: string }; defaultConfiguration: { level: string } }[] } };
    invocations: { executionSuccessful: boolean; toolExecutionNotifications: { level: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region?: object } }[] }[] }[];
    originalUriBaseIds: Record<string, { uri?: string }>;
    results: {
      ruleId: string;
      ruleIndex: number;
      level: string;
      message: { text: string };
      locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: Record<string, number> } }[];
      properties: { kind: string; fix: string; reason?: string };
    }[];
  }[];
}

function printSarif(input: PrintInput, options: PrintOptions = PLAIN): SarifLog {
  return JSON.parse(printerFor('sarif').print(input, options)) as SarifLog;
}

describe('sarif printer', () => {
  it.each<[string, PrintInput, PrintOptions]>([
    ['findings and failures', INPUT, PLAIN],
    ['no findings', { findings: [], failures: [], files: [] }, PLAIN],
    ['graded as errors, anchored to a root', INPUT, { color: false, severity: 'error', repoRoot: '/tmp/my repo' }],
    ['a saved report', inputOfReport(sampleReport()), PLAIN],
  ])('is valid SARIF 2.1.0: %s', (_name, input, options) => {
    expectValidSarif(printSarif(input, options));
  });

  it('the validator rejects what the schema forbids', () => {
    const log = printSarif(INPUT);
    log.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0;
    expect(validateSarif(log)).toBe(false);
    expect(validateSarif({ ...printSarif(INPUT), version: '2.0.0' })).toBe(false);
  });

  it('lists every rule with its doc page and default level, and results point at them by id and index', () => {
    const run = printSarif(INPUT).runs[0];
    expect(run.tool.driver.name).toBe('deprecfix');
    const rules = run.tool.driver.rules;
    expect(rules.map((rule) => rule.id)).toEqual(Object.keys(RULES).map((name) => `deprecfix/${name}`));
    for (const rule of rules) {
      const name = rule.id.replace('deprecfix/', '') as RuleName;
      expect(rule.helpUri).toBe(`${DOCS_BASE}/${name}.md`);
      expect(rule.shortDescription.text).toBe(RULES[name].description);
      expect(rule.defaultConfiguration.level).toBe('warning');
    }
    expect(run.results).toHaveLength(FINDINGS.length);
    for (const result of run.results) expect(rules[result.ruleIndex].id).toBe(result.ruleId);
  });

  it('gives relative, encoded URIs under %SRCROOT%, the exact region, and kind and fix safety as properties', () => {
    const run = printSarif(INPUT).runs[0];
    // Sorted by file, line, column.
    expect(run.results.map((result) => result.locations[0].physicalLocation.artifactLocation.uri)).toEqual([
      'backend/api/legacy%20url.ts',
      'backend/api/main.ts',
      'backend/api/main.ts',
      'backend/worker/main.py',
      'backend/worker/retry.ts',
    ]);
    const [url, , rename, , clone] = run.results;
    expect(rename.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'backend/api/main.ts', uriBaseId: '%SRCROOT%' },
      region: { startLine: 12, startColumn: 5, endLine: 12, endColumn: 17 },
    });
    expect(rename).toMatchObject({ ruleId: SER, level: 'warning', properties: { kind: 'class-transformer-rename', fix: 'safe' } });
    expect(rename.properties).not.toHaveProperty('reason');
    expect(rename.message.text).toContain('(safe fix)');
    expect(clone.locations[0].physicalLocation.region).toEqual({ startLine: 7, startColumn: 5, endLine: 9, endColumn: 3 });
    expect(clone.properties).toEqual({ kind: 'json-roundtrip-clone', fix: 'unsafe' });
    expect(url.properties).toEqual({ kind: 'legacy-url-parse', fix: 'none', reason: FINDINGS[3].reason });
    expect(run.originalUriBaseIds['%SRCROOT%'].uri).toBeUndefined();
  });

  it('anchors %SRCROOT% to the repository root when given, and grades results as the caller asks', () => {
    const run = printSarif(INPUT, { color: false, severity: 'error', repoRoot: '/tmp/my repo' }).runs[0];
    expect(run.originalUriBaseIds['%SRCROOT%'].uri).toBe('file:///tmp/my%20repo/');
    expect(new Set(run.results.map((result) => result.level))).toEqual(new Set(['error']));
  });

  it('reports failures as tool execution notifications; a line-0 failure names only the file', () => {
    const [invocation] = printSarif(INPUT).runs[0].invocations;
    expect(invocation.executionSuccessful).toBe(false);
    const [broken, unmatched] = invocation.toolExecutionNotifications;
    expect(broken.level).toBe('error');
    expect(broken.locations[0].physicalLocation.region).toEqual({ startLine: 3 });
    expect(unmatched.locations[0].physicalLocation).toEqual({ artifactLocation: { uri: 'backend/unmatched.ts', uriBaseId: '%SRCROOT%' } });
    expect(printSarif({ ...INPUT, failures: [] }).runs[0].invocations[0].executionSuccessful).toBe(true);
  });

  it('prints a saved report’s remaining findings, start only, with the report’s tool version', () => {
    const run = printSarif(inputOfReport(sampleReport())).runs[0];
    expect(run.tool.driver.version).toBe('9.9.9');
    expect(run.results.map((result) => result.properties.kind)).toEqual(['legacy-url-parse', 'json-roundtrip-clone']);
    expect(run.results[1].locations[0].physicalLocation.region).toEqual({ startLine: 7, startColumn: 5 });
    // "fixable with --unsafe-fixes" explains a remaining entry; as a finding, an unsafe fix has no reason.
    expect(run.results[1].properties).toEqual({ kind: 'json-roundtrip-clone', fix: 'unsafe' });
  });
});

// ---------------------------------------------------------------------------------------------------------------
// GitHub workflow commands

interface ParsedCommand {
  command: string;
  properties: Record<string, string>;
  data: string;
}

/** Reads a workflow command back the way the Actions runner does (`ActionCommand.TryParseV2`). */
function parseWorkflowCommand(line: string): ParsedCommand | undefined {
  if (!line.startsWith('::')) return undefined;
  const end = line.indexOf('::', 2);
  const info = line.slice(2, end);
  const space = info.indexOf(' ');
  const command = space < 0 ? info : info.slice(0, space);
  const properties: Record<string, string> = {};
  if (space >= 0) {
    for (const pair of info.slice(space + 1).split(',')) {
      const equals = pair.indexOf('=');
      properties[pair.slice(0, equals)] = unescape(pair.slice(equals + 1), true);
    }
  }
  return { command, properties, data: unescape(line.slice(end + 2), false) };
}

function unescape(text: string, property: boolean): string {
  const table: Record<string, string> = { '%25': '%', '%0D': '\r', '%0A': '\n', ...(property ? { '%3A': ':', '%2C': ',' } : {}) };
  return text.replace(/%(?:25|0D|0A|3A|2C)/g, (code) => table[code] ?? code);
}

function githubLines(input: PrintInput, options: PrintOptions = PLAIN): string[] {
  const output = printerFor('github').print(input, options);
  expect(output.endsWith('\n')).toBe(true);
  return output.slice(0, -1).split('\n');
}

describe('github printer', () => {
  it.each([
    ['%', '%25', '%25'],
    ['\r', '%0D', '%0D'],
    ['\n', '%0A', '%0A'],
    [':', ':', '%3A'],
    [',', ',', '%2C'],
    ['100%0A done', '100%250A done', '100%250A done'],
    ['a:b,c\r\n%', 'a:b,c%0D%0A%25', 'a%3Ab%2Cc%0D%0A%25'],
  ])('escapes %j as data %j and as a property %j', (raw, data, property) => {
    expect(escapeData(raw)).toBe(data);
    expect(escapeProperty(raw)).toBe(property);
  });

  it('prints one ::warning per finding with file, line, col, endLine, endColumn and title', () => {
    const lines = githubLines({ findings: [finding('backend/api/main.ts', 12)], failures: [], files: ['backend/api/main.ts'] });
    expect(lines).toEqual([
      '::warning file=backend/api/main.ts,line=12,col=5,endLine=12,endColumn=17,title=deprecfix/no-legacy-serialization (class-transformer-rename)::' +
        '`classToPlain` is deprecated since class-transformer 0.4.1; use `instanceToPlain`. (safe fix)',
      'deprecfix: 1 finding in 1 file',
    ]);
  });

  it('escapes %, CR, LF, : and , so the runner reads back the exact file, title and message', () => {
    const tricky = finding('src/a,b:c%d.ts', 2, { ruleId: 'deprecfix/x:y,z', message: 'line one\r\nline two: 100%, done' });
    const [line] = githubLines({ findings: [tricky], failures: [], files: [tricky.file] });
    expect(line).toBe(
      '::warning file=src/a%2Cb%3Ac%25d.ts,line=2,col=5,endLine=2,endColumn=17,title=deprecfix/x%3Ay%2Cz (class-transformer-rename)::' +
        'line one%0D%0Aline two: 100%25, done (safe fix)',
    );
    expect(parseWorkflowCommand(line)).toEqual({
      command: 'warning',
      properties: { file: 'src/a,b:c%d.ts', line: '2', col: '5', endLine: '2', endColumn: '17', title: 'deprecfix/x:y,z (class-transformer-rename)' },
      data: 'line one\r\nline two: 100%, done (safe fix)',
    });
  });

  it('gives a multi-line finding lines only (GitHub takes columns on one line), and a no-fix finding its reason', () => {
    const commands = githubLines({ findings: [FINDINGS[2], FINDINGS[3]], failures: [], files: FILES }).map(parseWorkflowCommand);
    expect(commands[0]?.properties).toEqual({ file: 'backend/api/legacy url.ts', line: '2', col: '5', endLine: '2', endColumn: '17', title: `${SER} (legacy-url-parse)` });
    expect(commands[0]?.data).toContain(`(no fix: ${FINDINGS[3].reason})`);
    expect(commands[1]?.properties).toEqual({ file: 'backend/worker/retry.ts', line: '7', endLine: '9', title: `${SER} (json-roundtrip-clone)` });
  });

  it('prints failures as ::error, and findings as ::error when the caller grades them so', () => {
    const commands = githubLines(INPUT, { color: false, severity: 'error' }).map(parseWorkflowCommand).filter((command) => command !== undefined);
    expect(commands.map((command) => command.command)).toEqual(Array(FAILURES.length + FINDINGS.length).fill('error'));
    expect(commands[0].properties).toEqual({ file: 'backend/broken.ts', line: '3', title: 'deprecfix: parse failed' });
    expect(commands[0].data).toBe("Parsing error: ',' expected.");
    expect(commands[1].properties).toEqual({ file: 'backend/unmatched.ts', title: 'deprecfix: parse failed' });
  });

  it(`annotates at most ${ANNOTATIONS_PER_LEVEL} findings of each level, then one ::notice counting the rest`, () => {
    const many = Array.from({ length: 25 }, (_, i) => finding(`src/f${String(i).padStart(2, '0')}.ts`, 1));
    const failures = Array.from({ length: 12 }, (_, i): Failure => ({ file: `src/broken${i}.ts`, line: 1, stage: 'parse', message: 'Parsing error' }));
    const lines = githubLines({ findings: many, failures, files: many.map((f) => f.file) });
    const commands = lines.map(parseWorkflowCommand);
    expect(commands.every((command) => command !== undefined)).toBe(true);
    expect(commands.filter((command) => command?.command === 'warning')).toHaveLength(ANNOTATIONS_PER_LEVEL);
    expect(commands.filter((command) => command?.command === 'error')).toHaveLength(ANNOTATIONS_PER_LEVEL);
    // The first ten in file order are the ones shown.
    expect(commands.filter((command) => command?.command === 'warning').map((command) => command?.properties.file)).toEqual(many.slice(0, 10).map((f) => f.file));
    const summary = commands.at(-1)!;
    expect(lines).toHaveLength(2 * ANNOTATIONS_PER_LEVEL + 1);
    expect(summary.command).toBe('notice');
    expect(summary.data).toContain('25 findings in 25 files, 12 files not linted');
    expect(summary.data).toContain('2 errors and 15 warnings not annotated');
  });

  it('prints no notice when everything fits, and exactly the limit fits', () => {
    const ten = Array.from({ length: ANNOTATIONS_PER_LEVEL }, (_, i) => finding(`src/f${i}.ts`, 1));
    const lines = githubLines({ findings: ten, failures: [], files: ten.map((f) => f.file) });
    expect(lines).toHaveLength(ANNOTATIONS_PER_LEVEL + 1);
    expect(lines.at(-1)).toBe(`deprecfix: ${ANNOTATIONS_PER_LEVEL} findings in ${ANNOTATIONS_PER_LEVEL} files`);
    expect(githubLines({ findings: [], failures: [], files: FILES })).toEqual(['deprecfix: 0 findings in 6 files']);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// JSON, pretty, Markdown

describe('json printer', () => {
  it('prints the same bytes whatever order the findings, failures and their keys come in', () => {
    const reordered = [...FINDINGS].reverse().map((f) => Object.fromEntries(Object.entries(f).reverse()) as unknown as Finding);
    const first = printerFor('json').print(INPUT, PLAIN);
    expect(printerFor('json').print({ findings: reordered, failures: [...FAILURES].reverse(), files: FILES }, PLAIN)).toBe(first);
    expect(first.endsWith('}\n')).toBe(true);
  });

  it('keeps the scan shape: files, findings in contract field order, counts, failures', () => {
    const output = JSON.parse(printerFor('json').print(INPUT, PLAIN));
    expect(Object.keys(output)).toEqual(['files', 'findings', 'counts', 'failures']);
    expect(output.files).toBe(FILES.length);
    expect(Object.keys(output.findings[0])).toEqual(['file', 'line', 'column', 'endLine', 'endColumn', 'ruleId', 'kind', 'message', 'fix', 'reason']);
    expect(output.findings.map((f: Finding) => `${f.file}:${f.line}`)).toEqual([
      'backend/api/legacy url.ts:2',
      'backend/api/main.ts:3',
      'backend/api/main.ts:12',
      'backend/worker/main.py:4',
      'backend/worker/retry.ts:7',
    ]);
    expect(output.counts).toEqual(countFindings(FINDINGS));
    expect(output.failures[0]).toEqual({ file: 'backend/broken.ts', line: 3, stage: 'parse', message: "Parsing error: ',' expected." });
  });

  it('prints a report as deprecfix-report.json', () => {
    const report = sampleReport();
    expect(printerFor('json').print(inputOfReport(report), PLAIN)).toBe(renderJson(report));
  });
});

describe('pretty and markdown printers', () => {
  it('pretty groups findings by file and ends with the total', () => {
    const output = printerFor('pretty').print(INPUT, PLAIN);
    expect(output).toContain('backend/api/main.ts\n  3:5      safe    `toGMTString()`');
    expect(output).toContain("error backend/broken.ts:3: Parsing error: ',' expected.");
    expect(output.trimEnd().split('\n').at(-1)).toBe('5 findings in 6 files (3 safely fixable with `deprecfix fix`)');
    expect(printerFor('pretty').print(INPUT, { color: false, quiet: true })).not.toContain('backend/api/main.ts');
  });

  it('markdown prints the per-rule counts of a scan', () => {
    const output = printerFor('markdown').print(INPUT, PLAIN);
    expect(output).toContain('### deprecfix scan: 5 findings in 6 files');
    expect(output).toContain(`| \`${SER}\` | 3 |`);
    expect(output).toContain('2 files could not be linted.');
  });

  it('pretty and markdown print a report through the report renderers', () => {
    const report = sampleReport();
    expect(printerFor('pretty').print(inputOfReport(report), PLAIN)).toBe(renderPretty(report, { color: false }));
    expect(printerFor('markdown').print(inputOfReport(report), PLAIN)).toBe(renderMarkdown(report));
  });
});

describe('printerFor', () => {
  it('has a printer for every format and refuses others', () => {
    expect(OUTPUT_FORMATS).toEqual(['pretty', 'json', 'markdown', 'sarif', 'github', 'html']);
    for (const format of OUTPUT_FORMATS) expect(printerFor(format).format).toBe(format);
    expect(() => printerFor('xml' as never)).toThrow(/unknown output format "xml"/);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// The CLI picks the printer (built CLI, as in e2e.test.ts)

describe('--format on the command line', () => {
  it('scan --format sarif prints valid SARIF and github prints annotations, for the same findings', () => {
    const repo = copyFixtureRepo('demo-repo', { git: false });
    const json = runCli(['scan', '--scope', 'phase10-12', '--format', 'json'], repo);
    const sarif = runCli(['scan', '--scope', 'phase10-12', '--format', 'sarif'], repo);
    expect(sarif.status).toBe(0);
    const log = JSON.parse(sarif.stdout) as SarifLog;
    expectValidSarif(log);
    const findings = JSON.parse(json.stdout).findings as Finding[];
    expect(findings.length).toBeGreaterThan(0);
    expect(log.runs[0].results).toHaveLength(findings.length);
    expect(log.runs[0].originalUriBaseIds['%SRCROOT%'].uri).toMatch(/^file:\/\/.*\/$/);
    const github = runCli(['scan', '--scope', 'phase10-12', '--format', 'github'], repo);
    const annotations = github.stdout.split('\n').filter((line) => line.startsWith('::warning '));
    expect(annotations).toHaveLength(Math.min(findings.length, ANNOTATIONS_PER_LEVEL));
  });

  it('report re-renders a saved report as SARIF and GitHub annotations; other formats are refused', () => {
    const repo = copyFixtureRepo('demo-repo');
    expect(runCli(['--scope', 'phase10-12'], repo).status).toBe(0);
    const saved = JSON.parse(readFileSync(path.join(repo, 'deprecfix-report.json'), 'utf8')) as Report;
    const sarif = runCli(['report', 'deprecfix-report.json', '--format', 'sarif'], repo);
    expect(sarif.status).toBe(0);
    expectValidSarif(JSON.parse(sarif.stdout));
    expect((JSON.parse(sarif.stdout) as SarifLog).runs[0].results).toHaveLength(saved.remaining.length);
    const github = runCli(['report', 'deprecfix-report.json', '--format', 'github'], repo);
    expect(github.status).toBe(0);
    expect(github.stdout.split('\n').filter((line) => line.startsWith('::warning '))).toHaveLength(Math.min(saved.remaining.length, ANNOTATIONS_PER_LEVEL));
    expect(runCli(['report', 'deprecfix-report.json', '--format', 'xml'], repo).status).toBe(2);
  });
});
