import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Linter } from 'eslint';
import pc from 'picocolors';
import { PLUGIN_PREFIX, RULES, type RuleName } from '../rules/kinds.js';
import {
  allowedTotal,
  compareWithBaseline,
  displayPath,
  pruneBaseline,
  readBaseline,
  resolveBaselinePath,
  updateBaseline,
  writeBaseline,
  type Baseline,
  type BaselineEntry,
} from './baseline.js';
import { loadConfig, type DeprecfixConfig } from './config.js';
import { UsageError } from './errors.js';
import { isPythonFile } from './languages.js';
import { largeFileDetail, lintFiles, type Finding } from './lint.js';
import { findRepoRoot } from './manifest.js';
import type { Progress } from './progress.js';
import { resolvePydanticVersion } from '../rules/project/pydantic-version.js';
import { printerFor, type OutputFormat, type PrintInput } from './printers/index.js';
import type { Failure } from './lint.js';
import { countFindings, TOOL_NAME } from './report.js';
import { markdownCode, markdownText } from './printers/markdown-text.js';
import { cacheDir, readCacheFile, writeCacheFile } from './cache.js';
import { listRepoFiles, skippedNote, type SkippedFile } from './files.js';
import { TOOL_VERSION } from '../rules/package.js';
import { resolveGatedVersions } from '../rules/project/npm-versions.js';
import { readSource } from './write.js';
import { repoPath, toPosix } from '../rules/project/paths.js';
import { createProgram, DEFAULT_COMPILER_OPTIONS, parseTsconfig, type ParsedTsconfig, type SourceFileCache } from './project.js';
// `require`, not `import`: see src/project.ts.
import ts = require('typescript');

/**
 * The CI gate (CONTRACT §6): lint every supported file of the repository with full type information, exactly as
 * plain ESLint with `configs.strict` would, and compare the counts per file and rule with the baseline
 * (`src/baseline.ts`). A run can be one shard of a CI matrix; its `CheckResult` is written with `--output` and
 * `deprecfix report merge` combines the shards and applies the same gate.
 *
 * Type information comes from the project's own tsconfig files, chosen per file as typescript-eslint's project
 * service chooses them (the nearest tsconfig.json that includes the file; the root one's options for files no
 * tsconfig includes), because a finding such as `buffer-slice` exists only where the type checker proves a Buffer:
 * a different program would count differently than ESLint, and the same baseline file must work with both.
 */

// ---------------------------------------------------------------------------------------------------------------
// Results

export interface Shard {
  /** 1-based. */
  index: number;
  count: number;
}

/** What one check run saw: written by `check --output`, read back by `report merge`. */
export interface CheckResult {
  tool: { name: string; version: string };
  /** Marks the file as a check result, so `report merge` rejects anything else by name. */
  type: typeof CHECK_RESULT_TYPE;
  shard: Shard;
  /** Hash of the whole repository's file list: shards of different checkouts must not be merged. */
  fileSet: string;
  totalFiles: number;
  /** Rule ids that ran; the baseline entries of other rules are not judged. */
  rules: string[];
  /** The files this run linted (all of them, or this shard's). */
  files: string[];
  findings: Finding[];
  failures: Failure[];
  /** Files of the repository left out as vendored, minified or generated, or by the config's `ignores`. */
  skipped?: SkippedFile[];
}

export const CHECK_RESULT_TYPE = 'deprecfix-check-result';

/** A finding counted against the baseline entry it exceeds. */
export interface Regression extends BaselineEntry {
  /** Every finding of the file and rule: which of them are new, the count-only baseline cannot tell. */
  findings: Finding[];
}

/** The gate's decision on a result: what `check` and `report merge` print and exit with. */
export interface CheckVerdict {
  result: CheckResult;
  repoRoot: string;
  /** Absolute path of the baseline file. */
  baselineFile: string;
  /** `--baseline` as the user would type it again in the tighten hint, when it is not the default. */
  baselineOption?: string;
  strict: boolean;
  /** The whole repository was seen (not one shard): files in the baseline that were not linted are gone. */
  complete: boolean;
  regressions: Regression[];
  stale: BaselineEntry[];
  /** Findings counted, and what the baseline allows for the judged files and rules. */
  total: number;
  allowed: number;
  /** 0 pass, 1 regression (or a stale baseline with --strict), 3 some files could not be linted. */
  exitCode: 0 | 1 | 3;
}

export interface CheckRequest {
  cwd: string;
  baseline?: string;
  strict?: boolean;
  rules?: RuleName[];
  config?: string;
  shard?: Shard;
  /** Reuse findings of unchanged files (and unchanged dependencies) from the last run; default true. */
  cache?: boolean;
  progress?: Progress;
}

