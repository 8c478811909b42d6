import { JsonFields } from './json-fields.js';
import type { Failure } from './lint.js';
import type { RunProvenance } from './provenance.js';
import type { RuntimeSection } from './runtime/runtime-report.js';
import { TOOL_NAME, type Counts, type FixedEntry, type ImportEdit, type RemainingEntry, type Report } from './report.js';

/**
 * A saved `deprecfix-report.json` read back into the `Report` it was written from (`deprecfix report <file>`), so it
 * re-renders exactly like the run that wrote it. Reports written by older versions (no `imports`, `repairs`, …) are
 * accepted with the defaults those versions meant.
 */

/** Reads a saved `deprecfix-report.json` back; anything that is not one is a usage error naming the file. */
export function parseReport(json: string, file: string): Report {
  const reader = new ReportReader(file);
  return reader.report(reader.parse(json));
}

const SAVED_REPORT_HINT = 'Pass the deprecfix-report.json written by `deprecfix fix`.';
const STAGES: readonly Failure['stage'][] = ['parse', 'rewrite', 'type-check', 'write', 'test'];
const FIX_SAFETIES: readonly RemainingEntry['fix'][] = ['safe', 'unsafe', 'repair', 'none'];

/** Validates field by field so the error says which one is wrong (`before.byRule.x must be a number`). */
class ReportReader extends JsonFields {
  constructor(file: string) {
    super(file, SAVED_REPORT_HINT, 'not a deprecfix report: ');
  }

  report(data: unknown): Report {
    const root = this.object(data, 'the report');
    const tool = this.object(root.tool, 'tool');
    if (tool.name !== TOOL_NAME) this.fail('tool.name', `must be "${TOOL_NAME}" (this is not a deprecfix report)`);
    const scope = this.object(root.scope, 'scope');
    return {
      tool: { name: TOOL_NAME, version: this.string(tool.version, 'tool.version') },
      ...(root.run === undefined ? {} : { run: this.run(root.run) }),
      scope: {
        spec: this.string(scope.spec, 'scope.spec'),
        scopes: this.array(scope.scopes, 'scope.scopes').map((value, i) => this.string(value, `scope.scopes[${i}]`)),
        files: this.array(scope.files, 'scope.files').map((value, i) => this.string(value, `scope.files[${i}]`)),
        ...(scope.symbols === undefined
          ? {}
          : {
              symbols: Object.fromEntries(
                Object.entries(this.object(scope.symbols, 'scope.symbols')).map(([file, names]) => [
                  file,
                  this.array(names, `scope.symbols.${file}`).map((value, i) => this.string(value, `scope.symbols.${file}[${i}]`)),
                ]),
              ),
            }),
      },
      before: this.counts(root.before, 'before'),
      after: this.counts(root.after, 'after'),
      fixed: this.array(root.fixed, 'fixed').map((value, i) => this.fixedEntry(value, `fixed[${i}]`)),
      imports: this.optionalArray(root.imports, 'imports').map((value, i) => this.importEdit(value, `imports[${i}]`)),
      remaining: this.array(root.remaining, 'remaining').map((value, i) => this.remainingEntry(value, `remaining[${i}]`)),
      outOfScope: this.outOfScope(root.outOfScope),
      failures: this.optionalArray(root.failures, 'failures').map((value, i) => this.failure(value, `failures[${i}]`)),
      notes: this.optionalArray(root.notes, 'notes').map((value, i) => this.string(value, `notes[${i}]`)),
      dryRun: this.optionalBoolean(root.dryRun, 'dryRun'),
      unsafeFixes: this.optionalBoolean(root.unsafeFixes, 'unsafeFixes'),
      // reports written before repairs existed applied every rewrite they listed
      repairs: root.repairs === undefined ? true : this.optionalBoolean(root.repairs, 'repairs'),
      ...(root.interrupted === undefined ? {} : { interrupted: this.signal(root.interrupted) }),
      ...(root.runtime === undefined ? {} : { runtime: this.runtime(root.runtime) }),
      ...(root.otherDeprecations === undefined ? {} : { otherDeprecations: this.otherDeprecations(root.otherDeprecations) }),
    };
  }

  private otherDeprecations(value: unknown): NonNullable<Report['otherDeprecations']> {
    const section = this.object(value, 'otherDeprecations');
    const counts = (key: 'before' | 'after') => {
      const { total, byRule, byFile } = this.counts(section[key], `otherDeprecations.${key}`);
      return { total, byRule, byFile };
    };
    return {
      rules: this.array(section.rules, 'otherDeprecations.rules').map((rule, i) => this.string(rule, `otherDeprecations.rules[${i}]`)),
      before: counts('before'),
      after: counts('after'),
    };
  }

  /** Provenance is evidence: the fields a checklist line quotes must be what they say. */
  private run(value: unknown): RunProvenance {
    const run = this.object(value, 'run');
    this.array(run.argv, 'run.argv').forEach((arg, i) => this.string(arg, `run.argv[${i}]`));
    for (const key of ['cwd', 'startedAt', 'finishedAt', 'toolVersion', 'node'] as const) this.string(run[key], `run.${key}`);
    for (const key of ['commit', 'python', 'manifestHash', 'configHash'] as const) if (run[key] !== undefined) this.string(run[key], `run.${key}`);
    if (run.dirty !== undefined) this.optionalBoolean(run.dirty, 'run.dirty');
    return run as unknown as RunProvenance;
  }

