#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import v8 from 'node:v8';
import { TOOL_VERSION } from '../../rules/package.js';
import { editDistance } from '../edit-distance.js';
import { UsageError } from '../errors.js';
import { registerFix } from './fix.js';
import { registerGateCommands, registerReportMerge } from './gate.js';
import { registerInit } from './init.js';
import { registerHistory } from './history.js';
import { registerManifest } from './manifest.js';
import { currentExitCode, EXIT } from './options.js';
import { registerReport } from './report.js';
import { registerRules } from './rules.js';
import { registerScan } from './scan.js';
import { registerWarnings } from './warnings.js';

/**
 * The `deprecfix` bin: the program with its commands, each registered by the module named after it in src/cli/
 * (a new command gets a module of its own there and one line in buildProgram), and the mapping of what a run threw
 * to an exit code.
 */

// A run keeps one large program alive (~600 MB on 2,000 files) while ESLint makes short-lived garbage per file.
// V8's default lets the heap grow to about 3× the live data before a full collection (1.7 GB peak); doubling at
// most keeps the peak near 1.25 GB at the same speed (measured with `npm run bench`, P2/P4). Read at every GC.
v8.setFlagsFromString('--heap-growing-percent=100');

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
  $ deprecfix scan --changed HEAD           count in what changed since HEAD (staged, unstaged, new): a pre-commit hook
  $ deprecfix manifest record phase12 --git v1.11.0..v1.12.0   fill a scope from git history
  $ deprecfix baseline                      write eslint-suppressions.json once; then in CI:
  $ deprecfix check                         fail when findings grow past the baseline
  $ deprecfix history --git v1.10.0..HEAD --scope phase10-12   the burn-down: findings at each commit
  $ deprecfix rules                         every rule and kind with its fix safety
  $ deprecfix init                          write a starter manifest and config

Exit codes: 0 done · 1 check found a regression, or scan --max-warnings exceeded
            2 usage or configuration error (nothing written)
            3 partial: some files could not be parsed or rewritten (the report names them)`,
    );

  registerFix(program);
  registerScan(program);
  registerGateCommands(program);
  registerRules(program);
  registerReportMerge(registerReport(program));
  registerManifest(program);
  registerWarnings(program);
  registerInit(program);
  registerHistory(program);

  return program;
}

export async function main(argv: string[] = process.argv): Promise<number> {
  const program = buildProgram();
  try {
    refuseUnknownCommand(argv[2], program);
    await program.parseAsync(argv);
    return currentExitCode();
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

// `deprecfix … | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

process.exitCode = await main();
