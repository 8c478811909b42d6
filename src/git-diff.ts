import { execFileSync } from 'node:child_process';
import { UsageError } from './errors.js';

/**
 * What a git range changed, for `manifest record --git` and `--changed` (CONTRACT §3): the files on the new side
 * (renames and copies followed to their new path, deleted files dropped) and, for `--symbols`, the lines of the new
 * side each file's hunks touched. Paths come from `-z` output, so spaces, unicode and line breaks in names survive.
 */

/** One file on the new side of a diff. */
export interface ChangedFile {
  /** Repo-relative POSIX path on the new side. */
  path: string;
  /** git's status letter: A added, M modified, R renamed, C copied, T type changed, U unmerged. */
  status: string;
  /** The old path of a rename or copy. */
  from?: string;
  /** Lines of the new side the hunks touched (1-based, inclusive); only when hunks were asked for. */
  lines?: LineRange[];
}

export interface LineRange {
  start: number;
  end: number;
  /** Lines were only removed, between `start` and `end` (= start + 1): the gap touches what holds both. */
  gap?: boolean;
}

/**
 * The two sides of a diff: `A..B` (or `A B`), `A...B` (from their merge base), and a single revision `A`, which
 * means `A..HEAD` for a recorded range. `to` undefined means the working tree (`--changed`).
 */
export interface DiffSides {
  /** The arguments git diff receives for the sides. */
  args: string[];
  /** The revision whose tree is the new side; undefined for the working tree. */
  newSide?: string;
  /** As the user wrote it, for messages. */
  spec: string;
}

/** `A..B`, `A...B` or `A` (= `A..HEAD`) into the arguments of `git diff`. */
export function rangeSides(range: string): DiffSides {
  refuseOptionLike(range, '--git');
  const threeDots = range.indexOf('...');
  if (threeDots >= 0) {
    const to = range.slice(threeDots + 3) || 'HEAD';
    return { args: [`${range.slice(0, threeDots) || 'HEAD'}...${to}`], newSide: to, spec: range };
  }
  const twoDots = range.indexOf('..');
  if (twoDots >= 0) {
    const from = range.slice(0, twoDots) || 'HEAD';
    const to = range.slice(twoDots + 2) || 'HEAD';
    return { args: [from, to], newSide: to, spec: range };
  }
  return { args: [range, 'HEAD'], newSide: 'HEAD', spec: range };
}

/** `--changed <ref>`: from `ref` to the working tree. */
export function workingTreeSides(ref: string): DiffSides {
  refuseOptionLike(ref, '--changed');
  return { args: [ref], spec: ref };
}

/**
 * The files a diff changed on its new side, in git's order. With `hunks`, each file also gets the new-side lines
 * its hunks touched (a pure deletion touches the lines on both sides of the gap). With `untracked` (working-tree
 * diffs only), files git does not track and does not ignore are added as wholly new: a pre-commit hook's new file
 * that is not yet staged is changed too. A bad revision is a `UsageError` carrying git's message.
 */
export function diffFiles(repoRoot: string, sides: DiffSides, options: { hunks?: boolean; untracked?: boolean } = {}): ChangedFile[] {
  const common = ['--no-color', '--no-ext-diff', '--no-textconv', '-M', ...unbornHead(repoRoot, sides).args, '--'];
  const records = runGitDiff(repoRoot, ['diff', '--name-status', '-z', ...common], sides).split('\0');
  const files: ChangedFile[] = [];
  const order: (ChangedFile | undefined)[] = []; // one per diff section, deleted files as undefined
  for (let i = 0; i + 1 < records.length; ) {
    const status = records[i++];
    if (status === '') continue;
    const letter = status[0];
    if (letter === 'R' || letter === 'C') {
      const from = records[i++];
      const file: ChangedFile = { path: records[i++], status: letter, from };
      files.push(file);
      order.push(file);
    } else {
      const changedPath = records[i++];
      if (letter === 'D') {
        order.push(undefined);
        continue;
      }
      const file: ChangedFile = { path: changedPath, status: letter };
      files.push(file);
      order.push(file);
    }
  }
  if (options.hunks) {
    const hunkArgs = ['diff', '-U0', '--inter-hunk-context=0', ...common];
    const sections = patchSections(runGitDiff(repoRoot, hunkArgs, sides));
    // The patch lists the same files in the same order as --name-status, one `diff --git` section each. Should a
    // git version or an odd state (unmerged paths) ever make the counts differ, each file is diffed on its own.
    if (sections.length === order.length) {
      order.forEach((file, index) => {
        if (file) file.lines = newSideLines(sections[index]);
      });
    } else {
      for (const file of files) {
        const paths = file.from ? [file.from, file.path] : [file.path];
        file.lines = patchSections(runGitDiff(repoRoot, [...hunkArgs, ...paths], sides)).flatMap(newSideLines);
      }
    }
  }
  if (options.untracked && sides.newSide === undefined) {
    for (const file of untrackedFiles(repoRoot)) {
      if (files.some((known) => known.path === file)) continue;
      files.push({ path: file, status: 'A', ...(options.hunks && { lines: [{ start: 1, end: Number.MAX_SAFE_INTEGER }] }) });
    }
  }
  return files;
}

