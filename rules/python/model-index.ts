/**
 * The repository index of Python module summaries (CONTRACT §9, `py-pydantic-v1` "receiver proof"): modules are
 * summarised once into plain data and cached per repository root, per file, keyed on mtime and size, so only the
 * files a linted file actually reaches are read — in scope or not, never written.
 */
import { readFileSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';
import { parsePythonOutline } from '../../transforms/python/syntax.js';
import { summarizeModule, type ModuleSummary } from './module-summary.js';

interface CachedModule {
  mtimeMs: number;
  size: number;
  summary: ModuleSummary | undefined;
}

/** Module summaries of one repository root, per file, re-read when a file's mtime or size changes. */
export class ModelIndex {
  private readonly modules = new Map<string, CachedModule>();

  /** `root` bounds what is read: files outside it are never opened (undefined: no bound). */
  constructor(readonly root: string | undefined) {}

  /** The summary of a `.py` file, or undefined when it does not exist, is outside the root, or does not parse. */
  summaryOf(file: string): ModuleSummary | undefined {
    if (!this.contains(file)) return undefined;
    const stats = statOf(file);
    if (!stats) {
      this.modules.delete(file);
      return undefined;
    }
    if (!stats.isFile()) return undefined;
    const cached = this.modules.get(file);
    if (cached && cached.mtimeMs === stats.mtimeMs && cached.size === stats.size) return cached.summary;
    let summary: ModuleSummary | undefined;
    try {
      const text = readFileSync(file, 'utf8');
      const parsed = parsePythonOutline(text);
      summary = parsed.ok ? summarizeModule(text, parsed.ast) : undefined;
    } catch {
      summary = undefined;
    }
    this.modules.set(file, { mtimeMs: stats.mtimeMs, size: stats.size, summary });
    return summary;
  }

  exists(file: string): boolean {
    return this.contains(file) && statOf(file)?.isFile() === true;
  }

  isDirectory(dir: string): boolean {
    return this.contains(dir) && statOf(dir)?.isDirectory() === true;
  }

  contains(file: string): boolean {
    if (this.root === undefined) return true;
    const relative = path.relative(this.root, file);
    return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
  }
}

/**
 * A path's stats, undefined when it does not exist. Most paths asked about do not (each import is looked for in every
 * directory a module may start from), and a thrown ENOENT cost 7 times the `stat` itself.
 */
function statOf(file: string): Stats | undefined {
  try {
    return statSync(file, { throwIfNoEntry: false });
  } catch {
    return undefined; // not a directory on the way, no access, …
  }
}

const indexes = new Map<string, ModelIndex>();

/** The index of one repository root (ESLint's cwd in the CLI), shared by every file linted under it. */
export function modelIndexFor(root: string | undefined): ModelIndex {
  const key = root ?? '';
  let index = indexes.get(key);
  if (!index) indexes.set(key, (index = new ModelIndex(root)));
  return index;
}

/** For tests: forget every cached module. */
export function clearModelIndexCache(): void {
  indexes.clear();
}
