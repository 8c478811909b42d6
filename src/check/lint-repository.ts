import { existsSync } from 'node:fs';
import path from 'node:path';
import type { RuleName } from '../../rules/kinds.js';
import { repoPath, toPosix } from '../../rules/project/paths.js';
import { resolveGatedVersions } from '../../rules/project/npm-versions.js';
import { resolvePydanticVersion } from '../../rules/project/pydantic-version.js';
import type { DeprecfixConfig } from '../config.js';
import { isPythonFile } from '../languages.js';
import { largeFileDetail, lintFiles, type Failure, type Finding } from '../lint.js';
import type { Progress } from '../progress.js';
import type { ParsedTsconfig, SourceFileCache } from '../project.js';
import { typeScriptSide } from '../typescript-side.js';
import { readSource } from '../write.js';
import {
  dependencyHashes,
  programRecord,
  readLintCache,
  sha1,
  staticCacheKey,
  unchangedProgram,
  writeLintCache,
  type CacheEntry,
  type CheckCache,
  type ProgramRecord,
} from './lint-cache.js';
import type ts from 'typescript';

/**
 * Linting the whole repository for the gate, with a cache that cannot change a count (`./lint-cache.ts`).
 *
 * Type information comes from the project's own tsconfig files, chosen per file as typescript-eslint's project
 * service chooses them (the nearest tsconfig.json that includes the file; the root one's options for files no
 * tsconfig includes), because a finding such as `buffer-slice` exists only where the type checker proves a Buffer:
 * a different program would count differently than ESLint, and the same baseline file must work with both.
 */

interface RepositoryLint {
  findings: Finding[];
  failures: Failure[];
}

interface SourceEntry {
  file: string;
  absPath: string;
  text: string;
  hash: string;
}

/**
 * Lints `targets` (repository-relative) with the programs typescript-eslint's project service would use.
 *
 * The cache keeps each file's findings under a key of everything they can depend on: the file's text, the texts
 * of every file it imports (transitively, including declaration files in node_modules), every file that declares
 * globals (scripts, `declare global`, automatic `@types`), its tsconfig's options, the library versions its
 * directory resolves, the rules and their options, and deprecfix itself. Python files depend on every Python file
 * (the pydantic model index is repository-wide). So a cached count is the count a fresh lint would give.
 */
export function lintRepository(
  repoRoot: string,
  allFiles: readonly string[],
  targets: readonly string[],
  options: {
    rules?: RuleName[];
    config: DeprecfixConfig;
    cache?: boolean;
    progress?: Progress;
    /** Where the cache lives (src/cache.ts): `check.json` of `repoRoot` by default; `history` passes its own. */
    cacheAt?: { repoRoot: string; name: string };
    /** Parsed files to share with other runs in this process (`history` lints many commits with the same lib files). */
    sourceFileCache?: SourceFileCache;
  },
): RepositoryLint {
  const failures: Failure[] = [];
  const sources = new Map<string, SourceEntry>();
  const isTarget = new Set(targets);
  for (const file of allFiles) {
    const absPath = path.join(repoRoot, file);
    try {
      const { text } = readSource(absPath);
      sources.set(file, { file, absPath, text, hash: sha1(text) });
    } catch (error) {
      if (isTarget.has(file)) failures.push({ file, stage: 'parse', message: `cannot read: ${(error as Error).message}` });
    }
  }
  const useCache = options.cache ?? true;
  const cacheAt = options.cacheAt ?? { repoRoot, name: undefined };
  const cache: CheckCache = useCache ? readLintCache(cacheAt.repoRoot, cacheAt.name) : { files: {} };
  const staticKey = staticCacheKey(options.rules, options.config);
  const findings: Finding[] = [];
  const fresh: Record<string, CacheEntry> = {};
  const programs: Record<string, ProgramRecord> = {};
  const lintOptions = { repoRoot, rules: options.rules, config: options.config };

  const lintGroup = (entries: SourceEntry[], keyOf: (entry: SourceEntry) => string, program?: () => ts.Program): void => {
    const stale: (SourceEntry & { key: string })[] = [];
    for (const entry of entries) {
      const key = keyOf(entry);
      const cached = cache.files[entry.file];
      if (cached?.key === key) {
        findings.push(...cached.findings);
        fresh[entry.file] = cached;
      } else stale.push({ ...entry, key });
    }
    if (stale.length === 0) return;
    options.progress?.start(`Linting${program ? ' with types' : ''}`, stale.length);
    const linted = lintFiles(stale, { ...lintOptions, program: program?.() }, () => options.progress?.tick(), (input) => options.progress?.working(largeFileDetail(input)));
    failures.push(...linted.failures);
    findings.push(...linted.findings);
    const failed = new Set(linted.failures.map((failure) => failure.file));
    for (const entry of stale) if (!failed.has(entry.file)) fresh[entry.file] = { key: entry.key, findings: [] };
    for (const finding of linted.findings) fresh[finding.file]?.findings.push(finding);
  };

  const targetSources = targets.map((file) => sources.get(file)).filter((entry): entry is SourceEntry => entry !== undefined);
  const envKeys = new Map<string, string>();
  const envKeyOf = (entry: SourceEntry, resolve: (dir: string) => unknown): string => {
    const dir = path.dirname(entry.absPath);
    const id = `${isPythonFile(entry.file) ? 'py' : 'ts'}\0${dir}`;
    if (!envKeys.has(id)) envKeys.set(id, JSON.stringify(resolve(dir)));
    return envKeys.get(id)!;
  };

  // TypeScript and JavaScript: one program per tsconfig, as the project service builds them.
  const texts = new Map([...sources.values()].map((entry) => [toPosix(entry.absPath), entry.text]));
  const sourceFileCache: SourceFileCache = options.sourceFileCache ?? new Map();
  const repositoryKey = sha1([...sources.values()].map((entry) => `${entry.file}\0${entry.hash}`).join('\0'));
  for (const group of programGroups(repoRoot, targetSources.filter((entry) => !isPythonFile(entry.file)))) {
    const rootNames = [...new Set([...group.rootNames, ...group.entries.map((entry) => toPosix(entry.absPath))])];
    const groupId = group.configPath ? repoPath(repoRoot, group.configPath) : '';
    const inputs = sha1(JSON.stringify([staticKey, repositoryKey, groupId, group.options, rootNames]));
    let program: ts.Program | undefined;
    const programOf = (): ts.Program => (program ??= typeScriptSide().createProgram({ rootNames, options: group.options, texts, cache: sourceFileCache }));
    // What a file's findings depend on through the program: its imports' texts and the ambient declarations.
    const dependencyKeysOf = (): Record<string, string> => {
      const hashes = dependencyHashes(programOf(), (sourceFile) => sources.get(repoPath(repoRoot, sourceFile.fileName))?.hash);
      const groupKey = sha1(JSON.stringify([staticKey, groupId, group.options, hashes.ambient]));
      return Object.fromEntries(group.entries.map((entry) => [entry.file, sha1(`${groupKey}\0${hashes.of(toPosix(entry.absPath))}`)]));
    };
    const record =
      unchangedProgram(cache.programs?.[groupId], inputs) ??
      programRecord(inputs, dependencyKeysOf(), programOf(), (fileName) => sources.has(repoPath(repoRoot, fileName)));
    programs[groupId] = record;
    const envKey = (entry: SourceEntry) => envKeyOf(entry, (dir) => resolveGatedVersions(dir, repoRoot));
    lintGroup(group.entries, (entry) => sha1(`${record.dependencyKeys[entry.file]}\0${envKey(entry)}`), programOf);
  }

  // Python: linted without a program; the model index reads every Python file of the repository.
  const python = [...sources.values()].filter((entry) => isPythonFile(entry.file));
  const pythonKey = sha1([staticKey, ...python.map((entry) => `${entry.file}\0${entry.hash}`)].join('\0'));
  lintGroup(
    targetSources.filter((entry) => isPythonFile(entry.file)),
    (entry) => sha1([pythonKey, entry.file, entry.hash, envKeyOf(entry, (dir) => resolvePydanticVersion(dir, repoRoot) ?? null)].join('\0')),
  );
  options.progress?.done();

  if (useCache) writeLintCache(cacheAt.repoRoot, cache, { files: fresh, programs }, (file) => sources.has(file), cacheAt.name);
  return { findings, failures };
}

