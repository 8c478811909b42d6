import type { Command } from 'commander';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { inputOfReport, printerFor, type OutputFormat } from '../printers/index.js';
import type { Report } from '../report.js';
import { renderJson } from '../printers/json.js';
import { renderMarkdown } from '../printers/markdown.js';
import { InvalidArgumentError } from 'commander';
import { checkScopeOptions, common, parseCount, printWarnings, progressFor, setExitCode, useColor, type CommonOptions } from './options.js';

/** `deprecfix fix` (the default command): rewrite the scope, then write the report beside it or print the diff. */

type FixCommandOptions = CommonOptions & {
  scope?: string;
  changed?: string;
  symbols?: boolean;
  report?: string;
  dryRun?: boolean;
  unsafeFixes?: boolean;
  repairs: boolean;
  allowDirty?: boolean;
  forceReadOnly?: boolean;
  repoTotals: boolean;
  /** `--test <cmd>` (repeatable) gives commands; a bare `--test` gives true: the config's `test` commands. */
  test?: string[] | true;
  testTimeout: number;
  testRuns: number;
  allowRedTests?: boolean;
};

export function registerFix(program: Command): void {
  common(
    program
      .command('fix', { isDefault: true })
      .description('rewrite deprecated calls in the scoped files (the default command)')
      .option('--scope <spec>', 'scopes to fix: name, a,b,c, prefixN-M (phase10-12) or all')
      .option('--changed <ref>', 'instead of --scope: the files changed between <ref> and the working tree (untracked ones included), no manifest')
      .option('--symbols', 'with --changed: only the functions and methods whose lines changed'),
  )
    .option('--report <dir>', 'where to write deprecfix-report.json and .md (and .html with --format html) [default: the repository root]')
    .option('--dry-run', 'print a unified diff of the rewrites and write nothing')
    .option('--unsafe-fixes', 'also apply fixes whose behaviour can differ in edge cases')
    .option('--no-repairs', 'hold repairs: rewrites that make code failing on the installed library version work (applied by default)')
    .option('--allow-dirty', 'rewrite files that have uncommitted changes')
    .option('--force-read-only', 'rewrite read-only files too (their mode is kept)')
    .option('--no-repo-totals', 'skip counting findings outside the scope')
    .option('--test [cmd]', "run the project's tests before and after, counting runtime deprecation warnings (repeatable; bare: the config's \"test\")", collect)
    .option('--test-timeout <duration>', 'kill a test command that runs longer (e.g. 90s, 10m)', parseDuration, 10 * 60_000)
    .option('--test-runs <n>', 'most test runs after the rewrite, bisection included', parseCount, 8)
    .option('--allow-red-tests', 'rewrite even when the tests fail before any rewrite (nothing is bisected then)')
    .addHelpText(
      'after',
      `
Examples:
  $ deprecfix --scope phase10-12
  $ deprecfix fix --scope phase11 --unsafe-fixes --report out/
  $ deprecfix fix --scope phase11 --no-repairs    behaviour-preserving rewrites only; repairs stay listed
  $ deprecfix --scope all --manifest changed.txt --dry-run > cleanup.patch
  $ deprecfix --scope phase10-12 --test "python3 -m pytest -q" --test "node --test"
  $ deprecfix fix --changed main --symbols         only the functions and methods changed since main`,
    )
    .action((options) => commandFix(options));
}

// The pipeline (ESLint, TypeScript) loads only for the commands that lint, so --help and rules answer at once.
async function commandFix(options: FixCommandOptions): Promise<void> {
  checkScopeOptions(options);
  const { runFix } = await import('../fix.js');
  const outcome = await runFix({
    cwd: options.cwd,
    manifest: options.manifest,
    scope: options.scope,
    changed: options.changed,
    symbols: options.symbols,
    strictManifest: options.strictManifest,
    rules: options.rules,
    config: options.config,
    dryRun: options.dryRun ?? false,
    unsafeFixes: options.unsafeFixes ?? false,
    repairs: options.repairs,
    allowDirty: options.allowDirty ?? false,
    forceReadOnly: options.forceReadOnly ?? false,
    repoTotals: options.repoTotals,
    // No command ever runs without --test: a repository's config alone cannot make deprecfix execute anything.
    test:
      options.test === undefined
        ? undefined
        : { commands: options.test === true ? [] : options.test, timeoutMs: options.testTimeout, maxRuns: options.testRuns, allowRed: options.allowRedTests ?? false },
    progress: progressFor(options),
  });
  printWarnings(outcome.warnings);
  const summary = render(outcome.report, options);
  if (options.dryRun) {
    // stdout stays a clean patch (`> cleanup.patch`, `git apply`); the summary goes to stderr.
    process.stdout.write(outcome.diff);
    process.stderr.write(summary);
  } else {
    const reportDir = path.resolve(options.cwd, options.report ?? outcome.repoRoot);
    mkdirSync(reportDir, { recursive: true });
    const jsonPath = path.join(reportDir, 'deprecfix-report.json');
    const markdownPath = path.join(reportDir, 'deprecfix-report.md');
    writeFileSync(jsonPath, renderJson(outcome.report));
    writeFileSync(markdownPath, renderMarkdown(outcome.report));
    // The page a user opens in a browser or keeps as a CI artefact, beside the other two; stdout gets it too, as
    // every --format prints its own output there.
    if (options.format === 'html') writeFileSync(path.join(reportDir, 'deprecfix-report.html'), summary);
    process.stdout.write(summary);
    if (options.format === 'pretty' && !options.quiet) {
      process.stdout.write(`\nReport: ${displayPath(markdownPath)}, ${displayPath(jsonPath)}\n`);
    }
  }
  setExitCode(outcome.exitCode);
  if (outcome.interrupted) {
    const { INTERRUPT_EXIT } = await import('../write-phase.js');
    process.stderr.write(
      `deprecfix: interrupted by ${outcome.interrupted}: wrote ${outcome.written.length} of ${outcome.changes.length} files; the report lists what is on disk\n`,
    );
    setExitCode(INTERRUPT_EXIT[outcome.interrupted]);
  }
}

function collect(value: string, previous: unknown): string[] {
  return [...(Array.isArray(previous) ? previous : []), value];
}

/** `600` (seconds), `90s`, `10m`, `1h`, `500ms`. */
export function parseDuration(value: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(value.trim());
  if (!match) throw new InvalidArgumentError('expected a duration such as 90s, 10m or 1h');
  const unit: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };
  const ms = Number(match[1]) * unit[match[2] ?? 's'];
  if (ms <= 0) throw new InvalidArgumentError('expected a duration longer than zero');
  return ms;
}

/** Relative to where the user stands when that is shorter, like compilers print paths. */
function displayPath(absPath: string): string {
  const relative = path.relative(process.cwd(), absPath);
  return relative && !relative.startsWith('..') ? relative : absPath;
}

function render(report: Report, options: CommonOptions): string {
  return printerFor(options.format as OutputFormat).print(inputOfReport(report), { color: useColor(options), quiet: options.quiet });
}
