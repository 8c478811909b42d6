import { workerData } from 'node:worker_threads';
import { parsesCleanly } from '../transforms/python/syntax.js';
import { BROKEN, CLEAN, NEXT, verdictAt } from './python-syntax-check.js';

/**
 * The worker of src/python-syntax-check.ts: takes the next unchecked text from the shared counter, parses it, stores
 * the verdict and wakes the lint thread if it waits for that text. A parser crash is a failed check: the lint
 * thread then lints the file, and ESLint reports what it finds.
 */
const { texts, state } = workerData as { texts: string[]; state: Int32Array };
for (let index = Atomics.add(state, NEXT, 1); index < texts.length; index = Atomics.add(state, NEXT, 1)) {
  let clean = false;
  try {
    clean = parsesCleanly(texts[index]);
  } catch {
    clean = false;
  }
  Atomics.store(state, verdictAt(index), clean ? CLEAN : BROKEN);
  Atomics.notify(state, verdictAt(index));
}
