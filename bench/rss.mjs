// Preloaded with `node --import` into every measured process: at exit, writes the process's peak RSS (bytes) to
// the file named by BENCH_RSS_FILE. The variable is removed at once, so processes this one starts (jscodeshift's
// workers inherit both the --import flag and the environment) stay silent: the number is the parent's only.
import { writeFileSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';

const target = isMainThread ? process.env.BENCH_RSS_FILE : undefined;
if (target) {
  delete process.env.BENCH_RSS_FILE;
  // maxRSS is in kilobytes; it is process-wide, so worker threads are included.
  process.on('exit', () => writeFileSync(target, String(process.resourceUsage().maxRSS * 1024)));
}
