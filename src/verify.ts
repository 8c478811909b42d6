import type { SourceProject } from './project.js';

/**
 * §7.6: a rewrite may not make the type checker unhappier. Diagnostics are compared as a multiset of
 * "code: message" strings, so errors that only moved with the edit still match.
 */
export function newDiagnostics(before: readonly string[], after: readonly string[]): string[] {
  const remaining = new Map<string, number>();
  for (const diagnostic of before) remaining.set(comparable(diagnostic), (remaining.get(comparable(diagnostic)) ?? 0) + 1);
  return after.filter((raw) => {
    const diagnostic = comparable(raw);
    const count = remaining.get(diagnostic) ?? 0;
    if (count === 0) return true;
    remaining.set(diagnostic, count - 1);
    return false;
  });
}

/**
 * An import the rewrite moved (a deep import to the package root, a date-fns-tz subpath) that did not resolve
 * before and does not resolve after is no new problem: compare "cannot find module" errors without the module name.
 */
function comparable(diagnostic: string): string {
  return /^TS(2307|2792|7016):/.test(diagnostic) ? diagnostic.replace(/'[^']*'/, "'…'") : diagnostic;
}

export interface Verification {
  absPath: string;
  /** Diagnostics the rewrite introduced; empty when the rewrite is kept. */
  introduced: string[];
}

/**
 * Type-checks every rewritten file against its diagnostics from before the rewrite and rolls back (in the
 * project, before anything is written) each file that gained one. Rolling back one file can change another's
 * diagnostics, so it repeats until nothing more rolls back.
 */
export function verifyRewrites(
  project: SourceProject,
  rewritten: ReadonlyMap<string, { original: string; diagnosticsBefore: string[] }>,
): Verification[] {
  const rolledBack: Verification[] = [];
  let pending = [...rewritten.keys()];
  for (let changed = true; changed; ) {
    changed = false;
    for (const absPath of pending) {
      const { original, diagnosticsBefore } = rewritten.get(absPath)!;
      const introduced = newDiagnostics(diagnosticsBefore, project.diagnostics(absPath));
      if (introduced.length === 0) continue;
      project.setText(absPath, original);
      rolledBack.push({ absPath, introduced });
      changed = true;
    }
    pending = pending.filter((absPath) => !rolledBack.some((verification) => verification.absPath === absPath));
  }
  return rolledBack;
}
