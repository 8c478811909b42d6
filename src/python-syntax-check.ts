import { existsSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { parsesCleanly } from '../transforms/python/syntax.js';

/**
 * The syntax check of the Python files no needle marks (src/lint.ts lints only a file that fails it): tree-sitter's
 * parse alone, a sixth of a service's scan. Above `WORKER_MIN_CHARS` a worker thread parses them beside the lint
 * of the needle files. Both threads take the next unchecked file from one shared counter, so the lint thread helps
 * once its own work is done (or while the worker is still loading tree-sitter) and a worker that never starts
 * costs nothing but its start. The verdict is the same function's either way; a file that fails is linted by
 * ESLint on the lint thread, which words its error as before.
 */
export interface SyntaxCheck {
  /** Whether text `index` parses without a syntax error; blocks while the worker is parsing it. */
  parsesCleanly(index: number): boolean;
  /** How many texts the worker checked (for tests and timing). */
  readonly checkedByWorker: number;
  close(): void;
}

/**
 * Measured on 2 cores: starting the worker (a thread, tree-sitter's WebAssembly) costs ~70 ms of CPU and ~75 ms
 * before its first parse, and tree-sitter parses ~6 MiB/s of Python (~150 ms a MiB) — below this much text the
 * worker would start about when the work is done.
 */
export const WORKER_MIN_CHARS = 512 * 1024;

/** `auto`: a worker above `WORKER_MIN_CHARS` unless the machine is busy (`wantsWorker`); the others for tests. */
export type SyntaxCheckMode = 'auto' | 'inline' | 'worker-only';

/** The state both threads share (an `Int32Array`): [0] the next unclaimed text, then one verdict per text. */
export const NEXT = 0;
const PENDING = 0;
export const CLEAN = 1;
export const BROKEN = 2;
export const verdictAt = (index: number): number => 1 + index;

/** How long the lint thread waits for the worker's verdict on one text before parsing it itself (a dead worker). */
const waitLimitMs = (text: string): number => 5_000 + text.length / 100;

const WORKER_FILE = fileURLToPath(new URL('./python-syntax-worker.js', import.meta.url));

export function checkPythonSyntax(texts: readonly string[], mode: SyntaxCheckMode = 'auto'): SyntaxCheck {
  const worker = mode !== 'inline' && (mode === 'worker-only' || wantsWorker(texts)) ? startWorker(texts) : undefined;
  if (!worker) {
    return { parsesCleanly: (index) => parsesCleanly(texts[index]), checkedByWorker: 0, close() {} };
  }
  const { state, thread } = worker;
  let checkedHere = 0;
  const check = (index: number): void => {
    Atomics.store(state, verdictAt(index), parsesCleanly(texts[index]) ? CLEAN : BROKEN);
    checkedHere++;
  };
  return {
    parsesCleanly(index) {
      // Claimed texts are checked in order, so claiming the next ones reaches `index` unless the worker holds it.
      while (Atomics.load(state, verdictAt(index)) === PENDING && mode !== 'worker-only') {
        const next = Atomics.add(state, NEXT, 1);
        if (next >= texts.length) break;
        check(next);
      }
      if (Atomics.load(state, verdictAt(index)) === PENDING && Atomics.wait(state, verdictAt(index), PENDING, waitLimitMs(texts[index])) === 'timed-out') {
        check(index);
      }
      return Atomics.load(state, verdictAt(index)) === CLEAN;
    },
    get checkedByWorker() {
      let checked = 0;
      for (let index = 0; index < texts.length; index++) if (Atomics.load(state, verdictAt(index)) !== PENDING) checked++;
      return checked - checkedHere;
    },
    close() {
      void thread.terminate();
    },
  };
}

/**
 * Enough text, and a machine not already busy: measured on 2 cores, the worker took 9% off a service's scan at a
 * 1-minute load average of 1.8 (which counts the runs just before, so a repeated scan counts itself) and added 10%
 * at 4, where it only competes with the lint thread. Windows reports no load.
 */
function wantsWorker(texts: readonly string[]): boolean {
  const cores = os.availableParallelism();
  if (cores < 2 || os.loadavg()[0] >= cores) return false;
  let chars = 0;
  for (const text of texts) if ((chars += text.length) >= WORKER_MIN_CHARS) return true;
  return false;
}

function startWorker(texts: readonly string[]): { state: Int32Array; thread: Worker } | undefined {
  // Run from the sources (tests under vitest) there is no compiled worker: the lint thread checks every text.
  if (!existsSync(WORKER_FILE)) return undefined;
  const state = new Int32Array(new SharedArrayBuffer(4 * verdictAt(texts.length)));
  let thread: Worker;
  try {
    thread = new Worker(WORKER_FILE, { workerData: { texts, state } });
  } catch {
    return undefined; // no thread to be had (resource limits): the lint thread checks every text
  }
  // A worker that fails once started leaves its texts unclaimed: the lint thread claims them.
  thread.on('error', () => {});
  thread.unref();
  return { state, thread };
}
