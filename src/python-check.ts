import { spawnSync } from 'node:child_process';
import { parsePython } from '../rules/python/language.js';

let python3: boolean | undefined;

/**
 * `-I -S`: isolated from PYTHON* variables, the user site and the working directory, and without the `site`
 * module, so no `.pth` file or `sitecustomize` of whatever environment is active runs either (SECURITY.md).
 */
const ISOLATED = ['-I', '-S'];

/**
 * The Python counterpart of a type-check (§7.6): a rewritten file must still parse. tree-sitter is forgiving, so
 * when `python3` is on the PATH the text is also compiled by CPython (in memory: nothing is written or run).
 */
export function pythonDiagnostics(text: string): string[] {
  const parsed = parsePython(text);
  if (!parsed.ok) return parsed.errors.map((error) => `syntax error at ${error.line}:${error.column}: ${error.message}`);
  python3 ??= spawnSync('python3', [...ISOLATED, '--version'], { stdio: 'ignore' }).status === 0;
  if (!python3) return [];
  const compiled = spawnSync('python3', [...ISOLATED, '-c', 'import sys; compile(sys.stdin.read(), "<rewrite>", "exec")'], { input: text, encoding: 'utf8' });
  if (compiled.status === 0) return [];
  const lines = compiled.stderr.trim().split('\n');
  return [`python3: ${lines.at(-1) ?? 'does not compile'}`];
}
