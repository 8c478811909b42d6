import { spawnSync } from 'node:child_process';
import { parsePython, parsesCleanly } from '../transforms/python/syntax.js';

/**
 * Compiles every text it is given (a JSON list on stdin) and answers with one entry per text: null when it
 * compiles, else "<Error>: <message>" as the last line of CPython's traceback would read. In memory: nothing is
 * written or run. Written for any Python 3 a project may still have on its PATH.
 */
const COMPILE_ALL = `
import json, sys
results = []
for text in json.loads(sys.stdin.buffer.read().decode("utf-8")):
    try:
        compile(text, "<rewrite>", "exec", dont_inherit=True)
        results.append(None)
    except SyntaxError as error:
        results.append("%s: %s" % (type(error).__name__, error.msg))
    except Exception as error:
        results.append("%s: %s" % (type(error).__name__, error))
sys.stdout.write(json.dumps(results))
`;

/**
 * `-I -S`: isolated from PYTHON* variables, the user site and the working directory, and without the `site`
 * module, so no `.pth` file or `sitecustomize` of whatever environment is active runs either (SECURITY.md).
 */
const ISOLATED = ['-I', '-S'];

/**
 * The Python counterpart of a type-check (§7.6): a rewritten file must still parse. tree-sitter is forgiving, so
 * when `python3` is on the PATH the texts tree-sitter accepts are also compiled by CPython — all of them by one
 * `python3` (a process per file cost a 92-file fix ~20 s of interpreter start-ups). Returns the diagnostics of
 * each text, in order.
 */
export function pythonDiagnosticsOf(texts: readonly string[]): string[][] {
  const results: string[][] = texts.map(() => []);
  const toCompile: number[] = [];
  texts.forEach((text, index) => {
    // the tree is built only to word an error: a text that parses needs tree-sitter's verdict alone
    const parsed = parsesCleanly(text) ? undefined : parsePython(text);
    if (!parsed || parsed.ok) toCompile.push(index);
    else results[index] = parsed.errors.map((error) => `syntax error at ${error.line}:${error.column}: ${error.message}`);
  });
  if (toCompile.length === 0) return results;
  const compiled = spawnSync('python3', [...ISOLATED, '-c', COMPILE_ALL], {
    input: JSON.stringify(toCompile.map((index) => texts[index])),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const answers = compiledAnswers(compiled.status === 0 ? compiled.stdout : '', toCompile.length);
  // No python3 on the PATH, or one that could not answer: tree-sitter's verdict stands.
  if (!answers) return results;
  toCompile.forEach((index, position) => {
    const answer = answers[position];
    if (answer !== null && answer !== undefined) results[index] = [`python3: ${answer}`];
  });
  return results;
}

/** The diagnostics of one text (a batch of one). */
export function pythonDiagnostics(text: string): string[] {
  return pythonDiagnosticsOf([text])[0]!;
}

/**
 * Diagnostics of texts known up front, computed in one batch; a text asked for later that was not in the batch
 * (a state no one foresaw) is compiled on its own.
 */
export function pythonChecker(texts: Iterable<string>): (text: string) => string[] {
  const unique = [...new Set(texts)];
  const known = new Map<string, string[]>();
  pythonDiagnosticsOf(unique).forEach((diagnostics, index) => known.set(unique[index]!, diagnostics));
  return (text) => known.get(text) ?? known.set(text, pythonDiagnostics(text)).get(text)!;
}

function compiledAnswers(stdout: string, expected: number): (string | null)[] | undefined {
  try {
    const answers: unknown = JSON.parse(stdout);
    return Array.isArray(answers) && answers.length === expected ? (answers as (string | null)[]) : undefined;
  } catch {
    return undefined;
  }
}
