// `node bench/node-capture.mjs [--runs N] [--files N,N]` (after `npm run build`): what the Node runtime capture
// costs a `node --test` suite. Generates suites of N test files that each hit DEP0005 (one test process per file),
// then times `node --test` with and without the capture, round-robin so that a slow moment on a shared machine hits
// both alike, and prints the medians. Each captured run must have counted one emission per test file. Then the
// hook's own cost, measured inside the process (what each Node process and worker thread of a suite pays).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { prepareNodeCapture } from '../dist/src/runtime/node-capture.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '10' }, files: { type: 'string', default: '2,20' } } });
const runs = Number(values.runs);
const median = (numbers) => [...numbers].sort((a, b) => a - b)[Math.floor(numbers.length / 2)];

function suite(files) {
  const repo = mkdtempSync(path.join(os.tmpdir(), 'deprecfix-bench-node-'));
  mkdirSync(path.join(repo, 'lib'));
  mkdirSync(path.join(repo, 'test'));
  writeFileSync(path.join(repo, 'lib', 'old.js'), 'function makeBuffer() {\n  return new Buffer(4);\n}\nmodule.exports = { makeBuffer };\n');
  const names = [];
  for (let i = 0; i < files; i++) {
    names.push(`test/t${i}.test.js`);
    writeFileSync(
      path.join(repo, names[i]),
      "const test = require('node:test');\nconst assert = require('node:assert');\nconst { makeBuffer } = require('../lib/old.js');\n" +
        "test('buffer', () => assert.equal(makeBuffer().length, 4));\n",
    );
  }
  return { repo, args: ['--test', ...names] };
}

function timed(repo, args, env) {
  const start = performance.now();
  const result = spawnSync(process.execPath, args, { cwd: repo, env, encoding: 'utf8' });
  const ms = performance.now() - start;
  if (result.status !== 0) throw new Error(`node ${args.join(' ')} failed:\n${result.stdout}${result.stderr}`);
  return ms;
}

console.log(`node ${process.version}, ${os.cpus().length} CPUs, ${runs} runs each, medians`);
console.log('| test files | without capture | with capture | overhead |');
console.log('|---|---|---|---|');
for (const files of values.files.split(',').map(Number)) {
  const { repo, args } = suite(files);
  const without = [];
  const withCapture = [];
  timed(repo, args, process.env); // warm the file system cache
  for (let run = 0; run < runs; run++) {
    without.push(timed(repo, args, process.env));
    const capture = prepareNodeCapture(repo, process.env);
    withCapture.push(timed(repo, args, capture.env));
    const hits = capture.collect().reduce((sum, warning) => sum + warning.hits, 0);
    capture.dispose();
    if (hits !== files) throw new Error(`expected ${files} DEP0005 emissions, counted ${hits}`);
  }
  const [a, b] = [median(without), median(withCapture)];
  console.log(`| ${files} | ${a.toFixed(0)} ms | ${b.toFixed(0)} ms | ${(b - a).toFixed(0)} ms (${(((b - a) / a) * 100).toFixed(1)} %) |`);
  rmSync(repo, { recursive: true, force: true });
}

const hook = fileURLToPath(new URL('../dist/src/runtime/node-hook.cjs', import.meta.url));
const probe = `
const start = process.hrtime.bigint();
require(${JSON.stringify(hook)});
const loaded = process.hrtime.bigint();
const listener = process.listeners('warning').at(-1);
const warning = Object.assign(new Error('probe'), { name: 'DeprecationWarning', code: 'DEP9999' });
for (let i = 0; i < 100; i++) listener(warning);
console.log(JSON.stringify({ load: Number(loaded - start) / 1e6, event: Number(process.hrtime.bigint() - loaded) / 1e8 }));`;
const { repo } = suite(0);
const samples = [];
for (let run = 0; run < runs; run++) {
  const capture = prepareNodeCapture(repo, process.env);
  const result = spawnSync(process.execPath, ['-e', probe], { cwd: repo, env: { ...capture.env, NODE_OPTIONS: '' }, encoding: 'utf8' });
  if (capture.collect()[0]?.hits !== 100) throw new Error(`the probe's events were not recorded: ${result.stderr}`);
  capture.dispose();
  samples.push(JSON.parse(result.stdout));
}
rmSync(repo, { recursive: true, force: true });
console.log(`hook load per process: ${median(samples.map((s) => s.load)).toFixed(2)} ms; per recorded event: ${median(samples.map((s) => s.event)).toFixed(3)} ms`);
