/**
 * The runtime evidence's data type (CONTRACT §12): deprecation warnings a child process emitted while running the
 * project's own command, as the capture hooks record them. Each capture module (`python-capture.ts`,
 * `node-capture.ts`) writes one JSON line per firing; this module owns the shape and the counting.
 */

export type RuntimeName = 'python' | 'node';

/** One firing, as a capture hook writes it (one JSON line). */
export interface WarningEvent {
  runtime: RuntimeName;
  /** `DeprecationWarning`, `PendingDeprecationWarning`, `PydanticDeprecatedSince20`, … (Node: the warning's name). */
  category: string;
  /** Node's deprecation code (`DEP0005`); absent in Python. */
  code?: string;
  message: string;
  /** The first frame in the repository's own code: repo-relative POSIX path; absent when no frame is inside it. */
  file?: string;
  line?: number;
}

/** Firings of one warning at one site, counted. */
export interface RuntimeWarning extends WarningEvent {
  hits: number;
}

/** Counts events by (runtime, category, code, message, file, line); hottest first, then by site. */
export function countWarnings(events: Iterable<WarningEvent>): RuntimeWarning[] {
  return mergeWarnings([Array.from(events, (event) => ({ ...event, hits: 1 }))]);
}

/** Several runs' counts as one (the commands of a suite): hits of the same warning at the same site add up. */
export function mergeWarnings(lists: readonly (readonly RuntimeWarning[])[]): RuntimeWarning[] {
  const bySite = new Map<string, RuntimeWarning>();
  for (const warning of lists.flat()) {
    const key = JSON.stringify([warning.runtime, warning.category, warning.code ?? '', warning.message, warning.file ?? '', warning.line ?? 0]);
    const counted = bySite.get(key);
    if (counted) counted.hits += warning.hits;
    else bySite.set(key, { ...warning });
  }
  return [...bySite.values()].sort(
    (a, b) => b.hits - a.hits || (a.file ?? '\uffff').localeCompare(b.file ?? '\uffff') || (a.line ?? 0) - (b.line ?? 0) || a.message.localeCompare(b.message),
  );
}

/**
 * What a capture hands the test runner: the environment the child runs with (the caller's environment plus the
 * hook's variables), and the warnings it recorded once the child has exited.
 */
export interface Capture {
  /** Plain strings (not `NodeJS.ProcessEnv`): the published declarations must not need @types/node. */
  env: Record<string, string | undefined>;
  /** Reads every event written so far, counted; call after the child exits. */
  collect(): RuntimeWarning[];
  /** Removes the capture's temporary files. */
  dispose(): void;
}
