import { Option, type Command } from 'commander';
import { readFileSync } from 'node:fs';
import { BURN_DOWN_HINT, parseBurnDown } from '../burn-down.js';
import { UsageError } from '../errors.js';
import { inputOfReport, printerFor, type OutputFormat } from '../printers/index.js';
import { parseReport } from '../report-reader.js';
import { renderChecklist } from '../printers/checklist.js';
import { FORMATS, useColor } from './options.js';

/** `deprecfix report`: re-render a saved deprecfix-report.json. Its `merge` subcommand belongs to the gate (gate.ts). */

/** Registers `report` and returns it, for its subcommands. */
export function registerReport(program: Command): Command {
  return program
    .command('report')
    .description('re-render a saved deprecfix-report.json')
    .argument('<report.json>', 'a report written by deprecfix fix')
    .addOption(new Option('--format <format>', 'output format; checklist: release-checklist lines with their evidence').choices([...FORMATS, 'checklist']).default('markdown'))
    .option('--history <history.json>', 'with --format html: draw the burn-down of `deprecfix history --format json`')
    .option('--no-color', 'no colours')
    .addHelpText(
      'after',
      '\nExamples:\n  $ deprecfix report deprecfix-report.json --format markdown > comment.md\n  $ deprecfix report deprecfix-report.json --format checklist >> RELEASE.md\n  $ deprecfix report deprecfix-report.json --format html --history history.json > report.html',
    )
    .action((file: string, options) => commandReport(file, options));
}

function commandReport(file: string, options: { format: string; color: boolean; history?: string }): void {
  if (options.history !== undefined && options.format !== 'html') {
    throw new UsageError(`--history draws the burn-down chart of the HTML report; --format ${options.format} has no chart`, 'add --format html, or drop --history');
  }
  const report = parseReport(readInput(file, 'pass the deprecfix-report.json that `deprecfix fix` wrote'), file);
  const history = options.history === undefined ? undefined : parseBurnDown(readInput(options.history, BURN_DOWN_HINT), options.history);
  if (options.format === 'checklist') process.stdout.write(renderChecklist(report));
  else process.stdout.write(printerFor(options.format as OutputFormat).print({ ...inputOfReport(report), history }, { color: useColor(options) }));
}

function readInput(file: string, hint: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, hint);
  }
}
