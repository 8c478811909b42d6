/** A run of the suite: green when it exited 0. */
export interface Verdict {
  exitCode: number | null;
}

const isGreen = (run: Verdict): boolean => run.exitCode === 0;

/**
 * Which rewritten files turned the test suite red (CONTRACT §12.2). The baseline (no rewrite) is green and the
 * whole rewrite is red; the files are tried in a fixed order, and a binary search over prefixes finds the first
 * file whose rewrite turns the suite red: the prefix before it is green, with it red. That file is held back
 * (restored to its old text), the rest is run again, and the search repeats while it stays red — so several
 * independent culprits are found one after the other, each in about log2(n) runs.
 *
 * Every run costs a full test suite, so the search stops when `budget` runs are spent; the files it could not
 * clear are then held back too (nothing unproven stays rewritten), and `exhausted` says so.
 */

export interface Culprit<R extends Verdict> {
  file: string;
  /** The red run that convicted the file: the smallest prefix ending with it. */
  run: R;
}

export interface BisectOutcome<R extends Verdict> {
  culprits: Culprit<R>[];
  /** Files held back unproven because the run budget ran out. */
  unresolved: string[];
  runs: R[];
  /** The last run: green when the kept rewrites pass. */
  final?: R;
  exhausted: boolean;
}

/**
 * `runWithheld(files)` runs the suite with those rewritten files restored to their old text (and every other
 * rewrite in place). `red` is the run of the whole rewrite.
 */
export async function bisectRedFiles<R extends Verdict>(
  files: readonly string[],
  red: R,
  budget: number,
  runWithheld: (withheld: string[]) => Promise<R>,
): Promise<BisectOutcome<R>> {
  const outcome: BisectOutcome<R> = { culprits: [], unresolved: [], runs: [], exhausted: false };
  let kept = [...files];
  const withheld = (): string[] => files.filter((file) => !kept.includes(file));
  const run = async (extra: readonly string[]): Promise<R | undefined> => {
    if (outcome.runs.length >= budget) return undefined;
    const result = await runWithheld([...withheld(), ...extra]);
    outcome.runs.push(result);
    return result;
  };

  let lastRed = red;
  while (kept.length > 0) {
    // Invariant: the empty prefix of `kept` is green (the baseline, or the last green-making hold-back), all of it red.
    let green = 0;
    let redPrefix = kept.length;
    let convicting = lastRed;
    while (redPrefix - green > 1) {
      const middle = Math.floor((green + redPrefix) / 2);
      const result = await run(kept.slice(middle));
      if (!result) return giveUp(outcome, kept);
      if (isGreen(result)) green = middle;
      else {
        redPrefix = middle;
        convicting = result;
      }
    }
    const culprit = kept[redPrefix - 1];
    outcome.culprits.push({ file: culprit, run: convicting });
    kept = kept.filter((file) => file !== culprit);
    const rest = await run([]);
    if (!rest) return giveUp(outcome, kept);
    outcome.final = rest;
    if (isGreen(rest)) return outcome;
    lastRed = rest;
  }
  return outcome;
}

function giveUp<R extends Verdict>(outcome: BisectOutcome<R>, kept: string[]): BisectOutcome<R> {
  outcome.unresolved = kept;
  outcome.exhausted = true;
  return outcome;
}
