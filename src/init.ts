import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CONFIG_FILE_NAME } from './config.js';
import { UsageError } from './errors.js';
import { listRepoFiles } from './files.js';
import { findRepoRoot } from './manifest/find-manifest.js';
import { MANIFEST_FILE_NAME } from './manifest/manifest.js';

/**
 * `deprecfix init`: a starter `deprecfix.manifest.json` and `deprecfix.config.json` at the repository root.
 *
 * Both files are strict JSON (their readers reject comments, as `JSON.parse`, `jq` and CI scripts would), so the
 * starter speaks through what each format has for prose: the manifest scope's `note` (which `manifest list`
 * prints) says how to fill the scope, and the config's `$schema` gives editors the description of every key and
 * completion. Existing files are never overwritten: an existing manifest holds a team's history, and there is no
 * `--force`; delete the file to start again.
 */

export const SCHEMA_PATH = './node_modules/deprecfix/schema/deprecfix.config.schema.json';

export interface InitOutcome {
  repoRoot: string;
  /** Absolute paths, in the order written. */
  written: string[];
  /** What to do next, one command or sentence each. */
  nextSteps: string[];
}

export function initProject(cwd: string): InitOutcome {
  const start = path.resolve(cwd);
  const root = findRepoRoot(start);
  const repoRoot = root ?? start;
  const manifestPath = path.join(repoRoot, MANIFEST_FILE_NAME);
  const configPath = path.join(repoRoot, CONFIG_FILE_NAME);
  const existing = [manifestPath, configPath].filter((file) => existsSync(file));
  if (existing.length > 0) {
    const names = existing.map((file) => path.relative(start, file) || path.basename(file)).join(' and ');
    throw new UsageError(
      `${names} already ${existing.length === 1 ? 'exists' : 'exist'}; init writes nothing over an existing file`,
      'edit it, or delete it and run `deprecfix init` again',
    );
  }

  const { scope, paths } = starterScope(repoRoot);
  const manifest = {
    version: 1,
    scopes: {
      [scope]: {
        paths,
        note: `An example scope: list the files (or globs, "!" to exclude, "path#Symbol" for one function) that this release phase touched, or fill it from git with \`deprecfix manifest record ${scope} --git <from>..<to>\`.`,
      },
    },
  };
  const config = { $schema: SCHEMA_PATH, rules: {}, ignores: [] };
  writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`, { flag: 'wx' });
  writeFileSync(configPath, `${JSON.stringify(config, null, 2)}\n`, { flag: 'wx' });

  const nextSteps = [
    `Edit the scope "${scope}" in ${MANIFEST_FILE_NAME}, or fill it from git: deprecfix manifest record ${scope} --git <from>..<to>`,
    `See what it holds: deprecfix scan --scope ${scope}`,
    `Preview the rewrites: deprecfix --scope ${scope} --dry-run`,
    `Rewrite and write the report: deprecfix --scope ${scope}`,
  ];
  if (!existsSync(path.join(repoRoot, SCHEMA_PATH))) {
    nextSteps.push(`Install deprecfix in the project (npm install -D deprecfix) so editors find the config's schema at ${SCHEMA_PATH}`);
  }
  if (!root) nextSteps.push('This is not a git repository: deprecfix works here, but with git you review every rewrite as a diff and undo it with one command');
  return { repoRoot, written: [manifestPath, configPath], nextSteps };
}

/**
 * The example scope: the top-level directory holding the most supported source files (what a phase usually
 * touches a part of), as a glob; `src/**` in an empty repository.
 */
function starterScope(repoRoot: string): { scope: string; paths: string[] } {
  const counts = new Map<string, number>();
  for (const file of listRepoFiles(repoRoot).files) {
    const top = file.includes('/') ? `${file.slice(0, file.indexOf('/'))}/**` : file;
    counts.set(top, (counts.get(top) ?? 0) + 1);
  }
  const [best] = [...counts].filter(([glob]) => glob.endsWith('/**')).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  return { scope: 'phase1', paths: [best?.[0] ?? 'src/**'] };
}