export function runCheck(request: CheckRequest): CheckVerdict {
  const cwd = path.resolve(request.cwd);
  const repoRoot = findRepoRoot(cwd) ?? cwd;
  const baselineFile = resolveBaselinePath(repoRoot, cwd, request.baseline);
  // Before the long part: a missing or malformed baseline is exit 2 at once.
  const baseline = readBaseline(baselineFile, cwd);
  const config = loadConfig(repoRoot, request.config, cwd);
  const result = checkRepository(repoRoot, { rules: request.rules, config, shard: request.shard, cache: request.cache, progress: request.progress });
  return judgeCheck(result, baseline, { repoRoot, baselineFile, baselineOption: request.baseline, strict: request.strict ?? false });
}

export interface MergeRequest {
  cwd: string;
  /** Results written by `check --shard i/n --output <file>`. */
  files: string[];
  baseline?: string;
  strict?: boolean;
}

/** `deprecfix report merge`: the shards of one run as one result, judged by the same gate as `check`. */
export function runMerge(request: MergeRequest): CheckVerdict {
  const cwd = path.resolve(request.cwd);
  const repoRoot = findRepoRoot(cwd) ?? cwd;
  const baselineFile = resolveBaselinePath(repoRoot, cwd, request.baseline);
  const baseline = readBaseline(baselineFile, cwd);
  const merged = mergeCheckResults(
    request.files.map((file) => readCheckResult(file, cwd)),
    request.files,
  );
  return judgeCheck(merged, baseline, { repoRoot, baselineFile, baselineOption: request.baseline, strict: request.strict ?? false });
}

/** Lints the repository (or one shard of it) into a `CheckResult`. */
export function checkRepository(
  repoRoot: string,
  options: { rules?: RuleName[]; config: DeprecfixConfig; shard?: Shard; cache?: boolean; progress?: Progress },
): CheckResult {
  // git lists a tracked file deleted in the working tree; for the gate it is gone.
  const listed = listRepoFiles(repoRoot, options.config);
  const allFiles = listed.files.filter((file) => existsSync(path.join(repoRoot, file)));
  const shard = options.shard ?? { index: 1, count: 1 };
  const files = shard.count === 1 ? allFiles : shardFiles(repoRoot, allFiles, shard);
  const linted = lintRepository(repoRoot, allFiles, files, options);
  return {
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    type: CHECK_RESULT_TYPE,
    shard,
    fileSet: fileSetHash(allFiles),
    totalFiles: allFiles.length,
    rules: ruleIdsOf(options.rules, options.config),
    files,
    findings: linted.findings.sort(byPosition),
    failures: linted.failures,
    ...(listed.skipped.length > 0 ? { skipped: listed.skipped } : {}),
  };
}

/** The note a check or baseline run prints about the files it left out. */
function notesOf(result: CheckResult): string[] {
  const note = skippedNote(result.skipped ?? [], 'in the repository');
  return note ? [note] : [];
}

/** The rule ids a run with these options reports, as the baseline names them. */
export function ruleIdsOf(rules: readonly RuleName[] | undefined, config: DeprecfixConfig): string[] {
  return (rules ?? (Object.keys(RULES) as RuleName[])).filter((name) => config.rules[name] !== 'off').map((name) => `${PLUGIN_PREFIX}/${name}`).sort();
}

