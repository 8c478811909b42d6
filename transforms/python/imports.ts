/**
 * Python import statements, for the rewrites that need a name: what a `from … import …` statement imports, and the
 * minimal edit that adds a name to it in the statement's own style (order, parentheses, trailing comma).
 */
import type { TextEdit } from '../edit.js';
import { dottedText, type PyNode } from './syntax.js';

/** The elements a `from … import …` statement imports, in source order (`dotted_name` or `aliased_import`). */
export function importedElements(statement: PyNode): PyNode[] {
  return statement.children.filter((child) => child.fieldName === 'name');
}

/** The name an import element takes from its module (`timezone` of `timezone as tz`). */
export function importedNameOf(text: string, element: PyNode): string {
  return dottedText(text, element.type === 'aliased_import' ? element.fields.name : element);
}

/**
 * isort's and ruff's default order of imported names (`order-by-type`): CONSTANTS, then Classes, then the rest,
 * each case-insensitively.
 */
function orderByTypeKey(name: string): string {
  const rank = name.length > 1 && name === name.toUpperCase() && /[A-Z]/.test(name) ? 0 : /^[A-Z]/.test(name) ? 1 : 2;
  return `${rank}${name.toLowerCase()}`;
}

function isSorted(keys: string[]): boolean {
  return keys.every((key, index) => index === 0 || keys[index - 1] <= key);
}

/**
 * Edits that add `name` to a `from m import …` statement, in the statement's style: in sorted position when the
 * names are sorted (isort's order-by-type, else plain case-insensitive order), else last; one per line in a
 * parenthesised import written one per line (the indentation and the trailing comma, or its absence, kept; a
 * comment stays on its line); `, name` otherwise (also across backslash continuations).
 */
export function addNameToFromImport(text: string, statement: PyNode, name: string): TextEdit[] {
  const elements = importedElements(statement);
  if (elements.length === 0) throw new Error('addNameToFromImport: not a `from … import name` statement');
  const names = elements.map((element) => importedNameOf(text, element));
  const keyOf = isSorted(names.map(orderByTypeKey)) ? orderByTypeKey : isSorted(names.map((each) => each.toLowerCase())) ? (each: string) => each.toLowerCase() : undefined;
  const index = keyOf ? names.findIndex((each) => keyOf(each) > keyOf(name)) : -1;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const startsLine = (node: PyNode): boolean => /^[ \t]*$/.test(text.slice(text.lastIndexOf('\n', node.range[0] - 1) + 1, node.range[0]));
  const parenthesised = text[statement.range[1] - 1] === ')';
  const onePerLine = parenthesised && elements.every(startsLine);
  const indentOf = (node: PyNode): string => text.slice(text.lastIndexOf('\n', node.range[0] - 1) + 1, node.range[0]);

  if (index !== -1) {
    const next = elements[index];
    return [{ start: next.range[0], end: next.range[0], text: onePerLine ? `${name},${eol}${indentOf(next)}` : `${name}, ` }];
  }

  const last = elements[elements.length - 1];
  const afterLast = text.slice(last.range[1], statement.range[1]);
  const trailingComma = /^\s*,/.exec(afterLast);
  if (!onePerLine) {
    return [{ start: last.range[1], end: last.range[1], text: `, ${name}` }];
  }
  const indent = indentOf(last);
  const closing = statement.range[1] - 1;
  let lineEnd = text.indexOf('\n', last.range[1]);
  if (lineEnd === -1 || lineEnd > closing) {
    // `    datetime)`: the closing parenthesis shares the last name's line.
    const at = trailingComma ? last.range[1] + trailingComma[0].length : last.range[1];
    return [{ start: at, end: at, text: trailingComma ? `${eol}${indent}${name},` : `,${eol}${indent}${name}` }];
  }
  if (text[lineEnd - 1] === '\r') lineEnd--;
  // Insert at the end of the last name's line, after a comment there, so the comment stays with its name.
  return trailingComma
    ? [{ start: lineEnd, end: lineEnd, text: `${eol}${indent}${name},` }]
    : [
        { start: last.range[1], end: last.range[1], text: ',' },
        { start: lineEnd, end: lineEnd, text: `${eol}${indent}${name}` },
      ];
}
