import { Html, html } from './html-text.js';

/**
 * A data table as the report shows it: a caption, column headers with `scope="col"`, the first cell of each row as
 * its row header (`scope="row"`), counts right-aligned, an optional footer row (totals, never sorted). Tables marked
 * sortable get their header buttons from the inline script; without JavaScript they are complete, in the order
 * their `aria-sort` column says.
 */

export interface Column {
  label: string;
  /** Numbers sort numerically and are right-aligned. */
  numeric?: boolean;
}

/** A cell: its content, and the value it sorts by when the content is not that value (a signed delta, a link). */
export interface Cell {
  content: Html | string | number;
  sort?: string | number;
}

export interface TableSpec {
  caption: string;
  columns: Column[];
  rows: (Cell | Html | string | number)[][];
  footer?: (Cell | Html | string | number)[];
  /** Sortable by the reader (with JavaScript). */
  sortable?: boolean;
  /** The column the rows as given are sorted by, which `aria-sort` says; absent when no column is (hottest first). */
  sortedBy?: { column: number; direction: 'ascending' | 'descending' };
  /** As wide as the page (long messages), rather than as wide as the content. */
  wide?: boolean;
  /** An id for tests and links. */
  id?: string;
}

export function dataTable(spec: TableSpec): Html {
  const header = spec.columns.map(
    (column, index) =>
      html`<th scope="col"${column.numeric ? html` class="num" data-type="number"` : ''}${spec.sortedBy?.column === index ? html` aria-sort="${spec.sortedBy.direction}"` : ''}>${column.label}</th>`,
  );
  const row = (cells: (Cell | Html | string | number)[]): Html =>
    html`<tr>${cells.map((cell, index) => renderCell(asCell(cell), spec.columns[index], index === 0))}</tr>`;
  return html`<table class="data${spec.sortable ? ' sortable' : ''}${spec.wide ? ' wide' : ''}"${spec.id ? html` id="${spec.id}"` : ''}>
<caption>${spec.caption}</caption>
<thead><tr>${header}</tr></thead>
<tbody>
${spec.rows.map((cells) => html`${row(cells)}\n`)}</tbody>${spec.footer ? html`\n<tfoot>${row(spec.footer)}</tfoot>` : ''}
</table>`;
}

function asCell(cell: Cell | Html | string | number): Cell {
  return typeof cell === 'object' && !(cell instanceof Html) ? cell : { content: cell };
}

function renderCell(cell: Cell, column: Column | undefined, isRowHeader: boolean): Html {
  const className = column?.numeric ? html` class="num"` : '';
  const sort = cell.sort === undefined ? '' : html` data-sort="${cell.sort}"`;
  return isRowHeader ? html`<th scope="row"${className}${sort}>${cell.content}</th>` : html`<td${className}${sort}>${cell.content}</td>`;
}
