import { Option, type Command } from 'commander';
import path from 'node:path';
import { findManifest } from '../manifest/find-manifest.js';
import { loadManifest } from '../manifest/load-manifest.js';
import { listScopes } from '../manifest/manifest.js';

/** `deprecfix manifest …`: the subcommands that work on the touched-paths manifest (`list`). */

export function registerManifest(program: Command): void {
  const manifest = program.command('manifest').description('inspect the touched-paths manifest');
  manifest
    .command('list')
    .description('list the scopes and their entries')
    .option('--cwd <dir>', 'run as if started in <dir>', process.cwd())
    .option('--manifest <file>', 'touched-paths manifest')
    .addOption(new Option('--format <format>', 'output format').choices(['pretty', 'json']).default('pretty'))
    .addHelpText('after', '\nExamples:\n  $ deprecfix manifest list\n  $ deprecfix manifest list --format json')
    .action((options) => commandManifestList(options));
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
