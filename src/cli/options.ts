import { Command, InvalidArgumentError, Option } from 'commander';
import pc from 'picocolors';
import { parseRuleList, type RuleName } from '../../rules/kinds.js';
import { createProgress, silentProgress, type Progress } from '../progress.js';
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

/** A progress display on stderr, unless `--quiet`. */
export function progressFor(options: { quiet?: boolean }): Progress {
  return options.quiet ? silentProgress : createProgress();
}

export function printWarnings(warnings: readonly string[]): void {
  for (const warning of warnings) process.stderr.write(`${pc.yellow('warning')}: ${warning}\n`);
}
