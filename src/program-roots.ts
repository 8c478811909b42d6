/**
 * Which files a TypeScript program starts from. A program needs as roots only the files it is asked about (the
 * files that may hold a finding, or the files a type-check judges): TypeScript loads what they import as it
 * resolves them. A file nothing imports can still change their types, though, by declaring something global: a
 * script (a file without `import`/`export`, whose top-level declarations are globals), a `declare global` or
 * `declare module` augmentation, a `/// <reference>`. Such files stay roots, so a program from the files asked
 * about sees the same types as one from every file.
 */

export interface RootCandidate {
  absPath: string;
  text: string;
}

/**
 * The files asked about plus every file that may declare something global. `asked` decides by the text (the lint
 * stage's needle filter) or by the path.
 */
export function programRoots(files: readonly RootCandidate[], asked: (file: RootCandidate) => boolean): string[] {
  return files.filter((file) => asked(file) || mayDeclareGlobals(file.absPath, file.text)).map((file) => file.absPath);
}

/**
 * Whether a file may put declarations into the global scope (or into another module's). Cheap and one-sided: a
 * file is taken for a module only when some line starts with `import`/`export` (or, in JavaScript, it uses
 * `require`/`module.exports`/`exports.`, which make a CommonJS module); otherwise it is a script, a root. A line
 * inside a comment or template that starts with `export` can make a script look like a module; TypeScript itself
 * decides from the syntax tree, which would cost a parse of every file.
 */
export function mayDeclareGlobals(absPath: string, text: string): boolean {
  if (GLOBAL_DECLARATION.test(text)) return true;
  if (MODULE_SYNTAX.test(text)) return false;
  return !(JAVASCRIPT.test(absPath) && COMMONJS.test(text));
}

/** `declare global`, `declare module 'x'` (an augmentation, or an ambient module), `/// <reference …>`. */
const GLOBAL_DECLARATION = /\bdeclare\s+(?:global\b|module\s*['"`])|^\s*\/\/\/\s*<reference\b/m;
/** A line that starts with `export`, or with `import` not followed by `(` or `.` (`import()`, `import.meta`). */
const MODULE_SYNTAX = /^[ \t]*(?:export\b|import\b(?!\s*[(.]))/m;
const JAVASCRIPT = /\.[cm]?jsx?$/;
const COMMONJS = /\brequire\s*\(|\bmodule\.exports\b|\bexports\.[\w$]+\s*=/;
