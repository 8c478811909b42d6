/**
 * §7.6: a rewrite may not make the type checker unhappier. Diagnostics are compared as a multiset of
 * "code: message" strings, so errors that only moved with the edit still match. Messages keep their elaborations on
 * lines of their own (see `fileDiagnostics`); only the first line is compared.
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
 * The checker prints a union's members in the order it met them, which a rewrite elsewhere can change: the same
 * error with `B | A` for `A | B` is the same error, and so are its elaborations (the lines after the first), which
 * follow that order ("Type 'B' is not assignable…" for the first member that fails).
 */
function comparable(diagnostic: string): string {
  const [head] = diagnostic.split('\n', 1);
  const normalized = head.replace(/'([^']*)'/g, (_quoted, type: string) => `'${normalizeType(type)}'`);
  return /^TS(2307|2792|7016):/.test(normalized) ? normalized.replace(/'[^']*'/, "'…'") : normalized;
}

/**
 * A type as TypeScript prints it, with the members of every union sorted: at the top level, in type arguments,
 * parameters, tuple elements and object members, and in a function type's return type. Anything it does not
 * understand is kept as it is, so two different types never compare equal.
 */
function normalizeType(text: string): string {
  if (!text.includes('|')) return text;
  return splitTopLevel(text, /[,;]/).map(normalizeMember).join('');
}

/** One list element, parameter or object member (`name?: type`), or a plain type; separators pass through. */
function normalizeMember(piece: string): string {
  if (piece === ',' || piece === ';') return piece;
  const colon = topLevelIndex(piece, ':');
  if (colon < 0) return normalizeUnion(piece);
  const name = piece.slice(0, colon);
  // A member or parameter name (`a`, `a?`, `readonly a`, `...rest`, `[key: string]`); anything else with a colon (a
  // conditional type) is kept as printed.
  return /^\s*(readonly\s+)?(\.\.\.)?([\w$]+|\[[^\]]*\])\??\s*$/.test(name) ? `${name}:${normalizeUnion(piece.slice(colon + 1))}` : piece;
}

function normalizeUnion(text: string): string {
  const arrow = topLevelIndex(text, '=>');
  if (arrow >= 0) return normalizeGroups(text.slice(0, arrow + 2)) + normalizeUnion(text.slice(arrow + 2));
  const leading = /^\s*/.exec(text)![0];
  const trailing = /\s*$/.exec(text)![0];
  const members = splitTopLevel(text.trim(), /\|/)
    .filter((part) => part !== '|')
    .map((member) => normalizeGroups(member.trim()));
  if (members.some((member) => member === '')) return text;
  return leading + (members.length > 1 ? [...members].sort().join(' | ') : members[0]) + trailing;
}

/** Normalizes the inside of each bracketed group: `Map<K, B | A>`, `(x: B | A)`, `[B | A]`, `{ a: B | A; }`. */
function normalizeGroups(text: string): string {
  let result = '';
  let depth = 0;
  let groupStart = 0;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (char === '"') {
      const end = text.indexOf('"', index + 1);
      if (end < 0) return text;
      if (depth === 0) result += text.slice(index, end + 1);
      index = end;
      continue;
    }
    if (isOpen(text, index)) {
      if (depth === 0) {
        result += char;
        groupStart = index + 1;
      }
      depth++;
    } else if (isClose(text, index)) {
      depth--;
      if (depth < 0) return text;
      if (depth === 0) result += normalizeType(text.slice(groupStart, index)) + char;
    } else if (depth === 0) result += char;
  }
  return depth === 0 ? result : text;
}

/** Splits at `separator` outside brackets and string literals, keeping each separator as its own piece. */
function splitTopLevel(text: string, separator: RegExp): string[] {
  const pieces: string[] = [];
  let start = 0;
  for (const index of topLevelIndexes(text)) {
    if (!separator.test(text[index])) continue;
    pieces.push(text.slice(start, index), text[index]);
    start = index + 1;
  }
  pieces.push(text.slice(start));
  return pieces;
}

function topLevelIndex(text: string, needle: string): number {
  for (const index of topLevelIndexes(text)) if (text.startsWith(needle, index)) return index;
  return -1;
}

/** The offsets of `text` outside brackets and string literals, in order. */
function* topLevelIndexes(text: string): Generator<number> {
  let depth = 0;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (char === '"') {
      const end = text.indexOf('"', index + 1);
      index = end < 0 ? text.length : end;
    } else if (isOpen(text, index)) depth++;
    else if (isClose(text, index)) depth--;
    else if (depth === 0) yield index;
  }
}

