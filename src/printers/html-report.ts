import { DOCS_BASE, KINDS, PLUGIN_PREFIX, RULES, type KindId } from '../../rules/kinds.js';
import type { BurnDown } from '../burn-down.js';
import type { FixedEntry, Report } from '../report.js';
import { burnDownChart } from './html-chart.js';
import { renderDiffs } from './html-diff.js';
import { runtimeSection } from './html-runtime.js';
import { dataTable, type Cell } from './html-tables.js';
import { html, richText, trustedHtml, type Html } from './html-text.js';
import { groupBy, partition, plural, shellQuote, sum } from './printer.js';
import { formatDelta, groupByReason, headline, number, outOfScopeLine, runtimeHeadline, unionKeys } from './report-wording.js';

/**
 * A before/after report (CONTRACT §8) as the body of an HTML page, in the Markdown report's reading order: the
 * headline counts, the burn-down when a history is given, the tables by rule, language and file, the rewrites and
 * repairs as side-by-side diffs, what remains grouped by reason with each rule's doc page, the runtime evidence,
 * failures, notes, and where the report came from.
 */
export function reportBody(report: Report, history: BurnDown | undefined): Html {
  const [repaired, rewritten] = partition(report.fixed, (entry) => entry.fix === 'repair');
  const hasCounts = report.before.total > 0 || report.after.total > 0;
  const sections: [string, string, Html | false][] = [
    ['burn-down', 'Burn-down', history !== undefined && history.points.length > 0 && burnDownSection(history)],
    ['by-rule', 'By rule', hasCounts && ruleSection(report)],
    ['by-file', 'By file', hasCounts && fileSection(report)],
    ['rewritten', report.dryRun ? 'Would rewrite' : 'Rewritten', rewritten.length > 0 && diffSection(rewritten, report.imports)],
    ['repairs', report.dryRun ? 'Would repair' : 'Repairs', repaired.length > 0 && repairsSection(report, repaired)],
    ['remaining', 'Remaining', report.remaining.length > 0 && remainingSection(report)],
    ['other-deprecations', 'Other deprecations', report.otherDeprecations !== undefined && otherDeprecationsSection(report.otherDeprecations)],
    ['runtime', 'Runtime warnings', report.runtime !== undefined && runtimeSection(report.runtime)],
    ['failures', 'Failures', report.failures.length > 0 && failuresSection(report)],
    ['notes', 'Notes', report.notes.length > 0 && html`<section aria-labelledby="notes"><h2 id="notes">Notes</h2><ul>${report.notes.map((note) => html`<li>${note}</li>`)}</ul></section>`],
    ['provenance', 'Provenance', provenanceSection(report)],
  ];
  const shown = sections.filter((section): section is [string, string, Html] => section[2] !== false);
  return html`<header class="page">
<h1>deprecfix report${report.dryRun ? ' (dry run)' : ''}</h1>
<p class="lead">${scopeWords(report)}</p>
<p class="lead">${outOfScopeLine(report, (text) => text)}</p>
${headlineCards(report)}
<nav class="toc" aria-label="Sections"><ul>${shown.map(([id, title]) => html`<li><a href="#${id}">${title}</a></li>`)}</ul></nav>
</header>
<main>
${report.dryRun ? html`<p class="banner">Dry run: nothing was written. "Would rewrite" lists what <code>deprecfix fix</code> would change.</p>` : ''}
${report.interrupted ? html`<p class="banner"><strong>Interrupted (${report.interrupted})</strong>: this report lists what is on disk; the files not written (or put back) are unchanged.</p>` : ''}
${hasCounts ? '' : html`<p>No findings in the scope.</p>`}
${shown.map(([, , body]) => html`${body}\n`)}
</main>`;
}

/** The numbers a reviewer quotes, each with an id the browser test compares with the JSON. */
function headlineCards(report: Report): Html {
  const delta = report.after.total - report.before.total;
  const runtime = report.runtime;
  return html`<dl class="cards" aria-label="Headline: ${headline(report)}">
<div class="card"><dt>Findings before</dt><dd id="count-before">${number(report.before.total)}</dd></div>
<div class="card"><dt>Findings after</dt><dd id="count-after">${number(report.after.total)}</dd></div>
<div class="card"><dt>Change</dt><dd id="count-delta" class="${delta < 0 ? 'down' : delta > 0 ? 'up' : ''}">${formatDelta(delta)}</dd></div>
<div class="card"><dt>Outside the scope</dt><dd id="count-out-of-scope">${report.outOfScope ? number(report.outOfScope.total) : html`<small>not counted</small>`}</dd></div>
${
  runtime
    ? html`<div class="card"><dt>Runtime warnings</dt><dd id="runtime-warnings">${number(runtime.before.warnings.total)} → ${runtime.after ? number(runtime.after.warnings.total) : '?'}</dd><dd class="sub">${richText(runtimeHeadline(runtime, (text) => `\`${text}\``))}</dd></div>`
    : ''
}
</dl>`;
}

