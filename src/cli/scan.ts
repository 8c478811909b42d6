import type { Command } from 'commander';
import pc from 'picocolors';
import { UsageError } from '../errors.js';
import { printerFor, type OutputFormat } from '../printers/index.js';
import { common, EXIT, parseCount, printWarnings, progressFor, setExitCode, useColor, type CommonOptions } from './options.js';

/** `deprecfix scan`: count the findings of a scope or of the given paths; never writes. */

export function registerScan(program: Command): void {
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
}

async function commandScan(paths: string[], options: CommonOptions & { scope?: string; maxWarnings?: number }): Promise<void> {
  if (paths.length > 0 && options.scope) throw new UsageError('give either --scope or paths, not both');
  if (paths.length === 0 && !options.scope) throw new UsageError('nothing to scan', 'pass --scope <spec> or one or more paths');
  const { runScan } = await import('../scan.js');
  const result = runScan({ cwd: options.cwd, manifest: options.manifest, scope: options.scope, paths, rules: options.rules, config: options.config, strictManifest: options.strictManifest, progress: progressFor(options) });
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
