import { countFindings } from '../report.js';
import { contentSecurityPolicy, diff2htmlStylesheet, SORT_SCRIPT, STYLESHEET } from './html-assets.js';
import { kindLink, reportBody, ruleLink } from './html-report.js';
import { dataTable } from './html-tables.js';
import { html, richText, trustedHtml, type Html } from './html-text.js';
import { describeFix, groupBy, plural, sortFailures, sortFindings, type PrintInput, type Printer } from './printer.js';
import { headline, number } from './report-wording.js';

/**
 * `--format html`: one self-contained page (no network: styles and the one script are inline, a Content-Security-
 * Policy forbids anything else) for a browser, a CI artefact or release evidence. A report (`fix`, `report`) shows
 * everything the Markdown does plus side-by-side diffs, sortable tables and the burn-down chart when a history is
 * given; a scan shows its counts and findings. Every table is complete with JavaScript off.
 */
export const htmlPrinter: Printer = {
  format: 'html',
  print(input: PrintInput): string {
    const report = input.report;
    const title = report ? `deprecfix report: ${report.scope.spec}, ${headline(report)}` : `deprecfix scan: ${plural(input.findings.length, 'finding')}`;
    return page(title, report ? reportBody(report, input.history) : scanBody(input));
  },
};

function page(title: string, body: Html): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy()}">
<meta name="generator" content="deprecfix">
<title>${title}</title>
<style>${trustedHtml(styleText(diff2htmlStylesheet()))}</style>
<style>${trustedHtml(STYLESHEET)}</style>
</head>
<body>
${body}
<script>${trustedHtml(SORT_SCRIPT)}</script>
</body>
</html>
`.value;
}

/** A stylesheet is raw text inside `<style>`: only `</style` could end it early, and CSS never needs it. */
function styleText(css: string): string {
  return css.replace(/<\/style/gi, '<\\/style');
}

function scanBody(input: PrintInput): Html {
  const findings = sortFindings(input.findings);
  const counts = countFindings(findings);
  const files = Object.keys(counts.byFile);
  return html`<header class="page">
<h1>deprecfix scan</h1>
<p class="lead">${plural(counts.total, 'finding')} in ${plural(files.length, 'file')} of ${plural(input.files.length, 'file')} linted.</p>
<dl class="cards">
<div class="card"><dt>Findings</dt><dd id="count-findings">${number(counts.total)}</dd></div>
<div class="card"><dt>Files with findings</dt><dd id="count-files">${number(files.length)}</dd></div>
<div class="card"><dt>Files linted</dt><dd id="count-linted">${number(input.files.length)}</dd></div>
</dl>
</header>
<main>
${
  counts.total > 0
    ? html`<section aria-labelledby="by-rule"><h2 id="by-rule">By rule</h2>
${dataTable({
  id: 'rule-table',
  caption: 'Findings by rule',
  sortable: true,
  sortedBy: { column: 0, direction: 'ascending' },
  columns: [{ label: 'rule' }, { label: 'findings', numeric: true }],
  rows: Object.entries(counts.byRule).map(([rule, count]) => [{ content: ruleLink(rule), sort: rule }, count]),
})}</section>
<section aria-labelledby="by-file"><h2 id="by-file">By file</h2>
${dataTable({
  id: 'file-table',
  caption: `${plural(files.length, 'file')} with findings`,
  sortable: true,
  sortedBy: { column: 0, direction: 'ascending' },
  columns: [{ label: 'file' }, { label: 'findings', numeric: true }],
  rows: Object.entries(counts.byFile).map(([file, byRule]) => [html`<code>${file}</code>`, Object.values(byRule).reduce((a, b) => a + b, 0)]),
})}</section>
<section aria-labelledby="findings"><h2 id="findings">Findings by fix</h2>
${[...groupBy(findings, describeFix)].map(
  ([fix, group]) => html`<h3>${fix} (${group.length})</h3>
${dataTable({
  caption: `Findings with ${fix}`,
  wide: true,
  sortable: true,
  sortedBy: { column: 0, direction: 'ascending' },
  columns: [{ label: 'where' }, { label: 'kind' }, { label: 'message' }],
  rows: group.map((finding) => [
    { content: html`<code>${finding.file}:${finding.line}:${finding.column}</code>`, sort: `${finding.file}:${String(finding.line).padStart(9, '0')}:${String(finding.column).padStart(9, '0')}` },
    kindLink(finding.ruleId, finding.kind),
    richText(finding.message),
  ]),
})}`,
)}</section>`
    : html`<p>No findings.</p>`
}
${
  input.failures.length > 0
    ? html`<section aria-labelledby="failures"><h2 id="failures">Failures (${input.failures.length})</h2><ul>${sortFailures(input.failures).map((failure) => html`<li><code>${failure.line ? `${failure.file}:${failure.line}` : failure.file}</code> (${failure.stage}): ${failure.message}</li>`)}</ul></section>`
    : ''
}
</main>`;
}
