/**
 * The symbols a `path#Symbol` entry names, checked against the file's symbol table (src/symbols/): a name that does
 * not exist is a usage error that suggests the nearest names, so a typo never silently narrows a scope to nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { isSourceFile } from '../languages.js';
import { readSymbols, type SymbolEntry } from '../symbols/index.js';
import { editDistance } from '../edit-distance.js';

/** Reads each file's symbol table once per resolution. */
export class SymbolTables {
  private readonly tables = new Map<string, ReturnType<typeof readSymbols>>();

  constructor(private readonly repoRoot: string) {}

  /** The problem with `file#symbol` (a sentence for the error), or undefined when the file defines it. */
  check(file: string, symbol: string): string | undefined {
    if (!isSourceFile(file)) return `${file} is not a TypeScript, JavaScript or Python file, so it has no symbols to narrow to`;
    let table = this.tables.get(file);
    if (!table) {
      let text: string;
      try {
        text = fs.readFileSync(path.join(this.repoRoot, file), 'utf8').replace(/^\uFEFF/, '');
      } catch (error) {
        return `${file} cannot be read (${(error as Error).message})`;
      }
      this.tables.set(file, (table = readSymbols(file, text)));
    }
    if (table.symbols.some((entry) => entry.name === symbol)) return undefined;
    const nearest = nearestNames(symbol, table.symbols);
    const brokenAt = table.syntaxError ? ` (${file} has a syntax error at line ${table.syntaxError.line}, so some of its symbols may be unreadable)` : '';
    if (nearest.length > 0) return `no such function, class or method in ${file}${brokenAt}; did you mean ${orList(nearest)}?`;
    const names = [...new Set(table.symbols.map((entry) => entry.name))];
    const shown = names.length === 0 ? 'it defines none' : `it defines ${names.slice(0, 8).join(', ')}${names.length > 8 ? `, … (${names.length} in all)` : ''}`;
    return `no such function, class or method in ${file}${brokenAt}; ${shown}`;
  }
}

/**
 * Up to three names close to the one asked for, nearest first: the same last segment in another container
 * (`createTask` for `TaskService.createTask`, and the reverse), then a small edit distance (a typo).
 */
export function nearestNames(wanted: string, symbols: readonly SymbolEntry[]): string[] {
  const names = [...new Set(symbols.map((entry) => entry.name))];
  const last = (name: string) => name.slice(name.lastIndexOf('.') + 1);
  const container = (name: string) => name.slice(0, Math.max(0, name.lastIndexOf('.')));
  const scored = names
    .map((name) => {
      // A typo in the last segment, or the right name in another container (one more step than a perfect match).
      const distance = Math.min(
        editDistance(wanted.toLowerCase(), name.toLowerCase()),
        editDistance(last(wanted).toLowerCase(), last(name).toLowerCase()) + (container(wanted) === container(name) ? 0 : 1),
      );
      const sameLast = last(name) === last(wanted) ? 0 : 1;
      // A typo is a few edits, relative to the name's own last segment (a shared `Class.` prefix is not closeness).
      const close = distance <= Math.max(2, Math.floor(last(wanted).length / 3));
      return { name, sameLast, distance, keep: sameLast === 0 || close };
    })
    .filter((candidate) => candidate.keep)
    .sort((a, b) => a.sameLast - b.sameLast || a.distance - b.distance || (a.name < b.name ? -1 : 1));
  return scored.slice(0, 3).map((candidate) => candidate.name);
}

function orList(names: readonly string[]): string {
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}
