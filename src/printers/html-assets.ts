import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * What the HTML report inlines so that it opens offline and requests nothing: diff2html's stylesheet (read from the
 * installed package, never copied into this repository), our own stylesheet, and one small script that makes the
 * tables sort. A Content-Security-Policy allows exactly that script (by its hash) and inline styles, and nothing
 * from the network: even a markup bug could not run an injected handler or fetch anything.
 */

let diff2htmlCss: string | undefined;

/** diff2html's own CSS, as the installed version ships it; read once per process. */
export function diff2htmlStylesheet(): string {
  diff2htmlCss ??= readFileSync(createRequire(import.meta.url).resolve('diff2html/bundles/css/diff2html.min.css'), 'utf8');
  return diff2htmlCss;
}

/** The `<meta http-equiv>` policy: no network, no inline handlers, only our script. */
export function contentSecurityPolicy(): string {
  const scriptHash = createHash('sha256').update(SORT_SCRIPT).digest('base64');
  return `default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'sha256-${scriptHash}'; base-uri 'none'; form-action 'none'`;
}

/**
 * Progressive enhancement: with JavaScript off every table is complete and already sorted by its first column; with
 * it, each column header of a `table.sortable` becomes a button that sorts the body rows (numbers by `data-sort`,
 * text by code-unit order like the printers) and keeps `aria-sort` true. `tfoot` rows (totals) stay put.
 */
export const SORT_SCRIPT = `
for (const table of document.querySelectorAll('table.sortable')) {
  const headers = [...table.tHead.rows[0].cells];
  headers.forEach((th, column) => {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'sort';
    button.append(...th.childNodes);
    th.append(button);
    button.addEventListener('click', () => {
      const ascending = th.getAttribute('aria-sort') !== 'ascending';
      const numeric = th.dataset.type === 'number';
      const key = (row) => {
        const cell = row.cells[column];
        const value = cell.dataset.sort ?? cell.textContent.trim();
        return numeric ? Number(value) : value;
      };
      const body = table.tBodies[0];
      const rows = [...body.rows].sort((a, b) => {
        const x = key(a), y = key(b);
        const order = x < y ? -1 : x > y ? 1 : 0;
        return ascending ? order : -order;
      });
      body.append(...rows);
      for (const other of headers) other.removeAttribute('aria-sort');
      th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
    });
  });
}
`;

/** Light and dark from the reader's system setting; contrast ratios ≥ 4.5:1 for text in both. */
export const STYLESHEET = `
:root {
  color-scheme: light dark;
  --bg: #ffffff; --fg: #1f2328; --muted: #57606a; --border: #d0d7de; --panel: #f6f8fa;
  --accent: #0969da; --good: #1a7f37; --bad: #cf222e; --warn: #9a6700;
  --chart-scope: #0969da; --chart-repo: #8250df;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #0d1117; --fg: #e6edf3; --muted: #9198a1; --border: #3d444d; --panel: #151b23;
    --accent: #4493f8; --good: #3fb950; --bad: #f85149; --warn: #d29922;
    --chart-scope: #4493f8; --chart-repo: #ab7df8;
  }
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--fg);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main, header.page, footer.page { max-width: 1200px; margin: 0 auto; padding: 0 24px; }
header.page { padding-top: 24px; }
h1 { font-size: 1.6rem; margin: 0 0 4px; }
h2 { font-size: 1.25rem; margin: 32px 0 8px; padding-bottom: 4px; border-bottom: 1px solid var(--border); }
h3 { font-size: 1.05rem; margin: 20px 0 8px; }
a { color: var(--accent); }
code, .mono { font-family: ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, monospace; font-size: 0.9em; }
p.lead { color: var(--muted); margin: 0; }
.banner { border: 1px solid var(--warn); border-left-width: 4px; padding: 8px 12px; border-radius: 6px; margin: 16px 0; }
.cards { display: flex; flex-wrap: wrap; gap: 12px; margin: 20px 0 0; padding: 0; }
.card { flex: 1 1 200px; margin: 0; padding: 12px 16px; border: 1px solid var(--border); border-radius: 8px; background: var(--panel); }
.card dt { color: var(--muted); font-size: 0.85rem; }
.card dd { margin: 2px 0 0; font-size: 1.6rem; font-weight: 600; font-variant-numeric: tabular-nums; }
.card dd small { font-size: 0.9rem; font-weight: 400; color: var(--muted); }
.card dd.sub { font-size: 0.85rem; font-weight: 400; color: var(--muted); line-height: 1.4; margin-top: 4px; }
.card dd.sub code { white-space: nowrap; }
.cards { align-items: flex-start; }
.down { color: var(--good); } .up { color: var(--bad); }
nav.toc { margin: 16px 0 0; font-size: 0.9rem; }
nav.toc ul { display: flex; flex-wrap: wrap; gap: 4px 16px; list-style: none; padding: 0; margin: 0; }
table.data { border-collapse: collapse; margin: 8px 0 16px; min-width: 50%; font-variant-numeric: tabular-nums; }
table.data caption { text-align: left; color: var(--muted); font-size: 0.85rem; padding-bottom: 4px; caption-side: top; }
table.data th, table.data td { border: 1px solid var(--border); padding: 4px 10px; text-align: left; vertical-align: top; }
table.data thead th { background: var(--panel); white-space: nowrap; }
table.data td.num, table.data th.num { text-align: right; }
table.data.wide { width: 100%; }
table.data tbody th { font-weight: 400; }
table.data td a code, table.data th code { white-space: nowrap; }
table.data tfoot th, table.data tfoot td { font-weight: 600; background: var(--panel); }
table.data tbody tr:hover { background: var(--panel); }
button.sort { font: inherit; font-weight: 600; color: inherit; background: none; border: 0; padding: 0; cursor: pointer; width: 100%; text-align: inherit; }
button.sort::after { content: " \\2195"; color: var(--muted); font-weight: 400; }
th[aria-sort=ascending] button.sort::after { content: " \\2191"; color: var(--fg); }
th[aria-sort=descending] button.sort::after { content: " \\2193"; color: var(--fg); }
button.sort:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
.chart svg { max-width: 100%; height: auto; }
.chart .axis { stroke: var(--muted); stroke-width: 1; }
.chart .grid { stroke: var(--border); stroke-width: 1; }
.chart text { fill: var(--muted); font-size: 12px; font-family: inherit; }
.chart text.value { fill: var(--fg); font-weight: 600; }
.chart .line { fill: none; stroke-width: 2.5; }
.chart .scope { stroke: var(--chart-scope); } .chart .dot.scope { fill: var(--chart-scope); }
.chart .repository { stroke: var(--chart-repo); stroke-dasharray: 6 4; } .chart .dot.repository { fill: var(--chart-repo); }
.legend { display: flex; gap: 16px; font-size: 0.9rem; color: var(--muted); margin: 0; padding: 0; list-style: none; }
.swatch { display: inline-block; width: 18px; height: 3px; vertical-align: middle; margin-right: 6px; }
.swatch.scope { background: var(--chart-scope); } .swatch.repository { background: var(--chart-repo); }
details { margin: 8px 0; } summary { cursor: pointer; color: var(--muted); }
.file-diff { margin: 12px 0 20px; }
.d2h-file-wrapper { border-radius: 6px; }
pre.output { background: var(--panel); border: 1px solid var(--border); padding: 8px; overflow: auto; max-height: 24em; }
dl.provenance { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; }
dl.provenance dt { color: var(--muted); } dl.provenance dd { margin: 0; overflow-wrap: anywhere; }
footer.page { color: var(--muted); font-size: 0.85rem; padding-bottom: 32px; }
`;
