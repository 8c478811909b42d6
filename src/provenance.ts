import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { toPosix } from '../rules/project/paths.js';
import { TOOL_VERSION } from '../rules/package.js';

/**
 * Where a report came from (CONTRACT §8), so that it can stand as release evidence: the exact command line, the
 * commit it ran on and whether the tree was dirty then (taken before anything is written), the tool and runtime
 * versions, and digests of the manifest and config it read. "verified: commit X" in a checklist points here.
 */
export interface RunProvenance {
  /** The command line as typed: `deprecfix` and its arguments. */
  argv: string[];
  /** Where it ran, relative to the repository root (`.` at the root): no machine's home directory in the evidence. */
  cwd: string;
  startedAt: string;
  finishedAt: string;
  /** `git rev-parse HEAD` at the start; absent outside git or before the first commit. */
  commit?: string;
  /** Uncommitted changes in the work tree at the start (untracked files included). */
  dirty?: boolean;
  toolVersion: string;
  node: string;
  /** `python3 --version`, when the run involved Python (a Python file in scope, or a test command). */
  python?: string;
  /** `sha256:<hex>` of the bytes read; absent when there was none. */
  manifestHash?: string;
  configHash?: string;
}

export interface ProvenanceInputs {
  argv?: readonly string[];
  cwd: string;
  repoRoot: string;
  manifestPath?: string;
  configPath?: string;
  withPython?: boolean;
}

/** Taken at the start of a run; `finish` stamps the end. */
export function startProvenance(inputs: ProvenanceInputs): { finish(): RunProvenance } {
  const startedAt = new Date().toISOString();
  const git = (args: string[]): string | undefined => {
    try {
      return execFileSync('git', args, { cwd: inputs.repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    } catch {
      return undefined;
    }
  };
  const commit = git(['rev-parse', '--verify', '--quiet', 'HEAD'])?.trim() || undefined;
  const status = commit === undefined && git(['rev-parse', '--git-dir']) === undefined ? undefined : git(['status', '--porcelain=v1', '--untracked-files=all']);
  const fixed = {
    argv: ['deprecfix', ...(inputs.argv ?? process.argv.slice(2))],
    cwd: toPosix(path.relative(inputs.repoRoot, path.resolve(inputs.cwd))) || '.',
    startedAt,
    ...(commit ? { commit } : {}),
    ...(status !== undefined ? { dirty: status.trim() !== '' } : {}),
    toolVersion: TOOL_VERSION,
    node: process.version,
    ...(inputs.withPython ? optional('python', pythonVersion()) : {}),
    ...optional('manifestHash', digestOfFile(inputs.manifestPath)),
    ...optional('configHash', digestOfFile(inputs.configPath)),
  };
  return { finish: () => ({ ...fixed, finishedAt: new Date().toISOString() }) };
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}

function digestOfFile(file: string | undefined): string | undefined {
  if (!file) return undefined;
  try {
    return `sha256:${createHash('sha256').update(readFileSync(file)).digest('hex')}`;
  } catch {
    return undefined;
  }
}

function pythonVersion(): string | undefined {
  try {
    // Python 3 prints its version on stdout; 2.x (never ours) on stderr.
    return execFileSync('python3', ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim().replace(/^Python /, '') || undefined;
  } catch {
    return undefined;
  }
}
