import { readFileSync, realpathSync } from 'node:fs';
import { relativizePaths, repoPath } from '../rules/project/paths.js';
import { UsageError } from './errors.js';
import { gitState } from './git.js';
import type { Progress } from './progress.js';
import type { Failure } from './lint.js';
import { refuseReadOnly } from './files.js';
import { digestOf, writeAtomically, type SourceText } from './write.js';

/**
 * The last step of `fix` that touches the repository: write every verified rewrite, one file at a time, so that
 * whatever happens — a write that fails, a file edited meanwhile, Ctrl-C — each file on disk is wholly old or wholly
 * new and the caller knows exactly which (issue 11). The report is then built from what was written. Before it,
 * `refuseDirtyFiles` stops the run when a file to write has uncommitted changes.
 */

export type InterruptSignal = 'SIGINT' | 'SIGTERM';
/** Exit codes of a run stopped by a signal, as shells report them (128 + signal number). */
export const INTERRUPT_EXIT: Record<InterruptSignal, number> = { SIGINT: 130, SIGTERM: 143 };

export interface PendingWrite {
  file: string;
  absPath: string;
  after: string;
  /** The file as read: its digest, encoding, BOM and mode. */
  source: SourceText;
}

export interface WritePhaseResult {
  written: string[];
  /** Files not written, each with the reason its findings remain (the report puts it on them). */
  notWritten: Map<string, string>;
  failures: Failure[];
  /** The signal that stopped the phase; the files after the one being written were left alone. */
  interrupted?: InterruptSignal;
}

export const REASON_CHANGED = 'changed during the run: its new content is kept and it was not rewritten';

class ChangedDuringRun extends Error {}

/** §7.2: never overwrite uncommitted work unless the user says so; outside git, proceed and say so. */
export function refuseDirtyFiles(repoRoot: string, changes: readonly { file: string; absPath: string }[], allowDirty: boolean, warnings: string[]): void {
  const git = gitState(repoRoot);
  if (!git.isRepo) {
    warnings.push('not a git repository: files are rewritten without the uncommitted-changes check');
    return;
  }
  if (allowDirty) return;
  // git prints its root with symlinks resolved (/tmp → /private/tmp); compare real paths.
  const root = realpathSync(git.root ?? repoRoot);
  const dirty = changes.filter((change) => git.dirty.has(repoPath(root, realpathSync(change.absPath))));
  if (dirty.length > 0) {
    throw new UsageError(
      `refusing to rewrite ${dirty.length} file(s) with uncommitted changes:\n${dirty.map((change) => `  ${change.file}`).join('\n')}`,
      'commit or stash them first, or pass --allow-dirty',
    );
  }
}

export async function writeChanges(writes: readonly PendingWrite[], repoRoot: string, progress?: Progress, forceReadOnly = false): Promise<WritePhaseResult> {
  const result: WritePhaseResult = { written: [], notWritten: new Map(), failures: [] };
  const interrupts = watchInterrupts();
  try {
    progress?.start('Writing', writes.length);
    await pauseForTest('before-write', interrupts);
    for (const write of writes) {
      // Between two files the event loop runs, so a signal is seen here: the file before was written whole.
      await new Promise((resolve) => setImmediate(resolve));
      if (interrupts.signal) {
        result.interrupted = interrupts.signal;
        result.notWritten.set(write.file, `not written: the run was interrupted (${interrupts.signal})`);
        continue;
      }
      const failure = writeOne(write, repoRoot, forceReadOnly);
      if (failure) {
        result.failures.push({ file: write.file, stage: 'write', message: failure });
        result.notWritten.set(write.file, failure);
      } else {
        result.written.push(write.file);
        if (result.written.length === 1) await pauseForTest('after-first-write', interrupts);
      }
      progress?.tick();
    }
    result.interrupted ??= interrupts.signal;
  } finally {
    interrupts.stop();
  }
  return result;
}

/** Writes one file; returns why it was not written, or undefined. */
function writeOne(write: PendingWrite, repoRoot: string, forceReadOnly: boolean): string | undefined {
  try {
    refuseReadOnly(write.source.mode, forceReadOnly);
  } catch (error) {
    return (error as Error).message;
  }
  // §7 and --allow-dirty: the rewrite was computed from the bytes read at the start. If the file no longer has them
  // (an editor saved it, a formatter ran), replacing it would throw that work away.
  const confirmUnchanged = (): void => {
    let bytes: Buffer;
    try {
      bytes = readFileSync(write.absPath);
    } catch (error) {
      throw new ChangedDuringRun(`changed during the run: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}; it was not rewritten`);
    }
    if (digestOf(bytes) !== write.source.digest) throw new ChangedDuringRun(REASON_CHANGED);
  };
  try {
    confirmUnchanged();
    writeAtomically(write.absPath, write.after, write.source, confirmUnchanged);
    return undefined;
  } catch (error) {
    const cause = (error as Error).cause ?? error;
    if (cause instanceof ChangedDuringRun) return cause.message;
    return `write failed: ${relativizePaths((cause as Error).message, repoRoot)}`;
  }
}

export interface Interrupts {
  readonly signal: InterruptSignal | undefined;
  /** Calls back once, on the first signal. */
  onSignal(callback: () => void): void;
  stop(): void;
}

/**
 * While files are written, SIGINT and SIGTERM only raise a flag: the loop finishes the file in hand and stops. Outside
 * the write phase they keep their default (end at once), which writes nothing.
 */
export function watchInterrupts(): Interrupts {
  let signal: InterruptSignal | undefined;
  const callbacks: (() => void)[] = [];
  const handlers = (['SIGINT', 'SIGTERM'] as const).map((name) => {
    const handler = (): void => {
      if (signal) return;
      signal = name;
      for (const callback of callbacks.splice(0)) callback();
    };
    process.on(name, handler);
    return [name, handler] as const;
  });
  return {
    get signal() {
      return signal;
    },
    onSignal: (callback) => (signal ? callback() : callbacks.push(callback)),
    stop: () => {
      for (const [name, handler] of handlers) process.off(name, handler);
    },
  };
}

/**
 * Test hook: with DEPRECFIX_TEST_PAUSE=<point>, the run says so on stderr and waits for a line on stdin or a signal,
 * so a test can edit a file or send a signal at an exact point of the write phase instead of racing a timer.
 */
async function pauseForTest(point: 'before-write' | 'after-first-write', interrupts: Interrupts): Promise<void> {
  if (process.env.DEPRECFIX_TEST_PAUSE !== point) return;
  process.stderr.write(`deprecfix-test: paused ${point}\n`);
  await new Promise<void>((resolve) => {
    const resume = (): void => {
      process.stdin.off('data', resume);
      process.stdin.off('end', resume);
      process.stdin.pause();
      resolve();
    };
    process.stdin.on('data', resume);
    process.stdin.on('end', resume);
    interrupts.onSignal(resume);
  });
}
