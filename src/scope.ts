import path from 'node:path';
import { findManifest, findRepoRoot, loadManifest, resolveScope, type Scope } from './manifest.js';

export interface ScopeRequest {
  cwd: string;
  /** `--manifest`: a JSON or plain-text manifest; default `deprecfix.manifest.json` found from cwd upward. */
  manifest?: string;
  /** The scope spec (`phase10-12`, `a,b`, `all`). */
  scope: string;
  strictManifest?: boolean;
}

/**
 * Finds and reads the manifest and resolves the spec against the repository. The repository root is the git
 * root of the working directory; outside git, the directory of the manifest that was found (or the working
 * directory when the manifest was named explicitly).
 */
export function loadScope(request: ScopeRequest): Scope {
  const cwd = path.resolve(request.cwd);
  const manifestPath = findManifest(cwd, request.manifest);
  const manifest = loadManifest(manifestPath);
  const repoRoot = findRepoRoot(cwd) ?? (request.manifest ? cwd : path.dirname(manifestPath));
  return resolveScope(manifest, request.scope, { repoRoot, strictManifest: request.strictManifest ?? false });
}
