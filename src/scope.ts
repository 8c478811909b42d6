import path from 'node:path';
import { loadConfig } from './config.js';
import { findManifest, findRepoRoot } from './manifest/find-manifest.js';
import { loadManifest } from './manifest/load-manifest.js';
import { resolveScope, type Scope } from './manifest/resolve-scope.js';

export interface ScopeRequest {
  cwd: string;
  /** `--manifest`: a JSON or plain-text manifest; default `deprecfix.manifest.json` found from cwd upward. */
  manifest?: string;
  /** The scope spec (`phase10-12`, `a,b`, `all`). */
  scope: string;
  strictManifest?: boolean;
  /** `--config`: its `ignores` and `include` decide which files a scope can reach (src/files.ts). */
  config?: string;
}

/**
 * Finds and reads the manifest and resolves the spec against the repository. The repository root is the git
 * root of the working directory; outside git, the directory of the manifest that was found (or the working
 * directory when the manifest was named explicitly).
 */
export function loadScope(request: ScopeRequest): Scope & { manifestPath: string } {
  const cwd = path.resolve(request.cwd);
  const manifestPath = findManifest(cwd, request.manifest);
  const manifest = loadManifest(manifestPath);
  const repoRoot = findRepoRoot(cwd) ?? (request.manifest ? cwd : path.dirname(manifestPath));
  const policy = loadConfig(repoRoot, request.config, request.cwd);
  return { ...resolveScope(manifest, request.scope, { repoRoot, strictManifest: request.strictManifest ?? false, policy }), manifestPath };
}
