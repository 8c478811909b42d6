import type { BurnDown, BurnDownPoint } from '../burn-down.js';
import { plural } from './printer.js';
import { html, type Html } from './html-text.js';
import { dataTable } from './html-tables.js';
import { number } from './report-wording.js';

/**
 * The burn-down of `deprecfix history` as an inline SVG drawn here: two polylines (the findings in the scope, the
 * whole repository) over the commits of the range, with axes, ticks and labels. A few dozen lines, no script (so it
 * shows with JavaScript off), no library to inline, and it inherits the page's light or dark colours through CSS;
 * the table behind it follows in a `<details>` for screen readers and exact numbers.
 */

const WIDTH = 760;
const HEIGHT = 300;
const MARGIN = { top: 16, right: 64, bottom: 56, left: 56 };
/** At most this many commit labels on the x axis; the others keep their tick. */
const MAX_LABELS = 12;

export function burnDownChart(history: BurnDown): Html {
  const { points } = history;
  // Without a scope, in scope is the whole repository: one line.
  const series = [
    { name: 'whole repository', className: 'repository', values: points.map((point) => point.repository.total) },
    ...(history.scope === null ? [] : [{ name: `scope ${history.scope}`, className: 'scope', values: points.map((point) => point.inScope.total) }]),
  ];
  // Four steps of a round whole number: the y labels read 0, 5, 10, 15, 20, never 3.75.
  const top = 4 * niceStep(Math.max(...series.flatMap((line) => line.values)) / 4);
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const x = (index: number): number => MARGIN.left + (points.length === 1 ? plotWidth / 2 : (index * plotWidth) / (points.length - 1));
  const y = (value: number): number => MARGIN.top + plotHeight - (value / top) * plotHeight;
  const yTicks = [0, 1, 2, 3, 4].map((step) => (top * step) / 4);
  const labelEvery = Math.ceil(points.length / MAX_LABELS);
  const first = points[0];
  const last = points.at(-1)!;
  const summary = `Findings from ${label(first)} to ${label(last)}: ${series.map((line) => `${line.name} ${line.values[0]} to ${line.values.at(-1)}`).join(', ')}.`;

  return html`<figure class="chart">
<svg role="img" aria-labelledby="burn-down-title burn-down-desc" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" xmlns="http://www.w3.org/2000/svg">
<title id="burn-down-title">Burn-down over ${history.range}</title>
<desc id="burn-down-desc">${summary}</desc>
${yTicks.map((tick) => html`<line class="grid" x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${y(tick)}" y2="${y(tick)}"/><text x="${MARGIN.left - 8}" y="${y(tick) + 4}" text-anchor="end">${number(tick)}</text>\n`)}
<line class="axis" x1="${MARGIN.left}" x2="${MARGIN.left}" y1="${MARGIN.top}" y2="${MARGIN.top + plotHeight}"/>
<line class="axis" x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${MARGIN.top + plotHeight}" y2="${MARGIN.top + plotHeight}"/>
${points.map((point, index) => html`<line class="axis" x1="${x(index)}" x2="${x(index)}" y1="${MARGIN.top + plotHeight}" y2="${MARGIN.top + plotHeight + 4}"/>${index % labelEvery === 0 || index === points.length - 1 ? html`<text class="mono" x="${x(index)}" y="${MARGIN.top + plotHeight + 18}" text-anchor="middle">${label(point)}</text>` : ''}\n`)}
<text x="${MARGIN.left + plotWidth / 2}" y="${HEIGHT - 8}" text-anchor="middle">commits of ${history.range}, oldest first</text>
${series.map(
  (line) => html`<polyline class="line ${line.className}" points="${line.values.map((value, index) => `${round(x(index))},${round(y(value))}`).join(' ')}"/>
<text class="value" x="${round(x(line.values.length - 1)) + 8}" y="${round(y(line.values.at(-1)!)) + 4}">${number(line.values.at(-1)!)}</text>
${line.values.map((value, index) => html`<circle class="dot ${line.className}" cx="${round(x(index))}" cy="${round(y(value))}" r="3.5"><title>${label(points[index])} ${points[index].subject}: ${value} (${line.name})${points[index].unparsed ? `; at least: ${plural(points[index].unparsed!.length, 'file')} could not be parsed` : ''}</title></circle>`)}\n`,
)}</svg>
<figcaption><ul class="legend">${[...series].reverse().map((line) => html`<li><span class="swatch ${line.className}"></span>${line.name}</li>`)}</ul></figcaption>
</figure>
<details><summary>The numbers behind the chart (${points.length} commits)</summary>
${dataTable({
  caption: `Findings at each commit of ${history.range}`,
  columns: [{ label: 'commit' }, { label: 'date' }, { label: 'subject' }, ...(history.scope === null ? [] : [{ label: 'in scope', numeric: true }]), { label: 'whole repository', numeric: true }, { label: 'files not parsed', numeric: true }],
  rows: points.map((point) => [
    html`<code>${point.shortCommit}</code>${point.tags ? ` (${point.tags.join(', ')})` : ''}`,
    point.date.slice(0, 10),
    point.subject,
    ...(history.scope === null ? [] : [point.inScope.total]),
    point.repository.total,
    point.unparsed?.length ?? 0,
  ]),
})}
</details>`;
}

/** The least of 1, 2, 5 × 10ⁿ (n ≥ 0) at or above the value. */
function niceStep(value: number): number {
  if (value <= 1) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  return [1, 2, 5, 10].find((factor) => factor * power >= value)! * power;
}

/** The first tag when the commit has one (a release), else the short hash. */
function label(point: BurnDownPoint): string {
  return point.tags?.[0] ?? point.shortCommit;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
