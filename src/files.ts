/**
 * Which files of the repository deprecfix considers: the one policy `fix`, `scan`, `check`, `baseline` and the
 * repository totals share, so they never disagree about a file.
 *
 * 1. Git's view: tracked and untracked files, `.gitignore` respected (`git ls-files -co --exclude-standard`), as
 *    ESLint users get with `includeIgnoreFile`. An ignored file is never rewritten: git could not restore it.
 *    Outside git, every file except `node_modules` and `.git`.
 * 2. `ignores` in deprecfix.config.json: the user's extra globs.
 * 3. By default, code nobody edits by hand: vendored directories, minified and bundled file names, files whose
 *    header says they are generated, and files whose lines are too long to be hand-written. `include` in the config
 *    takes files back from this rule (not from 1 or 2). Deciding costs a path match, or one read of a file's prefix.
 * 4. Files larger than `maxFileSize` (default 1 MiB): ESLint's TypeScript parser slows down more than linearly on
 *    them (a 5 MB file of exports takes minutes), and a hand-written file is rarely that large. `include` does not
 *    take them back; a larger `maxFileSize` does. Deciding costs one `stat`.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import { globSync } from 'tinyglobby';
import type { DeprecfixConfig } from './config.js';
import { listGitFiles } from './git.js';
import { isSourceFile } from './languages.js';

/** The part of the config that decides which files are considered. */
export type FilePolicy = Pick<DeprecfixConfig, 'ignores' | 'include' | 'maxFileSize'>;

/** The default of `maxFileSize`, in bytes. */
export const DEFAULT_MAX_FILE_SIZE = 1024 * 1024;

/** The reason rule 4 gives; `skippedNote` tells it from the others by this start. */
const TOO_LARGE = 'larger than';

/** A file left out by rule 2 or 3, with why, for the note that says how to take it back. */
export interface SkippedFile {
  file: string;
  reason: string;
}

/** Directories that hold other people's code or build output, whatever their parent (ruff skips most of these too). */
const VENDORED_DIRECTORIES = new Set([
  'vendor',
  'vendors',
  'third_party',
  'third-party',
  'thirdparty',
  '3rdparty',
  'bower_components',
  'jspm_packages',
  'site-packages',
  '__pypackages__',
  '.venv',
  'venv',
  '.tox',
  '.nox',
  'dist',
  '.next',
  '.nuxt',
  '.svelte-kit',
]);

/** File names that build tools give their output: `jquery.min.js`, `swagger-ui-bundle.js`, `vue.umd.js`, `main.3f2a.chunk.js`. */
const BUILT_FILE_NAME = /(?:[.-]min|[.-]bundle|\.umd(?:\.min)?|\.chunk)\.[cm]?[jt]s$/;

/**
 * A header comment that says "do not edit" because a tool wrote the file: Meta's `@generated`, Go's and protoc's
 * "Code generated … DO NOT EDIT", OpenAPI Generator's "auto generated … Do not edit the class manually". "Generated
 * by Django" alone (a migration people edit) is not enough: the header must also say not to edit it.
 */
