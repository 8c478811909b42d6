/**
 * The touched-paths manifest as loaded (CONTRACT §3): its scopes in file order, each a list of entries. This module
 * owns the `Manifest` data type; finding the file is find-manifest.ts, reading it load-manifest.ts (plain text) and
 * json-manifest.ts (JSON), the `--scope` grammar scope-spec.ts, and turning a spec into files resolve-scope.ts.
 */
import path from 'node:path';
import type { ManifestEntry } from './entry.js';

export const MANIFEST_FILE_NAME = 'deprecfix.manifest.json';

/** The scope name a plain-text manifest (one path per line) is loaded under. */
export const TEXT_MANIFEST_SCOPE = 'default';

export interface ManifestScope {
  name: string;
  note?: string;
  entries: ManifestEntry[];
  line: number;
}

export interface Manifest {
  /** Absolute path of the manifest file. */
  path: string;
  format: 'json' | 'text';
  /** In file order: `all` and `a,b` specs resolve in this order. */
  scopes: ManifestScope[];
}

/** For `deprecfix manifest list`. */
export function listScopes(manifest: Manifest): { name: string; note?: string; entries: string[] }[] {
  return manifest.scopes.map(({ name, note, entries }) => ({
    name,
    ...(note !== undefined && { note }),
    entries: entries.map((entry) => entry.pattern),
  }));
}

/** Relative to `base` when the file is under it (short messages), else absolute. */
export function displayPath(file: string, base = process.cwd()): string {
  const relative = path.relative(base, file);
  const outside = relative === '' || relative.startsWith('..') || path.isAbsolute(relative);
  return outside ? file : relative.split(path.sep).join('/');
}
