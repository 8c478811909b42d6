/** File extensions deprecfix lints and rewrites. */
export const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs', '.py'] as const;

export function isSourceFile(path: string): boolean {
  return SOURCE_EXTENSIONS.some((extension) => path.endsWith(extension) && !path.endsWith(`.d${extension}`));
}

export function isPythonFile(path: string): boolean {
  return path.endsWith('.py');
}

/** The language a report counts a file under. */
export function languageOf(path: string): 'python' | 'ts/js' {
  return isPythonFile(path) ? 'python' : 'ts/js';
}
