#!/usr/bin/env node
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import pc from 'picocolors';
import { DOCS_BASE, KINDS, parseRuleList, PLUGIN_PREFIX, REASONS, RULES, type KindId, type KindInfo, type RuleName } from '../rules/kinds.js';
import { UsageError } from './errors.js';
import { listScopes, loadManifest, findManifest } from './manifest.js';
import { createProgress, silentProgress } from './progress.js';
import { inputOfReport, OUTPUT_FORMATS, printerFor, type OutputFormat } from './printers/index.js';
import type { Report } from './report.js';
import { parseReport } from './report-reader.js';
import { renderJson } from './printers/json.js';
import { renderMarkdown } from './printers/markdown.js';
import { TOOL_VERSION } from '../rules/package.js';

// A run keeps one large program alive (~600 MB on 2,000 files) while ESLint makes short-lived garbage per file.
// V8's default lets the heap grow to about 3× the live data before a full collection (1.7 GB peak); doubling at
// most keeps the peak near 1.25 GB at the same speed (measured with `npm run bench`, P2/P4). Read at every GC.
v8.setFlagsFromString('--heap-growing-percent=100');

/** Exit codes (CONTRACT §2). */
const EXIT = { ok: 0, regression: 1, usage: 2, partial: 3 } as const;

interface CommonOptions {
  cwd: string;
  manifest?: string;
  config?: string;
  format: string;
  rules?: RuleName[];
  quiet?: boolean;
  color: boolean;
  strictManifest?: boolean;
}

const FORMATS: readonly string[] = OUTPUT_FORMATS;

function common(command: Command): Command {
  return command
    .option('--cwd <dir>', 'run as if started in <dir>', process.cwd())
    .option('--manifest <file>', 'touched-paths manifest (JSON, or a plain list of paths) [default: deprecfix.manifest.json, found upward]')
    .option('--strict-manifest', 'treat manifest entries that match no file as errors')
    .option('--config <file>', 'deprecfix.config.json with rule options [default: the one at the repository root, if any]')
    .addOption(new Option('--format <format>', 'output format').choices(FORMATS).default('pretty'))
    .option('--rules <ids>', 'only these rules, comma-separated (e.g. no-utcnow-date)', parseRulesOption)
    .option('--quiet', 'print only the headline and problems')
    .option('--no-color', 'no colours (NO_COLOR and FORCE_COLOR are respected too)');
}

