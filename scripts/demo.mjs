/**
 * `npm run demo` (which builds first): copies the bundled demo repository to a temporary directory (the fixture
 * itself is never written), makes it a git repository like a real checkout, runs the built
 * `deprecfix --scope phase10-12 --test …` there (the demo's own pytest and `node --test` suites, before and after) and
 * prints the Markdown report a reviewer would read. It lives outside `src/`
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

// Runtime evidence (CONTRACT §12): the demo's own suites, before and after the rewrite. pytest and pydantic 2 must be
// importable by the machine's python3; without them the demo runs the Node suite only and says why.
const pythonReady = spawnSync('python3', ['-c', 'import pytest, pydantic; assert pydantic.VERSION.startswith("2")'], { stdio: 'ignore' }).status === 0;
const tests = [...(pythonReady ? ['python3 -m pytest -q -p no:cacheprovider'] : []), 'node --test'];
if (!pythonReady) console.log('python3 with pytest and pydantic 2 is not available here: the demo runs the Node suite only.\n');

const cli = path.join(packageRoot, 'dist', 'src', 'cli', 'main.js');
const args = ['--scope', 'phase10-12', ...tests.flatMap((command) => ['--test', command]), '--cwd', workdir];
console.log(`$ deprecfix ${args.map((arg) => (/\s/.test(arg) ? `"${arg}"` : arg)).join(' ')}\n`);
const run = spawnSync(process.execPath, [cli, ...args], { stdio: 'inherit', env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' } });

const reportPath = path.join(workdir, 'deprecfix-report.md');
try {
  console.log(`\n──── ${reportPath} ────\n`);
  console.log(readFileSync(reportPath, 'utf8'));
} catch {
  // no report: the CLI already said why
}
console.log(`The rewritten copy is in ${workdir} (try \`git -C ${workdir} diff\`).`);
process.exitCode = run.status ?? 1;