/** The gate: regressions fail (exit 1); a stale baseline passes with a hint, or fails with `strict`. */
export function judgeCheck(
  result: CheckResult,
  baseline: Baseline,
  options: { repoRoot: string; baselineFile: string; baselineOption?: string; strict: boolean },
): CheckVerdict {
  const complete = result.shard.count === 1;
  const unknown = new Set(result.failures.map((failure) => failure.file));
  const files = new Set(result.files);
  const counts = countFindings(result.findings).byFile;
  const { regressions, stale } = compareWithBaseline(baseline, counts, { rules: result.rules, files, unknown, complete });
  const judged: Baseline = complete ? baseline : Object.fromEntries(Object.entries(baseline).filter(([file]) => files.has(file)));
  const failed = regressions.length > 0 || (options.strict && stale.length > 0);
  return {
    result,
    repoRoot: options.repoRoot,
    baselineFile: options.baselineFile,
    ...(options.baselineOption ? { baselineOption: options.baselineOption } : {}),
    strict: options.strict,
    complete,
    regressions: regressions.map((entry) => ({
      ...entry,
      findings: result.findings.filter((finding) => finding.file === entry.file && finding.ruleId === entry.ruleId),
    })),
    stale,
    total: result.findings.length,
    allowed: allowedTotal(judged, result.rules),
    exitCode: failed ? 1 : result.failures.length > 0 ? 3 : 0,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Shards

/** `i/n` with 1 ≤ i ≤ n. */
export function parseShard(spec: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(spec.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count) {
    throw new UsageError(`--shard ${spec}: expected i/n with 1 ≤ i ≤ n (e.g. 1/4)`);
  }
  return { index, count };
}

/**
 * Every file costs about this much on top of its size (ESLint's per-file setup: scope analysis with the lib
 * globals, rule listeners), so shards of many small files are not under-weighted.
 */
const FILE_OVERHEAD_BYTES = 2048;

/**
 * Splits the files into `count` shards: ordered by a hash of the path (the same on every machine, and a new file
 * moves only its neighbours), then cut where the running total of weights crosses each 1/count — so every shard
 * gets about the same amount of code. Each file lands in exactly one shard.
 */
export function assignShards(files: readonly { file: string; size: number }[], count: number): Map<string, number> {
  const ordered = files
    .map((entry) => ({ ...entry, hash: createHash('sha1').update(entry.file).digest('hex'), weight: entry.size + FILE_OVERHEAD_BYTES }))
    .sort((a, b) => compareStrings(a.hash, b.hash) || compareStrings(a.file, b.file));
  const total = ordered.reduce((sum, entry) => sum + entry.weight, 0);
  const shards = new Map<string, number>();
  let before = 0;
  for (const entry of ordered) {
    // The file's midpoint decides, so a large file sits in the shard that holds most of it.
    const middle = before + entry.weight / 2;
    shards.set(entry.file, Math.min(count, Math.floor((middle / total) * count) + 1));
    before += entry.weight;
  }
  return shards;
}

function shardFiles(repoRoot: string, files: readonly string[], shard: Shard): string[] {
  const sized = files.map((file) => {
    let size = 0;
    try {
      size = statSync(path.join(repoRoot, file)).size;
    } catch {
      // unreadable: reported by the shard that lints it
    }
    return { file, size };
  });
  const shards = assignShards(sized, shard.count);
  return files.filter((file) => shards.get(file) === shard.index);
}

function fileSetHash(files: readonly string[]): string {
  return createHash('sha1').update(files.join('\0')).digest('hex');
}

/** Reads a result written by `check --output`; anything else is a usage error naming the file. */
export function readCheckResult(file: string, cwd = process.cwd()): CheckResult {
  const shown = displayPath(path.resolve(cwd, file), cwd);
  const hint = 'pass the files written by `deprecfix check --shard i/n --output <file>`';
  let data: Partial<CheckResult>;
  try {
    data = JSON.parse(readFileSync(path.resolve(cwd, file), 'utf8')) as Partial<CheckResult>;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`${shown}: ${code ? `cannot read (${code})` : `not valid JSON (${(error as Error).message})`}`, hint);
  }
  const valid =
    data?.type === CHECK_RESULT_TYPE &&
    data.tool?.name === TOOL_NAME &&
    Number.isInteger(data.shard?.index) &&
    Number.isInteger(data.shard?.count) &&
    typeof data.fileSet === 'string' &&
    Number.isInteger(data.totalFiles) &&
    [data.rules, data.files, data.findings, data.failures].every(Array.isArray);
  if (!valid) throw new UsageError(`${shown}: not a deprecfix check result`, hint);
  return data as CheckResult;
}

/**
 * Combines the shards of one run: they must come from the same checkout, version and rules, and together cover
 * the file list exactly once — otherwise the merged counts would silently miss or double files.
 */
export function mergeCheckResults(results: readonly CheckResult[], names: readonly string[] = results.map((_, i) => `#${i + 1}`)): CheckResult {
  if (results.length === 0) throw new UsageError('nothing to merge', 'pass the files written by `deprecfix check --shard i/n --output <file>`');
  const [first] = results;
  const hint = 'merge the outputs of one CI run: every shard 1/n … n/n of the same commit, with the same deprecfix version and --rules';
  for (const [i, result] of results.entries()) {
    const mismatch =
      result.tool.version !== first.tool.version
        ? `deprecfix ${result.tool.version} vs ${first.tool.version}`
        : result.fileSet !== first.fileSet
          ? 'a different list of files (another commit?)'
          : result.shard.count !== first.shard.count
            ? `shard count ${result.shard.count} vs ${first.shard.count}`
            : result.rules.join() !== first.rules.join()
              ? `rules ${result.rules.join(', ')} vs ${first.rules.join(', ')}`
              : undefined;
    if (mismatch) throw new UsageError(`${names[i]} does not belong with ${names[0]}: ${mismatch}`, hint);
  }
  const count = first.shard.count;
  const byIndex = new Map<number, string>();
  for (const [i, result] of results.entries()) {
    const previous = byIndex.get(result.shard.index);
    if (previous) throw new UsageError(`${names[i]} and ${previous} are both shard ${result.shard.index}/${count}`, hint);
    byIndex.set(result.shard.index, names[i]);
  }
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((index) => !byIndex.has(index));
  if (missing.length > 0) throw new UsageError(`shard${missing.length > 1 ? 's' : ''} ${missing.map((index) => `${index}/${count}`).join(', ')} missing`, hint);
  const files = results.flatMap((result) => result.files);
  if (new Set(files).size !== files.length || files.length !== first.totalFiles) {
    throw new UsageError(`the shards do not split the same ${first.totalFiles} files exactly once (file sizes differ between the machines?)`, hint);
  }
  return {
    tool: first.tool,
    type: CHECK_RESULT_TYPE,
    shard: { index: 1, count: 1 },
    fileSet: first.fileSet,
    totalFiles: first.totalFiles,
    rules: first.rules,
    files: files.sort(compareStrings),
    findings: results.flatMap((result) => result.findings).sort(byPosition),
    failures: results.flatMap((result) => result.failures).sort((a, b) => compareStrings(a.file, b.file) || (a.line ?? 0) - (b.line ?? 0)),
    // Every shard listed the same repository, so each carries the same skipped files.
    ...(first.skipped ? { skipped: first.skipped } : {}),
  };
}

export function formatCheckResult(result: CheckResult): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}

