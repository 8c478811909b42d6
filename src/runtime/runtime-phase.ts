import { writeAtomically, type SourceText } from '../write.js';
import { bisectRedFiles } from './bisect.js';
import { prepareCapture } from './capture.js';
import { describeEnding, runTestCommand, type TestRun } from './test-run.js';
import { mergeWarnings, type RuntimeWarning } from './warnings.js';

/**
 * `fix --test` (CONTRACT §12.1–2): the project's own test commands run with deprecation capture before any rewrite
 * (the baseline, which must be green) and after the writes; a red "after" is bisected to the rewritten files that
 * cause it, which are put back as they were. Every run is kept for the report.
 */

export interface RuntimeOptions {
  /** Run in order; the suite is green when every command exits 0 (it stops at the first red one). */
  commands: readonly string[];
  repoRoot: string;
  timeoutMs: number;
  /** The most test-suite runs after the rewrite (the "after" run and bisection), `--test-runs`. */
  maxRuns: number;
  /** Off: measure exit codes only (`--no-capture`). */
  capture: boolean;
  signal?: AbortSignal;
  /** Called after each command finishes (progress on stderr). */
  onRun?: (run: TestRun) => void;
}

/** One pass over the commands. */
export interface SuiteRun {
  purpose: TestRun['purpose'];
  /** 0 when every command passed, else the exit code of the first that did not (null: killed). */
  exitCode: number | null;
  durationMs: number;
  warnings: RuntimeWarning[];
  runs: TestRun[];
  withheld?: string[];
}

/** A rewritten file on disk: its old text (to restore) and new text (to put back). */
export interface WrittenFile {
  file: string;
  absPath: string;
  source: SourceText;
  after: string;
}

export interface RolledBack {
  file: string;
  reason: string;
}

export interface AfterOutcome {
  /** The runs after the rewrite, in order: "after", then every bisection run. */
  suites: SuiteRun[];
  /** The state the tree is left in: green unless the budget ran out or the suite is red without our rewrites. */
  final: SuiteRun;
  rolledBack: RolledBack[];
  /** The run budget ran out before every file was cleared: those still unproven were rolled back too. */
  exhausted: boolean;
}

export async function runSuite(purpose: TestRun['purpose'], options: RuntimeOptions, withheld?: string[]): Promise<SuiteRun> {
  const runs: TestRun[] = [];
  for (const command of options.commands) {
    const capture = options.capture ? prepareCapture(options.repoRoot, process.env) : undefined;
    try {
      const run = await runTestCommand(command, { cwd: options.repoRoot, purpose, timeoutMs: options.timeoutMs, capture, signal: options.signal, withheld });
      runs.push(run);
      options.onRun?.(run);
      if (run.exitCode !== 0 || options.signal?.aborted) break;
    } finally {
      capture?.dispose();
    }
  }
  const red = runs.find((run) => run.exitCode !== 0);
  return {
    purpose,
    exitCode: red ? red.exitCode : 0,
    durationMs: runs.reduce((sum, run) => sum + run.durationMs, 0),
    warnings: mergeWarnings(runs.map((run) => run.warnings)),
    runs,
    ...(withheld ? { withheld } : {}),
  };
}

/**
 * Runs the suite on the rewritten tree. When it is red, finds the files whose rewrite makes it red (restoring the
 * withheld ones for each bisection run, and re-applying them after) and leaves those rolled back.
 */
