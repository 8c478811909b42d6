/**
 * Resolving a `--scope` spec against a loaded manifest into the exact set of files deprecfix may rewrite. This
 * module owns the `Scope` type. A file deleted after its phase, an empty glob or a git-ignored file is only a warning
 * (an error with --strict-manifest); an entry that leaves the repository root is a `UsageError` (entry-files.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import { isDynamicPattern } from 'tinyglobby';
import { UsageError } from '../errors.js';
import { gitIgnoredTest, skipRule, skippedNote, type FilePolicy, type SkippedFile } from '../files.js';
import { isSourceFile } from '../languages.js';
import { splitEntry, type ManifestEntry } from './entry.js';
import { SymbolTables } from './entry-symbols.js';
import { directoryFiles, globFiles, literalTarget, NEVER_SCANNED, realRepoPath, repoRelativePattern } from './entry-files.js';
import { displayPath, type Manifest } from './manifest.js';
import { parseScopeSpec } from './scope-spec.js';

/** The resolved `--scope`: the one input of every later stage that decides which files may be written. */
export interface Scope {
  spec: string;
  scopes: string[];
  /** Repo-relative POSIX real paths (symlinks resolved) of the supported source files in scope; sorted, unique. */
  files: string[];
  /**
   * Files narrowed by `path#Symbol` entries → the symbols listed (dotted names, sorted, unique). A file of `files`
   * that is not here is in scope whole, which it is whenever any resolved scope lists it whole.
   */
  symbols: Map<string, string[]>;
  /** Files the scope lists by name that deprecfix does not handle (README.md, package.json, …); sorted, unique. */
  unsupported: string[];
  /** Source files the scope reaches that the file policy leaves out (vendored, minified, generated, `ignores`). */
  skipped: SkippedFile[];
  warnings: string[];
  /** Not warnings: how many files the file policy left out, and how to include them. */
  notes: string[];
  manifestPath: string;
  repoRoot: string;
}

export interface ResolveScopeOptions {
  /** Entries are relative to this directory. Outside git, pass the directory the run treats as the root. */
  repoRoot: string;
  /** `--strict-manifest`: a missing file, an empty glob or a git-ignored file is an error rather than a warning. */
  strictManifest?: boolean;
  /** `ignores` and `include` from deprecfix.config.json (src/files.ts). */
  policy?: FilePolicy;
  /**
   * `history` resolves today's manifest against old commits, where a listed symbol may not exist yet: `'none'` makes
   * such an entry narrow its file to nothing (no finding is in scope) instead of an error.
   */
  missingSymbols?: 'error' | 'none';
}

// Each scope is resolved on its own and the results are united: a scope's `!pattern` entries exclude files from
// that scope's own entries only, whatever their position in the list (so `phase12: ["!gen/**"]` never removes a
// file that `phase10` lists). An exclude is matched against a file's listed repo-relative path and its real path
// (symlinks followed), and a directory exclude covers everything under it.
//
// The repository's files are the ones `check` lints (src/files.ts): a file git ignores is never in a scope — git could
// not restore it — and naming one literally is a warning (an error with --strict-manifest); vendored, minified and
// generated files are left out with a note.
//
// An entry that names an existing file or directory is literal even if it contains glob characters (Next.js
// `app/(auth)/page.tsx`, `pages/[id].tsx`); otherwise a dynamic pattern is a glob. Files are reported under their
// real path, so one file reached through a symlinked directory is listed (and written) once.
//
// `path#Symbol` names one file: on a glob or a directory it is an error (which file's symbol would it be?), and a
// symbol the file does not define is an error that suggests the nearest names (entry-symbols.ts). A file listed
// whole by one entry and by symbol by another is whole: the wider entry wins, as for overlapping globs.

