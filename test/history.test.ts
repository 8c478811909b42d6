import { existsSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { commit, copyFixtureRepo, git, gitRepo, runCli, snapshotTree, tempDir, writeFiles } from './helpers.js';

/**
 * `deprecfix history`: counts at each first-parent commit of a range, from git's objects (the working tree, index
 * and HEAD untouched), equal to what `scan --scope` and `check` count on a checkout of that commit, cached per tree.
 */

const ROUNDTRIP = (name: string) => `export const ${name} = (x: unknown) => JSON.parse(JSON.stringify(x));\n`;
const SERIALIZATION = 'deprecfix/no-legacy-serialization';

interface Point {
  commit: string;
  shortCommit: string;
  subject: string;
  total: number;
  tags?: string[];
  inScope: { total: number; byRule: Record<string, number> };
  repository: { total: number; byRule: Record<string, number> };
  unparsed?: string[];
}
interface History {
  range: string;
  scope: { spec: string; manifestFrom: string } | null;
  points: Point[];
  stats: { commits: number; fromCache: number; filesLinted: number };
}

function history(repo: string, args: string[]): History {
  const run = runCli(['history', '--format', 'json', ...args], repo);
  expect(run.stderr).not.toMatch(/error/);
  expect(run.status).toBe(0);
  return JSON.parse(run.stdout) as History;
}

/**
 * initial: a.ts (2 findings), keep.ts (1); the committed manifest lists a.ts.
 * C1 renames a.ts → b.ts; C2 adds c.ts (1); C3 breaks c.ts (a syntax error); a feature branch from C3 adds d.ts (2);
 * C4 deletes b.ts and repairs c.ts; M merges the feature (--no-ff). The working tree's manifest (uncommitted) lists
 * b.ts and c.ts.
 */
function historyRepo(): { repo: string; initial: string } {
  const repo = gitRepo({
    'src/a.ts': ROUNDTRIP('one') + ROUNDTRIP('two'),
    'src/keep.ts': ROUNDTRIP('kept'),
    'deprecfix.manifest.json': JSON.stringify({ version: 1, scopes: { p: ['src/a.ts'] } }),
  });
  const initial = git(repo, 'rev-parse', 'HEAD').trim();
  git(repo, 'mv', 'src/a.ts', 'src/b.ts');
  commit(repo, 'C1 rename a to b');
  writeFileSync(path.join(repo, 'src/c.ts'), ROUNDTRIP('three'));
  commit(repo, 'C2 add c');
  writeFileSync(path.join(repo, 'src/c.ts'), `export const = ;\n${ROUNDTRIP('three')}`);
  commit(repo, 'C3 break c');
  git(repo, 'checkout', '-q', '-b', 'feature');
  writeFileSync(path.join(repo, 'src/d.ts'), ROUNDTRIP('four') + ROUNDTRIP('five'));
  commit(repo, 'F add d on a branch');
  git(repo, 'checkout', '-q', '-');
  rmSync(path.join(repo, 'src/b.ts'));
  writeFileSync(path.join(repo, 'src/c.ts'), ROUNDTRIP('three'));
  commit(repo, 'C4 delete b, repair c');
  git(repo, '-c', 'user.name=test', '-c', 'user.email=test@example.com', 'merge', '-q', '--no-ff', '-m', 'M merge feature', 'feature');
  writeFileSync(path.join(repo, 'deprecfix.manifest.json'), JSON.stringify({ version: 1, scopes: { p: ['src/b.ts', 'src/c.ts'] } }));
  return { repo, initial };
}

describe('deprecfix history', () => {
  it('counts each first-parent commit of A..B, oldest first, through a rename, a syntax error, a deletion and a merge; the working tree untouched', { timeout: 300_000 }, () => {
    const { repo, initial } = historyRepo();
    const before = snapshotTree(repo);
    const head = git(repo, 'rev-parse', 'HEAD');
    const status = git(repo, 'status', '--porcelain');
    const index = readFileSync(path.join(repo, '.git', 'index'));

    const result = history(repo, ['--git', `${initial}..HEAD`, '--scope', 'p']);

    expect(result.points.map((point) => point.subject)).toEqual(['C1 rename a to b', 'C2 add c', 'C3 break c', 'C4 delete b, repair c', 'M merge feature']);
    expect(result.points.map((point) => point.commit)).toEqual(git(repo, 'rev-list', '--first-parent', '--reverse', `${initial}..HEAD`).trim().split('\n'));
    expect(result.points.map((point) => [point.inScope.total, point.repository.total])).toEqual([
      [2, 3], // b.ts (the renamed a.ts) is in today's scope
      [3, 4],
      [2, 3], // c.ts does not parse: its findings are unknown
      [1, 2],
      [1, 4], // the merged branch's d.ts counts in the repository, not in scope
    ]);
    expect(result.points.map((point) => point.total)).toEqual([2, 3, 2, 1, 1]);
    expect(result.points.map((point) => point.unparsed)).toEqual([undefined, undefined, ['src/c.ts'], undefined, undefined]);
    expect(result.points[0].inScope.byRule).toEqual({ 'deprecfix/no-deprecated-helper': 0, [SERIALIZATION]: 2, 'deprecfix/no-utcnow-date': 0, 'deprecfix/py-pydantic-v1': 0, 'deprecfix/py-utcnow': 0 });
    expect(result.scope).toMatchObject({ spec: 'p', manifestFrom: 'working tree' });

    expect(snapshotTree(repo)).toEqual(before);
    expect(git(repo, 'rev-parse', 'HEAD')).toBe(head);
    expect(git(repo, 'status', '--porcelain')).toBe(status);
    expect(readFileSync(path.join(repo, '.git', 'index'))).toEqual(index);
  });

  it('re-runs from the cache: nothing is linted again, and a new commit costs only its own files', { timeout: 300_000 }, () => {
    const { repo, initial } = historyRepo();
    const first = history(repo, ['--git', `${initial}..HEAD`, '--scope', 'p']);
    expect(first.stats).toMatchObject({ commits: 5, fromCache: 0 });
    expect(first.stats.filesLinted).toBeGreaterThan(0);

    const again = history(repo, ['--git', `${initial}..HEAD`, '--scope', 'p']);
    expect(again.stats).toEqual({ commits: 5, fromCache: 5, filesLinted: 0 });
    expect(again.points).toEqual(first.points);

    writeFileSync(path.join(repo, 'src/e.ts'), ROUNDTRIP('six'));
    commit(repo, 'C5 add e');
    const extended = history(repo, ['--git', `${initial}..HEAD`, '--scope', 'p']);
    expect(extended.stats.fromCache).toBe(5);
    expect(extended.stats.filesLinted).toBeGreaterThan(0);
    expect(extended.stats.filesLinted).toBeLessThan(first.stats.filesLinted);
    expect(extended.points.at(-1)).toMatchObject({ subject: 'C5 add e', inScope: { total: 1 }, repository: { total: 5 } });
  });

  it('without --scope counts the whole repository in scope; --every N keeps every Nth and the newest; --tags only tagged commits', { timeout: 300_000 }, () => {
    const { repo, initial } = historyRepo();
    const whole = history(repo, ['--git', `${initial}..HEAD`]);
    expect(whole.scope).toBeNull();
    expect(whole.points.map((point) => point.inScope.total)).toEqual([3, 4, 3, 2, 4]);

    const every = history(repo, ['--git', `${initial}..HEAD`, '--every', '2']);
    expect(every.points.map((point) => point.subject)).toEqual(['C1 rename a to b', 'C3 break c', 'M merge feature']);
    const every3 = history(repo, ['--git', `${initial}..HEAD`, '--every', '3']);
    expect(every3.points.map((point) => point.subject)).toEqual(['C1 rename a to b', 'C4 delete b, repair c', 'M merge feature']);

    git(repo, 'tag', 'v1', 'HEAD~1');
    git(repo, '-c', 'user.name=test', '-c', 'user.email=test@example.com', 'tag', '-a', 'v2', '-m', 'release 2', 'HEAD');
    const tagged = history(repo, ['--git', `${initial}..HEAD`, '--tags']);
    expect(tagged.points.map((point) => [point.subject, point.tags])).toEqual([
      ['C4 delete b, repair c', ['v1']],
      ['M merge feature', ['v2']],
    ]);
  });

  it('refuses to start while another history holds the repository (exit 2), and releases its lock when done', () => {
    const { repo, initial } = historyRepo();
    const lock = path.join(repo, '.git', 'deprecfix-history.lock');
    writeFileSync(lock, JSON.stringify({ pid: process.ppid }));
    expect(runCli(['history', '--git', `${initial}..HEAD`], repo)).toMatchObject({ status: 2, stderr: expect.stringContaining('another deprecfix history is running on this repository') });
    rmSync(lock);
    expect(runCli(['history', '--git', `${initial}..HEAD`, '--format', 'json'], repo).status).toBe(0);
    expect(existsSync(lock)).toBe(false);
  });

  it('renders Markdown with a Mermaid xychart-beta line chart (in scope, whole repository) and the table behind it', { timeout: 300_000 }, () => {
    const { repo, initial } = historyRepo();
    const json = history(repo, ['--git', `${initial}..HEAD`, '--scope', 'p']);
    const run = runCli(['history', '--git', `${initial}..HEAD`, '--scope', 'p', '--format', 'markdown'], repo);
    expect(run.status).toBe(0);
    const shorts = json.points.map((point) => `"${point.shortCommit}"`).join(', ');
    expect(run.stdout).toContain(['```mermaid', 'xychart-beta'].join('\n'));
    expect(run.stdout).toContain(`    x-axis [${shorts}]\n    y-axis "findings" 0 --> 4\n    line [2, 3, 2, 1, 1]\n    line [3, 4, 3, 2, 4]\n\`\`\``);
    expect(run.stdout).toContain('## Deprecation burn-down: 2 → 1 (−1) over 5 commits');
    const rows = run.stdout.split('\n').filter((line) => line.startsWith('| `'));
    expect(rows.slice(0, 5).map((row) => row.split(' | ').slice(2).join(' | '))).toEqual([
      'C1 rename a to b | 2 | 3 |',
      'C2 add c | 3 | 4 |',
      'C3 break c | 2 | 3 (1 unparsed) |',
      'C4 delete b, repair c | 1 | 2 |',
      'M merge feature | 1 | 4 |',
    ]);
  });

  it('refuses a bad range, an unknown scope and --every with --tags (exit 2, nothing written)', { timeout: 300_000 }, () => {
    const { repo, initial } = historyRepo();
    const before = snapshotTree(repo);
    expect(runCli(['history', '--git', 'no-such-rev..HEAD'], repo)).toMatchObject({ status: 2, stderr: expect.stringContaining('--git no-such-rev..HEAD') });
    expect(runCli(['history', '--git', '--output=x'], repo).status).toBe(2);
    expect(runCli(['history', '--git', `${initial}..HEAD`, '--scope', 'nope'], repo)).toMatchObject({ status: 2, stderr: expect.stringContaining('nope') });
    expect(runCli(['history', '--git', `${initial}..HEAD`, '--every', '2', '--tags'], repo).status).toBe(2);
    expect(runCli(['history', '--git', `${initial}..HEAD`, '--every', '0'], repo).status).toBe(2);
    expect(snapshotTree(repo)).toEqual(before);
  });

  it("never writes a commit's files into the working tree's installed directories (a virtualenv it links)", { timeout: 300_000 }, () => {
    const repo = gitRepo({ 'src/a.ts': ROUNDTRIP('one') });
    const initial = git(repo, 'rev-parse', 'HEAD').trim();
    writeFiles(repo, { '.venv/pyvenv.cfg': 'home = /from/the/commit\n' });
    commit(repo, 'track a virtualenv by mistake');
    git(repo, 'rm', '-q', '--cached', '.venv/pyvenv.cfg');
    writeFileSync(path.join(repo, '.gitignore'), '.venv/\n');
    writeFileSync(path.join(repo, '.venv/pyvenv.cfg'), 'home = /usr/bin\n');
    writeFileSync(path.join(repo, 'src/b.ts'), ROUNDTRIP('two'));
    commit(repo, 'stop tracking it, add b');

    const result = history(repo, ['--git', `${initial}..HEAD`]);
    expect(result.points.map((point) => [point.subject, point.repository.total])).toEqual([
      ['track a virtualenv by mistake', 1],
      ['stop tracking it, add b', 2],
    ]);
    expect(readFileSync(path.join(repo, '.venv/pyvenv.cfg'), 'utf8')).toBe('home = /usr/bin\n');
  });

  it('gives at each commit the counts scan --scope and check give on a checkout of it (demo repository, phases fixed one by one)', { timeout: 300_000 }, () => {
    const repo = copyFixtureRepo('demo-repo');
    const initial = git(repo, 'rev-parse', 'HEAD').trim();
    for (const phase of ['phase10', 'phase12']) {
      expect(runCli(['fix', '--scope', phase, '--quiet', '--report', tempDir()], repo).status).toBe(0);
      commit(repo, `fix ${phase}`);
    }
    const result = history(repo, ['--git', `${initial}~0..HEAD`, '--scope', 'phase10-12']);
    const all = history(repo, ['--git', `${initial}..HEAD`, '--scope', 'phase10-12']);
    expect(all.points).toEqual(result.points);
    expect(result.points).toHaveLength(2);

    for (const point of result.points) {
      const checkout = path.join(tempDir(), 'checkout');
      git(path.dirname(checkout), 'clone', '-q', repo, checkout);
      git(checkout, 'checkout', '-q', point.commit);
      // copyFixtureRepo commits node_modules (`add -f`); a user's clone would have it installed.
      if (!existsSync(path.join(checkout, 'node_modules'))) symlinkSync(path.join(repo, 'node_modules'), path.join(checkout, 'node_modules'), 'dir');
      writeFileSync(path.join(checkout, 'deprecfix.manifest.json'), readFileSync(path.join(repo, 'deprecfix.manifest.json')));

      const scan = JSON.parse(runCli(['scan', '--scope', 'phase10-12', '--format', 'json'], checkout).stdout) as { findings: { ruleId: string }[] };
      expect(point.inScope.total).toBe(scan.findings.length);
      expect(nonZero(point.inScope.byRule)).toEqual(countByRule(scan.findings));

      const output = path.join(tempDir(), 'check.json');
      expect(runCli(['check', '--baseline', writeEmptyBaseline(), '--output', output], checkout).status).toBe(1);
      const check = JSON.parse(readFileSync(output, 'utf8')) as { findings: { ruleId: string }[] };
      expect(point.repository.total).toBe(check.findings.length);
      expect(nonZero(point.repository.byRule)).toEqual(countByRule(check.findings));
    }
    expect(result.points[1].total).toBeLessThan(result.points[0].total);
  });
});

function writeEmptyBaseline(): string {
  const file = path.join(tempDir(), 'eslint-suppressions.json');
  writeFileSync(file, '{}\n');
  return file;
}

function countByRule(findings: readonly { ruleId: string }[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const finding of findings) counts[finding.ruleId] = (counts[finding.ruleId] ?? 0) + 1;
  return counts;
}

function nonZero(byRule: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(byRule).filter(([, count]) => count > 0));
}
