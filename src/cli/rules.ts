import { Option, type Command } from 'commander';
import pc from 'picocolors';
import { DOCS_BASE, KINDS, PLUGIN_PREFIX, REASONS, RULES, type KindId, type KindInfo, type RuleName } from '../../rules/kinds.js';
import { useColor } from './options.js';

/** `deprecfix rules`: the catalogue of rules and kinds with their fix safety, read from rules/kinds.ts. */

export function registerRules(program: Command): void {
  program
    .command('rules')
    .description('list every rule and kind with its fix safety')
    .addOption(new Option('--format <format>', 'output format').choices(['pretty', 'json']).default('pretty'))
    .option('--no-color', 'no colours')
    .addHelpText('after', '\nExamples:\n  $ deprecfix rules\n  $ deprecfix rules --format json')
    .action((options) => commandRules(options));
}

function commandRules(options: { format: string; color: boolean }): void {
  const rows = (Object.keys(KINDS) as KindId[]).map((kind) => {
    const info: KindInfo = KINDS[kind];
    return {
      rule: `${PLUGIN_PREFIX}/${info.rule}`,
      kind,
      language: RULES[info.rule].language,
      fix: info.fix,
      replacement: info.replacement,
      ...(info.reason ? { reason: REASONS[info.reason] } : {}),
      ...(info.repairs ? { repairs: info.repairs } : {}),
      docs: `${DOCS_BASE}/${info.rule}.md`,
    };
  });
  if (options.format === 'json') {
    process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return;
  }
  const colors = pc.createColors(useColor(options));
  const safety = { safe: colors.green, unsafe: colors.yellow, repair: colors.magenta, none: colors.dim } as const;
  const lines: string[] = [];
  const width = Math.max(...rows.map((row) => row.kind.length));
  for (const rule of Object.keys(RULES) as RuleName[]) {
    lines.push(`${colors.bold(`${PLUGIN_PREFIX}/${rule}`)}  ${RULES[rule].description}`, `  ${colors.dim(`${DOCS_BASE}/${rule}.md`)}`);
    for (const row of rows.filter((candidate) => candidate.rule === `${PLUGIN_PREFIX}/${rule}`)) {
      lines.push(`  ${row.kind.padEnd(width)} ${safety[row.fix](row.fix.padEnd(6))}  ${row.replacement}`);
      if (row.repairs) lines.push(`  ${''.padEnd(width)} ${safety.repair('repair')}  ${colors.dim(row.repairs)}`);
    }
    lines.push('');
  }
  process.stdout.write(lines.join('\n'));
}
