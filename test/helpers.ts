import { UsageError } from '../src/errors.js';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Finding } from '../src/lint.js';

export const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const cliPath = path.join(packageRoot, 'dist', 'src', 'cli', 'main.js');

export function tempDir(prefix = 'deprecfix-test-'): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Writes `files` (repository-relative path → text) under `root`, creating directories; returns `root`. */
export function writeFiles(root: string, files: Record<string, string>): string {
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  return root;
}

/** A fresh copy of a fixture repository, committed to its own git repository like a real checkout. */
export function copyFixtureRepo(name: string, options: { git?: boolean } = {}): string {
  const dir = path.join(tempDir(), name);
  cpSync(path.join(packageRoot, 'fixtures', name), dir, { recursive: true });
  if (options.git ?? true) gitCommitAll(dir, 'initial');
  return dir;
}

export function git(dir: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** The next commit of a repository, as a user makes it: `git add -A` respects .gitignore. */
export function commit(dir: string, message: string): void {
  git(dir, 'add', '-A');
  git(dir, '-c', 'user.name=test', '-c', 'user.email=test@example.com', 'commit', '-q', '-m', message);
}

/** A repository committed as a user commits it: `git add -A` respects .gitignore. */
export function gitRepo(files: Record<string, string>): string {
  const repo = writeFiles(tempDir(), files);
  git(repo, 'init', '-q');
  git(repo, 'add', '-A');
  git(repo, '-c', 'user.name=test', '-c', 'user.email=test@example.com', 'commit', '-q', '-m', 'initial');
  return repo;
}

/** A manifest with one scope `p` listing these entries. */
export const oneScopeManifest = (paths: string[]): string => JSON.stringify({ version: 1, scopes: { p: paths } });

/** The JSON report a `fix` wrote at the repository root. */
export const readReport = (repo: string) => JSON.parse(readFileSync(path.join(repo, 'deprecfix-report.json'), 'utf8'));

export function gitCommitAll(dir: string, message: string): void {
  try {
    git(dir, 'rev-parse', '--git-dir');
  } catch {
    git(dir, 'init', '-q');
  }
  git(dir, 'add', '-A', '-f');
  git(dir, '-c', 'user.name=test', '-c', 'user.email=test@example.com', 'commit', '-q', '--allow-empty', '-m', message);
}

export interface CliRun {
  status: number;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI as a user would: a separate process, no TTY, no colour. */
export function runCli(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): CliRun {
  const result = spawnSync(process.execPath, [cliPath, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, ...env },
  });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** Every file below dir (except .git) with its bytes, for "nothing else changed" comparisons. */
export function snapshotTree(dir: string, skip: (relative: string) => boolean = () => false): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const walk = (current: string): void => {
    for (const entry of readdirSync(current)) {
      const absolute = path.join(current, entry);
      const relative = path.relative(dir, absolute).split(path.sep).join('/');
      if (relative === '.git' || skip(relative)) continue;
      if (statSync(absolute).isDirectory()) walk(absolute);
      else files.set(relative, readFileSync(absolute));
    }
  };
  walk(dir);
  return files;
}

/** Paths whose bytes differ between two snapshots (added, removed or changed). */
export function changedPaths(before: Map<string, Buffer>, after: Map<string, Buffer>): string[] {
  const paths = new Set([...before.keys(), ...after.keys()]);
  return [...paths].filter((file) => !before.get(file)?.equals(after.get(file) ?? Buffer.alloc(0)) || !after.has(file)).sort();
}

/** A finding for printer and report tests; `overrides` changes any field. */
export function makeFinding(file: string, line: number, overrides: Partial<Finding> = {}): Finding {
  return {
    file,
    line,
    column: 5,
    endLine: line,
    endColumn: 17,
    ruleId: 'deprecfix/no-legacy-serialization',
    kind: 'class-transformer-rename',
    message: '`classToPlain` is deprecated since class-transformer 0.4.1; use `instanceToPlain`.',
    fix: 'safe',
    ...overrides,
  };
}

/** The UsageError `run` throws (exit 2 in the CLI); fails when it throws nothing or something else. */
export function usageError(run: () => unknown): UsageError {
  try {
    run();
  } catch (error) {
    if (error instanceof UsageError) return error;
    throw error;
  }
  throw new Error('expected a UsageError');
}
