import { applySiteEdits } from '../transforms/edit.js';
import type { RuleName } from '../rules/kinds.js';
import { configFile, loadConfig, modelMethodsOf } from './config.js';
import { UsageError } from './errors.js';
import { isPythonFile } from './languages.js';
import { enabledRules, type Failure, type Finding } from './lint.js';
import { lintScope } from './lint-scope.js';
import { loadTypeScriptSide, loadTypeScriptSideFor, typeScriptSide } from './typescript-side.js';
import { acquireFixLock } from './lock.js';
import { relativizePaths, toPosix } from '../rules/project/paths.js';
import { pythonChecker } from './python-check.js';
import { planFixes } from './plan.js';
import type { Progress } from './progress.js';
import { buildReport, type FixedEntry, type ImportEdit, type Report } from './report.js';
import { describeImportEdits, describeRunRewrites, type RewritePass } from './rewrite-entries.js';
import { changedOutsideSymbols, loadScope, splitBySymbols, symbolNotes, type ScopeRequest } from './scope.js';
import { countRepoTotals } from './totals.js';
import { belowGateNotes, unresolvedImportNotes, versionNotes } from './notes.js';
import { verifyRewrites } from './verify.js';
import { normalizeEol, unifiedDiff } from './write.js';
import { refuseDirtyFiles, writeChanges, type InterruptSignal } from './write-phase.js';
import { TOOL_VERSION } from '../rules/package.js';
import { startProvenance } from './provenance.js';
import { testBaseline, testRewrites, type TestOptions } from './runtime/fix-tests.js';
import { buildRuntimeSection } from './runtime/runtime-report.js';
import type { AfterOutcome, SuiteRun } from './runtime/runtime-phase.js';

export interface FixOptions extends ScopeRequest {
  rules?: RuleName[];
  /** `--config`: a deprecfix.config.json other than the one at the repository root. */
  config?: string;
  dryRun: boolean;
  unsafeFixes: boolean;
  /** Apply repairs (rewrites of code that fails on the installed version): on unless `--no-repairs` (runFix resolves it once). */
  repairs?: boolean;
  allowDirty: boolean;
  /** Rewrite files without a write bit (`--force-read-only`); by default they are left alone as failures. */
  forceReadOnly?: boolean;
  /** Count findings in the rest of the repository for the report (`--no-repo-totals` turns it off). */
  repoTotals: boolean;
  /** `--test` (CONTRACT §12): the project's test commands, run before and after the rewrite with capture. */
  test?: TestOptions;
  /** The command line for the report's provenance; default: this process's. */
  argv?: readonly string[];
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
  // Before anything is written: the evidence must name the tree the run started from.
  const provenance = startProvenance({
    argv: options.argv,
    cwd: options.cwd,
    repoRoot: scope.repoRoot,
    manifestPath: scope.manifestPath,
    configPath: configFile(scope.repoRoot, options.config, options.cwd),
    withPython: options.test !== undefined || scope.files.some((file) => isPythonFile(file)),
  });
  // One fix at a time per repository; released whatever happens (a usage error, a crash, an interruption).
  const lock = options.dryRun ? undefined : acquireFixLock(scope.repoRoot);
  try {
    const outcome = await fixScope({ ...options, repairs: options.repairs ?? true }, scope, provenance.taken);
    outcome.report.run = await provenance.finish();
    return outcome;
  } finally {
    lock?.release();
  }
}

