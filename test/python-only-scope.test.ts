/** A scope of Python files only pays nothing for the TS/JS side of the repository (src/lint.ts `lintScope`). */
import { describe, expect, it, vi } from 'vitest';
import { tempDir, writeFiles } from './helpers.js';

describe('lintScope over Python files only', () => {
  it('scans none of the repository’s TS/JS files for the run’s words, which mark TS/JS files only', async () => {
    // A module graph of its own, so that the TypeScript side (which test/setup.ts loads) sees the spied module.
    vi.resetModules();
    vi.doMock('../src/run-needles.js', { spy: true });
    const { repositoryNeedles } = await import('../src/run-needles.js');
    const { lintScope } = await import('../src/lint-scope.js');
    await (await import('../src/typescript-side.js')).loadTypeScriptSide();
    const repo = writeFiles(tempDir(), {
      'app/stamp.py': 'from datetime import datetime\n\nstamp = datetime.utcnow()\n',
      'src/old.ts': '/** @deprecated use {@link now} */\nexport function then(): Date {\n  return new Date();\n}\nexport const now = (): Date => new Date();\nthen();\n',
    });
    const config = { rules: {}, python: {} };
    const python = lintScope(repo, ['app/stamp.py'], { config });
    expect(python.first.findings.map((finding) => [finding.file, finding.kind])).toEqual([['app/stamp.py', 'utcnow']]);
    expect(repositoryNeedles).not.toHaveBeenCalled();
    const both = lintScope(repo, ['app/stamp.py', 'src/old.ts'], { config });
    expect(repositoryNeedles).toHaveBeenCalledTimes(1);
    expect(both.first.findings.map((finding) => [finding.file, finding.kind])).toEqual([
      ['app/stamp.py', 'utcnow'],
      ['src/old.ts', 'deprecated-helper'],
    ]);
  });
});
