import path from 'node:path';
import { loadConfig } from './config.js';
import { UsageError } from './errors.js';
import { skippedNote } from './files.js';
import { workingTreeSides } from './git-diff.js';
import { changedEntries, SYMBOLIC_LINK } from './manifest/changed-entries.js';
import { findManifest, findRepoRoot } from './manifest/find-manifest.js';
import { loadManifest } from './manifest/load-manifest.js';
import type { Manifest } from './manifest/manifest.js';
import { resolveScope, type Scope } from './manifest/resolve-scope.js';
import type { Finding } from './lint.js';
import { lineStarts, offsetOf } from './plan.js';
import { leadingImportsEnd, symbolTable, type SymbolEntry } from './symbols/index.js';

export interface ScopeRequest {
  cwd: string;
  /** `--manifest`: a JSON or plain-text manifest; default `deprecfix.manifest.json` found from cwd upward. */
  manifest?: string;
  /** The scope spec (`phase10-12`, `a,b`, `all`). Exactly one of `scope` and `changed` is given. */
  scope?: string;
  /** `--changed <ref>`: the scope is what changed between `ref` and the working tree (untracked files included). */
  changed?: string;
  /** With `changed`: the functions and methods whose lines changed, rather than whole files. */
  symbols?: boolean;
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
  if (request.changed !== undefined) return changedScope(cwd, request.changed, request);
  if (request.scope === undefined) throw new UsageError('no scope given', 'pass --scope <spec> (a scope of the manifest) or --changed <ref> (what changed since a revision)');
  const manifestPath = findManifest(cwd, request.manifest);
  const manifest = loadManifest(manifestPath);
  const repoRoot = findRepoRoot(cwd) ?? (request.manifest ? cwd : path.dirname(manifestPath));
  const policy = loadConfig(repoRoot, request.config, request.cwd);
  return { ...resolveScope(manifest, request.scope, { repoRoot, strictManifest: request.strictManifest ?? false, policy }), manifestPath };
}

/**
 * `--changed <ref>`: the supported files changed between `ref` and the working tree — tracked changes (`git diff -M
 * <ref>`: staged and unstaged, renames followed, deletions dropped) and untracked files git does not ignore, so a
 * file a pre-commit hook sees for the first time counts — resolved like a manifest scope that lists them (with
 * `symbols`, as `path#Symbol` entries), but with no manifest at all. Its spec is `--changed <ref>`.
 */
function changedScope(cwd: string, ref: string, request: ScopeRequest): Scope & { manifestPath: string } {
  const spec = `--changed ${ref}`;
  const repoRoot = findRepoRoot(cwd);
  if (!repoRoot) throw new UsageError(`${spec} needs a git repository, and ${cwd} is not inside one`, 'Use --scope with a manifest outside git.');
  const policy = loadConfig(repoRoot, request.config, request.cwd);
  const changed = changedEntries(repoRoot, workingTreeSides(ref), { policy, symbols: request.symbols, untracked: true });
  const links = changed.skipped.filter((file) => file.reason === SYMBOLIC_LINK).map((file) => file.file);
  const skippedNotes = [
    skippedNote(changed.skipped.filter((file) => file.reason !== SYMBOLIC_LINK), 'among the changed files'),
    links.length > 0 ? `Left out ${links.length === 1 ? 'a symbolic link' : `${links.length} symbolic links`} among the changed files (${links.join(', ')}): the files they point to count when they changed.` : undefined,
  ].filter((note): note is string => note !== undefined);
  if (changed.entries.length === 0) {
    const none = `No supported source files changed since ${ref}.`;
    return { spec, scopes: [spec], files: [], symbols: new Map(), unsupported: changed.unsupported, skipped: changed.skipped, warnings: [], notes: [none, ...changed.notes, ...skippedNotes], manifestPath: '', repoRoot };
  }
  // An in-memory manifest of one scope: resolveScope applies the same rules as to a manifest's entries.
  const manifest: Manifest = { path: path.join(repoRoot, spec), format: 'json', scopes: [{ name: 'changed', entries: changed.entries.map((pattern) => ({ pattern, line: 1 })), line: 1 }] };
  const scope = resolveScope(manifest, 'changed', { repoRoot, strictManifest: request.strictManifest ?? false, policy });
  return {
    ...scope,
    spec,
    scopes: [spec],
    unsupported: changed.unsupported,
    skipped: [...changed.skipped, ...scope.skipped],
    notes: [...changed.notes, ...skippedNotes, ...scope.notes],
    manifestPath: '',
  };
}

