import { execFile } from 'node:child_process';
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

/**
 * Taken at the start of a run; `finish` stamps the end. The git and python3 answers are asked for at once and run
 * beside the run's first stage (they cost ~0.1 s of process start-ups); `taken` settles when they are in, and a run
 * awaits it before it writes anything or runs a test, so `dirty` always describes the tree as it started.
 */
export function startProvenance(inputs: ProvenanceInputs): { taken: Promise<void>; finish(): Promise<RunProvenance> } {
  const startedAt = new Date().toISOString();
  const options = { cwd: inputs.repoRoot, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 } as const;
  const git = (args: string[]) => answer((done) => execFile('git', args, options, done));
  // All at once: a `git status` chained behind the others would start only at the event loop's next turn, which a
  // run may reach after it wrote its caches.
  const answers = Promise.all([
    git(['rev-parse', '--verify', '--quiet', 'HEAD']),
    // Outside a work tree it fails: no `dirty` then.
    git(['status', '--porcelain=v1', '--untracked-files=all']),
    inputs.withPython ? answer((done) => execFile('python3', ['--version'], options, done)) : undefined,
  ]).then(([head, status, python]) => ({ commit: head?.trim() || undefined, status, python }));
  const fixed = {
    argv: ['deprecfix', ...(inputs.argv ?? process.argv.slice(2))],
    cwd: toPosix(path.relative(inputs.repoRoot, path.resolve(inputs.cwd))) || '.',
    toolVersion: TOOL_VERSION,
    node: process.version,
    ...optional('manifestHash', digestOfFile(inputs.manifestPath)),
    ...optional('configHash', digestOfFile(inputs.configPath)),
  };
  return {
    taken: answers.then(() => undefined),
    finish: async () => {
      const { commit, status, python } = await answers;
      const { argv, cwd, toolVersion, node, ...hashes } = fixed;
      return {
        argv,
        cwd,
        startedAt,
        ...(commit ? { commit } : {}),
        ...(status !== undefined ? { dirty: status.trim() !== '' } : {}),
        toolVersion,
        node,
        // Python 3 prints its version on stdout; 2.x (never ours) on stderr.
        ...optional('python', python?.trim().replace(/^Python /, '') || undefined),
        ...hashes,
        finishedAt: new Date().toISOString(),
      };
    },
  };
}

/** A child process's standard output, or undefined when it cannot run or fails. */
function answer(start: (done: (error: Error | null, stdout: string) => void) => void): Promise<string | undefined> {
  return new Promise((resolve) => start((error, stdout) => resolve(error ? undefined : stdout)));
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