function scopeWords(report: Report): string {
  const { spec, scopes, files } = report.scope;
  const named = scopes.length === 1 && scopes[0] === spec ? '' : ` (${scopes.join(', ')})`;
  return `Scope ${spec}${named}: ${plural(files.length, 'file')}, findings ${headline(report)}.`;
}

function burnDownSection(history: BurnDown): Html {
  return html`<section aria-labelledby="burn-down"><h2 id="burn-down">Burn-down</h2>${burnDownChart(history)}</section>`;
}

const COUNT_COLUMNS = [
  { label: 'before', numeric: true },
  { label: 'after', numeric: true },
  { label: 'Δ', numeric: true },
];

function countCells(before: number, after: number): (Cell | number)[] {
  return [before, after, { content: formatDelta(after - before), sort: after - before }];
}

function ruleSection(report: Report): Html {
  const rules = unionKeys(report.before.byRule, report.after.byRule);
  const languages = unionKeys(report.before.byLanguage, report.after.byLanguage);
  return html`<section aria-labelledby="by-rule"><h2 id="by-rule">By rule</h2>
${dataTable({
  id: 'rule-table',
  caption: 'Findings in the scope by rule, before and after the run',
  sortable: true,
  sortedBy: { column: 0, direction: 'ascending' },
  columns: [{ label: 'rule' }, ...COUNT_COLUMNS],
  rows: rules.map((rule) => [{ content: ruleLink(rule), sort: rule }, ...countCells(report.before.byRule[rule] ?? 0, report.after.byRule[rule] ?? 0)]),
  footer: ['total', ...countCells(report.before.total, report.after.total)],
})}
${
  languages.length > 1
    ? dataTable({
        caption: 'By language',
        columns: [{ label: 'language' }, ...COUNT_COLUMNS],
        rows: languages.map((language) => [language, ...countCells(report.before.byLanguage[language] ?? 0, report.after.byLanguage[language] ?? 0)]),
      })
    : ''
}
</section>`;
}

/** Config `alsoCount`: other ESLint rules' messages in the scope, per rule, before → after; never rewritten. */
function otherDeprecationsSection(other: NonNullable<Report['otherDeprecations']>): Html {
  const rules = unionKeys(Object.fromEntries(other.rules.map((rule) => [rule, 0])), other.after.byRule);
  return html`<section aria-labelledby="other-deprecations"><h2 id="other-deprecations">Other deprecations (count only)</h2>
<p>Found by other ESLint rules (<code>alsoCount</code> in deprecfix.config.json). deprecfix never rewrites them, and they are not in the counts above.</p>
${dataTable({
  id: 'other-table',
  caption: 'Other deprecations in the scope by rule, before and after the run',
  columns: [{ label: 'rule' }, ...COUNT_COLUMNS],
  rows: rules.map((rule) => [html`<code>${rule}</code>`, ...countCells(other.before.byRule[rule] ?? 0, other.after.byRule[rule] ?? 0)]),
  footer: ['total', ...countCells(other.before.total, other.after.total)],
})}
</section>`;
}

function fileSection(report: Report): Html {
  const files = unionKeys(report.before.byFile, report.after.byFile);
  return html`<section aria-labelledby="by-file"><h2 id="by-file">By file</h2>
${dataTable({
  id: 'file-table',
  caption: `${plural(files.length, 'file')} with findings before or after`,
  sortable: true,
  sortedBy: { column: 0, direction: 'ascending' },
  columns: [{ label: 'file' }, ...COUNT_COLUMNS],
  rows: files.map((file) => [html`<code>${file}</code>`, ...countCells(sum(report.before.byFile[file]), sum(report.after.byFile[file]))]),
})}
</section>`;
}

function diffSection(fixed: readonly FixedEntry[], imports: Report['imports']): Html {
  const files = new Set(fixed.map((entry) => entry.file)).size;
  return html`<section aria-labelledby="rewritten"><h2 id="rewritten">Rewritten (${fixed.length})</h2>
<p>${plural(fixed.length, 'rewrite')} in ${plural(files, 'file')}; each hunk is labelled with its kind.</p>
<div class="file-diff">${trustedHtml(renderDiffs(fixed, imports))}</div>
</section>`;
}

