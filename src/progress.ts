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
