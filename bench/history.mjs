// Measures `deprecfix history` on a generated repository with a history: the TypeScript repository of `--files`
// files (bench/generate.mjs), copied to a temporary directory, then `--commits` commits that each edit two files
// (a `toGMTString()` rewritten where there is one, else a comment added), then `history` over those commits: the
// first run (empty cache) and a second (cached). Prints one JSON line. Usage:
//   npm run build && node bench/history.mjs [--files 1000] [--commits 50]
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { DEPRECFIX_ROOT, ensureTsRepo, tsFilePath } from './generate.mjs';

const option = (name, fallback) => {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
};
const files = option('files', 1000);
const commits = option('commits', 50);

const { dir: generated } = ensureTsRepo(files);
const repo = path.join(mkdtempSync(path.join(os.tmpdir(), 'deprecfix-history-bench-')), 'repo');
cpSync(generated, repo, { recursive: true, verbatimSymlinks: true });
const git = (...args) => execFileSync('git', args, { cwd: repo, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const base = git('rev-parse', 'HEAD').trim();
for (let c = 0; c < commits; c++) {
  for (const i of [(c * 20) % files, (c * 20 + 7) % files]) {
    const file = path.join(repo, tsFilePath(i));
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.includes('.toGMTString()') ? text.replace('.toGMTString()', '.toUTCString()') : `${text}// touched in commit ${c}\n`);
  }
  git('-c', 'user.name=bench', '-c', 'user.email=bench@example.invalid', 'commit', '-q', '-am', `commit ${c}`);
}

rmSync(path.join(repo, 'node_modules', '.cache'), { recursive: true, force: true });
const cli = path.join(DEPRECFIX_ROOT, 'dist', 'src', 'cli', 'main.js');
const run = () => {
  const start = performance.now();
  const output = execFileSync(process.execPath, [cli, 'history', '--git', `${base}..HEAD`, '--scope', 'bench', '--format', 'json'], { cwd: repo, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const result = JSON.parse(output);
  return { seconds: Math.round((performance.now() - start) / 100) / 10, points: result.points.length, stats: result.stats, first: result.points[0], last: result.points.at(-1) };
};
const first = run();
const cached = run();
console.log(
  JSON.stringify({
    files,
    commits,
    first: { seconds: first.seconds, ...first.stats },
    cached: { seconds: cached.seconds, ...cached.stats },
    inScope: `${first.first.inScope.total} → ${first.last.inScope.total}`,
    repository: `${first.first.repository.total} → ${first.last.repository.total}`,
  }),
);
rmSync(path.dirname(repo), { recursive: true, force: true });