/**
 * A repository's first commit: `HEAD` does not exist yet, so a pre-commit hook's `--changed HEAD` compares with the
 * empty tree (every staged and new file is changed) instead of failing.
 */
function unbornHead(repoRoot: string, sides: DiffSides): DiffSides {
  if (sides.newSide !== undefined || sides.args.length !== 1 || sides.args[0] !== 'HEAD') return sides;
  try {
    execFileSync('git', ['rev-parse', '--verify', '--quiet', 'HEAD'], { cwd: repoRoot, stdio: 'ignore' });
    return sides;
  } catch {
    const emptyTree = execFileSync('git', ['hash-object', '-t', 'tree', '--stdin'], { cwd: repoRoot, input: '', encoding: 'utf8' }).trim();
    return { ...sides, args: [emptyTree] };
  }
}

/** The text of `file` on the new side: the revision's blob, or the working tree file when `newSide` is undefined. */
export function showFile(repoRoot: string, newSide: string, file: string): string | undefined {
  try {
    return execFileSync('git', ['cat-file', 'blob', `${newSide}:${file}`], { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024 });
  } catch {
    return undefined;
  }
}

function untrackedFiles(repoRoot: string): string[] {
  return runGitDiff(repoRoot, ['ls-files', '-z', '--others', '--exclude-standard'], { args: [], spec: '' }).split('\0').filter(Boolean);
}

/** Splits `git diff` patch output into one list of lines per `diff --git` (or `diff --cc`) section. */
function patchSections(patch: string): string[][] {
  const sections: string[][] = [];
  for (const line of patch.split('\n')) {
    // Content lines start with + - space or \, so a line starting with `diff --` is always a header.
    if (line.startsWith('diff --git ') || line.startsWith('diff --cc ') || line.startsWith('diff --combined ')) sections.push([]);
    else sections.at(-1)?.push(line);
  }
  return sections;
}

/** `@@ -a,b +c,d @@` → lines c..c+d-1 of the new side; d = 0 (only deletions) → the lines c and c+1 around the gap. */
function newSideLines(section: string[]): LineRange[] {
  const ranges: LineRange[] = [];
  for (const line of section) {
    const hunk = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/.exec(line);
    if (!hunk) continue;
    const start = Number(hunk[1]);
    const count = hunk[2] === undefined ? 1 : Number(hunk[2]);
    ranges.push(count === 0 ? { start, end: start + 1, gap: true } : { start, end: start + count - 1 });
  }
  return ranges;
}

function runGitDiff(repoRoot: string, args: string[], sides: DiffSides): string {
  try {
    return execFileSync('git', args, {
      cwd: repoRoot,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 256 * 1024 * 1024,
      env: { ...process.env, GIT_OPTIONAL_LOCKS: '0' },
    });
  } catch (error) {
    const failure = error as NodeJS.ErrnoException & { stderr?: string };
    if (failure.code === 'ENOENT') throw new UsageError('git is not installed', 'manifest record --git and --changed read the repository with git.');
    const message = (typeof failure.stderr === 'string' ? failure.stderr.trim() : '') || failure.message;
    throw new UsageError(`git cannot diff ${sides.spec}: ${message}`, 'Give revisions git knows: A..B, A...B or a single revision (a branch, tag or commit).');
  }
}

function refuseOptionLike(value: string, option: string): void {
  if (value === '' || value.startsWith('-')) {
    throw new UsageError(`${option} ${JSON.stringify(value)} is not a revision`, `Give a revision or range, e.g. ${option} main..HEAD.`);
  }
}
