/** The types of the symbol table (src/symbols/index.ts), apart so that each language's reader can name them. */

export type SymbolKind = 'function' | 'class' | 'method' | 'getter' | 'setter' | 'constructor';

/** One named function, class or method of a file. */
export interface SymbolEntry {
  /** Dotted from the outermost container: `Class.method`, `outer.inner`, `api.get` (an object literal's method). */
  name: string;
  kind: SymbolKind;
  /** UTF-16 offsets in the text, end exclusive; from the first decorator (or `export`) to the end of the body. */
  start: number;
  end: number;
  /** 1-based lines of `start` and of the last character. */
  startLine: number;
  endLine: number;
}

/** The table of a file, and the first syntax error when the parser had to recover (the table may then lack names). */
export interface SymbolTableResult {
  symbols: SymbolEntry[];
  syntaxError?: { message: string; line: number; column: number };
}
