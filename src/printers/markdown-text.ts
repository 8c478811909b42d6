/**
 * Markdown that GitHub renders as meant, whatever the text holds: inline code and fenced blocks whose fences the
 * content cannot close, prose escaped around its code spans, table cells and `<details>` blocks. Every Markdown
 * output (a report, a scan, a check verdict) builds on these.
 */

/** A table: the first column left-aligned, the counts after it right-aligned. */
export function markdownTable(header: string[], rows: string[][]): string {
  const align = `|${header.map((_, i) => (i === 0 ? ' --- ' : ' ---: ')).join('|')}|`;
  return [tableRow(header), align, ...rows.map(tableRow)].join('\n');
}

/** A table row of Markdown cells (code spans and prose already escaped): each cell kept whole (`tableCell`). */
export function tableRow(cells: readonly string[]): string {
  return `| ${cells.map(tableCell).join(' | ')} |`;
}

/** A table cell's Markdown: GitHub splits cells on `|` even inside code spans; `\|` is the escape it honours in both. */
function tableCell(cell: string): string {
  return cell.replace(/\r?\n/g, ' ').replace(/(?<!\\)\|/g, '\\|');
}

/** Inline code that survives backticks in the text: the fence is one backtick longer than the longest run inside. */
export function markdownCode(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((match) => match[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** A fenced block whose fence no line of the content can close early. */
export function fencedBlock(language: string, content: string): string {
  const longest = Math.max(0, ...[...content.matchAll(/`+/g)].map((match) => match[0].length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${language}\n${content}\n${fence}`;
}

/**
 * Prose that may hold `code spans` (kind messages do) and text from elsewhere (diagnostics with `Promise<T>`):
 * code spans are kept, everything else is escaped so GitHub neither formats it nor drops it as an HTML tag.
 */
export function markdownText(text: string): string {
  let result = '';
  let rest = text.replace(/\r?\n/g, ' ');
  while (rest.length > 0) {
    const open = /`+/.exec(rest);
    if (!open) {
      result += escapeMarkdown(rest);
      break;
    }
    result += escapeMarkdown(rest.slice(0, open.index));
    const afterOpen = rest.slice(open.index + open[0].length);
    const close = new RegExp(`(?<!\`)${open[0]}(?!\`)`).exec(afterOpen);
    if (close) {
      result += open[0] + afterOpen.slice(0, close.index) + open[0];
      rest = afterOpen.slice(close.index + open[0].length);
    } else {
      result += open[0].replace(/`/g, '\\`');
      rest = afterOpen;
    }
  }
  return result;
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\*_[\]<>#|~]/g, (char) => (char === '<' ? '&lt;' : char === '>' ? '&gt;' : `\\${char}`));
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** `<details>` needs blank lines around Markdown content for GitHub to render it. */
export function collapsible(summaryHtml: string, body: string, isHtml = false): string {
  const summary = isHtml ? summaryHtml : escapeHtml(summaryHtml);
  return `<details><summary>${summary}</summary>\n\n${body}\n\n</details>`;
}