export function resolveScope(manifest: Manifest, spec: string, options: ResolveScopeOptions): Scope {
  const repoRoot = path.resolve(options.repoRoot);
  const realRoot = fs.realpathSync(repoRoot);
  const manifestName = displayPath(manifest.path, repoRoot);
  const scopeNames = parseScopeSpec(spec, manifest);

  const files = new Set<string>();
  const unsupported = new Set<string>();
  const skipped = new Map<string, SkippedFile>();
  const warnings: string[] = [];
  const isGitIgnored = gitIgnoredTest(repoRoot);
  const skipReason = skipRule(repoRoot, options.policy ?? {});
  const missing: string[] = []; // also in `warnings`; errors with --strict-manifest
  const whole = new Set<string>();
  const narrowed = new Map<string, Set<string>>();
  const symbolErrors: string[] = [];
  const symbolTables = new SymbolTables(realRoot);
  const warnMissing = (message: string) => {
    warnings.push(message);
    missing.push(message);
  };

  for (const scope of manifest.scopes.filter((candidate) => scopeNames.includes(candidate.name))) {
    const owner = manifest.format === 'text' ? 'the manifest' : scope.name;
    const where = (entry: ManifestEntry) => `${manifestName}:${entry.line}: ${owner} lists ${entry.pattern}`;
    if (scope.entries.length === 0) warnings.push(`${manifestName}:${scope.line}: ${owner} lists no paths`);

    const includes = scope.entries.filter((entry) => !entry.pattern.startsWith('!'));
    const excludePatterns = scope.entries
      .filter((entry) => entry.pattern.startsWith('!'))
      .map((entry) => repoRelativePattern(entry.pattern.slice(1), where(entry), repoRoot));
    const isExcluded =
      excludePatterns.length === 0
        ? () => false
        : picomatch([...excludePatterns, ...excludePatterns.map((pattern) => `${pattern}/**`)], { dot: true });

    for (const entry of includes) {
      const { path: entryPath, symbol } = splitEntry(entry.pattern);
      const pattern = repoRelativePattern(entryPath, where(entry), repoRoot);
      // A path that exists is taken literally even when it looks like a glob: `app/(auth)/page.tsx`, `pages/[id].tsx`.
      const target = literalTarget(pattern, repoRoot);
      const isGlob = target === 'missing' && isDynamicPattern(pattern);
      if (symbol && (isGlob || target === 'directory')) {
        throw new UsageError(
          `${where(entry)}: a #Symbol entry names a symbol of one file, and ${entryPath} is a ${isGlob ? 'glob' : 'directory'}`,
          `List the file that defines ${symbol} (src/api/main.ts#${symbol}), or the ${isGlob ? 'glob' : 'directory'} without #${symbol} to take its files whole.`,
        );
      }
      if (target === 'missing' && !isGlob) {
        warnMissing(`${where(entry)}, which does not exist (deleted after the phase?)`);
        continue;
      }
      if (!isGlob) {
        if (pattern.split('/').some((segment) => NEVER_SCANNED.includes(segment))) {
          warnings.push(`${where(entry)}, which is inside node_modules or .git; deprecfix never rewrites there`);
          continue;
        }
        // Checked here too, so a symlinked directory leaving the root is an error even when it is empty.
        realRepoPath(path.join(repoRoot, pattern), realRoot, where(entry));
      }

      const candidates =
        target === 'file' ? [pattern] : isGlob ? globFiles(pattern, repoRoot) : directoryFiles(pattern, repoRoot);
      if (candidates.length === 0) {
        warnMissing(`${where(entry)}, which ${isGlob ? 'matches no files' : 'is an empty directory'}`);
        continue;
      }
      let matchedSource = false;
      let gitIgnored = 0;
      for (const listed of candidates) {
        if (isExcluded(listed)) continue; // before the symlink check, so `!` can also exclude a link that leaves
        // Kept under its real path, so a file reached twice through a symlinked directory is written once.
        const file = realRepoPath(path.join(repoRoot, listed), realRoot, where(entry));
        if (isExcluded(file)) continue;
        if (isSourceFile(file) && isGitIgnored(file)) {
          gitIgnored++;
        } else if (isSourceFile(file)) {
          matchedSource = true;
          if (symbol) {
            const problem = symbolTables.check(file, symbol);
            if (problem && options.missingSymbols !== 'none') symbolErrors.push(`${where(entry)}: ${problem}`);
            else narrowed.set(file, (narrowed.get(file) ?? new Set()).add(symbol));
          } else {
            whole.add(file);
          }
          if (files.has(file) || skipped.has(file)) continue;
          const reason = skipReason(file);
          if (reason) skipped.set(file, { file, reason });
          else files.add(file);
        } else if (target === 'file' && symbol) {
          symbolErrors.push(`${where(entry)}: ${symbolTables.check(file, symbol)}`);
        } else if (target === 'file') {
          unsupported.add(file);
        }
      }
      if (target === 'file' && gitIgnored > 0) {
        warnMissing(`${where(entry)}, which git ignores (.gitignore): deprecfix does not rewrite ignored files, as git could not restore them`);
      } else if (target !== 'file' && !matchedSource && gitIgnored > 0) {
        warnMissing(`${where(entry)}, whose files git ignores (.gitignore)`);
      } else if (target !== 'file' && !matchedSource && candidates.some((listed) => !isExcluded(listed))) {
        // A glob or directory picks the source files it finds; say so when it finds none, as the entry is likely wrong.
        warnings.push(`${where(entry)}, which matches no supported source files`);
      }
    }
  }

  if (symbolErrors.length > 0) {
    throw new UsageError(symbolErrors.join('\n'), 'Correct the symbol after # (Class.method, outer.inner), or list the whole file without it.');
  }
  if (missing.length > 0 && options.strictManifest) {
    throw new UsageError(
      missing.join('\n'),
      'Remove or correct these entries in the manifest, or run without --strict-manifest to treat them as warnings.',
    );
  }
  const skippedFiles = [...skipped.values()].sort((a, b) => compareCodeUnits(a.file, b.file));
  const note = skippedNote(skippedFiles, 'in the scope');
  return {
    spec,
    scopes: scopeNames,
    files: [...files].sort(compareCodeUnits),
    symbols: new Map(
      [...narrowed]
        .filter(([file]) => files.has(file) && !whole.has(file))
        .sort(([a], [b]) => compareCodeUnits(a, b))
        .map(([file, names]) => [file, [...names].sort(compareCodeUnits)]),
    ),
    unsupported: [...unsupported].sort(compareCodeUnits),
    skipped: skippedFiles,
    warnings,
    notes: note ? [note] : [],
    manifestPath: manifest.path,
    repoRoot,
  };
}

/** Locale-independent order, so the file list (and everything downstream) is identical on every machine. */
function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
