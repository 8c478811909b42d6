import { realpathSync } from 'node:fs';
import { applySiteEdits } from '../transforms/edit.js';
import { rewriteSites } from '../transforms/index.js';
import type { RuleName } from '../rules/kinds.js';
import { loadConfig } from './config.js';
import { UsageError } from './errors.js';
import { refuseReadOnly } from './files.js';
import { gitState } from './git.js';
import { isPythonFile } from './languages.js';
import { lintScope, type Finding } from './lint.js';
import { repoPath, toPosix } from './paths.js';
import type ts from 'typescript';
import { pythonDiagnostics } from './python-check.js';
import { planFixes, lineOf, lineStarts } from './plan.js';
import type { Progress } from './progress.js';
import { buildReport, type Failure, type FixedEntry, type Report } from './report.js';
import { loadScope, type ScopeRequest } from './scope.js';
import { countRepoTotals } from './totals.js';
import { versionNotes } from './notes.js';
import { verifyRewrites } from './verify.js';
import { normalizeEol, unifiedDiff, writeAtomically } from './write.js';
import { TOOL_VERSION } from './version.js';

export interface FixOptions extends ScopeRequest {
  rules?: RuleName[];
  /** `--config`: a deprecfix.config.json other than the one at the repository root. */
  config?: string;
  dryRun: boolean;
  unsafeFixes: boolean;
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
}

/** Rewrites converge in one pass unless rewrites nest (a rename inside a clone); ESLint allows 10, we need few. */
const MAX_PASSES = 3;

/**
 * The `fix` job: resolve the scope, lint it, rewrite what is selected (in memory), re-lint the rewritten files,
 * type-check them and roll back any that got worse, then write atomically and report. Nothing outside the scope
 * is ever written, and nothing at all when the run stops with a usage error.
 */
export function runFix(options: FixOptions): FixOutcome {
  const scope = loadScope(options);
  const { repoRoot } = scope;
  const warnings = [...scope.warnings];
  const failures: Failure[] = [];

  const config = loadConfig(repoRoot, options.config, options.cwd);
  const scoped = lintScope(repoRoot, scope.files, { rules: options.rules, config }, options.progress);
  const { sources, textOf, setText } = scoped;
  failures.push(...scoped.first.failures);
  const unparsable = new Set(scoped.first.failures.map((failure) => failure.file));
  const before = scoped.first.findings;
  let current = before;
  let edits = scoped.first.edits;

  const fixed: FixedEntry[] = [];
  /** Every file a pass changed, with its text from before the first change. */
  const originals = new Map<string, string>();
  for (let pass = 1; pass <= MAX_PASSES; pass++) {
    const plans = planFixes(current, textOf, options.unsafeFixes).filter((plan) => !unparsable.has(plan.file));
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

  // §7.6: roll back any rewrite that made a file worse (a new type error; for Python, a syntax error), and report
  // its findings as unfixed with the diagnostic.
  const changedFiles = new Map([...originals].filter(([file, original]) => textOf(file) !== original));
  // The "before" of the type-check is the program of the texts as read. Most rewritten files have no diagnostics
  // after, so it is rebuilt only if one has (keeping the first program alive through the run cost memory and GC).
  let originalProgram: ts.Program | undefined;
  const programAsRead = (): ts.Program =>
    (originalProgram ??= scoped.project.programWith(new Map([...changedFiles].filter(([file]) => !isPythonFile(file)).map(([file, text]) => [sources.get(file)!.absPath, text]))));
  options.progress?.start('Checking rewritten files', changedFiles.size);
  const rollbacks = verifyRewrites(changedFiles.keys(), {
    diagnostics: (file) => {
      options.progress?.tick();
      return isPythonFile(file) ? pythonDiagnostics(textOf(file)) : scoped.project.diagnostics(sources.get(file)!.absPath);
    },
    diagnosticsBefore: (file) =>
      isPythonFile(file) ? pythonDiagnostics(changedFiles.get(file)!) : scoped.project.diagnostics(sources.get(file)!.absPath, programAsRead()),
    restore: (file) => setText(file, changedFiles.get(file)!),
  });
  for (const rollback of rollbacks) {
    const { file } = rollback;
    const reason = `rewrite rolled back: it introduced ${rollback.introduced[0]}`;
    failures.push({ file, stage: 'type-check', message: reason });
    current = [
      ...current.filter((finding) => finding.file !== file),
      ...before.filter((finding) => finding.file === file).map((finding) => (finding.fix === 'none' ? finding : { ...finding, fix: 'none' as const, reason })),
    ];
    removeWhere(fixed, (entry) => entry.file === file);
  }

  const changes: FileChange[] = [];
  for (const [file, original] of changedFiles) {
    const after = textOf(file);
    if (after !== original) changes.push({ file, absPath: sources.get(file)!.absPath, before: original, after });
  }
  changes.sort((a, b) => a.file.localeCompare(b.file));

  if (!options.dryRun && changes.length > 0) {
    refuseDirtyFiles(repoRoot, changes, options.allowDirty, warnings);
    options.progress?.start('Writing', changes.length);
    for (const change of changes) {
      try {
        refuseReadOnly(sources.get(change.file)!.mode, options.forceReadOnly ?? false);
        writeAtomically(change.absPath, change.after, sources.get(change.file)!);
      } catch (error) {
        failures.push({ file: change.file, stage: 'write', message: (error as Error).message });
      }
      options.progress?.tick();
    }
  }

  const outOfScope = options.repoTotals ? countRepoTotals(repoRoot, new Set(scope.files), { rules: options.rules, config }, options.progress) : null;
  options.progress?.done();

  const report = buildReport({
    toolVersion: TOOL_VERSION,
    scope: { spec: scope.spec, scopes: scope.scopes, files: scope.files },
    before,
    after: current,
    fixed,
    outOfScope,
    failures,
    notes: [...scope.notes, ...versionNotes(before, repoRoot)],
    options: { dryRun: options.dryRun, unsafeFixes: options.unsafeFixes },
  });
  return {
    report,
    repoRoot,
    changes,
    // Only `--dry-run` prints it; a line diff of a file with thousands of changed lines costs more than the fix.
    diff: options.dryRun ? changes.map((change) => unifiedDiff(change.file, change.before, change.after)).join('') : '',
    warnings,
    exitCode: failures.length > 0 ? 3 : 0,
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
  const byEnd = [...edits].sort((a, b) => a.end - b.end);
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
  return findings.flatMap((finding, index) => {
    const site = sites[index];
    if (!rewritten.has(`${site.start}:${site.end}:${site.kind}`)) return [];
    return [
      {
        file,
        line: finding.line,
        ruleId: finding.ruleId,
        kind: finding.kind,
        before: linesAround(before, beforeStarts, site.start, site.end),
        after: linesAround(after, afterStarts, shift(site.start), shift(site.end)),
      },
    ];
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
