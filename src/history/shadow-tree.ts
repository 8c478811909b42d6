import { existsSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { acquireRepoLock, repositoryId, type RepoLock } from '../lock.js';
import { gitBuffer } from '../git.js';

/**
 * A private copy of a commit's files, outside the repository, that the gate's own lint (`lintRepository`, with its
 * per-tsconfig programs) reads as it reads a checkout. The user's working tree, index and HEAD are never touched:
 * the contents come from `git ls-tree` and `git cat-file --batch`, and moving to the next commit writes only the
 * blobs that changed and deletes only the paths that went. `node_modules` (and a root `.venv`/`venv`) is the working
 * tree's, linked, so library versions and `@types` are the ones installed now — what a checkout of that commit with
 * today's install would see.
 *
 * The directory's path is stable per repository, because the lint cache keys files by absolute path; a second
 * `history` on the same repository while one runs is refused (exit 2), as both would write the same files: it holds
 * the repository's history lock (src/lock.ts), taken before the directory is touched.
 */
export class ShadowTree {
  readonly root: string;
  /** Path → `mode oid` of what is on disk now. */
  private current = new Map<string, string>();
  /** The installed directories linked from the working tree: a commit's files are never written through them. */
  private readonly linked = new Set<string>();

  private readonly lock: RepoLock;

  constructor(private readonly repoRoot: string) {
    this.root = path.join(os.tmpdir(), `deprecfix-history-${repositoryId(repoRoot)}`);
    this.lock = acquireRepoLock(repoRoot, 'history');
    try {
      // A previous run's files are not known to match anything: start empty.
      rmSync(this.root, { recursive: true, force: true });
      mkdirSync(this.root, { recursive: true });
      for (const name of INSTALLED_DIRECTORIES) {
        const installed = path.join(repoRoot, name);
        if (!existsSync(installed)) continue;
        symlinkSync(installed, path.join(this.root, name), 'dir');
        this.linked.add(name);
      }
    } catch (error) {
      this.lock.release();
      throw error;
    }
  }

  /** Makes the directory hold exactly `commit`'s files; returns their repository-relative paths. */
  moveTo(commit: string): { files: string[]; blobsWritten: number } {
    const next = new Map<string, { mode: string; oid: string }>();
    const listing = gitBuffer(this.repoRoot, ['ls-tree', '-r', '-z', '--full-tree', commit]).toString('utf8');
    for (const record of listing.split('\0')) {
      const tab = record.indexOf('\t');
      if (tab < 0) continue;
      const [mode, type, oid] = record.slice(0, tab).split(' ');
      const file = record.slice(tab + 1);
      // Submodules have no blob; a committed node_modules (or virtualenv) would hide, or write into, the installed one
      // the link provides.
      if (type !== 'blob' || file.split('/').includes('node_modules') || this.linked.has(file.split('/')[0])) continue;
      next.set(file, { mode, oid });
    }
    for (const file of this.current.keys()) {
      if (!next.has(file)) rmSync(path.join(this.root, file), { force: true });
    }
    const changed = [...next].filter(([file, { mode, oid }]) => this.current.get(file) !== `${mode} ${oid}`);
    const contents = readBlobs(this.repoRoot, [...new Set(changed.map(([, { oid }]) => oid))]);
    for (const [file, { mode, oid }] of changed) {
      const target = path.join(this.root, file);
      rmSync(target, { force: true, recursive: true });
      mkdirSync(path.dirname(target), { recursive: true });
      const content = contents.get(oid)!;
      if (mode === '120000') symlinkSync(content.toString('utf8'), target);
      else writeFileSync(target, content);
    }
    this.current = new Map([...next].map(([file, { mode, oid }]) => [file, `${mode} ${oid}`]));
    return { files: [...next.keys()].sort(), blobsWritten: changed.length };
  }

  dispose(): void {
    rmSync(this.root, { recursive: true, force: true });
    this.lock.release();
  }
}

/**
 * What the working tree has installed rather than committed, and the version gates read: npm packages, and the
 * virtualenvs whose site-packages give the pydantic version (rules/project/pydantic-version.ts).
 */
const INSTALLED_DIRECTORIES = ['node_modules', '.venv', 'venv'];

/** Blob contents by object id, through one `git cat-file --batch`. */
function readBlobs(repoRoot: string, oids: readonly string[]): Map<string, Buffer> {
  const blobs = new Map<string, Buffer>();
  if (oids.length === 0) return blobs;
  const output = gitBuffer(repoRoot, ['cat-file', '--batch'], `${oids.join('\n')}\n`);
  let position = 0;
  while (position < output.length) {
    const headerEnd = output.indexOf(0x0a, position);
    const [oid, , size] = output.subarray(position, headerEnd).toString('utf8').split(' ');
    const start = headerEnd + 1;
    const end = start + Number(size);
    blobs.set(oid, output.subarray(start, end));
    position = end + 1; // the newline after the contents
  }
  return blobs;
}
