import { spawn } from 'node:child_process';
import type { Capture, RuntimeWarning } from './warnings.js';

/**
 * One run of the project's own test command (CONTRACT §12): through the shell, as the user would type it, in its
 * own process group so that a timeout or Ctrl-C stops the whole tree (a test runner's workers included), with the
 * capture hooks' environment. What the run printed is kept as a tail, for the report and for a rollback's reason.
 */

export interface TestRun {
  command: string;
  /** Why this run happened: the baseline, the rewritten tree, or a bisection step with some files restored. */
  purpose: 'before' | 'after' | 'bisect' | 'final';
  /** The process's exit code; null when a signal ended it (a timeout, Ctrl-C). */
  exitCode: number | null;
  /** The signal that ended it, when one did. */
  signal?: string;
  timedOut: boolean;
  durationMs: number;
  /** The last lines of stdout and stderr, interleaved as they arrived. */
  outputTail: string;
  warnings: RuntimeWarning[];
  /** Bisection runs: the rewritten files held back (restored to their old text) during this run. */
  withheld?: string[];
}

export interface TestRunOptions {
  cwd: string;
  purpose: TestRun['purpose'];
  timeoutMs: number;
  /** The capture whose environment the child runs with; none: the caller's environment, no warnings recorded. */
  capture?: Capture;
  /** Aborting stops the child's process group (Ctrl-C in the parent). */
  signal?: AbortSignal;
  withheld?: string[];
}

/** Lines of output kept: enough for a test runner's failure summary, small enough for a report. */
export const OUTPUT_TAIL_LINES = 40;
/** After SIGTERM, how long a process group gets to exit before SIGKILL. */
const KILL_GRACE_MS = 2_000;

export function isGreen(run: TestRun): boolean {
  return run.exitCode === 0;
}

export function runTestCommand(command: string, options: TestRunOptions): Promise<TestRun> {
  const started = performance.now();
  const tail = new OutputTail(OUTPUT_TAIL_LINES);
  return new Promise((resolve, reject) => {
    const child = spawn(command, {
      cwd: options.cwd,
      env: options.capture?.env ?? process.env,
      shell: true,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let timedOut = false;
    let killTimer: NodeJS.Timeout | undefined;
    const stopGroup = (): void => {
      signalGroup(child.pid, 'SIGTERM');
      killTimer ??= setTimeout(() => signalGroup(child.pid, 'SIGKILL'), KILL_GRACE_MS);
    };
    const timeout = setTimeout(() => {
      timedOut = true;
      stopGroup();
    }, options.timeoutMs);
    const onAbort = (): void => stopGroup();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    child.stdout.on('data', (chunk: Buffer) => tail.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => tail.push(chunk));
    child.on('error', (error) => {
      clearTimeout(timeout);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timeout);
      clearTimeout(killTimer);
      options.signal?.removeEventListener('abort', onAbort);
      // The shell may have exited while a test runner it started still holds the group: stop the stragglers.
      signalGroup(child.pid, 'SIGKILL');
      const note = timedOut ? `\n[deprecfix: killed after ${formatDuration(options.timeoutMs)} (--test-timeout)]` : '';
      resolve({
        command,
        purpose: options.purpose,
        exitCode: code,
        ...(signal ? { signal } : {}),
        timedOut,
        durationMs: Math.round(performance.now() - started),
        outputTail: tail.text() + note,
        warnings: options.capture?.collect() ?? [],
        ...(options.withheld ? { withheld: options.withheld } : {}),
      });
    });
  });
}

function signalGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // the group is gone already
  }
}

/** `passed`, `exited 1`, `was killed after 10 min (--test-timeout)`, `was stopped by SIGTERM`. */
export function describeEnding(run: TestRun): string {
  if (run.timedOut) return `was killed after ${formatDuration(run.durationMs)} (--test-timeout)`;
  if (run.exitCode === null) return `was stopped by ${run.signal}`;
  return run.exitCode === 0 ? 'passed' : `exited ${run.exitCode}`;
}

export function formatDuration(ms: number): string {
  if (ms < 1_000) return `${ms} ms`;
  if (ms < 120_000) return `${(ms / 1_000).toFixed(1)} s`;
  return `${Math.round(ms / 60_000)} min`;
}

/** The last `limit` lines of a stream, without holding the whole output of a long test run. */
class OutputTail {
  private lines: string[] = [];
  private partial = '';

  constructor(private readonly limit: number) {}

  push(chunk: Buffer): void {
    const parts = (this.partial + chunk.toString('utf8')).split('\n');
    this.partial = parts.pop() ?? '';
    this.lines.push(...parts);
    if (this.lines.length > this.limit * 2) this.lines = this.lines.slice(-this.limit);
  }

  text(): string {
    const all = this.partial ? [...this.lines, this.partial] : this.lines;
    // eslint-disable-next-line no-control-regex -- test runners colour their output; a report is plain text
    return all.slice(-this.limit).join('\n').replace(/\x1b\[[0-9;]*m/g, '');
  }
}
