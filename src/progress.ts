/**
 * Progress for long runs (CONTRACT §2): on a TTY only, on stderr, and only once a step has lasted about a second
 * or has more than a few dozen files. Pipes and CI logs never see it.
 */
export interface Progress {
  start(label: string, total: number): void;
  tick(): void;
  /**
   * A slow item (a large file) starts now: say which at once. A tick comes only when an item ends, and the run is
   * synchronous, so without this a single large file would show nothing until it was done.
   */
  working(detail: string): void;
  done(): void;
}

export const silentProgress: Progress = { start() {}, tick() {}, working() {}, done() {} };

const SHOW_AFTER_MS = 1000;
const SHOW_FROM_FILES = 40;
const REDRAW_EVERY_MS = 100;

/**
 * What progress needs of a stream and an environment, spelled out rather than as `NodeJS.WriteStream` and
 * `NodeJS.ProcessEnv`: the published declarations must type-check in a project without `@types/node`.
 */
export interface ProgressStream {
  isTTY?: boolean;
  write(text: string): unknown;
}

export function createProgress(stream: ProgressStream = process.stderr, env: Record<string, string | undefined> = process.env): Progress {
  if (!stream.isTTY || env.CI) return silentProgress;
  let label = '';
  let total = 0;
  let count = 0;
  let startedAt = 0;
  let drawnAt = 0;
  let drawn = false;
  const clear = () => {
    if (drawn) stream.write('\r\x1b[2K');
    drawn = false;
  };
  return {
    start(nextLabel, nextTotal) {
      clear();
      label = nextLabel;
      total = nextTotal;
      count = 0;
      startedAt = Date.now();
    },
    tick() {
      count++;
      const now = Date.now();
      const worthShowing = total >= SHOW_FROM_FILES || now - startedAt >= SHOW_AFTER_MS;
      if (!worthShowing || now - drawnAt < REDRAW_EVERY_MS) return;
      drawnAt = now;
      drawn = true;
      stream.write(`\r\x1b[2K${label} ${count}/${total}`);
    },
    working(detail) {
      drawnAt = Date.now();
      drawn = true;
      stream.write(`\r\x1b[2K${label} ${count}/${total}: ${detail}`);
    },
    done: clear,
  };
}

/**
 * `DEPRECFIX_TIMING=1` (like ESLint's `TIMING`): each stage's wall time and item count, printed on stderr when the
 * process exits, for profiling a run on a real repository. A stage lasts until the next one starts.
 */
export function withStageTimings(progress: Progress, stream: ProgressStream = process.stderr, env: Record<string, string | undefined> = process.env): Progress {
  if (!env.DEPRECFIX_TIMING) return progress;
  const stages: { label: string; total: number; ms: number }[] = [];
  let open: { label: string; total: number; at: number } | undefined;
  const close = () => {
    if (open) stages.push({ label: open.label, total: open.total, ms: performance.now() - open.at });
    open = undefined;
  };
  process.once('exit', () => {
    close();
    const lines = stages.map(({ label, total, ms }) => `${ms.toFixed(0).padStart(7)} ms  ${label} (${total})`);
    stream.write(`deprecfix stage times (process ${performance.now().toFixed(0)} ms):\n${lines.join('\n')}\n`);
  });
  return {
    start(label, total) {
      close();
      open = { label, total, at: performance.now() };
      progress.start(label, total);
    },
    tick: () => progress.tick(),
    working: (detail) => progress.working(detail),
    done() {
      close();
      progress.done();
    },
  };
}