/** Behaviour changes on purpose, each with the failure it fixes; a file's imports show here when it has no rewrites. */
function repairsSection(report: Report, repaired: readonly FixedEntry[]): Html {
  const shownWithRewrites = new Set(report.fixed.filter((entry) => entry.fix !== 'repair').map((entry) => entry.file));
  return html`<section aria-labelledby="repairs"><h2 id="repairs">Repairs (${repaired.length}): behaviour changes</h2>
<p>The old code failed on the installed version; each repair makes it work.</p>
<ul>${[...groupBy(repaired, (entry) => entry.repairs ?? '')].map(([failure, entries]) => html`<li>${richText(failure)}: ${entries.map((entry, index) => html`${index > 0 ? ', ' : ''}<code>${entry.file}:${entry.line}</code>`)}</li>`)}</ul>
<div class="file-diff">${trustedHtml(renderDiffs(repaired, report.imports.filter((edit) => !shownWithRewrites.has(edit.file))))}</div>
</section>`;
}

function remainingSection(report: Report): Html {
  return html`<section aria-labelledby="remaining"><h2 id="remaining">Remaining (${report.remaining.length})</h2>
${groupByReason(report.remaining).map(
  ([reason, entries], index) => html`<h3 id="reason-${index + 1}">${reason} (${entries.length})</h3>
${dataTable({
  caption: `Findings left because: ${reason}`,
  wide: true,
  sortable: true,
  columns: [{ label: 'where' }, { label: 'kind' }, { label: 'fix' }, ...(entries.some((entry) => entry.runtimeHits !== undefined) ? [{ label: 'runtime hits', numeric: true }] : []), { label: 'message' }],
  rows: entries.map((entry) => [
    { content: html`<code>${entry.file}:${entry.line}:${entry.column}</code>`, sort: `${entry.file}:${String(entry.line).padStart(9, '0')}` },
    kindLink(entry.ruleId, entry.kind),
    entry.fix,
    ...(entries.some((other) => other.runtimeHits !== undefined) ? [entry.runtimeHits ?? 0] : []),
    richText(entry.message),
  ]),
})}`,
)}
</section>`;
}

function failuresSection(report: Report): Html {
  return html`<section aria-labelledby="failures"><h2 id="failures">Failures (${report.failures.length})</h2>
<p>These files were skipped or rolled back; the rest of the run completed.</p>
<ul>${report.failures.map((failure) => html`<li><code>${failure.line ? `${failure.file}:${failure.line}` : failure.file}</code> (${failure.stage}): ${failure.message}</li>`)}</ul>
</section>`;
}

/** The run's command line, commit and dirty flag: what a checklist line "verified: commit X" points at. */
function provenanceSection(report: Report): Html {
  const run = report.run;
  const rows: [string, Html | string][] = run
    ? [
        ['command', html`<code>${run.argv.map(shellQuote).join(' ')}</code>`],
        ['commit', run.commit ? html`<code>${run.commit}</code>${run.dirty ? html` <strong class="up">(dirty: uncommitted changes at the start)</strong>` : run.dirty === false ? ' (clean)' : ''}` : 'not in a git repository'],
        ['directory', run.cwd],
        ['ran', `${run.startedAt} → ${run.finishedAt}`],
        ['versions', `deprecfix ${run.toolVersion}, Node ${run.node}${run.python ? `, Python ${run.python}` : ''}`],
        ...(run.manifestHash ? [['manifest', html`<code>${run.manifestHash}</code>`] as [string, Html]] : []),
        ...(run.configHash ? [['config', html`<code>${run.configHash}</code>`] as [string, Html]] : []),
      ]
    : [['tool', `${report.tool.name} ${report.tool.version} (this report has no run provenance)`]];
  return html`<section aria-labelledby="provenance"><h2 id="provenance">Provenance</h2>
<dl class="provenance">${rows.map(([term, value]) => html`<dt>${term}</dt><dd>${value}</dd>`)}</dl>
</section>`;
}

/** A rule id linked to its doc page when it is one of ours; other rule ids stay text. */
export function ruleLink(ruleId: string): Html {
  const url = docUrl(ruleId);
  return url ? html`<a href="${url}"><code>${ruleId}</code></a>` : html`<code>${ruleId}</code>`;
}

/** A kind linked to its section of the rule's doc page. */
export function kindLink(ruleId: string, kind: string): Html {
  const url = docUrl(ruleId, kind);
  return url ? html`<a href="${url}"><code>${kind}</code></a>` : html`<code>${kind}</code>`;
}

/** The rule's doc page, at the kind's own section when the kind is documented there. */
export function docUrl(ruleId: string, kind?: string): string | undefined {
  const name = ruleId.startsWith(`${PLUGIN_PREFIX}/`) ? ruleId.slice(PLUGIN_PREFIX.length + 1) : undefined;
  if (!name || !Object.hasOwn(RULES, name)) return undefined;
  const anchor = kind && Object.hasOwn(KINDS, kind) && KINDS[kind as KindId].rule === name ? `#${kind}` : '';
  return `${DOCS_BASE}/${name}.md${anchor}`;
}

