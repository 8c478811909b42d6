/**
 * `npm run demo` (which builds first): copies the bundled demo repository to a temporary directory (the fixture
 * itself is never written), makes it a git repository like a real checkout, runs the built
 * `deprecfix --scope phase10-12` there and prints the Markdown report a reviewer would read. It lives outside `src/`
 * so that it is not published: the package has no fixtures for it to copy.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const fixture = path.join(packageRoot, 'fixtures', 'demo-repo');
const workdir = path.join(mkdtempSync(path.join(os.tmpdir(), 'deprecfix-demo-')), 'demo-repo');
cpSync(fixture, workdir, { recursive: true });

const git = (...args) => execFileSync('git', args, { cwd: workdir, stdio: 'ignore' });
try {
  git('init', '-q');
  git('add', '-A');
  git('-c', 'user.name=demo', '-c', 'user.email=demo@example.com', 'commit', '-q', '-m', 'release 2.4 (phases 9–12)');
} catch {
  console.error('git is not available: the demo runs outside a repository.');
}

const cli = path.join(packageRoot, 'dist', 'src', 'cli', 'main.js');
const args = ['--scope', 'phase10-12', '--cwd', workdir];
console.log(`$ deprecfix ${args.join(' ')}\n`);
const run = spawnSync(process.execPath, [cli, ...args], { stdio: 'inherit' });

const reportPath = path.join(workdir, 'deprecfix-report.md');
try {
  console.log(`\n──── ${reportPath} ────\n`);
  console.log(readFileSync(reportPath, 'utf8'));
} catch {
  // no report: the CLI already said why
}
console.log(`The rewritten copy is in ${workdir} (try \`git -C ${workdir} diff\`).`);
process.exitCode = run.status ?? 1;
