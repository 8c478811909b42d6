/**
 * The syntax check of the Python files no needle marks (src/python-syntax-check.ts): in a worker thread or on the
 * lint thread, the same verdicts, and the same failures (file, line, message) out of the lint stage. The worker is
 * compiled code, so the worker paths run the built modules (`npm test` builds before vitest runs).
 */
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type * as LintModule from '../src/lint.js';
import type * as SyntaxCheckModule from '../src/python-syntax-check.js';
import { cliPath, gitRepo, packageRoot, runCli } from './helpers.js';

async function built<T>(relative: string): Promise<T> {
  const file = path.join(packageRoot, 'dist', relative);
  if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` first`);
  return (await import(file)) as T;
}

/** A needle-less module of about `lines` lines: what most of a service's files look like. */
const plainModule = (index: number, lines = 40): string =>
  [
    'from datetime import datetime, timezone',
    '',
    ...Array.from({ length: lines }, (_, line) => `def handler_${index}_${line}(items: list[int]) -> int:\n    return sum(item * ${line} for item in items)\n`),
  ].join('\n');
const BROKEN = 'from datetime import datetime\n\n\ndef ok() -> None:\n    pass\n\n\ndef broken(:\n    pass\n';

describe('checkPythonSyntax', () => {
  it('gives the worker’s verdicts, text by text, as the lint thread gives them', async () => {
    const { checkPythonSyntax } = await built<typeof SyntaxCheckModule>('src/python-syntax-check.js');
    const texts = [plainModule(0), BROKEN, plainModule(1), 'x = (\n', '', plainModule(2), 'def f(:\n'];
    const inline = checkPythonSyntax(texts, 'inline');
    const expected = texts.map((_, index) => inline.parsesCleanly(index));
    expect(expected).toEqual([true, false, true, false, true, true, false]);
    const worker = checkPythonSyntax(texts, 'worker-only');
    try {
      expect(texts.map((_, index) => worker.parsesCleanly(index))).toEqual(expected);
      expect(worker.checkedByWorker).toBe(texts.length);
    } finally {
      worker.close();
    }
  });

  it('starts no worker below WORKER_MIN_CHARS; above it, the verdicts are the same whoever checks them', async () => {
    const { checkPythonSyntax, WORKER_MIN_CHARS } = await built<typeof SyntaxCheckModule>('src/python-syntax-check.js');
    const small = [plainModule(0), BROKEN];
    const below = checkPythonSyntax(small);
    expect(small.map((_, index) => below.parsesCleanly(index))).toEqual([true, false]);
    expect(below.checkedByWorker).toBe(0);
    const many = Array.from({ length: Math.ceil(WORKER_MIN_CHARS / plainModule(0).length) + 1 }, (_, index) => (index === 7 ? BROKEN : plainModule(index)));
    const above = checkPythonSyntax(many);
    try {
      expect(many.map((_, index) => above.parsesCleanly(index))).toEqual(many.map((_, index) => index !== 7));
    } finally {
      above.close();
    }
  });

  it('starts no worker on a busy machine (a worker would only compete with the lint thread)', async () => {
    const { checkPythonSyntax, WORKER_MIN_CHARS } = await built<typeof SyntaxCheckModule>('src/python-syntax-check.js');
    const many = Array.from({ length: Math.ceil(WORKER_MIN_CHARS / plainModule(0).length) + 1 }, (_, index) => plainModule(index));
    const busy = os.availableParallelism();
    vi.spyOn(os, 'loadavg').mockReturnValue([busy, busy, busy]);
    try {
      const check = checkPythonSyntax(many);
      expect(many.every((_, index) => check.parsesCleanly(index))).toBe(true);
      expect(check.checkedByWorker).toBe(0);
    } finally {
      vi.restoreAllMocks();
    }
  });
});

describe('the lint stage with the syntax check in a worker', () => {
  const files: Record<string, string> = {
    'requirements.txt': 'pydantic==2.7.1\n',
    'app/stamp.py': 'from datetime import datetime\n\nstamp = datetime.utcnow()\n',
    'app/a_broken.py': BROKEN,
    'app/z_broken.py': `${plainModule(9, 3)}\nclass (\n`,
    ...Object.fromEntries(Array.from({ length: 6 }, (_, index) => [`app/plain_${index}.py`, plainModule(index)])),
  };

  it('reports a syntax error in a file no needle marks with the same file, line and message, in the same order', async () => {
    const { lintFiles } = await built<typeof LintModule>('src/lint.js');
    const repo = gitRepo(files);
    const inputs = Object.keys(files)
      .filter((file) => file.endsWith('.py'))
      .map((file) => ({ file, absPath: path.join(repo, file), text: readFileSync(path.join(repo, file), 'utf8') }));
    const inline = lintFiles(inputs, { repoRoot: repo, syntaxCheck: 'inline' });
    expect(inline.failures).toEqual([
      { file: 'app/a_broken.py', line: 8, stage: 'parse', message: expect.stringMatching(/^Parsing error: invalid syntax/) },
      { file: 'app/z_broken.py', line: expect.any(Number), stage: 'parse', message: expect.stringMatching(/^Parsing error: /) },
    ]);
    expect(inline.findings.map((finding) => [finding.file, finding.line, finding.kind])).toEqual([['app/stamp.py', 3, 'utcnow']]);
    const inWorker = lintFiles(inputs, { repoRoot: repo, syntaxCheck: 'worker-only' });
    expect(inWorker.failures).toEqual(inline.failures);
    expect(inWorker.findings).toEqual(inline.findings);
  });

  it('gives `scan` the same failures and exit code below and above the worker threshold', async () => {
    const { WORKER_MIN_CHARS } = await built<typeof SyntaxCheckModule>('src/python-syntax-check.js');
    expect(existsSync(cliPath)).toBe(true);
    const filler = Math.ceil(WORKER_MIN_CHARS / plainModule(0).length) + 1;
    const large = { ...files, ...Object.fromEntries(Array.from({ length: filler }, (_, index) => [`app/more/plain_${index}.py`, plainModule(index)])) };
    const failuresOf = (repoFiles: Record<string, string>) => {
      const run = runCli(['scan', 'app', '--format', 'json'], gitRepo(repoFiles));
      expect(run.status).toBe(3);
      const report = JSON.parse(run.stdout) as { failures: unknown[]; findings: { file: string; line: number }[] };
      return { failures: report.failures, findings: report.findings.map((finding) => [finding.file, finding.line]) };
    };
    const below = failuresOf(files);
    expect(below.failures).toEqual([
      expect.objectContaining({ file: 'app/a_broken.py', line: 8, message: expect.stringMatching(/^Parsing error: invalid syntax/) }),
      expect.objectContaining({ file: 'app/z_broken.py' }),
    ]);
    expect(failuresOf(large)).toEqual(below);
  });
});