// ---------------------------------------------------------------------------------------------------------------
// `deprecfix baseline`

export interface BaselineRequest {
  cwd: string;
  baseline?: string;
  prune?: boolean;
  rules?: RuleName[];
  config?: string;
  cache?: boolean;
  progress?: Progress;
}

export interface BaselineOutcome {
  file: string;
  prune: boolean;
  /** False when the file already said exactly this. */
  written: boolean;
  before: Baseline;
  after: Baseline;
  rules: string[];
  files: number;
  failures: Failure[];
  notes: string[];
  exitCode: 0 | 3;
}

/** Writes the current counts (or, with `prune`, only lowers them); other rules' entries stay as they were. */
export function runBaseline(request: BaselineRequest): BaselineOutcome {
  const cwd = path.resolve(request.cwd);
  const repoRoot = findRepoRoot(cwd) ?? cwd;
  const file = resolveBaselinePath(repoRoot, cwd, request.baseline);
  // --prune tightens an existing baseline and needs one; a first `baseline` starts from nothing.
  const before = request.prune || existsSync(file) ? readBaseline(file, cwd) : {};
  const config = loadConfig(repoRoot, request.config, cwd);
  const result = checkRepository(repoRoot, { rules: request.rules, config, cache: request.cache, progress: request.progress });
  const counts = countFindings(result.findings).byFile;
  const scope = { rules: result.rules, files: new Set(result.files), unknown: new Set(result.failures.map((failure) => failure.file)) };
  const after = request.prune ? pruneBaseline(before, counts, scope) : updateBaseline(before, counts, scope);
  const written = writeBaseline(file, after);
  return {
    file,
    prune: request.prune ?? false,
    written,
    before,
    after,
    rules: result.rules,
    files: result.files.length,
    failures: result.failures,
    notes: notesOf(result),
    exitCode: result.failures.length > 0 ? 3 : 0,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Linting the whole repository, with a cache that cannot change a count

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
function lintRepository(
  repoRoot: string,
  allFiles: readonly string[],
  targets: readonly string[],
  options: { rules?: RuleName[]; config: DeprecfixConfig; cache?: boolean; progress?: Progress },
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
  const cachePath = path.join(cacheDir(repoRoot), 'check.json');
  const cache = (useCache && readCacheFile<CheckCache>(cachePath, (candidate) => candidate.format === CACHE_FORMAT && typeof candidate.files === 'object')) || { files: {} };
  const staticKey = sha1(JSON.stringify([CACHE_FORMAT, TOOL_VERSION, codeFingerprint(), ts.version, Linter.version, options.rules ?? 'all', options.config.rules, options.config.python]));
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
  const sourceFileCache: SourceFileCache = new Map();
  const repositoryKey = sha1([...sources.values()].map((entry) => `${entry.file}\0${entry.hash}`).join('\0'));
  for (const group of programGroups(repoRoot, targetSources.filter((entry) => !isPythonFile(entry.file)))) {
    const rootNames = [...new Set([...group.rootNames, ...group.entries.map((entry) => toPosix(entry.absPath))])];
    const groupId = group.configPath ? repoPath(repoRoot, group.configPath) : '';
    const inputs = sha1(JSON.stringify([staticKey, repositoryKey, groupId, group.options, rootNames]));
    let program: ts.Program | undefined;
    const programOf = (): ts.Program => (program ??= createProgram({ rootNames, options: group.options, texts, cache: sourceFileCache }));
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

  if (useCache) {
    // Keep other shards' entries for files that still exist; their keys decide whether they are still good.
    const kept = Object.fromEntries(Object.entries(cache.files).filter(([file]) => sources.has(file) && !(file in fresh)));
    const keptPrograms = Object.fromEntries(Object.entries(cache.programs ?? {}).filter(([groupId]) => !(groupId in programs)));
    writeCacheFile(cachePath, { format: CACHE_FORMAT, files: { ...kept, ...fresh }, programs: { ...keptPrograms, ...programs } });
  }
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

/** TypeScript's internal view of the program's resolutions (stable since TS 5.0; checked before use). */
interface ProgramResolutions {
  forEachResolvedModule?(callback: (resolution: { resolvedModule?: { resolvedFileName: string } }, name: string, mode: unknown, filePath: string) => void): void;
  forEachResolvedTypeReferenceDirective?(
    callback: (resolution: { resolvedTypeReferenceDirective?: { resolvedFileName?: string } }, name: string, mode: unknown, filePath: string) => void,
  ): void;
}

/**
 * Per file, a hash of its text and everything it (transitively) imports; plus one hash of every file that
 * declares globals, which can change any file's types. Import cycles are hashed as one unit (Tarjan's strongly
 * connected components), so the work is linear in the program's size.
 */
function dependencyHashes(program: ts.Program, knownHash: (sourceFile: ts.SourceFile) => string | undefined): { of(fileName: string): string; ambient: string } {
  const sourceFiles = program.getSourceFiles().filter((sourceFile) => !program.isSourceFileDefaultLibrary(sourceFile));
  const byPath = new Map<string, ts.SourceFile>();
  for (const sourceFile of sourceFiles) {
    byPath.set(sourceFile.fileName, sourceFile);
    const internalPath = (sourceFile as { path?: string }).path;
    if (internalPath) byPath.set(internalPath, sourceFile);
  }
  const edges = new Map<ts.SourceFile, Set<ts.SourceFile>>(sourceFiles.map((sourceFile) => [sourceFile, new Set()]));
  const addEdge = (from: string, to: string | undefined): void => {
    const source = byPath.get(from);
    const target = to === undefined ? undefined : (byPath.get(toPosix(to)) ?? program.getSourceFile(to));
    if (source && target && edges.has(target)) edges.get(source)!.add(target);
  };
  const ambient = new Set<ts.SourceFile>();
  const resolutions = program as unknown as ProgramResolutions;
  if (typeof resolutions.forEachResolvedModule !== 'function' || typeof resolutions.forEachResolvedTypeReferenceDirective !== 'function') {
    // Without the resolutions every file may depend on every other: hash them all together (always correct).
    for (const sourceFile of sourceFiles) ambient.add(sourceFile);
  } else {
    resolutions.forEachResolvedModule((resolution, _name, _mode, filePath) => addEdge(filePath, resolution.resolvedModule?.resolvedFileName));
    resolutions.forEachResolvedTypeReferenceDirective((resolution, _name, _mode, filePath) => {
      const target = resolution.resolvedTypeReferenceDirective?.resolvedFileName;
      addEdge(filePath, target);
      // Automatic @types and `/// <reference types>` declare globals for everyone.
      const sourceFile = target ? program.getSourceFile(target) : undefined;
      if (sourceFile && edges.has(sourceFile)) ambient.add(sourceFile);
    });
  }
  let bound = false;
  for (const sourceFile of sourceFiles) {
    for (const reference of sourceFile.referencedFiles) {
      const base = path.resolve(path.dirname(sourceFile.fileName), reference.fileName);
      const target = [base, `${base}.ts`, `${base}.d.ts`].map((candidate) => program.getSourceFile(candidate)).find(Boolean);
      if (target) addEdge(sourceFile.fileName, target.fileName);
    }
    if (!ts.isExternalModule(sourceFile) && /\.[cm]?jsx?$/.test(sourceFile.fileName) && !bound) {
      // Whether a JS file is a CommonJS module (not a script declaring globals) is known only after binding.
      program.getTypeChecker();
      bound = true;
    }
    const commonJs = (sourceFile as { commonJsModuleIndicator?: unknown }).commonJsModuleIndicator !== undefined;
    const script = !ts.isExternalModule(sourceFile) && !commonJs && !sourceFile.fileName.endsWith('.json');
    if (script || /\bdeclare\s+(?:global|module)\b|\bexport\s+as\s+namespace\b/.test(sourceFile.text)) ambient.add(sourceFile);
  }

  // The module format is the file's too: a package.json `type` can make the same text ESM or CommonJS.
  const ownHash = (sourceFile: ts.SourceFile): string => `${sourceFile.fileName}\0${sourceFile.impliedNodeFormat ?? ''}\0${knownHash(sourceFile) ?? sha1(sourceFile.text)}`;
  const deep = stronglyConnectedHashes(sourceFiles, edges, ownHash);
  // Which lib files are in is global too (a `/// <reference lib="dom" />` in one file gives every file the DOM);
  // their text comes with the TypeScript version, which is in the static key.
  const libs = program.getSourceFiles().filter((sourceFile) => program.isSourceFileDefaultLibrary(sourceFile)).map((sourceFile) => sourceFile.fileName);
  const ambientHash = sha1([...[...ambient].map((sourceFile) => deep.get(sourceFile)!).sort(), '->', ...libs.sort()].join('\0'));
  return {
    of: (fileName) => {
      const sourceFile = byPath.get(fileName) ?? program.getSourceFile(fileName);
      // A file that is not in the program is linted with a parse error; its own text is all there is to key on.
      return sourceFile ? deep.get(sourceFile)! : sha1(`missing\0${fileName}`);
    },
    ambient: ambientHash,
  };
}

/** Tarjan's algorithm, iterative (import chains can be thousands deep); components come out dependencies first. */
function stronglyConnectedHashes<T>(nodes: readonly T[], edges: ReadonlyMap<T, ReadonlySet<T>>, ownHash: (node: T) => string): Map<T, string> {
  const index = new Map<T, number>();
  const low = new Map<T, number>();
  const onStack = new Set<T>();
  const stack: T[] = [];
  const hashes = new Map<T, string>();
  let counter = 0;
  for (const root of nodes) {
    if (index.has(root)) continue;
    const work: { node: T; children: Iterator<T> }[] = [];
    const visit = (node: T): void => {
      index.set(node, counter);
      low.set(node, counter++);
      stack.push(node);
      onStack.add(node);
      work.push({ node, children: (edges.get(node) ?? new Set<T>()).values() });
    };
    visit(root);
    while (work.length > 0) {
      const frame = work[work.length - 1];
      const next = frame.children.next();
      if (!next.done) {
        const child = next.value;
        if (!index.has(child)) visit(child);
        else if (onStack.has(child)) low.set(frame.node, Math.min(low.get(frame.node)!, index.get(child)!));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(frame.node)!));
      if (low.get(frame.node) !== index.get(frame.node)) continue;
      const component: T[] = [];
      let member: T;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== frame.node);
      const inside = new Set(component);
      const dependencies = new Set<string>();
      for (const node of component) for (const target of edges.get(node) ?? []) if (!inside.has(target)) dependencies.add(hashes.get(target)!);
      const hash = sha1([...component.map(ownHash).sort(), '->', ...[...dependencies].sort()].join('\0'));
      for (const node of component) hashes.set(node, hash);
    }
  }
  return hashes;
}

/** Bumped when the cache's layout or keys change meaning. */
const CACHE_FORMAT = 2;

interface CacheEntry {
  key: string;
  findings: Finding[];
}

interface CheckCache {
  format?: number;
  files: Record<string, CacheEntry>;
  /** Per tsconfig (`''`: the default project), what its program was built from, to skip building it again. */
  programs?: Record<string, ProgramRecord>;
}

/**
 * A program's inputs: everything deprecfix read (the repository's files and texts, the tsconfig's options and root
 * files) as one hash, and a size and mtime stamp of every file it read from elsewhere (lib files, declaration files
 * in node_modules) and of the node_modules directories a new package would appear in. When all are unchanged, the
 * program would be the same, and so are the dependency keys it gave each file.
 */
interface ProgramRecord {
  inputs: string;
  stamps: Record<string, string>;
  dependencyKeys: Record<string, string>;
}

function stampOf(fileName: string): string {
  try {
    const stats = statSync(fileName);
    return `${stats.size}:${stats.mtimeMs}`;
  } catch {
    return 'missing';
  }
}

function programRecord(inputs: string, dependencyKeys: Record<string, string>, program: ts.Program, isRepositoryFile: (fileName: string) => boolean): ProgramRecord {
  const external = program.getSourceFiles().map((sourceFile) => sourceFile.fileName).filter((fileName) => !isRepositoryFile(fileName));
  const moduleDirs = new Set<string>();
  for (const fileName of program.getRootFileNames()) {
    for (let dir = path.dirname(fileName); path.dirname(dir) !== dir; dir = path.dirname(dir)) moduleDirs.add(path.join(dir, 'node_modules'));
  }
  for (const dir of [...moduleDirs]) moduleDirs.add(path.join(dir, '@types'));
  return { inputs, stamps: Object.fromEntries([...external, ...moduleDirs].map((fileName) => [fileName, stampOf(fileName)])), dependencyKeys };
}

/** The cached record when the program it describes would be built again unchanged. */
function unchangedProgram(record: ProgramRecord | undefined, inputs: string): ProgramRecord | undefined {
  if (record?.inputs !== inputs) return undefined;
  return Object.entries(record.stamps).every(([fileName, stamp]) => stampOf(fileName) === stamp) ? record : undefined;
}

let fingerprint: string | undefined;

/**
 * deprecfix's own rule code, by file name, size and modification time: a rebuilt checkout (same version number,
 * different rules) must not reuse findings its old rules produced.
 */
function codeFingerprint(): string {
  if (fingerprint) return fingerprint;
  const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
  const parts: string[] = [];
  for (const dir of ['rules', 'src']) {
    let names: string[] = [];
    try {
      names = readdirSync(path.join(root, dir), { recursive: true, encoding: 'utf8' });
    } catch {
      continue;
    }
    for (const name of names.sort()) {
      if (!/\.(?:js|ts|wasm)$/.test(name)) continue;
      const stats = statSync(path.join(root, dir, name));
      parts.push(`${dir}/${name}\0${stats.size}\0${stats.mtimeMs}`);
    }
  }
  return (fingerprint = sha1(parts.join('\n')));
}

// ---------------------------------------------------------------------------------------------------------------
// Output. The printer of each --format is chosen in one place, `CHECK_PRINTERS`.

export interface CheckPrintOptions {
  color: boolean;
  quiet?: boolean;
  /** Where paths are shown relative to (the baseline file's name). */
  cwd?: string;
}

type CheckPrinter = (verdict: CheckVerdict, options: CheckPrintOptions) => string;

const CHECK_PRINTERS: Record<OutputFormat, CheckPrinter> = {
  pretty: renderCheckPretty,
  json: renderCheckJson,
  markdown: renderCheckMarkdown,
  // Code scanning and workflow annotations show what fails the gate: the findings of the entries above the baseline.
  sarif: (verdict, options) => printerFor('sarif').print(offendingInput(verdict), { color: options.color, severity: 'error', repoRoot: verdict.repoRoot }),
  github: (verdict, options) => printerFor('github').print(offendingInput(verdict), { color: options.color, severity: 'error', repoRoot: verdict.repoRoot }),
};

function offendingInput(verdict: CheckVerdict): PrintInput {
  return { findings: verdict.regressions.flatMap((entry) => entry.findings), failures: verdict.result.failures, files: verdict.result.files };
}

export function renderCheck(verdict: CheckVerdict, format: string, options: CheckPrintOptions): string {
  const printer = Object.hasOwn(CHECK_PRINTERS, format) ? CHECK_PRINTERS[format as OutputFormat] : undefined;
  if (!printer) throw new UsageError(`--format ${format} is not available for check yet`, `use one of ${Object.keys(CHECK_PRINTERS).join(', ')}`);
  return printer(verdict, options);
}

/** The one line that tells how to tighten a stale baseline. */
export function tightenHint(verdict: CheckVerdict): string {
  const entries = verdict.stale.length;
  const lower = verdict.stale.reduce((sum, entry) => sum + entry.allowed - entry.count, 0);
  const option = verdict.baselineOption ? ` --baseline ${verdict.baselineOption}` : '';
  return `${plural(entries, 'baseline entry', 'baseline entries')} allow${entries === 1 ? 's' : ''} ${plural(lower, 'finding')} that no longer exist${lower === 1 ? 's' : ''}: run \`deprecfix baseline --prune${option}\` and commit ${path.basename(verdict.baselineFile)} to tighten it.`;
}

/** `44 findings, eslint-suppressions.json allows 42 (shard 1/2: 999 of 2000 files)`. */
function headlineWords(verdict: CheckVerdict, baselineName: string): string {
  const shard = verdict.complete ? '' : ` (shard ${verdict.result.shard.index}/${verdict.result.shard.count}: ${verdict.result.files.length} of ${verdict.result.totalFiles} files)`;
  return `${plural(verdict.total, 'finding')}, ${baselineName} allows ${verdict.allowed}${shard}`;
}

function renderCheckPretty(verdict: CheckVerdict, options: CheckPrintOptions): string {
  const c = pc.createColors(options.color);
  const baselineName = displayPath(verdict.baselineFile, options.cwd);
  const lines: string[] = [];
  const strictFail = verdict.strict && verdict.stale.length > 0;
  if (verdict.regressions.length > 0) {
    const above = verdict.regressions.reduce((sum, entry) => sum + entry.count - entry.allowed, 0);
    lines.push(`${c.red('✖')} ${c.bold('deprecfix check failed')}: ${plural(above, 'finding')} above the baseline: ${headlineWords(verdict, baselineName)}`);
    for (const regression of verdict.regressions) {
      lines.push('', `${c.underline(regression.file)}  ${regression.ruleId}: ${regression.count} found, ${regression.allowed} allowed`);
      for (const finding of regression.findings) {
        lines.push(`  ${c.cyan(`${finding.file}:${finding.line}:${finding.column}`)}  ${c.dim(finding.ruleId)}  ${c.dim(finding.kind)}  ${finding.message}`);
      }
    }
    lines.push('', `Rewrite the new calls (\`deprecfix scan <file>\` shows which fixes are safe); run \`deprecfix baseline\` only to accept new debt on purpose.`);
  } else if (strictFail) {
    lines.push(`${c.red('✖')} ${c.bold('deprecfix check --strict failed')}: the baseline is stale: ${headlineWords(verdict, baselineName)}`);
  } else {
    lines.push(`${c.green('✔')} ${c.bold('deprecfix check passed')}: ${headlineWords(verdict, baselineName)}`);
  }
  if (verdict.stale.length > 0) {
    if (strictFail && !options.quiet) {
      for (const entry of verdict.stale) lines.push(`  ${entry.file}  ${entry.ruleId}: ${entry.count} found, ${entry.allowed} allowed`);
    }
    lines.push(`${strictFail ? c.red('✖') : c.blue('ℹ')} ${tightenHint(verdict)}`);
  }
  for (const failure of verdict.result.failures) {
    lines.push(`${c.red('error')} ${failure.file}${failure.line ? `:${failure.line}` : ''}: ${failure.message} ${c.dim('(not counted: fix the file, then check again)')}`);
  }
  if (!options.quiet) for (const note of notesOf(verdict.result)) lines.push(`${c.blue('ℹ')} ${note}`);
  return `${lines.join('\n')}\n`;
}

function renderCheckJson(verdict: CheckVerdict): string {
  const { result } = verdict;
  return `${JSON.stringify(
    {
      tool: result.tool,
      passed: verdict.exitCode === 0,
      exitCode: verdict.exitCode,
      strict: verdict.strict,
      baseline: verdict.baselineFile,
      shard: verdict.complete ? null : result.shard,
      files: result.files.length,
      rules: result.rules,
      total: verdict.total,
      allowed: verdict.allowed,
      regressions: verdict.regressions,
      stale: verdict.stale,
      failures: result.failures,
      skipped: result.skipped ?? [],
      notes: notesOf(result),
    },
    null,
    2,
  )}\n`;
}

/** A pull-request comment: the verdict first, then where the new findings are. */
function renderCheckMarkdown(verdict: CheckVerdict, options: CheckPrintOptions): string {
  const baselineName = markdownCode(displayPath(verdict.baselineFile, options.cwd));
  const blocks: string[] = [];
  const strictFail = verdict.strict && verdict.stale.length > 0;
  if (verdict.regressions.length > 0) blocks.push(`### ❌ deprecfix check failed`);
  else if (strictFail) blocks.push(`### ❌ deprecfix check --strict failed: stale baseline`);
  else blocks.push(`### ✅ deprecfix check passed`);
  blocks.push(`${headlineWords(verdict, baselineName)}.`);
  if (verdict.regressions.length > 0) {
    const rows = verdict.regressions.map((entry) => `| ${markdownCode(entry.file)} | ${markdownCode(entry.ruleId)} | ${entry.allowed} | ${entry.count} |`);
    blocks.push(['| file | rule | baseline | now |', '| --- | --- | ---: | ---: |', ...rows].join('\n'));
    const locations = verdict.regressions.flatMap((entry) =>
      entry.findings.map((finding) => `- ${markdownCode(`${finding.file}:${finding.line}:${finding.column}`)} ${markdownCode(finding.kind)}: ${markdownText(finding.message)}`),
    );
    blocks.push(locations.join('\n'));
  }
  if (strictFail) {
    const rows = verdict.stale.map((entry) => `| ${markdownCode(entry.file)} | ${markdownCode(entry.ruleId)} | ${entry.allowed} | ${entry.count} |`);
    blocks.push(['| file | rule | baseline | now |', '| --- | --- | ---: | ---: |', ...rows].join('\n'));
  }
  if (verdict.stale.length > 0) blocks.push(markdownText(tightenHint(verdict)));
  if (verdict.result.failures.length > 0) {
    blocks.push(verdict.result.failures.map((failure) => `- ${markdownCode(failure.line ? `${failure.file}:${failure.line}` : failure.file)}: ${markdownText(failure.message)} (not counted)`).join('\n'));
  }
  for (const note of notesOf(verdict.result)) blocks.push(`ℹ️ ${markdownText(note)}`);
  return `${blocks.join('\n\n')}\n`;
}

export function renderBaseline(outcome: BaselineOutcome, options: { format: string; color: boolean; quiet?: boolean; cwd?: string }): string {
  const name = displayPath(outcome.file, options.cwd);
  const rules = new Set(outcome.rules);
  const total = (baseline: Baseline) => allowedTotal(baseline, outcome.rules);
  const entries = (baseline: Baseline) => Object.values(baseline).reduce((sum, byRule) => sum + Object.keys(byRule).filter((ruleId) => rules.has(ruleId)).length, 0);
  const filesWith = Object.keys(outcome.after).filter((file) => Object.keys(outcome.after[file]).some((ruleId) => rules.has(ruleId))).length;
  if (options.format === 'json') {
    return `${JSON.stringify(
      { baseline: outcome.file, prune: outcome.prune, written: outcome.written, files: outcome.files, before: total(outcome.before), after: total(outcome.after), entries: entries(outcome.after), failures: outcome.failures, notes: outcome.notes },
      null,
      2,
    )}\n`;
  }
  const c = pc.createColors(options.color);
  const lines: string[] = [];
  const delta = total(outcome.after) - total(outcome.before);
  const change = delta === 0 ? 'no change' : `${delta > 0 ? '+' : '−'}${Math.abs(delta)}`;
  if (!outcome.written) lines.push(`${c.green('✔')} ${name} is up to date: ${plural(total(outcome.after), 'finding')} in ${plural(filesWith, 'file')}`);
  else if (outcome.prune) lines.push(`${c.green('✔')} Tightened ${name}: ${total(outcome.before)} → ${total(outcome.after)} findings allowed (${change}) in ${plural(filesWith, 'file')}`);
  else lines.push(`${c.green('✔')} Wrote ${name}: ${plural(total(outcome.after), 'finding')} in ${plural(filesWith, 'file')} (${change}); commit it, then run \`deprecfix check\` in CI`);
  for (const failure of outcome.failures) {
    lines.push(`${c.red('error')} ${failure.file}${failure.line ? `:${failure.line}` : ''}: ${failure.message} ${c.dim('(its baseline entries were kept)')}`);
  }
  if (!options.quiet) for (const note of outcome.notes) lines.push(`${c.blue('ℹ')} ${note}`);
  return `${lines.join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------------------------------
// Helpers

function sha1(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}


function plural(count: number, noun: string, nouns = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : nouns}`;
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function byPosition(a: Finding, b: Finding): number {
  return compareStrings(a.file, b.file) || a.line - b.line || a.column - b.column || compareStrings(a.ruleId, b.ruleId) || compareStrings(a.kind, b.kind);
}