const GENERATED_TAG = /@generated\b/;
const GENERATED_WORDS = /\b(?:auto-?generated|automatically generated|code generated|generated (?:by|from|with|using))\b/i;
const DO_NOT_EDIT = /\bdo not (?:edit|modify|change)\b/i;
const HEADER_LINES = 40;
const COMMENT_LINE = /^\s*(?:\/\/|\/\*|\*|#|<!--)/;

/**
 * Minified: the average line of the first 64 KiB is longer than 300 characters. Measured on this repository's
 * node_modules: hand-written sources average 25–60 characters a line (36 median; the densest, regex and data tables
 * like esutils' code.js, 219); minified files 500–37,000 (5,700 median; neo-async's async.min.js, the lowest sizeable
 * one, 504). A sample under 4 KiB is too small to judge and cheap to lint anyway; a hand-written file with one long
 * line stays far below the average.
 */
export const MINIFIED_AVERAGE_LINE = 300;
const SAMPLE_BYTES = 64 * 1024;
const MIN_SAMPLE_BYTES = 4 * 1024;

/**
 * Every file of the repository as git sees it (tracked and untracked, not ignored), repo-relative POSIX paths; outside
 * git, every file below the root. `node_modules` is never included. `git` says whether `.gitignore` applied.
 */
function listRepositoryFiles(repoRoot: string): { git: boolean; files: string[] } {
  const listed = listGitFiles(repoRoot);
  const files = listed ?? globSync('**/*', { cwd: repoRoot, ignore: ['**/node_modules/**', '**/.git/**'], dot: false });
  return { git: listed !== undefined, files: [...new Set(files)].filter((file) => !file.split('/').includes('node_modules')).sort() };
}

/**
 * Whether git ignores a repo-relative file: it is not among the files git lists. Tracked files are listed even when
 * a `.gitignore` pattern matches them, as git treats them. Outside git nothing is ignored.
 */
export function gitIgnoredTest(repoRoot: string): (file: string) => boolean {
  const listed = listGitFiles(repoRoot);
  if (listed === undefined) return () => false;
  const files = new Set(listed);
  return (file) => !files.has(file);
}

/**
 * The supported source files of the repository deprecfix considers (`check`, `baseline`, repository totals); `wanted`:
 * only those of interest (one language), so the policy never reads the heads of files the caller would drop.
 */
export function listRepoFiles(repoRoot: string, policy: FilePolicy = {}, wanted: (file: string) => boolean = () => true): { files: string[]; skipped: SkippedFile[] } {
  return selectFiles(repoRoot, listRepositoryFiles(repoRoot).files.filter((file) => isSourceFile(file) && wanted(file)), policy);
}

/** Splits repo-relative files into the considered ones and the ones rule 2 or 3 leaves out (rule 1 is the caller's). */
export function selectFiles(repoRoot: string, files: readonly string[], policy: FilePolicy): { files: string[]; skipped: SkippedFile[] } {
  const reasonOf = skipRule(repoRoot, policy);
  const kept: string[] = [];
  const skipped: SkippedFile[] = [];
  for (const file of files) {
    const reason = reasonOf(file);
    if (reason) skipped.push({ file, reason });
    else kept.push(file);
  }
  return { files: kept, skipped };
}

/** Why a file is left out by the config's `ignores` or the default rules; undefined when it is considered. */
export function skipRule(repoRoot: string, policy: FilePolicy): (file: string) => string | undefined {
  const ignored = globMatcher(policy.ignores);
  const included = globMatcher(policy.include);
  const maxFileSize = policy.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  return (file) => {
    if (ignored(file)) return 'matches "ignores" in the config';
    const size = sizeOf(path.join(repoRoot, file));
    if (size > maxFileSize) return `${TOO_LARGE} ${formatSize(maxFileSize)} (${formatSize(size)})`;
    if (included(file)) return undefined;
    return vendoredByPath(file) ?? generatedByContent(readPrefix(path.join(repoRoot, file)));
  };
}

/** Rule 3 by path alone: a vendored directory or a build tool's file name. */
export function vendoredByPath(file: string): string | undefined {
  const segments = file.split('/');
  const directory = segments.slice(0, -1).find((segment) => VENDORED_DIRECTORIES.has(segment));
  if (directory) return `vendored (${directory}/)`;
  const built = BUILT_FILE_NAME.exec(segments.at(-1)!);
  if (built) return `minified or bundled (${built[0]})`;
  return undefined;
}

/** Rule 3 by content: a generated-file header, or lines too long to be hand-written. `prefix` is the file's start. */
export function generatedByContent(prefix: string): string | undefined {
  const header = prefix.split('\n', HEADER_LINES).filter((line) => COMMENT_LINE.test(line)).join('\n');
  if (GENERATED_TAG.test(header)) return 'generated (@generated header)';
  if (GENERATED_WORDS.test(header) && DO_NOT_EDIT.test(header)) return 'generated ("do not edit" header)';
  if (prefix.length >= MIN_SAMPLE_BYTES) {
    const lines = prefix.split('\n').length;
    const average = Math.round(prefix.length / lines);
    if (average > MINIFIED_AVERAGE_LINE) return `minified (lines average ${average} characters)`;
  }
  return undefined;
}

/**
 * A file nobody may write (mode 0444: no write bit at all) was made read-only on purpose — a checked-in generated
 * file, a pinned copy — and a rename would replace it silently (even root's, and rename needs only the directory).
 * So it is not rewritten unless the user says so; the error becomes the file's write failure in the report.
 */
export function refuseReadOnly(mode: number, force: boolean): void {
  if (force || (mode & 0o222) !== 0) return;
  throw new Error(`read-only file (mode ${(mode & 0o777).toString(8).padStart(4, '0')}), not rewritten; pass --force-read-only to rewrite it`);
}

/** The note every command prints when rule 2, 3 or 4 left files out: how many, a few examples, how to take them back. */
export function skippedNote(skipped: readonly SkippedFile[], where: string): string | undefined {
  const tooLarge = skipped.filter((entry) => entry.reason.startsWith(TOO_LARGE));
  const byDefault = skipped.filter((entry) => !entry.reason.startsWith('matches "ignores"') && !entry.reason.startsWith(TOO_LARGE));
  const examplesOf = (entries: readonly SkippedFile[], describe: (entry: SkippedFile) => string) => {
    const examples = entries.slice(0, 3).map((entry) => `${entry.file}: ${describe(entry)}`);
    return `${examples.join('; ')}${entries.length > examples.length ? `, and ${entries.length - examples.length} more` : ''}`;
  };
  const sentences: string[] = [];
  if (byDefault.length > 0) {
    const count = byDefault.length === 1 ? '1 vendored, minified or generated file' : `${byDefault.length} vendored, minified or generated files`;
    sentences.push(`Skipped ${count} ${where} (${examplesOf(byDefault, (entry) => entry.reason)}). To lint and fix them, list them under "include" in deprecfix.config.json.`);
  }
  if (tooLarge.length > 0) {
    // "larger than 1 MiB (1.2 MiB)": the limit goes into the sentence, the size into the example.
    const limit = /^larger than (.*?) \(/.exec(tooLarge[0].reason)?.[1];
    const one = tooLarge.length === 1;
    sentences.push(
      `Skipped ${one ? '1 file' : `${tooLarge.length} files`} larger than ${limit} ${where} (${examplesOf(tooLarge, (entry) => /\(([^)]*)\)$/.exec(entry.reason)?.[1] ?? entry.reason)}). ` +
        `To lint and fix ${one ? 'it' : 'them'}, raise "maxFileSize" (bytes) in deprecfix.config.json.`,
    );
  }
  return sentences.length > 0 ? sentences.join(' ') : undefined;
}

/** Bytes as people read them: 1 MiB, 1.2 MiB, 640 KiB. */
export function formatSize(bytes: number): string {
  const [value, unit] = bytes >= 1024 * 1024 ? [bytes / (1024 * 1024), 'MiB'] : bytes >= 1024 ? [bytes / 1024, 'KiB'] : [bytes, 'bytes'];
  return `${value >= 10 ? Math.round(value) : Math.round(value * 10) / 10} ${unit}`;
}

function sizeOf(absPath: string): number {
  try {
    return statSync(absPath).size;
  } catch {
    return 0; // unreadable files are the lint stage's to report
  }
}

function globMatcher(globs: readonly string[] | undefined): (file: string) => boolean {
  if (!globs || globs.length === 0) return () => false;
  // A directory pattern covers what is under it, as in .gitignore: `legacy` and `legacy/` both mean `legacy/**`.
  const patterns = globs.map((glob) => glob.replace(/^\.\//, '').replace(/\/+$/, ''));
  return picomatch([...patterns, ...patterns.map((pattern) => `${pattern}/**`)], { dot: true });
}

let prefixBuffer: Buffer | undefined;

/** The first 64 KiB, decoded loosely (only line lengths and ASCII markers are read); '' when unreadable. */
function readPrefix(absPath: string): string {
  let fd: number | undefined;
  try {
    fd = openSync(absPath, 'r');
    // One buffer for every file (the text is copied out): a zeroed 64 KiB a file cost more than reading it.
    prefixBuffer ??= Buffer.allocUnsafe(SAMPLE_BYTES);
    const bytes = readSync(fd, prefixBuffer, 0, SAMPLE_BYTES, 0);
    return prefixBuffer.toString('latin1', 0, bytes);
  } catch {
    return ''; // unreadable files are the lint stage's to report
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
