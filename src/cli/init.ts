import type { Command } from 'commander';
import path from 'node:path';
import { initProject } from '../init.js';

/** `deprecfix init`: a starter manifest and config at the repository root (src/init.ts), then the next steps. */

export function registerInit(program: Command): void {
  program
    .command('init')
    .description('write a starter deprecfix.manifest.json and deprecfix.config.json at the repository root (never over existing files)')
    .option('--cwd <dir>', 'run as if started in <dir>', process.cwd())
    .addHelpText('after', '\nExamples:\n  $ deprecfix init\n  $ deprecfix init --cwd packages/api')
    .action((options: { cwd: string }) => {
      const cwd = path.resolve(options.cwd);
      const outcome = initProject(cwd);
      const lines = outcome.written.map((file) => `Wrote ${path.relative(cwd, file) || path.basename(file)}`);
      lines.push('', 'Next steps:', ...outcome.nextSteps.map((step, index) => `  ${index + 1}. ${step}`));
      process.stdout.write(`${lines.join('\n')}\n`);
    });
}
