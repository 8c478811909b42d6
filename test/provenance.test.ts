/** Run provenance (CONTRACT §8): the commit and dirty flag of the tree a run started on, and digests of its inputs. */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startProvenance } from '../src/provenance.js';
import { git, gitRepo, tempDir } from './helpers.js';

describe('startProvenance', () => {
  it('names the commit, says whether the tree was dirty at the start, and digests the manifest and config', () => {
    const repo = gitRepo({ 'deprecfix.manifest.json': '{"version":1,"scopes":{"p":["a.py"]}}\n', 'a.py': 'x = 1\n' });
    const head = git(repo, 'rev-parse', 'HEAD').trim();
    const started = startProvenance({
      argv: ['--scope', 'p'],
      cwd: repo,
      repoRoot: repo,
      manifestPath: path.join(repo, 'deprecfix.manifest.json'),
      configPath: path.join(repo, 'deprecfix.config.json'),
    });
    // Written after the start: the run's own writes must not make the evidence say "dirty".
    writeFileSync(path.join(repo, 'a.py'), 'x = 2\n');
    const run = started.finish();
    expect(run).toMatchObject({ argv: ['deprecfix', '--scope', 'p'], cwd: '.', commit: head, dirty: false, node: process.version });
    expect(run.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(run.manifestHash).toBe(`sha256:${createHash('sha256').update('{"version":1,"scopes":{"p":["a.py"]}}\n').digest('hex')}`);
    expect(run).not.toHaveProperty('configHash');
    expect(run).not.toHaveProperty('python');
    expect(Date.parse(run.finishedAt)).toBeGreaterThanOrEqual(Date.parse(run.startedAt));

    expect(startProvenance({ cwd: repo, repoRoot: repo, withPython: true }).finish()).toMatchObject({ dirty: true, python: expect.stringMatching(/^3\.\d+\.\d+/) });
  });

  it('has no commit and no dirty flag outside git', () => {
    const dir = tempDir('deprecfix-provenance-');
    const run = startProvenance({ cwd: dir, repoRoot: dir }).finish();
    expect(run).not.toHaveProperty('commit');
    expect(run).not.toHaveProperty('dirty');
  });
});
