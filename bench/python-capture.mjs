// `node bench/python-capture.mjs [--runs N] [--repo DIR -- <command…>]`: what the Python runtime capture costs a
// test command (needs `npm run build` first). Without --repo it times generated pytest suites and a bare interpreter
// start; with --repo, the given command in that directory (e.g. the demo's `python3 -m pytest -q`). Runs alternate
// with and without capture, so a slow minute on a shared machine hits both alike; medians are printed, and every
// captured run is checked to have recorded what it should.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { preparePythonCapture } from '../dist/src/runtime/python-capture.js';

const { values, positionals } = parseArgs({ options: { runs: { type: 'string', default: '9' }, repo: { type: 'string' } }, allowPositionals: true });
const runs = Number(values.runs);

/** A pytest suite of `tests` tests, each calling a deprecated function `firings` times. */
function suite(tests, firings) {
  const repo = mkdtempSync(path.join(os.tmpdir(), 'deprecfix-capture-bench-'));
  mkdirSync(path.join(repo, 'tests'));
  writeFileSync(path.join(repo, 'legacy.py'), 'import warnings\n\n\ndef old():\n    warnings.warn("old is deprecated", DeprecationWarning)\n');
  const body = Array.from({ length: tests }, (_, index) => `def test_${index}():\n    for _ in range(${firings}):\n        old()\n`).join('\n\n');
  writeFileSync(path.join(repo, 'tests', 'test_many.py'), `from legacy import old\n\n\n${body}`);
  return { name: `pytest, ${tests} tests × ${firings} firings`, repo, command: ['python3', '-m', 'pytest', '-q', '-p', 'no:cacheprovider', 'tests'], expected: tests * firings };
}

/** Wall time, and CPU time (user + system, children included) through GNU time: the fairer figure on a busy machine. */
function time(repo, command, env) {
  const start = performance.now();
  const run = spawnSync('/usr/bin/time', ['-f', 'deprecfix-bench-cpu %U %S', ...command], { cwd: repo, env, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  const ms = performance.now() - start;
  if (run.error) throw run.error;
  const cpu = /deprecfix-bench-cpu (\S+) (\S+)\s*$/.exec(run.stderr);
  if (!cpu) throw new Error(`no CPU time from /usr/bin/time: ${run.stderr.slice(-500)}`);
  return { ms, cpuMs: (Number(cpu[1]) + Number(cpu[2])) * 1000, status: run.status };
}

/** A plain script firing a deprecation `firings` times: the hook's cost per firing (ignored by default without it). */
function script(firings) {
  const repo = mkdtempSync(path.join(os.tmpdir(), 'deprecfix-capture-bench-'));
  writeFileSync(path.join(repo, 'legacy.py'), 'import warnings\n\n\ndef old():\n    warnings.warn("old is deprecated", DeprecationWarning)\n');
  writeFileSync(path.join(repo, 'fire.py'), `from legacy import old\n\nfor _ in range(${firings}):\n    old()\n`);
  return { name: `python3 fire.py (${firings} firings)`, repo, command: ['python3', 'fire.py'], expected: firings };
}

const median = (numbers) => [...numbers].sort((a, b) => a - b)[Math.floor(numbers.length / 2)];

const cases = values.repo
  ? [{ name: positionals.join(' '), repo: path.resolve(values.repo), command: positionals }]
  : [
      { name: 'python3 -c pass (interpreter start)', repo: os.tmpdir(), command: ['python3', '-c', 'pass'], expected: 0 },
      suite(3, 1),
      suite(50, 0),
      suite(50, 20),
      script(10_000),
    ];

console.log('| command | wall without → with capture | CPU without → with capture | CPU overhead | warnings recorded |\n|---|---|---|---|---|');
for (const { name, repo, command, expected } of cases) {
  const plain = [];
  const captured = [];
  let recorded = 0;
  for (let run = 0; run < runs; run++) {
    plain.push(time(repo, command, process.env));
    const capture = preparePythonCapture(repo, process.env);
    try {
      captured.push(time(repo, command, capture.env));
      recorded = capture.collect().reduce((sum, warning) => sum + warning.hits, 0);
      if (expected !== undefined && recorded !== expected) throw new Error(`${name}: recorded ${recorded} warnings, expected ${expected}`);
    } finally {
      capture.dispose();
    }
  }
  const [wall, wallCaptured] = [median(plain.map((run) => run.ms)), median(captured.map((run) => run.ms))];
  const [cpu, cpuCaptured] = [median(plain.map((run) => run.cpuMs)), median(captured.map((run) => run.cpuMs))];
  console.log(
    `| \`${name}\` | ${wall.toFixed(0)} → ${wallCaptured.toFixed(0)} ms | ${cpu.toFixed(0)} → ${cpuCaptured.toFixed(0)} ms | ` +
      `${(cpuCaptured - cpu).toFixed(0)} ms (${(((cpuCaptured - cpu) / cpu) * 100).toFixed(0)} %) | ${recorded} |`,
  );
  if (!values.repo && repo !== os.tmpdir()) rmSync(repo, { recursive: true, force: true });
}
