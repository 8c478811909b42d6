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
  file: string;
  /** Diagnostics the rewrite introduced. */
  introduced: string[];
}

/**
 * Checks every rewritten file against its diagnostics from before the rewrite and rolls back (in memory, before
 * anything is written) each file that gained one. A file with no diagnostics now has gained none, so the checker is
 * asked about a file's original text only when its new text has some. Rolling back one file can change another's
 * diagnostics, so it repeats until nothing more rolls back.
 */
export function verifyRewrites(
  rewritten: Iterable<string>,
  checker: { diagnostics(file: string): string[]; diagnosticsBefore(file: string): string[]; restore(file: string): void },
): Verification[] {
  const rolledBack: Verification[] = [];
  const before = new Map<string, string[]>();
  const diagnosticsBefore = (file: string): string[] => before.get(file) ?? before.set(file, checker.diagnosticsBefore(file)).get(file)!;
  let pending = [...rewritten];
  for (let changed = true; changed; ) {
    changed = false;
    for (const file of pending) {
      const now = checker.diagnostics(file);
      const introduced = now.length === 0 ? [] : newDiagnostics(diagnosticsBefore(file), now);
      if (introduced.length === 0) continue;
      checker.restore(file);
      rolledBack.push({ file, introduced });
      changed = true;
    }
    pending = pending.filter((file) => !rolledBack.some((verification) => verification.file === file));
  }
  return rolledBack;
}