const isOpen = (text: string, index: number): boolean => '(<[{'.includes(text[index]);
/** `>` closes a type argument list, except in a function type's `=>`. */
const isClose = (text: string, index: number): boolean => ')]}'.includes(text[index]) || (text[index] === '>' && text[index - 1] !== '=');

export interface Verification {
  /** The rewritten file that was rolled back. */
  file: string;
  /** Diagnostics its rewrite introduced. */
  introduced: string[];
  /** The file they appeared in: the rolled back file itself, or one that imports it. */
  in: string;
}

/** What verification asks of a language: diagnostics before and now, and the texts to try. */
export interface RewriteChecker {
  /** Files a rewrite can make unhappier, rewritten ones first (default: the rewritten files). */
  files?(): string[];
  diagnostics(file: string): string[];
  diagnosticsBefore(file: string): string[];
  /** Puts a rewritten file back to its text as read. */
  restore(file: string): void;
  /** Puts the rewrite back, when rolling it back did not help (without it, a restored suspect stays restored). */
  reapply?(file: string): void;
  /** The rewritten files a file depends on, nearest first: suspects after its own rewrite. */
  dependencies?(file: string): string[];
}

/**
 * Checks the rewritten files and the files that depend on them against their diagnostics from before the rewrite,
 * and rolls back (in memory, before anything is written) the rewrite that caused each new one. A file with no
 * diagnostics now has gained none, so the checker is asked about a file as read only when it has some now.
 *
 * Blame: the diagnosing file's own rewrite is the first suspect, then the rewritten files it imports, nearest
 * first; each is rolled back in turn and the file checked again, and a suspect whose rollback removed nothing is
 * put back. A diagnostic that only all suspects together explain rolls them all back; one that none explains is
 * not a rewrite's doing. A rollback changes what the files depending on it see, so those and the rolled back file
 * are checked again, until a pass rolls nothing back: what gets written is what was checked.
 */
export function verifyRewrites(rewritten: Iterable<string>, checker: RewriteChecker): Verification[] {
  const applied = new Set(rewritten);
  const checked = checker.files?.() ?? [...applied];
  const rolledBack: Verification[] = [];
  const before = new Map<string, string[]>();
  const diagnosticsBefore = (file: string): string[] => before.get(file) ?? before.set(file, checker.diagnosticsBefore(file)).get(file)!;
  const introducedIn = (file: string): string[] => {
    const now = checker.diagnostics(file);
    return now.length === 0 ? [] : newDiagnostics(diagnosticsBefore(file), now);
  };
  const rollBack = (suspect: string, introduced: string[], diagnosing: string): void => {
    applied.delete(suspect);
    rolledBack.push({ file: suspect, introduced, in: diagnosing });
  };

  const blame = (file: string, introduced: string[]): void => {
    const suspects = [file, ...(checker.dependencies?.(file) ?? [])].filter((suspect, index, all) => applied.has(suspect) && all.indexOf(suspect) === index);
    let remaining = introduced;
    for (const suspect of suspects) {
      checker.restore(suspect);
      const left = introducedIn(file);
      const explained = newDiagnostics(left, remaining);
      if (explained.length > 0 || !checker.reapply) {
        rollBack(suspect, explained.length > 0 ? explained : remaining, file);
        remaining = left;
        if (remaining.length === 0) return;
      } else {
        checker.reapply(suspect);
      }
    }
    const together = suspects.filter((suspect) => applied.has(suspect));
    if (together.length > 1) {
      for (const suspect of together) checker.restore(suspect);
      const left = introducedIn(file);
      if (left.length < remaining.length) {
        for (const suspect of together) rollBack(suspect, newDiagnostics(left, remaining), file);
        return;
      }
      for (const suspect of together) checker.reapply!(suspect);
    }
    // None of the rewrites explains what is left: count it as the file's own from now on.
    before.set(file, [...diagnosticsBefore(file), ...remaining]);
  };

  for (let pending = checked; pending.length > 0; ) {
    const rolledBackBefore = rolledBack.length;
    for (const file of pending) {
      const introduced = introducedIn(file);
      if (introduced.length > 0) blame(file, introduced);
    }
    // Again, the files a rollback of this pass can have changed: the rolled back ones and those depending on them.
    const undone = new Set(rolledBack.slice(rolledBackBefore).map((verification) => verification.file));
    pending = undone.size === 0 ? [] : checked.filter((file) => undone.has(file) || (checker.dependencies?.(file) ?? [...undone]).some((dependency) => undone.has(dependency)));
  }
  return rolledBack;
}