function parseRulesOption(value: string): RuleName[] {
  try {
    return parseRuleList(value);
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
}

function useColor(options: { color: boolean }): boolean {
  return options.color && pc.isColorSupported;
}

export function buildProgram(): Command {
  const program = new Command('deprecfix')
    .description('Clear deprecated date and serialization calls in the files a release touched — safely, and prove it.')
    .version(TOOL_VERSION, '--version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .addHelpText(
      'after',
      `
Examples:
  $ deprecfix --scope phase10-12            rewrite safe fixes in phases 10–12, write deprecfix-report.{json,md}
  $ deprecfix --scope phase12 --dry-run     show the diff, write nothing
  $ deprecfix scan --scope all              count findings, never write
  $ deprecfix baseline                      write eslint-suppressions.json once; then in CI:
  $ deprecfix check                         fail when findings grow past the baseline
  $ deprecfix rules                         every rule and kind with its fix safety

Exit codes: 0 done · 1 check found a regression, or scan --max-warnings exceeded
            2 usage or configuration error (nothing written)
            3 partial: some files could not be parsed or rewritten (the report names them)`,
    );

  common(
    program
      .command('fix', { isDefault: true })
      .description('rewrite deprecated calls in the scoped files (the default command)')
      .requiredOption('--scope <spec>', 'scopes to fix: name, a,b,c, prefixN-M (phase10-12) or all'),
  )
    .option('--report <dir>', 'where to write deprecfix-report.json and .md [default: the repository root]')
    .option('--dry-run', 'print a unified diff of the rewrites and write nothing')
    .option('--unsafe-fixes', 'also apply fixes whose behaviour can differ in edge cases')
    .option('--no-repairs', 'hold repairs: rewrites that make code failing on the installed library version work (applied by default)')
    .option('--allow-dirty', 'rewrite files that have uncommitted changes')
    .option('--force-read-only', 'rewrite read-only files too (their mode is kept)')
    .option('--no-repo-totals', 'skip counting findings outside the scope')
    .addHelpText(
      'after',
      `
Examples:
  $ deprecfix --scope phase10-12
  $ deprecfix fix --scope phase11 --unsafe-fixes --report out/
  $ deprecfix fix --scope phase11 --no-repairs    behaviour-preserving rewrites only; repairs stay listed
  $ deprecfix --scope all --manifest changed.txt --dry-run > cleanup.patch`,
    )
    .action((options) => commandFix(options));

  common(
    program
      .command('scan')
      .description('count findings in the scope or the given paths; never writes')
      .argument('[paths...]', 'files or directories to scan instead of a scope')
      .option('--scope <spec>', 'scopes to scan (see fix)'),
  )
    .option('--max-warnings <n>', 'exit 1 when there are more findings than this', parseCount)
    .addHelpText(
      'after',
      `
Examples:
  $ deprecfix scan --scope phase12
  $ deprecfix scan src/ --format json
  $ deprecfix scan --scope all --max-warnings 0
  $ deprecfix scan --scope all --format sarif > deprecfix.sarif`,
    )
    .action((paths: string[], options) => commandScan(paths, options));

  registerGateCommands(program);

  program
    .command('rules')
    .description('list every rule and kind with its fix safety')
    .addOption(new Option('--format <format>', 'output format').choices(['pretty', 'json']).default('pretty'))
    .option('--no-color', 'no colours')
    .addHelpText('after', '\nExamples:\n  $ deprecfix rules\n  $ deprecfix rules --format json')
    .action((options) => commandRules(options));

  const report = program
    .command('report')
    .description('re-render a saved deprecfix-report.json')
    .argument('<report.json>', 'a report written by deprecfix fix')
    .addOption(new Option('--format <format>', 'output format').choices(FORMATS).default('markdown'))
    .option('--no-color', 'no colours')
    .addHelpText('after', '\nExamples:\n  $ deprecfix report deprecfix-report.json --format markdown > comment.md')
    .action((file: string, options) => commandReport(file, options));
  registerReportMerge(report);

  const manifest = program.command('manifest').description('inspect the touched-paths manifest');
  manifest
    .command('list')
    .description('list the scopes and their entries')
    .option('--cwd <dir>', 'run as if started in <dir>', process.cwd())
    .option('--manifest <file>', 'touched-paths manifest')
    .addOption(new Option('--format <format>', 'output format').choices(['pretty', 'json']).default('pretty'))
    .addHelpText('after', '\nExamples:\n  $ deprecfix manifest list\n  $ deprecfix manifest list --format json')
    .action((options) => commandManifestList(options));

  return program;
}

function parseCount(value: string): number {
  const count = Number(value);
  if (!Number.isInteger(count) || count < 0) throw new InvalidArgumentError('expected a whole number ≥ 0');
  return count;
}

let exitCode: number = EXIT.ok;

// The pipeline (ESLint, TypeScript) loads only for the commands that lint, so --help and rules answer at once.
async function commandFix(options: CommonOptions & { scope: string; report?: string; dryRun?: boolean; unsafeFixes?: boolean; repairs: boolean; allowDirty?: boolean; forceReadOnly?: boolean; repoTotals: boolean }): Promise<void> {
  const { runFix } = await import('./fix.js');
  const outcome = await runFix({
    cwd: options.cwd,
    manifest: options.manifest,
    scope: options.scope,
    strictManifest: options.strictManifest,
    rules: options.rules,
    config: options.config,
    dryRun: options.dryRun ?? false,
    unsafeFixes: options.unsafeFixes ?? false,
    repairs: options.repairs,
    allowDirty: options.allowDirty ?? false,
    forceReadOnly: options.forceReadOnly ?? false,
    repoTotals: options.repoTotals,
    progress: options.quiet ? silentProgress : createProgress(),
  });
  for (const warning of outcome.warnings) process.stderr.write(`${pc.yellow('warning')}: ${warning}\n`);
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
    process.stdout.write(summary);
    if (options.format === 'pretty' && !options.quiet) {
      process.stdout.write(`\nReport: ${displayPath(markdownPath)}, ${displayPath(jsonPath)}\n`);
    }
  }
  exitCode = outcome.exitCode;
  if (outcome.interrupted) {
    const { INTERRUPT_EXIT } = await import('./write-phase.js');
    process.stderr.write(
      `deprecfix: interrupted by ${outcome.interrupted}: wrote ${outcome.written.length} of ${outcome.changes.length} files; the report lists what is on disk\n`,
    );
    exitCode = INTERRUPT_EXIT[outcome.interrupted];
  }
}

