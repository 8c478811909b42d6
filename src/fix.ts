import { realpathSync } from 'node:fs';
import { diffChars, structuredPatch } from 'diff';
import { applySiteEdits } from '../transforms/edit.js';
import { rewriteSites } from '../rules/rewriters.js';
import type { RuleName } from '../rules/kinds.js';
import { halfRenamedSpies } from '../rules/util/spies.js';
import { loadConfig } from './config.js';
import { UsageError } from './errors.js';
import { gitState } from './git.js';
import { isPythonFile } from './languages.js';
import { lintScope, type Finding } from './lint.js';
import { acquireFixLock } from './lock.js';
import { relativizePaths, repoPath, toPosix } from '../rules/project/paths.js';
import { pythonChecker } from './python-check.js';
import { planFixes, lineOf, lineStarts } from './plan.js';
import type { Progress } from './progress.js';
import type { Failure } from './lint.js';
import { buildReport, type FixedEntry, type ImportEdit, type Report } from './report.js';
import { loadScope, type ScopeRequest } from './scope.js';
import { countRepoTotals } from './totals.js';
import { versionNotes } from './notes.js';
import { verifyTypeScriptRewrites } from './type-check.js';
import { verifyRewrites } from './verify.js';
import { normalizeEol, unifiedDiff } from './write.js';
import { writeChanges, type InterruptSignal } from './write-phase.js';
import { TOOL_VERSION } from '../rules/package.js';

export interface FixOptions extends ScopeRequest {
  rules?: RuleName[];
  /** `--config`: a deprecfix.config.json other than the one at the repository root. */
  config?: string;
  dryRun: boolean;
  unsafeFixes: boolean;
  /** Apply repairs (rewrites of code that fails on the installed version); `--no-repairs` turns it off. */
  repairs?: boolean;
  allowDirty: boolean;
  /** Rewrite files without a write bit (`--force-read-only`); by default they are left alone as failures. */
  forceReadOnly?: boolean;
  /** Count findings in the rest of the repository for the report (`--no-repo-totals` turns it off). */
  repoTotals: boolean;
  progress?: Progress;
}

/** A file whose rewrite survived verification. */
export interface FileChange {
  file: string;
  absPath: string;
  before: string;
  after: string;
}

export interface FixOutcome {
  report: Report;
  repoRoot: string;
  changes: FileChange[];
  /** Unified diff of every change; with `--dry-run` only (empty otherwise). */
  diff: string;
  /** Things the user should know that are not findings (manifest warnings, no git). */
  warnings: string[];
  exitCode: 0 | 3;
  /** The files actually rewritten on disk. */
  written: string[];
  /** The signal that stopped the write phase; the report describes what was written before it. */
  interrupted?: InterruptSignal;
}

/** Rewrites converge in one pass unless rewrites nest (a rename inside a clone); ESLint allows 10, we need few. */
const MAX_PASSES = 3;

/**
 * The `fix` job: resolve the scope, lint it, rewrite what is selected (in memory), re-lint the rewritten files,
 * type-check them and roll back any that got worse, then write atomically and report. Nothing outside the scope
 * is ever written, and nothing at all when the run stops with a usage error.
 */
export async function runFix(options: FixOptions): Promise<FixOutcome> {
  const scope = loadScope(options);
  // One fix at a time per repository; released whatever happens (a usage error, a crash, an interruption).
  const lock = options.dryRun ? undefined : acquireFixLock(scope.repoRoot);
  try {
    return await fixScope(options, scope);
  } finally {
    lock?.release();
  }
}

