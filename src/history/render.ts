import type { HistoryPoint, HistoryResult } from './history.js';
import { markdownCode, markdownText, tableRow } from '../printers/markdown-text.js';

/** The outputs of `deprecfix history`: one function per format, from the `HistoryResult` alone. */

export type HistoryFormat = 'json' | 'markdown' | 'pretty';

export function renderHistory(result: HistoryResult, format: HistoryFormat): string {
  if (format === 'json') return `${JSON.stringify(result, null, 2)}\n`;
  if (format === 'markdown') return historyMarkdown(result);
  return historyPretty(result);
}

function scopeLabel(result: HistoryResult): string {
  return result.scope ? `scope ${result.scope.spec} (${result.scope.manifest} as in the working tree)` : 'the whole repository (no --scope)';
}

function headline(points: readonly HistoryPoint[]): string {
  if (points.length === 0) return 'no commits in the range';
  const first = points[0].total;
  const last = points.at(-1)!.total;
  const delta = last - first;
  return `${first} → ${last} (${delta > 0 ? '+' : delta < 0 ? '−' : '±'}${Math.abs(delta)}) over ${points.length} commit${points.length === 1 ? '' : 's'}`;
}

/**
 * A Mermaid `xychart-beta` line chart (GitHub renders it in comments and job summaries): the x-axis the short
 * commits, oldest first, one line in scope and one for the whole repository; xychart has no legend, so the caption
 * says which is which. Then the table the chart is drawn from.
 */
export function historyMarkdown(result: HistoryResult): string {
  const { points } = result;
  const lines = [`## Deprecation burn-down: ${headline(points)}`, '', `In ${markdownText(scopeLabel(result))}, range ${markdownCode(result.range)}, first-parent commits oldest first.`, ''];
  if (points.length > 0) {
    const top = Math.max(1, ...points.map((point) => point.repository.total));
    lines.push(
      `_Findings at each commit: the first line counts the scope, the second the whole repository._`,
      '',
      '```mermaid',
      'xychart-beta',
      `    title "Deprecation findings, ${mermaidText(result.range)}"`,
      `    x-axis [${points.map((point) => `"${point.shortCommit}"`).join(', ')}]`,
      `    y-axis "findings" 0 --> ${top}`,
      `    line [${points.map((point) => point.inScope.total).join(', ')}]`,
      `    line [${points.map((point) => point.repository.total).join(', ')}]`,
      '```',
      '',
      '| commit | date | subject | in scope | whole repository |',
      '|---|---|---|--:|--:|',
      ...points.map((point) =>
        tableRow([
          [point.shortCommit, ...(point.tags ?? [])].map(markdownCode).join(' '),
          point.date.slice(0, 10),
          markdownText(point.subject),
          String(point.inScope.total),
          `${point.repository.total}${point.unparsed ? ` (${point.unparsed.length} unparsed)` : ''}`,
        ]),
      ),
      '',
      ...ruleTable(points),
    );
    const unparsed = points.filter((point) => point.unparsed);
    if (unparsed.length > 0) {
      lines.push('', 'Files that could not be parsed (their findings are unknown, so those counts are a floor):', '');
      for (const point of unparsed) lines.push(`- ${markdownCode(point.shortCommit)}: ${point.unparsed!.map(markdownCode).join(', ')}`);
    }
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

/** In scope by rule at each commit: which rule's debt went down. */
function ruleTable(points: readonly HistoryPoint[]): string[] {
  const rules = [...new Set(points.flatMap((point) => Object.keys(point.inScope.byRule)))].sort();
  if (rules.length === 0) return [];
  return [
    '<details><summary>In scope, by rule</summary>',
    '',
    `| commit | ${rules.map((rule) => `\`${rule}\``).join(' | ')} |`,
    `|---|${rules.map(() => '--:').join('|')}|`,
    ...points.map((point) => `| \`${point.shortCommit}\` | ${rules.map((rule) => point.inScope.byRule[rule] ?? 0).join(' | ')} |`),
    '',
    '</details>',
  ];
}

export function historyPretty(result: HistoryResult): string {
  const { points } = result;
  const lines = [`Deprecation findings in ${scopeLabel(result)}, ${result.range}: ${headline(points)}`];
  const width = Math.max(8, ...points.map((point) => String(point.inScope.total).length));
  for (const point of points) {
    const tags = point.tags ? ` (${point.tags.join(', ')})` : '';
    const unparsed = point.unparsed ? `  [${point.unparsed.length} unparsed]` : '';
    lines.push(`  ${point.shortCommit}  ${point.date.slice(0, 10)}  in scope ${String(point.inScope.total).padStart(width)}  repository ${String(point.repository.total).padStart(width)}  ${point.subject}${tags}${unparsed}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Inside a Mermaid quoted string: no double quote. */
function mermaidText(text: string): string {
  return text.replace(/"/g, "'");
}
