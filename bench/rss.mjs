// Preloaded with `node --import` into every measured process. At exit:
// - the process's peak RSS (bytes) goes to the file named by BENCH_RSS_FILE. The variable is removed at once, so
//   processes this one starts (jscodeshift's workers inherit both the --import flag and the environment) stay
//   silent: the number is the parent's only;
// - its CPU time (user + system, seconds) is appended, one line per process, to BENCH_CPU_FILE, which stays set:
//   the sum is the CPU time of the whole tree of Node processes (workers included; git and other non-Node children
//   are not). On a shared machine CPU time varies less with the load than wall time does.
import { appendFileSync, writeFileSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';

const target = isMainThread ? process.env.BENCH_RSS_FILE : undefined;
if (target) {
  delete process.env.BENCH_RSS_FILE;
  // maxRSS is in kilobytes; it is process-wide, so worker threads are included.
  process.on('exit', () => writeFileSync(target, String(process.resourceUsage().maxRSS * 1024)));
}
const cpuTarget = isMainThread ? process.env.BENCH_CPU_FILE : undefined;
if (cpuTarget) {
  process.on('exit', () => {
    const { userCPUTime, systemCPUTime } = process.resourceUsage(); // microseconds, worker threads included
    appendFileSync(cpuTarget, `${(userCPUTime + systemCPUTime) / 1e6}\n`);
  });
}
