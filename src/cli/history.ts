import { InvalidArgumentError, Option, type Command } from 'commander';
import pc from 'picocolors';
import type { RuleName } from '../../rules/kinds.js';
import { UsageError } from '../errors.js';
import { parseRulesOption, progressFor } from './options.js';
import { loadTypeScriptSide } from '../typescript-side.js';

/** `deprecfix history`: the finding counts at each commit of a git range (the burn-down across phases). */

export function registerHistory(program: Command): void {
  program
    .command('history')
    .description('count findings at each commit of a git range (first-parent, oldest first), in scope and in the whole repository; never touches the working tree')
    .requiredOption('--git <range>', 'A..B (as git reads it), A...B (from the merge base), or A alone (= A..HEAD)')
    .option('--scope <spec>', "scopes of the working tree's manifest to count in [default: the whole repository]")
    .option('--every <n>', 'only every Nth commit (the newest always included)', parsePositive)
    .option('--tags', 'only the commits a tag points at')
    .option('--cwd <dir>', 'run as if started in <dir>', process.cwd())
    .option('--manifest <file>', 'touched-paths manifest [default: deprecfix.manifest.json, found upward]')
    .option('--rules <ids>', 'only these rules, comma-separated', parseRulesOption)
    .addOption(new Option('--format <format>', 'output format').choices(['pretty', 'json', 'markdown']).default('pretty'))
    .option('--quiet', 'no progress, no cache note')
    .addHelpText(
      'after',
      `
Each commit is linted as \`deprecfix check\` would lint a checkout of it (from git's objects, in a private copy;
the working tree, index and HEAD are never touched), with node_modules as installed now. The scope is the working
tree's manifest resolved against each commit's files. Findings are cached per tree under
node_modules/.cache/deprecfix, so a re-run lints only commits it has not seen.

Examples:
  $ deprecfix history --git v1.10.0..HEAD --scope phase10-12 --format markdown >> "$GITHUB_STEP_SUMMARY"
  $ deprecfix history --git main~50..main --every 5 --format json > burn-down.json
  $ deprecfix history --git v1.0.0..HEAD --tags`,
    )
    .action((options) => commandHistory(options));
}

function parsePositive(value: string): number {
  const count = Number(value);
  if (!Number.isInteger(count) || count < 1) throw new InvalidArgumentError('expected a whole number ≥ 1');
  return count;
}

async function commandHistory(options: { git: string; scope?: string; every?: number; tags?: boolean; cwd: string; manifest?: string; rules?: RuleName[]; format: 'pretty' | 'json' | 'markdown'; quiet?: boolean }): Promise<void> {
  if (options.every !== undefined && options.tags) throw new UsageError('give either --every or --tags, not both');
  await loadTypeScriptSide();
  const { runHistory } = await import('../history/history.js');
  const { renderHistory } = await import('../history/render.js');
  const result = runHistory({ cwd: options.cwd, range: options.git, scope: options.scope, manifest: options.manifest, every: options.every, tags: options.tags, rules: options.rules, progress: progressFor(options) });
  process.stdout.write(renderHistory(result, options.format));
  if (!options.quiet) {
    const { commits, fromCache, filesLinted } = result.stats;
    process.stderr.write(`${pc.blue('note')}: ${commits} commit${commits === 1 ? '' : 's'}, ${fromCache} from the cache; ${filesLinted} file${filesLinted === 1 ? '' : 's'} linted\n`);
  }
}
