import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { RuleName } from '../../rules/kinds.js';
import { resolveGatedVersions } from '../../rules/project/npm-versions.js';
import { resolvePydanticVersion } from '../../rules/project/pydantic-version.js';
import { cacheDir, readCacheFile, writeCacheFile } from '../cache.js';
import { sha1, staticCacheKey } from '../check/lint-cache.js';
import { lintRepository } from '../check/lint-repository.js';
import { ruleIdsOf } from '../check/result.js';
import { loadConfig, type DeprecfixConfig } from '../config.js';
import { UsageError } from '../errors.js';
import { selectFiles } from '../files.js';
import { isSourceFile } from '../languages.js';
import { type Failure, type Finding } from '../lint.js';
import { lintScope } from '../lint-scope.js';
import { findManifest, findRepoRoot } from '../manifest/find-manifest.js';
import { loadManifest } from '../manifest/load-manifest.js';
import { displayPath, type Manifest } from '../manifest/manifest.js';
import { resolveScope } from '../manifest/resolve-scope.js';
import { parseScopeSpec } from '../manifest/scope-spec.js';
import { silentProgress, type Progress } from '../progress.js';
import type { SourceFileCache } from '../project.js';
import { splitBySymbols } from '../scope.js';
import { rangeCommits, type RangeCommit, type RangeSelection } from './commits.js';
import { ShadowTree } from './shadow-tree.js';
import type { HistoryPoint, RuleCounts } from './point.js';

export type { HistoryPoint, RuleCounts } from './point.js';

/**
 * `deprecfix history`: the finding counts at each commit of a range — the burn-down of a team's deprecations across
 * its phases. Each commit is counted by the same code as a checkout of it would be, from a private copy of its
 * files (`./shadow-tree.ts`; the user's working tree is never touched): the whole repository as `deprecfix check`
 * lints it (the gate's count, the baseline's sum: its file policy, its per-tsconfig programs and its lint cache), and
 * the scope as `deprecfix scan --scope` lints it (one program of the scoped files, `#Symbol` narrowing). Both run
 * the type checker, so type-dependent kinds (`buffer-slice`, `model-method-rename`) count as they would there.
 */

export interface HistoryRequest extends RangeSelection {
  cwd: string;
  /** `--git A..B`. */
  range: string;
  /** `--scope`: a spec of the working tree's manifest; without it the scope is the whole repository. */
  scope?: string;
  manifest?: string;
  rules?: RuleName[];
  progress?: Progress;
}

export interface HistoryResult {
  range: string;
  /** Null without `--scope` (in scope = the whole repository). */
  scope: { spec: string; scopes: string[]; manifest: string; manifestFrom: 'working tree' } | null;
  points: HistoryPoint[];
  /** How much was computed: a re-run of the same range computes nothing (`fromCache` = every commit). */
  stats: { commits: number; fromCache: number; filesLinted: number };
}

/** Bumped when the cached findings' meaning changes. */
const CACHE_FORMAT = 1;
const HISTORY_CACHE = 'history.json';
/** The gate's lint cache, kept apart so walking old commits never evicts the working tree's entries. */
const HISTORY_LINT_CACHE = 'history-lint.json';
/** Trees kept in the cache: about a year of daily commits; the oldest-used are dropped first. */
const MAX_CACHED_TREES = 400;

interface TreeEntry {
  repository: RuleCounts;
  /** By scope key (`scopeKey`): the scan of that scope at this tree. */
  scopes: Record<string, { inScope: RuleCounts; unparsed: string[] }>;
  unparsed: string[];
  /** When this entry was last used (ms), for eviction. */
  used: number;
}

interface HistoryCache {
  format: number;
  trees: Record<string, TreeEntry>;
}

