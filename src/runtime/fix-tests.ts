import { UsageError } from '../errors.js';
import { watchInterrupts, type InterruptSignal } from '../write-phase.js';
import { restoreAll, runSuite, verifyWithTests, type AfterOutcome, type RuntimeOptions, type SuiteRun, type WrittenFile } from './runtime-phase.js';
import { describeEnding, formatDuration } from './test-run.js';

/**
 * `fix --test` around the write phase (CONTRACT §12.1–2): the baseline before anything is written — a red one stops
 * the run with nothing written, unless `--allow-red-tests` — and the tests of the rewritten tree after. Ctrl-C (or
 * SIGTERM) during a test run stops the child's process group; during the run after the writes it also puts every
 * written file back, so an interrupted run leaves the tree as it found it.
 */

export interface TestOptions {
  commands: string[];
  timeoutMs: number;
  /** `--test-runs`: test-suite runs after the rewrite, bisection included. */
  maxRuns: number;
  allowRed: boolean;
}

export const DEFAULT_TEST_TIMEOUT_MS = 10 * 60_000;
export const DEFAULT_TEST_RUNS = 8;

/** `repairs`: how many of the planned rewrites repair code that fails on the installed version (it may be why). */
export async function testBaseline(test: TestOptions, repoRoot: string, repairs = 0): Promise<{ suite: SuiteRun; interrupted?: InterruptSignal }> {
  return interruptible(async (signal) => {
    const suite = await runSuite('before', runtimeOptions(test, repoRoot, signal));
    if (suite.exitCode !== 0 && !signal.aborted && !test.allowRed) {
      const red = suite.runs.find((run) => run.exitCode !== 0)!;
      const advice =
        repairs > 0
          ? `${repairs === 1 ? '1 planned rewrite repairs' : `${repairs} planned rewrites repair`} code that fails on the installed library version, which may be why: ` +
            'pass --allow-red-tests to apply the rewrites, then run fix --test again on the result (or make the tests pass first)'
          : 'make them pass first (a rewrite could not be told apart from what already fails), or pass --allow-red-tests to rewrite anyway';
      throw new UsageError(`the tests are red before any rewrite: \`${red.command}\` ${describeEnding(red)}; nothing was written\n${indent(red.outputTail)}`, advice);
    }
    return { suite };
  });
}

/** With a red baseline (`--allow-red-tests`) the after-run is reported but nothing is bisected: red cannot get redder. */
export async function testRewrites(
  test: TestOptions,
  repoRoot: string,
  written: readonly WrittenFile[],
  baselineGreen: boolean,
): Promise<{ outcome: AfterOutcome; interrupted?: InterruptSignal }> {
  const result = await interruptible(async (signal) => {
    const options = runtimeOptions(test, repoRoot, signal);
    if (baselineGreen) return { outcome: await verifyWithTests(written, options) };
    const after = await runSuite('after', options);
    return { outcome: { suites: [after], final: after, rolledBack: [], exhausted: false } };
  });
  if (result.interrupted) restoreAll(written);
  return result;
}

function runtimeOptions(test: TestOptions, repoRoot: string, signal: AbortSignal): RuntimeOptions {
  return {
    commands: test.commands,
    repoRoot,
    timeoutMs: test.timeoutMs,
    maxRuns: test.maxRuns,
    capture: true,
    signal,
    onRun: (run) => process.stderr.write(`deprecfix: ${run.purpose} tests: \`${run.command}\` ${describeEnding(run)} in ${formatDuration(run.durationMs)}\n`),
  };
}

async function interruptible<T extends object>(work: (signal: AbortSignal) => Promise<T>): Promise<T & { interrupted?: InterruptSignal }> {
  const interrupts = watchInterrupts();
  const controller = new AbortController();
  interrupts.onSignal(() => controller.abort());
  try {
    const result = await work(controller.signal);
    return interrupts.signal ? { ...result, interrupted: interrupts.signal } : result;
  } finally {
    interrupts.stop();
  }
}

function indent(text: string): string {
  return text
    .split('\n')
    .slice(-15)
    .map((line) => `  ${line}`)
    .join('\n');
}
