import type { RuntimeSection, RuntimeSite } from '../runtime/runtime-report.js';
import { formatDuration } from '../runtime/test-run.js';
import { html, type Html } from './html-text.js';
import { dataTable } from './html-tables.js';
import { ending, number } from './report-wording.js';

/**
 * The report's runtime evidence as HTML (CONTRACT §12.3), the same content as the Markdown: the sites with their
 * hits before → after and the finding at each, the deprecations no rule covers, the rewrites the tests rolled back,
 * and every test run with its command, exit, duration and output tail.
 */
export function runtimeSection(runtime: RuntimeSection): Html {
  return html`<section aria-labelledby="runtime">
<h2 id="runtime">Runtime deprecation warnings</h2>
${runtime.sites.length > 0 ? siteTable('Sites a rule covers (hottest first)', 'runtime-sites', runtime.sites, true) : ''}
${runtime.other.length > 0 ? siteTable('Other runtime deprecations (no rule covers them)', 'runtime-other', runtime.other, false) : ''}
${runtime.sites.length === 0 && runtime.other.length === 0 ? html`<p>The test runs emitted no deprecation warning.</p>` : ''}
${
  runtime.rolledBack.length > 0
    ? html`<h3>Rolled back by the tests (${runtime.rolledBack.length})</h3><ul>${runtime.rolledBack.map((entry) => html`<li><code>${entry.file}</code>: ${entry.reason}</li>`)}</ul>`
    : ''
}
${runtime.exhausted ? html`<p class="banner">The test runs ran out (<code>--test-runs</code>) before every rewrite was cleared: the rest were rolled back unproven.</p>` : ''}
<h3>Test runs (${runtime.runs.length})</h3>
${dataTable({
  caption: 'Every run of the test commands, in order',
  columns: [{ label: 'run' }, { label: 'command' }, { label: 'exit' }, { label: 'duration', numeric: true }, { label: 'files held back' }],
  rows: runtime.runs.map((run, index) => [
    `${index + 1}. ${run.purpose}`,
    html`<code>${run.command}</code>`,
    run.timedOut ? 'killed (timeout)' : run.exitCode === null ? `killed (${run.signal ?? 'signal'})` : ending(run.exitCode),
    { content: formatDuration(run.durationMs), sort: run.durationMs },
    run.withheld ? run.withheld.join(', ') : '',
  ]),
})}
${runtime.runs.map((run, index) => html`<details><summary>run ${index + 1} (${run.purpose}): output tail</summary><pre class="output">${run.outputTail}</pre></details>\n`)}
</section>`;
}

function siteTable(title: string, id: string, sites: readonly RuntimeSite[], withFinding: boolean): Html {
  return html`<h3>${title}</h3>
${dataTable({
  id,
  caption: `${sites.length} ${sites.length === 1 ? 'site' : 'sites'}; hits counted in the first run and in the tree as left`,
  wide: true,
  sortable: true,
  columns: [{ label: 'site' }, { label: 'warning' }, { label: 'hits before', numeric: true }, { label: 'hits after', numeric: true }, ...(withFinding ? [{ label: 'finding' }] : [])],
  rows: sites.map((site) => [
    site.file === undefined ? '(outside the repository)' : { content: html`<code>${site.file}:${site.line}</code>`, sort: `${site.file}:${String(site.line).padStart(9, '0')}` },
    `${site.code ? `${site.code} ` : ''}${site.category}: ${site.message}`,
    { content: number(site.before), sort: site.before },
    { content: number(site.after), sort: site.after },
    ...(withFinding ? [site.finding ? html`<code>${site.finding.kind}</code>${site.finding.fixed ? ' (rewritten)' : ''}` : ''] : []),
  ]),
})}`;
}