  /** The runtime section is rendered as written; its counts and runs are checked for shape. */
  private runtime(value: unknown): RuntimeSection {
    const runtime = this.object(value, 'runtime');
    this.string(runtime.command, 'runtime.command');
    for (const key of ['before', ...(runtime.after === undefined ? [] : ['after'])]) {
      const summary = this.object(runtime[key], `runtime.${key}`);
      this.count(this.object(summary.warnings, `runtime.${key}.warnings`).total, `runtime.${key}.warnings.total`);
    }
    for (const key of ['runs', 'sites', 'other', 'rolledBack']) this.array(runtime[key], `runtime.${key}`);
    return runtime as unknown as RuntimeSection;
  }

  private counts(value: unknown, path: string): Counts {
    const counts = this.object(value, path);
    const byFile = counts.byFile === undefined ? {} : this.object(counts.byFile, `${path}.byFile`);
    return {
      total: this.count(counts.total, `${path}.total`),
      byRule: this.numberRecord(counts.byRule, `${path}.byRule`),
      byKind: counts.byKind === undefined ? {} : this.numberRecord(counts.byKind, `${path}.byKind`),
      byLanguage: counts.byLanguage === undefined ? {} : this.numberRecord(counts.byLanguage, `${path}.byLanguage`),
      byFile: Object.fromEntries(
        Object.entries(byFile).map(([file, rules]) => [file, this.numberRecord(rules, `${path}.byFile[${JSON.stringify(file)}]`)]),
      ),
    };
  }

  private signal(value: unknown): NonNullable<Report['interrupted']> {
    if (value !== 'SIGINT' && value !== 'SIGTERM') this.fail('interrupted', 'must be "SIGINT" or "SIGTERM"');
    return value as NonNullable<Report['interrupted']>;
  }

  private outOfScope(value: unknown): Report['outOfScope'] {
    if (value === null || value === undefined) return null;
    const counts = this.object(value, 'outOfScope');
    return { total: this.count(counts.total, 'outOfScope.total'), byRule: this.numberRecord(counts.byRule, 'outOfScope.byRule') };
  }

  private fixedEntry(value: unknown, path: string): FixedEntry {
    const entry = this.object(value, path);
    const fixed: FixedEntry = {
      file: this.string(entry.file, `${path}.file`),
      line: this.count(entry.line, `${path}.line`),
      ruleId: this.string(entry.ruleId, `${path}.ruleId`),
      kind: this.string(entry.kind, `${path}.kind`),
      before: this.string(entry.before, `${path}.before`),
      after: this.string(entry.after, `${path}.after`),
    };
    if (entry.fix !== undefined) {
      if (entry.fix !== 'repair') this.fail(`${path}.fix`, 'must be "repair" when present');
      fixed.fix = 'repair';
      fixed.repairs = this.string(entry.repairs, `${path}.repairs`);
    }
    if (entry.runtimeHits !== undefined) fixed.runtimeHits = this.count(entry.runtimeHits, `${path}.runtimeHits`);
    return fixed;
  }

  private importEdit(value: unknown, path: string): ImportEdit {
    const entry = this.object(value, path);
    return {
      file: this.string(entry.file, `${path}.file`),
      line: this.count(entry.line, `${path}.line`),
      before: this.string(entry.before, `${path}.before`),
      after: this.string(entry.after, `${path}.after`),
    };
  }

  private remainingEntry(value: unknown, path: string): RemainingEntry {
    const entry = this.object(value, path);
    const fix = this.string(entry.fix, `${path}.fix`);
    if (!(FIX_SAFETIES as readonly string[]).includes(fix)) this.fail(`${path}.fix`, `must be one of ${FIX_SAFETIES.join(', ')}`);
    const remaining: RemainingEntry = {
      file: this.string(entry.file, `${path}.file`),
      line: this.count(entry.line, `${path}.line`),
      // The contract's example omits column and message; accept reports written to it.
      column: entry.column === undefined ? 1 : this.count(entry.column, `${path}.column`),
      ruleId: this.string(entry.ruleId, `${path}.ruleId`),
      kind: this.string(entry.kind, `${path}.kind`),
      fix: fix as RemainingEntry['fix'],
      reason: this.string(entry.reason, `${path}.reason`),
      message: entry.message === undefined ? '' : this.string(entry.message, `${path}.message`),
    };
    if (entry.reasonId !== undefined) remaining.reasonId = this.string(entry.reasonId, `${path}.reasonId`);
    if (entry.runtimeHits !== undefined) remaining.runtimeHits = this.count(entry.runtimeHits, `${path}.runtimeHits`);
    return remaining;
  }

  private failure(value: unknown, path: string): Failure {
    const entry = this.object(value, path);
    const stage = this.string(entry.stage, `${path}.stage`);
    if (!(STAGES as readonly string[]).includes(stage)) this.fail(`${path}.stage`, `must be one of ${STAGES.join(', ')}`);
    const failure: Failure = {
      file: this.string(entry.file, `${path}.file`),
      stage: stage as Failure['stage'],
      message: this.string(entry.message, `${path}.message`),
    };
    if (entry.line !== undefined) failure.line = this.count(entry.line, `${path}.line`);
    return failure;
  }

}