/** Relative to where the user stands when that is shorter, like compilers print paths. */
function displayPath(absPath: string): string {
  const relative = path.relative(process.cwd(), absPath);
  return relative && !relative.startsWith('..') ? relative : absPath;
}

function render(report: Report, options: CommonOptions): string {
  return printerFor(options.format as OutputFormat).print(inputOfReport(report), { color: useColor(options), quiet: options.quiet });
}

async function commandScan(paths: string[], options: CommonOptions & { scope?: string; maxWarnings?: number }): Promise<void> {
  if (paths.length > 0 && options.scope) throw new UsageError('give either --scope or paths, not both');
  if (paths.length === 0 && !options.scope) throw new UsageError('nothing to scan', 'pass --scope <spec> or one or more paths');
  const { runScan } = await import('./scan.js');
  const result = runScan({ cwd: options.cwd, manifest: options.manifest, scope: options.scope, paths, rules: options.rules, config: options.config, strictManifest: options.strictManifest, progress: options.quiet ? silentProgress : createProgress() });
  for (const warning of result.warnings) process.stderr.write(`${pc.yellow('warning')}: ${warning}\n`);
  if (!options.quiet) for (const note of result.notes) process.stderr.write(`${pc.blue('note')}: ${note}\n`);
  const printer = printerFor(options.format as OutputFormat);
  process.stdout.write(printer.print(result, { color: useColor(options), quiet: options.quiet, repoRoot: result.repoRoot }));
  if (result.failures.length > 0) exitCode = EXIT.partial;
  if (options.maxWarnings !== undefined && result.findings.length > options.maxWarnings) {
    process.stderr.write(`deprecfix: ${result.findings.length} findings exceed --max-warnings ${options.maxWarnings}\n`);
    exitCode = EXIT.regression;
  }
}

function commandRules(options: { format: string; color: boolean }): void {
  const rows = (Object.keys(KINDS) as KindId[]).map((kind) => {
    const info: KindInfo = KINDS[kind];
    return {
      rule: `${PLUGIN_PREFIX}/${info.rule}`,
      kind,
      language: RULES[info.rule].language,
      fix: info.fix,
      replacement: info.replacement,
      ...(info.reason ? { reason: REASONS[info.reason] } : {}),
      ...(info.repairs ? { repairs: info.repairs } : {}),
      docs: `${DOCS_BASE}/${info.rule}.md`,
    };
  });
  if (options.format === 'json') {
    process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return;
  }
  const colors = pc.createColors(useColor(options));
  const safety = { safe: colors.green, unsafe: colors.yellow, repair: colors.magenta, none: colors.dim } as const;
  const lines: string[] = [];
  const width = Math.max(...rows.map((row) => row.kind.length));
  for (const rule of Object.keys(RULES) as RuleName[]) {
    lines.push(`${colors.bold(`${PLUGIN_PREFIX}/${rule}`)}  ${RULES[rule].description}`, `  ${colors.dim(`${DOCS_BASE}/${rule}.md`)}`);
    for (const row of rows.filter((candidate) => candidate.rule === `${PLUGIN_PREFIX}/${rule}`)) {
      lines.push(`  ${row.kind.padEnd(width)} ${safety[row.fix](row.fix.padEnd(6))}  ${row.replacement}`);
      if (row.repairs) lines.push(`  ${''.padEnd(width)} ${safety.repair('repair')}  ${colors.dim(row.repairs)}`);
    }
    lines.push('');
  }
  process.stdout.write(lines.join('\n'));
}

function commandReport(file: string, options: { format: string; color: boolean }): void {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, 'pass the deprecfix-report.json that `deprecfix fix` wrote');
  }
  const report = parseReport(text, file);
  process.stdout.write(printerFor(options.format as OutputFormat).print(inputOfReport(report), { color: useColor(options) }));
}