async function fixScope(options: FixOptions, scope: ReturnType<typeof loadScope>): Promise<FixOutcome> {
  const { repoRoot } = scope;
  const warnings = [...scope.warnings];
  const failures: Failure[] = [];

  const config = loadConfig(repoRoot, options.config, options.cwd);
  // The scope is rewritten together: a spied export moves with its spies when all of them are in it.
  const scoped = lintScope(repoRoot, scope.files, { rules: options.rules, config, rewriteSet: scope.files }, options.progress);
  const { sources, textOf, setText } = scoped;
  failures.push(...scoped.first.failures);
  const unparsable = new Set(scoped.first.failures.map((failure) => failure.file));
  const before = scoped.first.findings;
  let current = before;
  let edits = scoped.first.edits;

  const fixed: FixedEntry[] = [];
  const importEdits: ImportEdit[] = [];
  /** Every file a pass changed, with its text from before the first change. */
  const originals = new Map<string, string>();
  for (let pass = 1; pass <= MAX_PASSES; pass++) {
    const plans = planFixes(current, textOf, options.unsafeFixes, options.repairs ?? true).filter((plan) => !unparsable.has(plan.file));
    if (plans.length === 0) break;
    options.progress?.start(`Rewriting (pass ${pass})`, plans.length);
    // Every file of a pass is rewritten against the same program (the texts the findings were linted on); the
    // program is rebuilt once, when the changed files are re-linted.
    const program = scoped.project.program();
    const checker = program.getTypeChecker();
    const changedNow = new Set<string>();
    for (const plan of plans) {
      const source = sources.get(plan.file)!;
      const text = textOf(plan.file);
      try {
        const normalize = (inserted: string) => normalizeEol(inserted, source.eol);
        const result = isPythonFile(plan.file)
          ? applySiteEdits(text, plan.sites.map((site, index) => ({ site, edit: edits.get(plan.findings[index]) })), normalize)
          : rewriteSites(program.getSourceFile(toPosix(source.absPath))!, plan.sites, checker, normalize);
        if (result.rewritten.length > 0 && result.text !== text) {
          fixed.push(...describeRewrites(plan.file, plan.findings, plan.sites, result.rewritten, text, result.text, result.edits));
          importEdits.push(...describeImportEdits(plan.file, result.rewritten, text, result.text, result.edits));
          if (!originals.has(plan.file)) originals.set(plan.file, text);
          setText(plan.file, result.text);
          changedNow.add(plan.file);
        }
      } catch (error) {
        failures.push({ file: plan.file, stage: 'rewrite', message: `rewrite failed: ${(error as Error).message}` });
      }
      options.progress?.tick();
    }
    if (changedNow.size === 0) break;
    options.progress?.start('Re-linting rewritten files', changedNow.size);
    const relinted = scoped.lint(changedNow);
    failures.push(...relinted.failures.map((failure) => ({ ...failure, stage: 'rewrite' as const, message: `rewrite produced unparsable code: ${failure.message}` })));
    current = [...current.filter((finding) => !changedNow.has(finding.file)), ...relinted.findings];
    edits = new Map([...edits, ...relinted.edits]);
  }

  // §7.6: roll back any rewrite that made a file worse (a new type error — in it or in a file that imports it — as
  // the project's own compiler judges; for Python, a syntax error), and report its findings as unfixed with the
  // diagnostic and the file it appeared in.
  const changedFiles = new Map([...originals].filter(([file, original]) => textOf(file) !== original));
  const pythonChanges = [...changedFiles.keys()].filter((file) => isPythonFile(file));
  const typeScriptChanges = new Map([...changedFiles].filter(([file]) => !isPythonFile(file)));
  // Every Python text the check may ask about (each file before and after), compiled by one python3 up front.
  const pythonDiagnostics = pythonChecker(pythonChanges.flatMap((file) => [changedFiles.get(file)!, textOf(file)]));
  options.progress?.start('Checking rewritten files', pythonChanges.length);
  const rollbacks = verifyRewrites(pythonChanges, {
    diagnostics: (file) => {
      options.progress?.tick();
      return pythonDiagnostics(textOf(file));
    },
    diagnosticsBefore: (file) => pythonDiagnostics(changedFiles.get(file)!),
    restore: (file) => setText(file, changedFiles.get(file)!),
  });
  if (typeScriptChanges.size > 0) {
    const typeScript = verifyTypeScriptRewrites(
      {
        repoRoot,
        files: new Map([...sources].filter(([file]) => !isPythonFile(file)).map(([file, source]) => [file, { absPath: source.absPath, text: textOf(file) }])),
        originals: typeScriptChanges,
        cache: scoped.project.cache,
      },
      options.progress,
    );
    warnings.push(...typeScript.warnings);
    for (const rollback of typeScript.rollbacks) setText(rollback.file, changedFiles.get(rollback.file)!);
    rollbacks.push(...typeScript.rollbacks);
  }
  for (const rollback of rollbacks) {
    const { file } = rollback;
    // "it introduced TS2322: …", or for a file that imports it "it introduced TS2322 in src/use.ts: …".
    const diagnostic = rollback.introduced[0].replace(/\s*\n\s*/g, ' ');
    const reason = `rewrite rolled back: it introduced ${rollback.in === file ? diagnostic : diagnostic.replace(/^(TS\d+)?/, `$1 in ${rollback.in}`)}`;
    failures.push({ file, stage: 'type-check', message: reason });
    current = [
      ...current.filter((finding) => finding.file !== file),
      ...before.filter((finding) => finding.file === file).map((finding) => (finding.fix === 'none' ? finding : { ...finding, fix: 'none' as const, reason })),
    ];
    removeWhere(fixed, (entry) => entry.file === file);
  }

  // A spy and the calls it observes move together (issue 10.1): the rules rename a spied export only when all its
  // files are in scope, but one of them may still keep the old name (held for another reason, rolled back above).
  // Undo the files that renamed it, until no spied export is half renamed.
  for (;;) {
    const rewritten = new Map([...changedFiles.keys()].filter((file) => textOf(file) !== changedFiles.get(file)).map((file) => [file, textOf(file)]));
    const broken = halfRenamedSpies(repoRoot, rewritten);
    if (broken.length === 0) break;
    for (const { spy, dropped, stillNamedIn } of broken) {
      const reason = `rewrite rolled back: '${spy.name}' is spied on in ${spy.file}:${spy.line} and ${stillNamedIn} keeps the old name`;
      for (const file of dropped.filter((candidate) => rewritten.has(candidate))) {
        rewritten.delete(file);
        setText(file, changedFiles.get(file)!);
        current = [
          ...current.filter((finding) => finding.file !== file),
          ...before.filter((finding) => finding.file === file).map((finding) => (finding.fix === 'none' ? finding : { ...finding, fix: 'none' as const, reason })),
        ];
        removeWhere(fixed, (entry) => entry.file === file);
      }
    }
  }

  const changes: FileChange[] = [];
  for (const [file, original] of changedFiles) {
    const after = textOf(file);
    if (after !== original) changes.push({ file, absPath: sources.get(file)!.absPath, before: original, after });
  }
  changes.sort((a, b) => a.file.localeCompare(b.file));

  const willWrite = !options.dryRun && changes.length > 0;
  if (willWrite) refuseDirtyFiles(repoRoot, changes, options.allowDirty, warnings);
  // Counted before writing (it reads only files outside the scope): once files are written, nothing slow stands
  // between the last write and the report, so a signal can always be answered with a report of what is on disk.
  const outOfScope = options.repoTotals ? countRepoTotals(repoRoot, new Set(scope.files), { rules: options.rules, config }, options.progress) : null;

  let written: string[] = [];
  let interrupted: InterruptSignal | undefined;
  const notWritten = new Set<string>();
  if (willWrite) {
    const writing = await writeChanges(changes.map((change) => ({ ...change, source: sources.get(change.file)! })), repoRoot, options.progress, options.forceReadOnly ?? false);
    ({ written, interrupted } = writing);
    failures.push(...writing.failures);
    // The report describes what is on disk: a file not written keeps all its findings, with the reason.
    for (const [file, reason] of writing.notWritten) {
      notWritten.add(file);
      current = [...current.filter((finding) => finding.file !== file), ...before.filter((finding) => finding.file === file).map((finding) => ({ ...finding, reason }))];
      removeWhere(fixed, (entry) => entry.file === file);
    }
  }

  options.progress?.done();

  const report = buildReport({
    toolVersion: TOOL_VERSION,
    scope: { spec: scope.spec, scopes: scope.scopes, files: scope.files },
    before,
    after: current,
    fixed,
    // The import edits of a rolled-back or unwritten file are gone with its rewrites.
    imports: importEdits.filter((edit) => changes.some((change) => change.file === edit.file) && !notWritten.has(edit.file)),
    outOfScope,
    failures: failures.map((failure) => ({ ...failure, message: relativizePaths(failure.message, repoRoot) })),
    notes: [...scope.notes, ...versionNotes(before, repoRoot)],
    options: { dryRun: options.dryRun, unsafeFixes: options.unsafeFixes, repairs: options.repairs ?? true },
    interrupted,
  });
  return {
    report,
    repoRoot,
    changes,
    // Only `--dry-run` prints it; a line diff of a file with thousands of changed lines costs more than the fix.
    diff: options.dryRun ? changes.map((change) => unifiedDiff(change.file, change.before, change.after)).join('') : '',
    warnings,
    exitCode: failures.length > 0 ? 3 : 0,
    written,
    interrupted,
  };
}

