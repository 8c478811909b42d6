import type { Command } from 'commander';
import pc from 'picocolors';
import { UsageError } from '../errors.js';
import { printerFor, type OutputFormat } from '../printers/index.js';
import { checkScopeOptions, common, EXIT, parseCount, printWarnings, progressFor, setExitCode, useColor, type CommonOptions } from './options.js';

/** `deprecfix scan`: count the findings of a scope or of the given paths; never writes. */

export function registerScan(program: Command): void {
  common(
    program
      .command('scan')
      .description('count findings in the scope or the given paths; never writes')
      .argument('[paths...]', 'files or directories to scan instead of a scope')
      .option('--scope <spec>', 'scopes to scan (see fix)')
      .option('--changed <ref>', 'instead of --scope: the files changed between <ref> and the working tree (untracked ones included), no manifest')
      .option('--symbols', 'with --changed: only the functions and methods whose lines changed'),
  )
    .option('--max-warnings <n>', 'exit 1 when there are more findings than this', parseCount)
    .addHelpText(
      'after',
      `
Examples:
  $ deprecfix scan --scope phase12
  $ deprecfix scan src/ --format json
  $ deprecfix scan --scope all --max-warnings 0
  $ deprecfix scan --scope all --format sarif > deprecfix.sarif
  $ deprecfix scan --changed HEAD --max-warnings 0    a pre-commit hook: staged, unstaged and new files`,
    )
    .action((paths: string[], options) => commandScan(paths, options));
}

async function commandScan(paths: string[], options: CommonOptions & { scope?: string; changed?: string; symbols?: boolean; maxWarnings?: number }): Promise<void> {
  if (paths.length > 0 && options.scope) throw new UsageError('give either --scope or paths, not both');
  checkScopeOptions(options, paths, true);
  if (paths.length === 0 && !options.scope && options.changed === undefined) throw new UsageError('nothing to scan', 'pass --scope <spec>, --changed <ref> or one or more paths');
  const { runScan } = await import('../scan.js');
  const result = await runScan({ cwd: options.cwd, manifest: options.manifest, scope: options.scope, changed: options.changed, symbols: options.symbols, paths, rules: options.rules, config: options.config, strictManifest: options.strictManifest, progress: progressFor(options) });
  printWarnings(result.warnings);
  if (!options.quiet) for (const note of result.notes) process.stderr.write(`${pc.blue('note')}: ${note}\n`);
  const printer = printerFor(options.format as OutputFormat);
  process.stdout.write(printer.print(result, { color: useColor(options), quiet: options.quiet, repoRoot: result.repoRoot }));
  if (result.failures.length > 0) setExitCode(EXIT.partial);
  if (options.maxWarnings !== undefined && result.findings.length > options.maxWarnings) {
    process.stderr.write(`deprecfix: ${result.findings.length} findings exceed --max-warnings ${options.maxWarnings}\n`);
    setExitCode(EXIT.regression);
  }
}
