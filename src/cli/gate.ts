import { Option, type Command } from 'commander';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { RuleName } from '../../rules/kinds.js';
import { UsageError } from '../errors.js';
import { GATE_FORMATS, parseRulesOption, progressFor, setExitCode, useColor } from './options.js';

/** The CI gate (CONTRACT §6): `check`, `baseline`, `report merge`. They share the gate and its output in src/check.ts. */

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

export function registerGateCommands(program: Command): void {
  program
    .command('check')
    .description('CI gate: fail when findings grow past the baseline (ESLint bulk-suppressions format)')
    .argument('[files...]', 'judge only these files (a pre-commit hook passes the staged ones); default the whole repository')
    .option('--cwd <dir>', 'run as if started in <dir>', process.cwd())
    .option('--baseline <file>', 'the baseline [default: eslint-suppressions.json at the repository root]')
    .option('--strict', 'also fail when the baseline is stale (counts below it: tighten with baseline --prune)')
    .option('--shard <i/n>', 'lint only shard i of n (split by path hash, balanced by size), for a CI matrix')
    .option('--changed <ref>', 'judge only the files changed between <ref> and the working tree (untracked ones included): a pre-commit or pull-request gate')
    .option('--output <file>', 'also write the result, for `deprecfix report merge`')
    .option('--config <file>', 'deprecfix.config.json with rule options [default: the one at the repository root, if any]')
    .addOption(new Option('--format <format>', 'output format').choices(GATE_FORMATS).default('pretty'))
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
  $ deprecfix check --changed origin/main                 only the files this branch changed
  $ deprecfix check src/a.ts src/b.ts                      only these files (pre-commit, lint-staged)
${GATE_EXIT_CODES}`,
    )
    .action((files: string[], options) => commandCheck(files, options));

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

export function registerReportMerge(report: Command): void {
  report
    .command('merge')
    .description('combine the results of check --shard runs and apply the same gate')
    .argument('<files...>', 'results written by check --shard i/n --output <file>')
    .option('--cwd <dir>', 'run as if started in <dir>', process.cwd())
    .option('--baseline <file>', 'the baseline [default: eslint-suppressions.json at the repository root]')
    .option('--strict', 'also fail when the baseline is stale')
    .option('--output <file>', 'also write the merged result')
    .addOption(new Option('--format <format>', 'output format').choices(GATE_FORMATS).default('pretty'))
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
  files: string[],
  options: GateOptions & { strict?: boolean; shard?: string; changed?: string; output?: string; config?: string; rules?: RuleName[]; cache: boolean },
): Promise<void> {
  if (files.length > 0 && (options.changed !== undefined || options.shard !== undefined || options.output !== undefined)) {
    throw new UsageError('files given: they are what is judged, so --changed, --shard and --output do not apply', 'drop the files to gate the whole repository');
  }
  if (options.changed !== undefined && (options.shard !== undefined || options.output !== undefined)) {
    throw new UsageError('--changed judges a few files on one machine; it does not combine with --shard or --output', 'drop --shard and --output, or drop --changed to gate the whole repository');
  }
  const { runCheck } = await import('../check/gate.js');
  const { formatCheckResult } = await import('../check/result.js');
  const { renderCheck } = await import('../check/render.js');
  const { parseShard } = await import('../check/shards.js');
  const shard = options.shard === undefined ? undefined : parseShard(options.shard);
  const verdict = await runCheck({
    cwd: options.cwd,
    baseline: options.baseline,
    strict: options.strict,
    rules: options.rules,
    config: options.config,
    shard,
    changed: options.changed,
    ...(files.length > 0 ? { paths: files } : {}),
    cache: options.cache,
    progress: progressFor(options),
  });
  if (options.output) writeOutputFile(options.cwd, options.output, formatCheckResult(verdict.result));
  process.stdout.write(renderCheck(verdict, options.format, { color: useColor(options), quiet: options.quiet, cwd: path.resolve(options.cwd) }));
  setExitCode(verdict.exitCode);
}

async function commandBaseline(options: GateOptions & { prune?: boolean; config?: string; rules?: RuleName[]; cache: boolean }): Promise<void> {
  const { runBaseline } = await import('../check/baseline-run.js');
  const { renderBaseline } = await import('../check/render.js');
  const outcome = await runBaseline({
    cwd: options.cwd,
    baseline: options.baseline,
    prune: options.prune,
    rules: options.rules,
    config: options.config,
    cache: options.cache,
    progress: progressFor(options),
  });
  const text = renderBaseline(outcome, { format: options.format, color: useColor(options), cwd: path.resolve(options.cwd) });
  if (!options.quiet || options.format === 'json' || outcome.failures.length > 0) process.stdout.write(text);
  setExitCode(outcome.exitCode);
}

async function commandReportMerge(files: string[], options: GateOptions & { strict?: boolean; output?: string }): Promise<void> {
  const { runMerge } = await import('../check/merge.js');
  const { formatCheckResult } = await import('../check/result.js');
  const { renderCheck } = await import('../check/render.js');
  const verdict = runMerge({ cwd: options.cwd, files, baseline: options.baseline, strict: options.strict });
  if (options.output) writeOutputFile(options.cwd, options.output, formatCheckResult(verdict.result));
  process.stdout.write(renderCheck(verdict, options.format, { color: useColor(options), quiet: options.quiet, cwd: path.resolve(options.cwd) }));
  setExitCode(verdict.exitCode);
}

function writeOutputFile(cwd: string, file: string, text: string): void {
  const target = path.resolve(cwd, file);
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, text);
}
