import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

/** What marks a directory as a project root, where a walk of it is bounded. */
const PROJECT_MARKERS = ['package.json', 'pyproject.toml', 'setup.py', 'setup.cfg'];

/**
 * The files of the repository at `root` that `keep` accepts, repo-relative with `/`: git's view (tracked and
 * untracked, `.gitignore` honoured), else a walk of a project root (a linter run from `/` or a home directory must
 * not read the whole disk); never `node_modules` or a dot directory.
 */
export function repositoryFiles(root: string, keep: (file: string) => boolean): string[] {
  let files: string[];
  try {
    const output = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      maxBuffer: 256 * 1024 * 1024,
    });
    files = output.split('\0').filter(Boolean);
  } catch {
    files = PROJECT_MARKERS.some((marker) => existsSync(path.join(root, marker))) ? walk(root, '') : [];
  }
  return files.filter((file) => keep(file) && !file.split('/').includes('node_modules'));
}

function walk(root: string, relative: string): string[] {
  let entries;
  try {
    entries = readdirSync(path.join(root, relative), { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((entry) => {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) return [];
    const child = relative ? `${relative}/${entry.name}` : entry.name;
    return entry.isDirectory() ? walk(root, child) : entry.isFile() ? [child] : [];
  });
}
