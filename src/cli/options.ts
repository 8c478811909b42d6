import { Command, InvalidArgumentError, Option } from 'commander';
import pc from 'picocolors';
import { parseRuleList, type RuleName } from '../../rules/kinds.js';
import { UsageError } from '../errors.js';
import { createProgress, silentProgress, withStageTimings, type Progress } from '../progress.js';
import { OUTPUT_FORMATS } from '../printers/index.js';

/**
 * What every command of the CLI shares: the common options and their parsers, colour and progress as the options
 * ask, and the exit code a command leaves for `main` to return.
 */

/** Exit codes (CONTRACT §2). */
export const EXIT = { ok: 0, regression: 1, usage: 2, partial: 3 } as const;

let exitCode: number = EXIT.ok;

/** The exit code of the run; the last command action that set one wins. */
export function setExitCode(code: number): void {
  exitCode = code;
}

export function currentExitCode(): number {
  return exitCode;
}

export interface CommonOptions {
  cwd: string;
  manifest?: string;
  config?: string;
  format: string;
  rules?: RuleName[];
  quiet?: boolean;
  color: boolean;
  strictManifest?: boolean;
}

export const FORMATS: readonly string[] = OUTPUT_FORMATS;
/** `check` and `report merge` print a verdict, which has no HTML page. */
export const GATE_FORMATS: readonly string[] = FORMATS.filter((format) => format !== 'html');

/** The options of the commands that run on a manifest scope (`fix`, `scan`). */
export function common(command: Command): Command {
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

export function parseRulesOption(value: string): RuleName[] {
  try {
    return parseRuleList(value);
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
}

export function parseCount(value: string): number {
  const count = Number(value);
  if (!Number.isInteger(count) || count < 0) throw new InvalidArgumentError('expected a whole number ≥ 0');
  return count;
}

export function useColor(options: { color: boolean }): boolean {
  return options.color && pc.isColorSupported;
}

/** A progress display on stderr, unless `--quiet`; stage times with `DEPRECFIX_TIMING=1`. */
export function progressFor(options: { quiet?: boolean }): Progress {
  return withStageTimings(options.quiet ? silentProgress : createProgress());
}

export function printWarnings(warnings: readonly string[]): void {
  for (const warning of warnings) process.stderr.write(`${pc.yellow('warning')}: ${warning}\n`);
}

/** `--scope` and `--changed` are two ways to name the scope: exactly one (`scan` may give paths instead). */
export function checkScopeOptions(options: { scope?: string; changed?: string; symbols?: boolean; manifest?: string }, paths: readonly string[] = [], allowNone = false): void {
  if (options.scope !== undefined && options.changed !== undefined) throw new UsageError('give either --scope or --changed, not both', '--scope names scopes of the manifest; --changed <ref> takes what changed since <ref> instead');
  if (options.changed !== undefined && paths.length > 0) throw new UsageError('give either --changed or paths, not both');
  if (options.changed !== undefined && options.manifest !== undefined) throw new UsageError('--changed reads no manifest, so --manifest has no effect with it', 'drop --manifest, or use --scope');
  if (options.symbols && options.changed === undefined) throw new UsageError('--symbols narrows --changed to the changed functions and methods; it needs --changed <ref>', 'for a manifest, record symbol entries with `deprecfix manifest record <scope> --git A..B --symbols`');
  if (!allowNone && options.scope === undefined && options.changed === undefined && paths.length === 0) {
    throw new UsageError("required option '--scope <spec>' not specified", 'pass --scope <spec> (a scope of the manifest) or --changed <ref> (what changed since a revision)');
  }
}
