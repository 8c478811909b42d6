import { closeSync, openSync, readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

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

/**
 * The events a capture hook wrote (one JSON line each), read in chunks: a hot loop in a long suite writes millions of
 * lines, more than one string holds, and only the distinct sites stay in memory. None when nothing fired (the file
 * is created on the first event); a torn last line, left by a child killed mid-write (a timeout), is no firing.
 */
export function* readWarningEvents(file: string): Generator<WarningEvent> {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  const parse = (line: string): WarningEvent | undefined => {
    try {
      return JSON.parse(line) as WarningEvent;
    } catch {
      return undefined;
    }
  };
  try {
    const chunk = Buffer.alloc(1 << 20);
    const decoder = new StringDecoder('utf8'); // a chunk may end inside a character of a message
    let rest = '';
    for (let read; (read = readSync(fd, chunk, 0, chunk.length, null)) > 0; ) {
      const lines = (rest + decoder.write(chunk.subarray(0, read))).split('\n');
      rest = lines.pop()!;
      for (const line of lines) {
        const event = line === '' ? undefined : parse(line);
        if (event) yield event;
      }
    }
    const last = rest + decoder.end();
    const event = last === '' ? undefined : parse(last);
    if (event) yield event;
  } finally {
    closeSync(fd);
  }
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