export async function verifyWithTests(written: readonly WrittenFile[], options: RuntimeOptions): Promise<AfterOutcome> {
  const after = await runSuite('after', options);
  if (after.exitCode === 0 || options.signal?.aborted) return { suites: [after], final: after, rolledBack: [], exhausted: false };
  const byFile = new Map(written.map((entry) => [entry.file, entry]));
  const restore = (files: readonly string[]) => files.forEach((file) => writeBack(byFile.get(file)!, 'old'));
  const reapply = (files: readonly string[]) => files.forEach((file) => writeBack(byFile.get(file)!, 'new'));
  const outcome = await bisectRedFiles(
    written.map((entry) => entry.file),
    after,
    Math.max(0, options.maxRuns - 1),
    async (withheld) => {
      restore(withheld);
      try {
        return await runSuite('bisect', options, withheld);
      } finally {
        reapply(withheld);
      }
    },
  );
  const rolledBack: RolledBack[] = [
    ...outcome.culprits.map(({ file, run }) => ({ file, reason: failingReason(run) })),
    ...outcome.unresolved.map((file) => ({
      file,
      reason: `not proven green: the test runs ran out (--test-runs ${options.maxRuns}) before this rewrite was cleared`,
    })),
  ];
  restore(rolledBack.map((entry) => entry.file));
  return { suites: [after, ...outcome.runs], final: outcome.final ?? after, rolledBack, exhausted: outcome.exhausted };
}

/** Puts every written file back as it was (Ctrl-C during a test run, §12.2). */
export function restoreAll(written: readonly WrittenFile[]): void {
  for (const entry of written) writeBack(entry, 'old');
}

function writeBack(entry: WrittenFile, which: 'old' | 'new'): void {
  writeAtomically(entry.absPath, which === 'old' ? entry.source.text : entry.after, entry.source);
}

/** Why a file was rolled back: the command that failed with its rewrite, and the last lines it printed. */
export function failingReason(suite: SuiteRun): string {
  const run = suite.runs.find((candidate) => candidate.exitCode !== 0) ?? suite.runs.at(-1);
  if (!run) return 'the test command failed with this rewrite';
  const lines = run.outputTail
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const telling = lines.filter((line) => /FAILED|Error|not ok|✖|failed|assert/i.test(line)).slice(-2);
  const excerpt = failedTest(lines) ?? (telling.length > 0 ? telling : lines.slice(-2)).join(' | ');
  return `the tests fail with this rewrite: \`${run.command}\` ${describeEnding(run)}${excerpt ? `: ${excerpt.length > 300 ? `${excerpt.slice(0, 299)}…` : excerpt}` : ''}`;
}

/** A failing test's name as the common runners print it: TAP (node --test), node's spec reporter, pytest, jest/vitest. */
const FAILED_TEST: RegExp[] = [
  /^not ok \d+ - (.+?)(?: # .*)?$/,
  /^✖ (?!failing tests)(.+?)(?: \([\d.]+m?s\))?$/,
  /^FAILED (\S+)(?: - (.+))?$/,
  /^● (?!Console)(.+)$/,
  /^(?:×|FAIL) +(.+?)(?: \d+m?s)?$/,
];
/** The first line of an error message: `AssertionError [ERR_ASSERTION]: …`, pytest's `E   …`, jest's `expect(…)`. */
const ERROR_LINE = /^(?:E\s+)?(?:[\w.]*(?:Error|Exception)(?: \[\w+\])?:\s*\S|expect\()/;

/**
 * `stamps the user: Expected values to be strictly equal:`: the last failing test the output names and the first
 * line of its error (TAP's `error:` field, or the first error line after the name); undefined when no runner's
 * failing-test line is there.
 */
function failedTest(lines: readonly string[]): string | undefined {
  for (let at = lines.length - 1; at >= 0; at--) {
    const match = FAILED_TEST.map((pattern) => pattern.exec(lines[at]!)).find(Boolean);
    if (!match) continue;
    const [, name, inline] = match;
    const after = lines.slice(at + 1, at + 30);
    const tapError = after.findIndex((line) => /^error: /.test(line));
    const message =
      inline ??
      (tapError >= 0 ? (/^error: [|>]-?$/.test(after[tapError]!) ? after[tapError + 1] : after[tapError]!.replace(/^error: ['"]?|['"]$/g, '')) : after.find((line) => ERROR_LINE.test(line)));
    return message ? `${name}: ${message.replace(/^E\s+/, '')}` : name;
  }
  return undefined;
}
