import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runFix } from '../src/fix.js';
import { pythonDiagnostics, pythonDiagnosticsOf } from '../src/python-check.js';
import { verifyRewrites } from '../src/verify.js';
import { tempDir, writeFiles } from './helpers.js';

const hasPython3 = spawnSync('python3', ['--version'], { stdio: 'ignore' }).status === 0;
const realPython3 = hasPython3 ? spawnSync('sh', ['-c', 'command -v python3'], { encoding: 'utf8' }).stdout.trim() : '';
const savedPath = process.env.PATH;
afterEach(() => {
  process.env.PATH = savedPath;
});

/** A `python3` first on the PATH that logs each call's arguments (one line each) and runs the real one. */
function loggingPython3(): { log: string; calls: () => string[] } {
  const bin = tempDir();
  const log = path.join(bin, 'calls.log');
  writeFileSync(log, '');
  writeFileSync(path.join(bin, 'python3'), `#!/bin/sh\necho "$@" >> '${log}'\nexec '${realPython3}' "$@"\n`);
  chmodSync(path.join(bin, 'python3'), 0o755);
  process.env.PATH = `${bin}${path.delimiter}${savedPath}`;
  return { log, calls: () => readFileSync(log, 'utf8').split('\n').filter((line) => line.split(' ').includes('-c')) };
}

describe('checking rewritten Python (§7.6 for Python)', () => {
  it('finds nothing wrong with valid code', () => {
    expect(pythonDiagnostics('from datetime import datetime, timezone\nnow = datetime.now(timezone.utc)\n')).toEqual([]);
  });

  it('reports a syntax error the parser sees', () => {
    expect(pythonDiagnostics('def f(:\n    pass\n')).toEqual([expect.stringContaining('syntax error at 1:')]);
  });

  it.runIf(hasPython3)('asks CPython about what the forgiving parser lets through', () => {
    // A bare generator next to another argument: tree-sitter parses it, CPython refuses it.
    const diagnostics = pythonDiagnostics('print(x for x in range(3), 1)\n');
    expect(diagnostics).toEqual([expect.stringContaining('python3: SyntaxError')]);
  });

  it.runIf(hasPython3)('runs python3 isolated: no PYTHONPATH, site-packages .pth or sitecustomize code runs (SECURITY.md)', () => {
    const dir = tempDir();
    const marker = path.join(dir, 'ran');
    writeFileSync(path.join(dir, 'sitecustomize.py'), `open(${JSON.stringify(marker)}, "w").close()\n`);
    const saved = process.env.PYTHONPATH;
    process.env.PYTHONPATH = dir;
    try {
      expect(pythonDiagnostics('x = 1\n')).toEqual([]);
      expect(pythonDiagnostics('print(x for x in range(3), 1)\n')).toEqual([expect.stringContaining('python3: SyntaxError')]);
    } finally {
      if (saved === undefined) delete process.env.PYTHONPATH;
      else process.env.PYTHONPATH = saved;
    }
    expect(existsSync(marker)).toBe(false);
  });

  it('rolls back a rewritten file that gained an error, and keeps one that did not', () => {
    const texts = new Map([
      ['broken.py', 'x = (1,\n'],
      ['fine.py', 'x = 1\n'],
    ]);
    const originals = new Map([
      ['broken.py', 'x = 1\n'],
      ['fine.py', 'x = 0\n'],
    ]);
    const rolledBack = verifyRewrites(originals.keys(), {
      diagnostics: (file) => pythonDiagnostics(texts.get(file)!),
      diagnosticsBefore: (file) => pythonDiagnostics(originals.get(file)!),
      restore: (file) => texts.set(file, originals.get(file)!),
    });
    expect(rolledBack.map((verification) => verification.file)).toEqual(['broken.py']);
    expect(texts.get('broken.py')).toBe('x = 1\n');
    expect(texts.get('fine.py')).toBe('x = 1\n');
  });

  it.runIf(hasPython3)('answers per text from one batch: a CPython-only syntax error among valid files, in order', () => {
    const python = loggingPython3();
    const diagnostics = pythonDiagnosticsOf([
      'x = 1\n',
      'print(x for x in range(3), 1)\n',
      'def f(:\n    pass\n',
      'from datetime import datetime, timezone\nnow = datetime.now(timezone.utc)\n',
    ]);
    expect(diagnostics).toEqual([[], [expect.stringContaining('python3: SyntaxError')], [expect.stringContaining('syntax error at 1:')], []]);
    // The text tree-sitter already refused is not sent; the other three go to one interpreter.
    expect(python.calls()).toHaveLength(1);
  });

  it.runIf(hasPython3 && process.platform !== 'win32')('compiles every rewritten Python file of a fix, before and after, in one python3', async () => {
    const repo = tempDir();
    const files: Record<string, string> = { 'deprecfix.manifest.json': JSON.stringify({ version: 1, scopes: { app: ['app/**'] } }) };
    for (let index = 0; index < 12; index++) files[`app/mod_${index}.py`] = 'from datetime import datetime\n\n\ndef stamp():\n    return datetime.utcnow()\n';
    writeFiles(repo, files);
    const python = loggingPython3();

    const outcome = await runFix({ cwd: repo, scope: 'app', dryRun: true, unsafeFixes: false, allowDirty: true, repoTotals: false });

    expect(outcome.changes).toHaveLength(12);
    expect(outcome.report.failures).toEqual([]);
    expect(python.calls()).toHaveLength(1);
  });

  it('without python3 on the PATH, keeps the parser\'s verdict and says nothing of the rest', () => {
    process.env.PATH = tempDir();
    expect(pythonDiagnosticsOf(['x = 1\n', 'print(x for x in range(3), 1)\n', 'def f(:\n    pass\n'])).toEqual([[], [], [expect.stringContaining('syntax error at 1:')]]);
  });
});