export function runHistory(request: HistoryRequest): HistoryResult {
  const cwd = path.resolve(request.cwd);
  const repoRoot = findRepoRoot(cwd);
  if (!repoRoot) throw new UsageError(`history reads git history, and ${cwd} is not inside a git repository`, 'run it in a repository, or pass --cwd');
  const manifest = request.scope === undefined ? undefined : loadWorkingManifest(cwd, request.manifest, request.scope);
  const commits = rangeCommits(repoRoot, request.range, request);
  const progress = request.progress ?? silentProgress;
  const cachePath = path.join(cacheDir(repoRoot), HISTORY_CACHE);
  const cache = readCacheFile<HistoryCache>(cachePath, (candidate) => candidate.format === CACHE_FORMAT && typeof candidate.trees === 'object') ?? { format: CACHE_FORMAT, trees: {} };
  const stats = { commits: commits.length, fromCache: 0, filesLinted: 0 };
  // Counts the files the gate's lint actually lints (its progress ticks once per linted file).
  const counting: Progress = { ...progress, tick: () => (stats.filesLinted++, progress.tick()) };

  const shadow = new ShadowTree(repoRoot);
  const points: HistoryPoint[] = [];
  // One parse of the lib files and of each unchanged file for the whole range, not one per commit.
  const parsed: SourceFileCache = new Map();
  const scopeKey = manifest ? sha1(JSON.stringify([request.scope, readFileSync(manifest.path, 'utf8')])) : '';
  try {
    for (const commit of commits) {
      const { files } = shadow.moveTo(commit.commit);
      const root = shadow.root;
      const config = loadConfig(root, undefined, root);
      const key = sha1(JSON.stringify([CACHE_FORMAT, staticCacheKey(request.rules, config), commit.tree, environmentOf(root)]));
      const ruleIds = ruleIdsOf(request.rules, config);
      let entry = cache.trees[key];
      const cached = entry !== undefined && (!manifest || entry.scopes[scopeKey] !== undefined);
      if (cached) stats.fromCache++;
      if (!entry) {
        // `check`'s file list: tracked files (git ls-tree) through the file policy; a broken symlink is no file.
        const sources = selectFiles(root, files.filter(isSourceFile), config).files.filter((file) => existsSync(path.join(root, file)));
        const linted = lintRepository(root, sources, sources, { rules: request.rules, config, progress: counting, cacheAt: { repoRoot, name: HISTORY_LINT_CACHE }, sourceFileCache: parsed });
        entry = { repository: countByRule(linted.findings, ruleIds), scopes: {}, unparsed: unparsedFiles(linted.failures), used: 0 };
        cache.trees[key] = entry;
      }
      if (manifest && !entry.scopes[scopeKey]) entry.scopes[scopeKey] = scanScope(root, manifest, request, config, ruleIds, counting, parsed);
      entry.used = Date.now();
      points.push(pointOf(commit, entry, manifest ? entry.scopes[scopeKey] : undefined));
    }
  } finally {
    shadow.dispose();
  }
  writeCacheFile(cachePath, { format: CACHE_FORMAT, trees: newestTrees(cache.trees) });
  return {
    range: request.range,
    scope: manifest ? { spec: request.scope!, scopes: parseScopeSpec(request.scope!, manifest), manifest: displayPath(manifest.path, repoRoot), manifestFrom: 'working tree' } : null,
    points,
    stats,
  };
}

/**
 * The working tree's manifest, checked against the spec before any commit is read (an unknown scope is exit 2 at
 * once). Today's manifest, not each commit's: the phases are defined now (often recorded after the fact with
 * `manifest record`), and the burn-down asks how the debt in today's phase files moved — an old commit that
 * predates the manifest, or a later phase's entry, would otherwise have no scope at all.
 */
function loadWorkingManifest(cwd: string, explicit: string | undefined, spec: string): Manifest {
  const manifest = loadManifest(findManifest(cwd, explicit));
  parseScopeSpec(spec, manifest);
  return manifest;
}

/**
 * `scan --scope` at this commit: today's manifest resolved against the commit's files (an entry for a file that did
 * not exist yet, or any more, counts 0; a `#Symbol` not defined yet narrows to nothing), linted in one program as
 * scan lints it.
 */
function scanScope(
  root: string,
  manifest: Manifest,
  request: HistoryRequest,
  config: DeprecfixConfig,
  ruleIds: readonly string[],
  progress: Progress,
  parsed: SourceFileCache,
): TreeEntry['scopes'][string] {
  const scope = resolveScope(manifest, request.scope!, { repoRoot: root, policy: config, missingSymbols: 'none' });
  const linted = lintScope(root, scope.files, { rules: request.rules, config, rewriteSet: scope.files }, progress, parsed);
  const { inScope } = splitBySymbols(scope, linted.first.findings, linted.textOf);
  return { inScope: countByRule(inScope, ruleIds), unparsed: unparsedFiles(linted.first.failures) };
}

function unparsedFiles(failures: readonly Failure[]): string[] {
  return [...new Set(failures.map((failure) => failure.file))].sort();
}

function pointOf(commit: RangeCommit, entry: TreeEntry, scope: TreeEntry['scopes'][string] | undefined): HistoryPoint {
  const inScope = scope?.inScope ?? entry.repository;
  const unparsed = [...new Set([...entry.unparsed, ...(scope?.unparsed ?? [])])].sort();
  return {
    commit: commit.commit,
    shortCommit: commit.shortCommit,
    date: commit.date,
    subject: commit.subject,
    ...(commit.tags.length > 0 ? { tags: commit.tags } : {}),
    total: inScope.total,
    inScope,
    repository: entry.repository,
    ...(unparsed.length > 0 ? { unparsed } : {}),
  };
}

function countByRule(findings: readonly Pick<Finding, 'ruleId'>[], ruleIds: readonly string[]): RuleCounts {
  const byRule: Record<string, number> = Object.fromEntries(ruleIds.map((id) => [id, 0]));
  for (const finding of findings) byRule[finding.ruleId] = (byRule[finding.ruleId] ?? 0) + 1;
  return { total: findings.length, byRule };
}

/**
 * What a tree's findings depend on besides its own files: the library versions the version gates read (from the
 * linked node_modules) and a stamp of the last install, which also covers the `@types` the programs load.
 */
function environmentOf(root: string): unknown {
  const installed = path.join(root, 'node_modules', '.package-lock.json');
  let stamp = 'none';
  try {
    const stats = statSync(installed);
    stamp = `${stats.size}:${stats.mtimeMs}`;
  } catch {
    // no npm install record
  }
  return [resolveGatedVersions(root, root), resolvePydanticVersion(root, root) ?? null, stamp];
}

function newestTrees(trees: Record<string, TreeEntry>): Record<string, TreeEntry> {
  return Object.fromEntries(
    Object.entries(trees)
      .sort(([, a], [, b]) => b.used - a.used)
      .slice(0, MAX_CACHED_TREES),
  );
}