/** `provenanceTaken`: settles when the run's provenance has seen the tree; nothing is run or written before. */
async function fixScope(options: FixOptions & { repairs: boolean }, scope: ReturnType<typeof loadScope>, provenanceTaken: Promise<void>): Promise<FixOutcome> {
  const { repoRoot } = scope;
  const warnings = [...scope.warnings];
  const failures: Failure[] = [];

  const config = loadConfig(repoRoot, options.config, options.cwd);
  // `--test <cmd>`, or a bare `--test`: the config's `test` commands.
  const test = options.test && (options.test.commands.length > 0 ? options.test : { ...options.test, commands: config.test ?? [] });
  if (test && test.commands.length === 0) {
    throw new UsageError('--test without a command, and deprecfix.config.json has no "test"', 'pass the command (--test "python3 -m pytest -q"), or set "test" in the config');
  }
  // Other ESLint rules (`alsoCount`) and the TypeScript side only when a run needs them (src/typescript-side.ts).
  const others = config.alsoCount?.length ? await import('./other-deprecations.js') : undefined;
  const otherRules = others?.resolveOtherRules(repoRoot, config.alsoCount!);
  if (otherRules) await loadTypeScriptSide();
  else await loadTypeScriptSideFor(scope.files);
  // The scope is rewritten together: a spied export moves with its spies when all of them are in it.
  const scoped = lintScope(repoRoot, scope.files, { rules: options.rules, config, rewriteSet: scope.files }, options.progress);
  const otherNotes: string[] = [];
  const othersBefore = otherRules && others!.countInScope(scoped, otherRules, otherNotes);
  const { sources, textOf, setText } = scoped;
  failures.push(...scoped.first.failures);
  const unparsable = new Set(scoped.first.failures.map((failure) => failure.file));
  // A file narrowed to symbols (`path#Symbol`): the findings outside them are out of scope, never rewritten.
  const { inScope: before, outside: outsideSymbols } = splitBySymbols(scope, scoped.first.findings, textOf);
  let current = before;
  let edits = scoped.first.edits;

  const rewritePasses: RewritePass[] = [];
  const importEdits: ImportEdit[] = [];
  /** Every file a pass changed, with its text from before the first change. */
  const originals = new Map<string, string>();
  for (let pass = 1; pass <= MAX_PASSES; pass++) {
    const plans = planFixes(current, textOf, options.unsafeFixes, options.repairs).filter((plan) => !unparsable.has(plan.file));
    if (plans.length === 0) break;
    options.progress?.start(`Rewriting (pass ${pass})`, plans.length);
    // Every file of a pass is rewritten against the same program (the texts the findings were linted on); the
    // program is rebuilt once, when the changed files are re-linted.
    // A Python-only scope has no program (Python is rewritten with the rules' own edits).
    const program = plans.some((plan) => !isPythonFile(plan.file)) ? scoped.project.program() : undefined;
    const checker = program?.getTypeChecker();
    const modelMethods = plans.some((plan) => plan.findings.some((finding) => finding.kind === 'model-method-rename')) ? modelMethodsOf(config) : [];
    const typescript = program && typeScriptSide();
    const modelClasses = typescript ? typescript.resolveModelClasses(program, modelMethods, repoRoot) : [];
    const changedNow = new Set<string>();
    for (const plan of plans) {
      const source = sources.get(plan.file)!;
      const text = textOf(plan.file);
      try {
        const normalize = (inserted: string) => normalizeEol(inserted, source.eol);
        const result = isPythonFile(plan.file)
          ? applySiteEdits(text, plan.sites.map((site, index) => ({ site, edit: edits.get(plan.findings[index]) })), normalize)
          : typescript!.rewriteSites(program!.getSourceFile(toPosix(source.absPath))!, plan.sites, checker!, normalize, modelClasses);
        if (result.rewritten.length > 0 && result.text !== text) {
          rewritePasses.push({ file: plan.file, findings: plan.findings, sites: plan.sites, rewritten: result.rewritten, before: text, after: result.text, edits: result.edits });
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
    current = [...current.filter((finding) => !changedNow.has(finding.file)), ...splitBySymbols(scope, relinted.findings, textOf).inScope];
    edits = new Map([...edits, ...relinted.edits]);
  }

  const fixed: FixedEntry[] = describeRunRewrites(rewritePasses);

  // A file narrowed to symbols keeps every byte outside them (its leading imports aside): a rewrite that reached
  // further (a moved subpath import renames all its references) is rolled back, its findings held with the reason.
  for (const [file, original] of originals) {
    const names = scope.symbols.get(file);
    if (!names || !changedOutsideSymbols(file, original, textOf(file), names)) continue;
    setText(file, original);
    const reason = `rewrite held: it would also change code outside ${names.join(', ')} (the #Symbol entries of the scope); list the file whole or the other symbols too`;
    current = [...current.filter((finding) => finding.file !== file), ...before.filter((finding) => finding.file === file).map((finding) => (finding.fix === 'none' ? finding : { ...finding, fix: 'none' as const, reason }))];
    removeWhere(fixed, (entry) => entry.file === file);
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
    const typeScript = typeScriptSide().verifyTypeScriptRewrites(
      {
        repoRoot,
        files: new Map([...sources].filter(([file]) => !isPythonFile(file)).map(([file, source]) => [file, { absPath: source.absPath, text: textOf(file) }])),
        originals: typeScriptChanges,
        cache: scoped.project.cache,
        program: scoped.project.program,
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
    // Only a TS/JS file holds a spy (or a call it observes).
    const broken = [...rewritten.keys()].some((file) => !isPythonFile(file)) ? typeScriptSide().halfRenamedSpies(repoRoot, rewritten) : [];
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
  const outOfScope = options.repoTotals ? await countRepoTotals(repoRoot, new Set(scope.files), { rules: options.rules, config, scripts: scoped.scripts }, options.progress, outsideSymbols) : null;

  let written: string[] = [];
  let interrupted: InterruptSignal | undefined;
  const notWritten = new Set<string>();
  await provenanceTaken;
  const baseline = test ? await testBaseline(test, repoRoot, fixed.filter((entry) => entry.fix === 'repair').length) : undefined;
  interrupted = baseline?.interrupted;
  if (willWrite && !interrupted) {
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

  let afterTests: AfterOutcome | undefined;
  if (test && baseline && !interrupted && !options.dryRun) {
    const rewritten = changes.filter((change) => written.includes(change.file));
    const tested = rewritten.length === 0 ? undefined : await testRewrites(test, repoRoot, rewritten.map((change) => ({ ...change, source: sources.get(change.file)! })), baseline.suite.exitCode === 0);
    afterTests = tested?.outcome ?? { suites: [], final: baseline.suite, rolledBack: [], exhausted: false };
    interrupted = tested?.interrupted;
    const restored = interrupted ? rewritten.map((change) => ({ file: change.file, reason: `restored: the run was interrupted (${interrupted}) while the tests ran` })) : afterTests.rolledBack;
    for (const { file, reason } of restored) {
      if (!interrupted) failures.push({ file, stage: 'test', message: reason });
      written = written.filter((other) => other !== file);
      notWritten.add(file);
      current = [...current.filter((finding) => finding.file !== file), ...before.filter((finding) => finding.file === file).map((finding) => ({ ...finding, reason }))];
      removeWhere(fixed, (entry) => entry.file === file);
    }
  }

  // Other rules' counts after: the tree as left (a file not written is counted as it is on disk).
  for (const file of notWritten) setText(file, changedFiles.get(file)!);
  const otherDeprecations = otherRules && { rules: otherRules.ruleIds, before: othersBefore!, after: others!.countInScope(scoped, otherRules, otherNotes) };
  options.progress?.done();

  const report = buildReport({
    toolVersion: TOOL_VERSION,
    scope: { spec: scope.spec, scopes: scope.scopes, files: scope.files, symbols: scope.symbols },
    before,
    after: current,
    fixed,
    // The import edits of a rolled-back or unwritten file are gone with its rewrites.
    imports: importEdits.filter((edit) => changes.some((change) => change.file === edit.file) && !notWritten.has(edit.file)),
    outOfScope,
    failures: failures.map((failure) => ({ ...failure, message: relativizePaths(failure.message, repoRoot) })),
    notes: [...scope.notes, ...symbolNotes(scope.symbols, outsideSymbols), ...versionNotes(before, repoRoot), ...belowGateNotes(scope.files, repoRoot, enabledRules({ rules: options.rules, config }), config), ...unresolvedImportNotes(scoped.unresolved), ...otherNotes],
    options: { dryRun: options.dryRun, unsafeFixes: options.unsafeFixes, repairs: options.repairs },
    interrupted,
    otherDeprecations,
    runtime: baseline && runtimeOf(test!, baseline.suite, afterTests, before, current, changes.filter((change) => written.includes(change.file))),
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

function runtimeOf(test: TestOptions, before: SuiteRun, after: AfterOutcome | undefined, findingsBefore: Finding[], findingsAfter: Finding[], kept: FileChange[]) {
  const section = buildRuntimeSection({
    commands: test.commands,
    before,
    suites: after?.suites ?? [],
    final: after?.final,
    rolledBack: after?.rolledBack ?? [],
    exhausted: after?.exhausted ?? false,
    findingsBefore,
    findingsAfter,
    rewritten: new Map(kept.map((change) => [change.file, { before: change.before, after: change.after }])),
  });
  return { section, before: before.warnings, after: (after?.final ?? before).warnings };
}

function removeWhere<T>(items: T[], predicate: (item: T) => boolean): void {
  for (let index = items.length - 1; index >= 0; index--) if (predicate(items[index])) items.splice(index, 1);
}