interface ProgramGroup {
  /** The tsconfig.json that includes these files; undefined for files no tsconfig includes. */
  configPath?: string;
  options: ts.CompilerOptions;
  rootNames: string[];
  entries: SourceEntry[];
}

/**
 * Groups files by the program typescript-eslint's `projectService` lints them with: the nearest tsconfig.json
 * (from the file's directory up to the repository root) whose file list includes the file — its program has all
 * of that tsconfig's files — or, for files no tsconfig includes, the default project with the root tsconfig's
 * options (what `allowDefaultProject` gives them), here with `allowJs` so JavaScript files can be in it.
 */
function programGroups(repoRoot: string, entries: readonly SourceEntry[]): ProgramGroup[] {
  if (entries.length === 0) return [];
  const { parseTsconfig, DEFAULT_COMPILER_OPTIONS } = typeScriptSide();
  const configs = new Map<string, ParsedTsconfig | undefined>();
  const parsedConfig = (configPath: string) => {
    if (!configs.has(configPath)) configs.set(configPath, parseTsconfig(repoRoot, configPath));
    return configs.get(configPath);
  };
  const groups = new Map<string, ProgramGroup>();
  const fallback: SourceEntry[] = [];
  for (const entry of entries) {
    const posix = toPosix(entry.absPath);
    let owner: string | undefined;
    for (let dir = path.dirname(entry.absPath); ; dir = path.dirname(dir)) {
      const configPath = path.join(dir, 'tsconfig.json');
      if (existsSync(configPath) && parsedConfig(configPath)?.includes.has(posix)) {
        owner = configPath;
        break;
      }
      if (dir === repoRoot || path.dirname(dir) === dir) break;
    }
    if (!owner) {
      fallback.push(entry);
      continue;
    }
    const config = parsedConfig(owner)!;
    let group = groups.get(owner);
    if (!group) groups.set(owner, (group = { configPath: owner, options: config.options, rootNames: config.fileNames, entries: [] }));
    group.entries.push(entry);
  }
  const result = [...groups.values()];
  if (fallback.length > 0) {
    const rootConfig = path.join(repoRoot, 'tsconfig.json');
    const base = existsSync(rootConfig) ? parsedConfig(rootConfig)?.options : undefined;
    const options: ts.CompilerOptions = { ...(base ?? DEFAULT_COMPILER_OPTIONS), allowJs: true, noEmit: true };
    result.push({ options, rootNames: fallback.map((entry) => toPosix(entry.absPath)), entries: fallback });
  }
  return result;
}