/** §7.2: never overwrite uncommitted work unless the user says so; outside git, proceed and say so. */
function refuseDirtyFiles(repoRoot: string, changes: readonly FileChange[], allowDirty: boolean, warnings: string[]): void {
  const git = gitState(repoRoot);
  if (!git.isRepo) {
    warnings.push('not a git repository: files are rewritten without the uncommitted-changes check');
    return;
  }
  if (allowDirty) return;
  // git prints its root with symlinks resolved (/tmp → /private/tmp); compare real paths.
  const root = realpathSync(git.root ?? repoRoot);
  const dirty = changes.filter((change) => git.dirty.has(repoPath(root, realpathSync(change.absPath))));
  if (dirty.length > 0) {
    throw new UsageError(
      `refusing to rewrite ${dirty.length} file(s) with uncommitted changes:\n${dirty.map((change) => `  ${change.file}`).join('\n')}`,
      'commit or stash them first, or pass --allow-dirty',
    );
  }
}

/** One report entry per rewritten finding: its source line(s) before and after the edits. */
function describeRewrites(
  file: string,
  findings: readonly Finding[],
  sites: readonly { start: number; end: number; kind: string }[],
  rewrittenSites: readonly { start: number; end: number; kind: string }[],
  before: string,
  after: string,
  edits: readonly { start: number; end: number; text: string }[],
): FixedEntry[] {
  // Per finding: a set lookup, a binary search over the edits and two over the line starts, never a pass over the
  // text (a file with 60,000 findings would be quadratic).
  const rewritten = new Set(rewrittenSites.map((done) => `${done.start}:${done.end}:${done.kind}`));
  // A merged ESLint fix (Python) is split into the parts it changes, so offsets after an added import map right.
  const byEnd = editedParts(before, edits).sort((a, b) => a.end - b.end);
  const deltas = [0];
  for (const edit of byEnd) deltas.push(deltas.at(-1)! + edit.text.length - (edit.end - edit.start));
  const shift = (offset: number): number => {
    let low = 0;
    let high = byEnd.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (byEnd[middle].end <= offset) low = middle + 1;
      else high = middle;
    }
    return offset + deltas[low];
  };
  const beforeStarts = lineStarts(before);
  const afterStarts = lineStarts(after);
  // The edits that delete text: few, and all `removed` below has to look at.
  const removals = edits.filter((edit) => edit.end > edit.start && edit.text.trim() === '');
  return findings.flatMap((finding, index) => {
    const site = sites[index];
    if (!rewritten.has(`${site.start}:${site.end}:${site.kind}`)) return [];
    // A site inside a larger edit that removes it (a moved import joined into another declaration) is gone.
    const removed = removals.some((edit) => edit.start <= site.start && site.end <= edit.end && edit.end - edit.start > site.end - site.start);
    return [
      {
        file,
        line: finding.line,
        ruleId: finding.ruleId,
        kind: finding.kind,
        before: linesAround(before, beforeStarts, site.start, site.end),
        after: removed ? '' : linesAround(after, afterStarts, shift(site.start), shift(site.end)),
        ...(finding.fix === 'repair' ? { fix: 'repair' as const, repairs: finding.repairs ?? '' } : {}),
      },
    ];
  });
}

