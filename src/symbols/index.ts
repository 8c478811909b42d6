/**
 * The symbol table of a source file: its functions, classes and methods by dotted name (`createTask`,
 * `TaskService.create`, `outer.inner`) with their ranges. A manifest entry `path#Symbol` narrows a scope to one of
 * them (CONTRACT §3); `--symbols` maps diff hunks to the functions they touched. This module owns `SymbolEntry`.
 */
import { isPythonFile, isSourceFile } from '../languages.js';
import { pythonImportsEnd, pythonSymbols } from './python.js';
import type { SymbolEntry, SymbolKind, SymbolTableResult } from './symbol.js';
import { typeScriptImportsEnd, typeScriptSymbols } from './typescript.js';

export type { SymbolEntry, SymbolKind, SymbolTableResult } from './symbol.js';

/**
 * Every function, class and method of a TS/JS or Python file, in source order (a container before what it holds).
 * Overloads of one name are one entry spanning the signatures and the implementation; a getter and a setter of one
 * property are two entries with the same name; a name defined twice in one container (Python's conditional
 * `def`s) has an entry per definition. A file with a syntax error still gets the entries its parser recovered.
 */
export function readSymbols(file: string, text: string): SymbolTableResult {
  if (!isSourceFile(file)) throw new Error(`${file}: deprecfix reads symbols of TypeScript, JavaScript and Python files only`);
  return isPythonFile(file) ? pythonSymbols(text) : typeScriptSymbols(file, text);
}

/**
 * Where the file's leading imports end (an offset; 0 when it does not start with imports): a rewrite inside a symbol
 * may add or rename imports there, and nowhere else outside the symbol.
 */
export function leadingImportsEnd(file: string, text: string): number {
  return isPythonFile(file) ? pythonImportsEnd(text) : typeScriptImportsEnd(file, text);
}

/** `readSymbols` without the syntax error. */
export function symbolTable(file: string, text: string): SymbolEntry[] {
  return readSymbols(file, text).symbols;
}

const CALLABLE: ReadonlySet<SymbolKind> = new Set(['function', 'method', 'getter', 'setter', 'constructor']);

/**
 * The names of the innermost functions and methods (not classes) that contain some line of the given 1-based,
 * inclusive line ranges: the symbols a diff hunk touched. Unique, in table order; a line outside every function
 * (an import, a class field) contributes nothing.
 */
export function innermostSymbols(table: readonly SymbolEntry[], lineRanges: readonly { start: number; end: number }[]): string[] {
  const callables = table.filter((entry) => CALLABLE.has(entry.kind));
  const touched = new Set<SymbolEntry>();
  for (const range of lineRanges) {
    for (let line = range.start; line <= range.end; line++) {
      let innermost: SymbolEntry | undefined;
      for (const entry of callables) {
        if (entry.startLine <= line && line <= entry.endLine && (!innermost || entry.end - entry.start < innermost.end - innermost.start)) innermost = entry;
      }
      if (innermost) touched.add(innermost);
    }
  }
  const names = new Set(table.filter((entry) => touched.has(entry)).map((entry) => entry.name));
  return [...names];
}