function commandManifestList(options: { cwd: string; manifest?: string; format: string }): void {
  const manifestPath = findManifest(path.resolve(options.cwd), options.manifest);
  const scopes = listScopes(loadManifest(manifestPath));
  if (options.format === 'json') {
    process.stdout.write(`${JSON.stringify({ manifest: manifestPath, scopes }, null, 2)}\n`);
    return;
  }
  const lines = [`${manifestPath}`];
  for (const scope of scopes) {
    lines.push(`  ${scope.name}${scope.note ? `  — ${scope.note}` : ''}`);
    for (const entry of scope.entries) lines.push(`    ${entry}`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

// ---------------------------------------------------------------------------------------------------------------
// The CI gate (CONTRACT §6): `check`, `baseline`, `report merge`. They share the gate and its output in check.ts.

interface GateOptions {
  cwd: string;
  baseline?: string;
  format: string;
  quiet?: boolean;
  color: boolean;
}

const GATE_EXIT_CODES = `
Exit codes: 0 passed (a stale baseline prints how to tighten it)
            1 findings above the baseline somewhere (or, with --strict, a stale baseline)
            2 usage error: no baseline, a malformed baseline, a bad flag
            3 some files could not be linted (they are listed; their counts are unknown)`;

function registerGateCommands(program: Command): void {
  program
    .command('check')
    .description('CI gate: fail when findings grow past the baseline (ESLint bulk-suppressions format)')
    .option('--cwd <dir>', 'run as if started in <dir>', process.cwd())
    .option('--baseline <file>', 'the baseline [default: eslint-suppressions.json at the repository root]')
    .option('--strict', 'also fail when the baseline is stale (counts below it: tighten with baseline --prune)')
    .option('--shard <i/n>', 'lint only shard i of n (split by path hash, balanced by size), for a CI matrix')
    .option('--output <file>', 'also write the result, for `deprecfix report merge`')
    .option('--config <file>', 'deprecfix.config.json with rule options [default: the one at the repository root, if any]')
    .addOption(new Option('--format <format>', 'output format').choices(FORMATS).default('pretty'))
    .option('--rules <ids>', 'only these rules, comma-separated (e.g. no-utcnow-date)', parseRulesOption)
    .option('--no-cache', "lint every file again instead of reusing the findings of files whose code and imports did not change")
    .option('--quiet', 'print only the verdict and problems')
    .option('--no-color', 'no colours (NO_COLOR and FORCE_COLOR are respected too)')
    .addHelpText(
      'after',
      `
Examples:
  $ deprecfix check
  $ deprecfix check --strict --format markdown > check.md
  $ deprecfix check --shard 2/4 --output check-2.json     one machine of a CI matrix
  $ deprecfix report merge check-*.json                   then combine the shards: the same gate
${GATE_EXIT_CODES}`,
    )
    .action((options) => commandCheck(options));

  program
    .command('baseline')
    .description('write the baseline (eslint-suppressions.json) from the current findings, or tighten it')
    .option('--cwd <dir>', 'run as if started in <dir>', process.cwd())
    .option('--baseline <file>', 'where the baseline is [default: eslint-suppressions.json at the repository root]')
    .option('--prune', 'only lower counts and drop entries that reached zero (never raise one)')
    .option('--config <file>', 'deprecfix.config.json with rule options [default: the one at the repository root, if any]')
    .addOption(new Option('--format <format>', 'output format').choices(['pretty', 'json']).default('pretty'))
    .option('--rules <ids>', 'only these rules, comma-separated; entries of other rules are kept as they are', parseRulesOption)
    .option('--no-cache', 'lint every file again')
    .option('--quiet', 'print only problems')
    .option('--no-color', 'no colours (NO_COLOR and FORCE_COLOR are respected too)')
    .addHelpText(
      'after',
      `
Examples:
  $ deprecfix baseline                 write the current counts; commit the file, then run deprecfix check in CI
  $ deprecfix baseline --prune         after a cleanup: lower the counts that dropped
  $ deprecfix baseline --baseline ci/eslint-suppressions.json

The file is ESLint's own bulk-suppressions format: plain \`eslint --suppressions-location <file>\` reads it too.
Exit codes: 0 written · 2 usage error (a malformed baseline; --prune without one) · 3 some files could not be linted`,
    )
    .action((options) => commandBaseline(options));
}

function registerReportMerge(report: Command): void {
  report
    .command('merge')
    .description('combine the results of check --shard runs and apply the same gate')
    .argument('<files...>', 'results written by check --shard i/n --output <file>')
    .option('--cwd <dir>', 'run as if started in <dir>', process.cwd())
    .option('--baseline <file>', 'the baseline [default: eslint-suppressions.json at the repository root]')
    .option('--strict', 'also fail when the baseline is stale')
    .option('--output <file>', 'also write the merged result')
    .addOption(new Option('--format <format>', 'output format').choices(FORMATS).default('pretty'))
    .option('--quiet', 'print only the verdict and problems')
    .option('--no-color', 'no colours (NO_COLOR and FORCE_COLOR are respected too)')
    .addHelpText(
      'after',
      `
Examples:
  $ deprecfix report merge check-1.json check-2.json check-3.json
  $ deprecfix report merge shards/*.json --format markdown > check.md
${GATE_EXIT_CODES}`,
    )
    .action((files: string[], options, command: Command) => {
      // `report` has --format and --no-color too, and commander gives them to it wherever they stand.
      const parent = command.parent!;
      for (const name of ['format', 'color']) {
        if (parent.getOptionValueSource(name) === 'cli') options[name] = parent.getOptionValue(name);
      }
      return commandReportMerge(files, options);
    });
}

async function commandCheck(
  options: GateOptions & { strict?: boolean; shard?: string; output?: string; config?: string; rules?: RuleName[]; cache: boolean },
): Promise<void> {
  const { parseShard, renderCheck, formatCheckResult, runCheck } = await import('./check.js');
  const shard = options.shard === undefined ? undefined : parseShard(options.shard);
  const verdict = runCheck({
    cwd: options.cwd,
    baseline: options.baseline,
    strict: options.strict,
    rules: options.rules,
    config: options.config,
    shard,
    cache: options.cache,
    progress: options.quiet ? silentProgress : createProgress(),
  });
  if (options.output) writeOutputFile(options.cwd, options.output, formatCheckResult(verdict.result));
  process.stdout.write(renderCheck(verdict, options.format, { color: useColor(options), quiet: options.quiet, cwd: path.resolve(options.cwd) }));
  exitCode = verdict.exitCode;
}

async function commandBaseline(options: GateOptions & { prune?: boolean; config?: string; rules?: RuleName[]; cache: boolean }): Promise<void> {
  const { renderBaseline, runBaseline } = await import('./check.js');
  const outcome = runBaseline({
    cwd: options.cwd,
    baseline: options.baseline,
    prune: options.prune,
    rules: options.rules,
    config: options.config,
    cache: options.cache,
    progress: options.quiet ? silentProgress : createProgress(),
  });
  const text = renderBaseline(outcome, { format: options.format, color: useColor(options), cwd: path.resolve(options.cwd) });
  if (!options.quiet || options.format === 'json' || outcome.failures.length > 0) process.stdout.write(text);
  exitCode = outcome.exitCode;
}

async function commandReportMerge(files: string[], options: GateOptions & { strict?: boolean; output?: string }): Promise<void> {
  const { formatCheckResult, renderCheck, runMerge } = await import('./check.js');
  const verdict = runMerge({ cwd: options.cwd, files, baseline: options.baseline, strict: options.strict });
  if (options.output) writeOutputFile(options.cwd, options.output, formatCheckResult(verdict.result));
  process.stdout.write(renderCheck(verdict, options.format, { color: useColor(options), quiet: options.quiet, cwd: path.resolve(options.cwd) }));
  exitCode = verdict.exitCode;
}

function writeOutputFile(cwd: string, file: string, text: string): void {
  const target = path.resolve(cwd, file);
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, text);
}

export async function main(argv: string[] = process.argv): Promise<number> {
  const program = buildProgram();
  try {
    refuseUnknownCommand(argv[2], program);
    await program.parseAsync(argv);
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and --version "fail" with exit code 0; every other commander error is a usage error.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (error instanceof UsageError) {
      process.stderr.write(`deprecfix: ${error.message}\n${error.hint ? `  ${error.hint}\n` : ''}`);
      return EXIT.usage;
    }
    process.stderr.write(`deprecfix: internal error: ${(error as Error).stack ?? String(error)}\n`);
    return EXIT.usage;
  }
}

/**
 * `fix` is the default command and takes no arguments, so commander reads a mistyped command (`deprecfix scna`) as
 * an excess argument of `fix` ("too many arguments for 'fix'"). A first word that is not an option or a command is
 * therefore refused here, with the nearest command when one is close.
 */
function refuseUnknownCommand(first: string | undefined, program: Command): void {
  if (first === undefined || first.startsWith('-')) return;
  const names = program.commands.flatMap((command) => [command.name(), ...command.aliases()]);
  if (names.includes(first)) return;
  const nearest = names
    .map((name) => ({ name, distance: editDistance(first.toLowerCase(), name) }))
    .filter(({ name, distance }) => distance <= Math.max(1, Math.floor(name.length / 3)) + 1 && distance < name.length)
    .sort((a, b) => a.distance - b.distance)[0];
  throw new UsageError(`unknown command '${first}'${nearest ? ` (did you mean '${nearest.name}'?)` : ''}`, `commands: ${names.filter((name) => name !== 'help').join(', ')}; see \`deprecfix --help\``);
}

/** Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours each cost 1. */
function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

// `deprecfix … | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

process.exitCode = await main();