/**
 * An ESLint fix is one edit from its first change to its last, the text between copied (a Python rewrite's import
 * through its call): split into the parts it changes, so that an offset after an added import line maps to where
 * that text is now.
 */
function editedParts(before: string, edits: readonly { start: number; end: number; text: string }[]): { start: number; end: number; text: string }[] {
  return edits.flatMap((edit) => {
    const original = before.slice(edit.start, edit.end);
    if (!original.includes('\n') && !edit.text.includes('\n')) return [edit];
    const parts: { start: number; end: number; text: string }[] = [];
    let offset = edit.start;
    for (const change of diffChars(original, edit.text)) {
      if (change.added) parts.push({ start: offset, end: offset, text: change.value });
      else if (change.removed) parts.push({ start: offset, end: (offset += change.value.length), text: '' });
      else offset += change.value.length;
    }
    return parts;
  });
}

/**
 * The changed lines of a rewrite that no rewritten finding covers: the imports that came with the calls. Taken
 * from a line diff rather than from the edits, because an ESLint fix (the Python rewrites) is one edit that spans
 * from the import to the call. A run of changed lines that touches any other line is shown whole, so an import
 * joined into the line above reads as one change.
 */
function describeImportEdits(
  file: string,
  rewrittenSites: readonly { start: number; end: number }[],
  before: string,
  after: string,
  edits: readonly { start: number; end: number; text: string }[],
): ImportEdit[] {
  const starts = lineStarts(before);
  const siteLines = new Set<number>();
  for (const site of rewrittenSites) {
    for (let line = lineOf(before, site.start, starts); line <= lineOf(before, Math.max(site.start, site.end), starts); line++) siteLines.add(line);
  }
  // Edits that change text within one line of a site leave no line for the diff to find: skip the line diff, which
  // is quadratic when every line of a file changed (60,000 rewritten calls).
  const withinOneSiteLine = (part: { start: number; end: number; text: string }): boolean =>
    !part.text.includes('\n') && !before.slice(part.start, part.end).includes('\n') && siteLines.has(lineOf(before, part.start, starts));
  if (editedParts(before, edits).every(withinOneSiteLine)) return [];
  const withinSites = (first: number, last: number): boolean => {
    for (let line = first; line <= last; line++) if (!siteLines.has(line)) return false;
    return true;
  };
  const hunks = structuredPatch(file, file, before, after, '', '', { context: 0 }).hunks;
  return hunks.flatMap((hunk) => {
    // A pure insertion (oldLines 0) lands before line oldStart: inside a site only when the site goes on past it.
    const covered = hunk.oldLines === 0 ? withinSites(hunk.oldStart - 1, hunk.oldStart) : withinSites(hunk.oldStart, hunk.oldStart + hunk.oldLines - 1);
    if (covered) return [];
    const side = (sign: string): string =>
      hunk.lines
        .filter((line) => line.startsWith(sign))
        .map((line) => line.slice(1).trimEnd())
        .join('\n');
    return [{ file, line: Math.max(1, hunk.oldStart), before: side('-'), after: side('+') }];
  });
}

/** The whole lines `[start, end)` touches, each trimmed. */
function linesAround(text: string, starts: readonly number[], start: number, end: number): string {
  const first = lineOf(text, start, starts) - 1;
  const last = lineOf(text, Math.max(start, end), starts);
  return text
    .slice(starts[first], last < starts.length ? starts[last] : text.length)
    .split(/\r?\n/)
    .slice(0, last - first)
    .map((line) => line.trim())
    .join('\n');
}

function removeWhere<T>(items: T[], predicate: (item: T) => boolean): void {
  for (let index = items.length - 1; index >= 0; index--) if (predicate(items[index])) items.splice(index, 1);
}
