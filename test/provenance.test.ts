/** Run provenance (CONTRACT §8): the commit and dirty flag of the tree a run started on, and digests of its inputs. */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startProvenance } from '../src/provenance.js';
import { git, gitRepo, readReport, runCli, tempDir } from './helpers.js';

describe('startProvenance', () => {
  it('names the commit, says whether the tree was dirty at the start, and digests the manifest and config', async () => {
    const repo = gitRepo({ 'deprecfix.manifest.json': '{"version":1,"scopes":{"p":["a.py"]}}\n', 'a.py': 'x = 1\n' });
    const head = git(repo, 'rev-parse', 'HEAD').trim();
    const started = startProvenance({
      argv: ['--scope', 'p'],
      cwd: repo,
      repoRoot: repo,
      manifestPath: path.join(repo, 'deprecfix.manifest.json'),
      configPath: path.join(repo, 'deprecfix.config.json'),
    });
    // Written after the start (once `taken` settled, as a run waits for it before writing): the run's own writes must
    // not make the evidence say "dirty".
    await started.taken;
    writeFileSync(path.join(repo, 'a.py'), 'x = 2\n');
    const run = await started.finish();
    expect(run).toMatchObject({ argv: ['deprecfix', '--scope', 'p'], cwd: '.', commit: head, dirty: false, node: process.version });
    expect(run.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(run.manifestHash).toBe(`sha256:${createHash('sha256').update('{"version":1,"scopes":{"p":["a.py"]}}\n').digest('hex')}`);
    expect(run).not.toHaveProperty('configHash');
    expect(run).not.toHaveProperty('python');
    expect(Date.parse(run.finishedAt)).toBeGreaterThanOrEqual(Date.parse(run.startedAt));

    expect(await startProvenance({ cwd: repo, repoRoot: repo, withPython: true }).finish()).toMatchObject({ dirty: true, python: expect.stringMatching(/^3\.\d+\.\d+/) });
  });

  it('has no commit and no dirty flag outside git', async () => {
    const dir = tempDir('deprecfix-provenance-');
    const run = await startProvenance({ cwd: dir, repoRoot: dir }).finish();
    expect(run).not.toHaveProperty('commit');
    expect(run).not.toHaveProperty('dirty');
  });

  it('a fix that writes in a clean tree says "dirty": false: the tree is seen before the first write', () => {
    // The git answers run beside the lint. Provenance's `git status` made slower than the whole run (a wrapper that
    // waits 3 s first; the dirty check at write time, `-z`, is not slowed) would see the rewritten file if the run
    // wrote before it answered.
    const repo = gitRepo({ 'deprecfix.manifest.json': '{"version":1,"scopes":{"p":["a.ts"]}}\n', 'a.ts': 'export const y = new Date().getYear();\n' });
    const bin = tempDir('deprecfix-slow-git-');
    const realGit = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
    writeFileSync(path.join(bin, 'git'), `#!/bin/sh\ncase "$*" in *-z*) ;; status*) sleep 3 ;; esac\nexec ${realGit} "$@"\n`, { mode: 0o755 });
    const run = runCli(['fix', '--scope', 'p', '--no-repo-totals'], repo, { PATH: `${bin}${path.delimiter}${process.env.PATH}` });
    expect(run.status).toBe(0);
    expect(git(repo, 'status', '--porcelain')).toContain('a.ts');
    expect(readReport(repo).run).toMatchObject({ commit: git(repo, 'rev-parse', 'HEAD').trim(), dirty: false });
  });
});
