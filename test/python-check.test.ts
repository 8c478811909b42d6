import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pythonDiagnostics } from '../src/python-check.js';
import { verifyRewrites } from '../src/verify.js';
import { tempDir } from './helpers.js';

const hasPython3 = spawnSync('python3', ['--version'], { stdio: 'ignore' }).status === 0;

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
});
