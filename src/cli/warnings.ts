import { Option, type Command } from 'commander';
import { UsageError } from '../errors.js';
import { parseDuration } from './fix.js';
import { setExitCode, useColor } from './options.js';
import { shellQuote } from '../printers/printer.js';

/** `deprecfix warnings [--scope S] -- <cmd…>`: run a command once and count its runtime deprecation warnings by site. */
export function registerWarnings(program: Command): void {
  program
    .command('warnings')
    .description('run a command once and count the runtime deprecation warnings it emits, by site (rewrites nothing)')
    .argument('<command...>', 'the command to run, after `--`')
    .option('--scope <spec>', 'count only the warnings at the files of these scopes')
    .option('--cwd <dir>', 'run as if started in <dir>', process.cwd())
    .option('--manifest <file>', 'the manifest (default: deprecfix.manifest.json found upward)')
    .option('--config <file>', 'a deprecfix.config.json other than the one at the repository root')
    .addOption(new Option('--format <format>', 'output format').choices(['pretty', 'json', 'markdown']).default('pretty'))
    .option('--timeout <duration>', 'kill the command after this long', parseDuration, 10 * 60_000)
    .option('--no-color', 'no colours')
    .addHelpText('after', '\nThe exit code is the command\'s own.\n\nExamples:\n  $ deprecfix warnings -- python3 -m pytest -q\n  $ deprecfix warnings --scope phase10-12 --format markdown -- node --test')
    .action((command: string[], options) => commandWarnings(command, options));
}

async function commandWarnings(
  command: string[],
  options: { scope?: string; cwd: string; manifest?: string; config?: string; format: string; timeout: number; color: boolean },
): Promise<void> {
  if (command.length === 0) throw new UsageError('no command to run', 'pass it after `--`: deprecfix warnings -- python3 -m pytest -q');
  const { measureWarnings } = await import('../runtime/measure.js');
  const { renderMeasurement } = await import('../printers/warnings.js');
  const measurement = await measureWarnings({
    cwd: options.cwd,
    // One argument, one word: quoted for the shell the runner uses, so `-- pytest -k "a or b"` runs as typed.
    command: command.length === 1 ? command[0] : command.map(shellQuote).join(' '),
    scope: options.scope,
    manifest: options.manifest,
    config: options.config,
    timeoutMs: options.timeout,
  });
  process.stdout.write(renderMeasurement(measurement, options.format, useColor(options)));
  setExitCode(measurement.suite.exitCode ?? 1);
}