/** What `splitBySymbols` reads of a finding (or of a runtime warning's site: a file and a line, no column). */
type Located = Pick<Finding, 'file' | 'line' | 'column'> | { file?: string; line?: number; column?: undefined };

/**
 * Splits findings by the scope's `path#Symbol` narrowing (CONTRACT §3): a finding in a narrowed file is in scope
 * when its start lies inside one of the listed symbols (decorators included), and out of scope otherwise (counted
 * in `outOfScope`, never rewritten). Files in scope whole, and files not in the scope at all, are left to the
 * caller: every finding of them is `inScope` here. The symbols are looked up by name in `textOf(file)`, the text the
 * findings were linted on, so their ranges follow a rewrite that moved them (an import added above). This is the
 * one place the narrowing is decided; `fix`, `scan` and the out-of-scope totals all go through it.
 */
export function splitBySymbols<T extends Located>(scope: Pick<Scope, 'symbols'>, findings: readonly T[], textOf: (file: string) => string): { inScope: T[]; outside: T[] } {
  const inScope: T[] = [];
  const outside: T[] = [];
  const rangesOf = new Map<string, { text: string; starts: number[]; ranges: SymbolEntry[] }>();
  for (const finding of findings) {
    const names = finding.file === undefined ? undefined : scope.symbols.get(finding.file);
    if (!names || finding.file === undefined) {
      inScope.push(finding);
      continue;
    }
    const text = textOf(finding.file);
    let cached = rangesOf.get(finding.file);
    if (!cached || cached.text !== text) {
      const listed = new Set(names);
      const ranges = symbolTable(finding.file, text).filter((entry) => listed.has(entry.name));
      rangesOf.set(finding.file, (cached = { text, starts: lineStarts(text), ranges }));
    }
    const { line, column } = finding;
    // A finding is located by its start; a runtime warning's frame has a line only: the line must be the symbol's.
    const inside =
      line !== undefined &&
      cached.ranges.some((range) => {
        if (column === undefined) return range.startLine <= line && line <= range.endLine;
        const offset = offsetOf(text, line, column, cached!.starts);
        return range.start <= offset && offset < range.end;
      });
    (inside ? inScope : outside).push(finding);
  }
  return { inScope, outside };
}

/** One line per file narrowed to symbols, so a reader of the report sees why findings in a scoped file were left. */
export function symbolNotes(symbols: ReadonlyMap<string, readonly string[]>, outside: readonly Finding[]): string[] {
  return [...symbols].map(([file, names]) => {
    const left = outside.filter((finding) => finding.file === file).length;
    return `${file}: only ${names.join(', ')} ${names.length === 1 ? 'is' : 'are'} in scope (#Symbol entries); ${left} finding${left === 1 ? '' : 's'} elsewhere in the file ${left === 1 ? 'is' : 'are'} out of scope`;
  });
}

/**
 * Whether a rewrite of a file narrowed to `names` changed code outside them: anything but the listed symbols and the
 * file's leading imports (which a rewrite inside a symbol may extend). A shared rewrite can reach further (a moved
 * subpath import renames every reference it binds), and `fix` rolls such a file back rather than touch code out of
 * scope. Compares the texts with those regions cut out, each symbol's range found by name in its own text.
 */
export function changedOutsideSymbols(file: string, before: string, after: string, names: readonly string[]): boolean {
  const outside = (text: string): string => {
    const listed = new Set(names);
    const ranges = symbolTable(file, text)
      .filter((entry) => listed.has(entry.name))
      .sort((a, b) => a.start - b.start);
    let kept = '';
    let position = leadingImportsEnd(file, text);
    for (const range of ranges) {
      if (range.end <= position) continue; // nested in a range already cut
      kept += text.slice(position, Math.max(position, range.start)) + '\u0000';
      position = Math.max(position, range.end);
    }
    return kept + text.slice(position);
  };
  return outside(before) !== outside(after);
}
