/**
 * `deprecfix manifest list`: each scope with its entries, and which entries have gone stale — a listed file that no
 * longer exists, a glob or directory that matches nothing, a `#Symbol` whose function or method is gone. Stale entries
 * are normal (a file deleted after its phase); listing them is how a team notices and prunes them.
 */
import fs from 'node:fs';
import path from 'node:path';
import { isDynamicPattern } from 'tinyglobby';
import { UsageError } from '../errors.js';
import { isSourceFile } from '../languages.js';
import { readSymbols } from '../symbols/index.js';
import { directoryFiles, globFiles, literalTarget, repoRelativePattern } from './entry-files.js';
import { findRepoRoot } from './find-manifest.js';
import type { Manifest } from './manifest.js';

export type EntryKind = 'file' | 'directory' | 'glob' | 'exclude' | 'symbol';

export interface ListedEntry {
  entry: string;
  kind: EntryKind;
  /** Why the entry no longer matches what it named; absent when it is current. */
  stale?: string;
}

export interface ListedScope {
  name: string;
  note?: string;
  entries: ListedEntry[];
}

export interface ManifestListing {
  manifest: string;
  repoRoot: string;
  scopes: ListedScope[];
  /** How many entries are stale, over all scopes. */
  stale: number;
}

export function listManifest(manifest: Manifest, cwd: string): ManifestListing {
  const repoRoot = findRepoRoot(cwd) ?? path.dirname(manifest.path);
  const scopes = manifest.scopes.map(({ name, note, entries }): ListedScope => ({
    name,
    ...(note !== undefined && { note }),
    entries: entries.map(({ pattern }) => describeEntry(pattern, repoRoot)),
  }));
  const stale = scopes.reduce((sum, scope) => sum + scope.entries.filter((entry) => entry.stale !== undefined).length, 0);
  return { manifest: manifest.path, repoRoot, scopes, stale };
}

function describeEntry(entry: string, repoRoot: string): ListedEntry {
  if (entry.startsWith('!')) return { entry, kind: 'exclude' };
  let pattern: string;
  try {
    pattern = repoRelativePattern(entry, entry, repoRoot);
  } catch (error) {
    if (error instanceof UsageError) return { entry, kind: 'file', stale: 'outside the repository root' };
    throw error;
  }
  const hash = symbolSplit(pattern, repoRoot);
  if (hash) return describeSymbol(entry, hash.file, hash.symbol, repoRoot);
  const target = literalTarget(pattern, repoRoot);
  if (target === 'file') return { entry, kind: 'file' };
  if (target === 'directory') {
    return directoryFiles(pattern, repoRoot).length > 0 ? { entry, kind: 'directory' } : { entry, kind: 'directory', stale: 'empty directory' };
  }
  if (isDynamicPattern(pattern)) return globFiles(pattern, repoRoot).length > 0 ? { entry, kind: 'glob' } : { entry, kind: 'glob', stale: 'matches no file' };
  return { entry, kind: 'file', stale: 'file does not exist' };
}

/** `path#Symbol` → its parts, unless the whole entry names an existing file (`notes/c#sharp.ts`). */
function symbolSplit(pattern: string, repoRoot: string): { file: string; symbol: string } | undefined {
  const at = pattern.lastIndexOf('#');
  if (at <= 0 || fs.existsSync(path.join(repoRoot, pattern))) return undefined;
  const symbol = pattern.slice(at + 1);
  if (!/^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*$/.test(symbol)) return undefined;
  return { file: pattern.slice(0, at), symbol };
}

/** A symbol is stale when its file is gone or no longer defines it; a file that does not parse cannot say, so it is not flagged. */
function describeSymbol(entry: string, file: string, symbol: string, repoRoot: string): ListedEntry {
  if (literalTarget(file, repoRoot) !== 'file') return { entry, kind: 'symbol', stale: 'file does not exist' };
  if (!isSourceFile(file)) return { entry, kind: 'symbol', stale: 'not a supported source file' };
  const { symbols, syntaxError } = readSymbols(file, fs.readFileSync(path.join(repoRoot, file), 'utf8'));
  if (symbols.some((candidate) => candidate.name === symbol) || syntaxError) return { entry, kind: 'symbol' };
  return { entry, kind: 'symbol', stale: `${file} no longer defines ${symbol}` };
}
