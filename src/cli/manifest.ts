import { Option, type Command } from 'commander';
import path from 'node:path';
import pc from 'picocolors';
import { findManifest } from '../manifest/find-manifest.js';
import { listManifest } from '../manifest/list-manifest.js';
import { loadManifest } from '../manifest/load-manifest.js';
import { displayPath } from '../manifest/manifest.js';
import { recordManifest } from '../manifest/record-manifest.js';
import { useColor } from './options.js';

/** `deprecfix manifest …`: the subcommands that work on the touched-paths manifest (`list`, `record`). */

export function registerManifest(program: Command): void {
  const manifest = program.command('manifest').description('inspect the touched-paths manifest, or fill a scope from git history');
  manifest
    .command('list')
    .description('list the scopes and their entries, flagging stale ones (missing files, empty globs, vanished symbols)')
    .option('--cwd <dir>', 'run as if started in <dir>', process.cwd())
    .option('--manifest <file>', 'touched-paths manifest')
    .addOption(new Option('--format <format>', 'output format').choices(['pretty', 'json']).default('pretty'))
    .option('--no-color', 'no colours (NO_COLOR and FORCE_COLOR are respected too)')
    .addHelpText('after', '\nExamples:\n  $ deprecfix manifest list\n  $ deprecfix manifest list --format json')
    .action((options) => commandManifestList(options));

  manifest
    .command('record')
    .description('add the supported files (or, with --symbols, the functions and methods) a git range changed to a scope')
    .argument('<scope>', 'the scope to fill (created when missing)')
    .requiredOption('--git <range>', 'A..B, A...B (from the merge base), or A alone (= A..HEAD)')
    .option('--symbols', 'record the functions and methods whose bodies the hunks touched instead of whole files')
    .option('--dry-run', 'print the resulting manifest and write nothing')
    .option('--cwd <dir>', 'run as if started in <dir>', process.cwd())
    .option('--manifest <file>', 'the JSON manifest to fill [default: deprecfix.manifest.json, found upward, else created at the repository root]')
    .option('--config <file>', 'deprecfix.config.json whose "ignores" and "include" decide which files count')
    .addHelpText(
      'after',
      `
Examples:
  $ deprecfix manifest record phase12 --git v1.11.0..v1.12.0
  $ deprecfix manifest record phase12 --git main...HEAD --symbols
  $ deprecfix manifest record hotfix --git HEAD~3 --dry-run       HEAD~3 alone means HEAD~3..HEAD`,
    )
    .action((scope: string, options) => commandManifestRecord(scope, options));
}

function commandManifestList(options: { cwd: string; manifest?: string; format: string; color: boolean }): void {
  const cwd = path.resolve(options.cwd);
  const listing = listManifest(loadManifest(findManifest(cwd, options.manifest)), cwd);
  if (options.format === 'json') {
    process.stdout.write(`${JSON.stringify(listing, null, 2)}\n`);
    return;
  }
  const c = pc.createColors(useColor(options));
  const lines = [`${listing.manifest}`];
  for (const scope of listing.scopes) {
    lines.push(`  ${scope.name}${scope.note ? `  — ${scope.note}` : ''}`);
    for (const entry of scope.entries) lines.push(`    ${entry.entry}${entry.stale ? `  ${c.yellow(`stale: ${entry.stale}`)}` : ''}`);
  }
  if (listing.stale > 0) lines.push(`${listing.stale} stale ${listing.stale === 1 ? 'entry' : 'entries'}: remove or correct ${listing.stale === 1 ? 'it' : 'them'} (fix and scan warn about them; --strict-manifest fails)`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

function commandManifestRecord(
  scope: string,
  options: { git: string; symbols?: boolean; dryRun?: boolean; cwd: string; manifest?: string; config?: string },
): void {
  const outcome = recordManifest({ cwd: options.cwd, scope, range: options.git, symbols: options.symbols, dryRun: options.dryRun, manifest: options.manifest, config: options.config });
  for (const note of outcome.notes) process.stderr.write(`${pc.blue('note')}: ${note}\n`);
  for (const { file, reason } of outcome.skipped) process.stderr.write(`${pc.blue('note')}: not recorded: ${file}: ${reason}\n`);
  if (options.dryRun) {
    process.stdout.write(outcome.text);
    return;
  }
  const where = displayPath(outcome.manifestPath);
  const what = outcome.added.length === 1 ? '1 entry' : `${outcome.added.length} entries`;
  const lines = [
    outcome.written
      ? `${outcome.created ? 'Created' : 'Updated'} ${where}: ${what} added to scope ${scope}${outcome.alreadyListed.length > 0 ? ` (${outcome.alreadyListed.length} already listed)` : ''}`
      : `${where}: scope ${scope} already lists everything ${options.git} changed; nothing written`,
    ...outcome.added.map((entry) => `  + ${entry}`),
  ];
  if (outcome.unsupported.length > 0) lines.push(`Not recorded (not a supported source file): ${outcome.unsupported.length} file${outcome.unsupported.length === 1 ? '' : 's'}`);
  process.stdout.write(`${lines.join('\n')}\n`);
}
