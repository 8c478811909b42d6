import { gitText } from '../git.js';
import { UsageError } from '../errors.js';

/** One commit of a history range, as a point of the burn-down names it. */
export interface RangeCommit {
  commit: string;
  shortCommit: string;
  /** Committer date, ISO 8601 with the committer's offset: when the commit entered the branch. */
  date: string;
  subject: string;
  /** The commit's tree: identical trees have identical findings. */
  tree: string;
  /** Tags pointing at the commit, sorted (annotated tags followed to their commit). */
  tags: string[];
}

export interface RangeSelection {
  /** `--every N`: every Nth commit, counted from the oldest, and always the newest. */
  every?: number;
  /** `--tags`: only commits that a tag points at. */
  tags?: boolean;
}

/**
 * The commits of `range` along the newest side's first parents — the commits the branch itself went through, a
 * merged branch's own commits left out — oldest first. `A..B` as in git (reachable from B, not from A); `A...B`
 * from their merge base to B; `A` alone means `A..HEAD` (as `manifest record` reads a range).
 */
export function rangeCommits(repoRoot: string, range: string, selection: RangeSelection = {}): RangeCommit[] {
  if (range === '' || range.startsWith('-')) throw new UsageError(`--git ${range}: not a range`, 'give two revisions as A..B (e.g. v1.10.0..HEAD, main~20..main)');
  let output: string;
  try {
    // The range is one argument after the options and before `--`: it cannot be read as an option or a path.
    output = gitText(repoRoot, ['log', '--first-parent', '--reverse', '--format=%H%x1f%h%x1f%cI%x1f%T%x1f%s%x1e', logRange(repoRoot, range), '--']);
  } catch (error) {
    const message = ((error as { stderr?: Buffer | string }).stderr ?? String(error)).toString().trim().split('\n')[0];
    throw new UsageError(`--git ${range}: ${message}`, 'give revisions git knows: A..B, A...B or a single revision (= A..HEAD)');
  }
  const tagsOf = tagsByCommit(repoRoot);
  let commits = output
    .split('\x1e')
    .map((record) => record.trim())
    .filter(Boolean)
    .map((record) => {
      const [commit, shortCommit, date, tree, subject] = record.split('\x1f');
      return { commit, shortCommit, date, subject, tree, tags: tagsOf.get(commit) ?? [] };
    });
  if (selection.tags) commits = commits.filter((commit) => commit.tags.length > 0);
  if (selection.every && selection.every > 1) {
    const every = selection.every;
    commits = commits.filter((_, index) => index % every === 0 || index === commits.length - 1);
  }
  return commits;
}

function logRange(repoRoot: string, range: string): string {
  const threeDots = range.indexOf('...');
  if (threeDots >= 0) {
    const to = range.slice(threeDots + 3) || 'HEAD';
    const base = gitText(repoRoot, ['merge-base', '--end-of-options', range.slice(0, threeDots) || 'HEAD', to]).trim();
    return `${base}..${to}`;
  }
  return range.includes('..') ? range : `${range}..HEAD`;
}

function tagsByCommit(repoRoot: string): Map<string, string[]> {
  const byCommit = new Map<string, string[]>();
  const output = gitText(repoRoot, ['for-each-ref', '--format=%(objectname) %(*objectname) %(refname:short)', 'refs/tags']);
  for (const line of output.split('\n')) {
    const [object, peeled, name] = line.split(' ');
    if (!name) continue;
    const commit = peeled || object;
    byCommit.set(commit, [...(byCommit.get(commit) ?? []), name].sort());
  }
  return byCommit;
}
