/**
 * The Node runtime capture (CONTRACT §12.1) on its own: real Node processes run with the capture's environment, and
 * the test checks what the hook recorded (runtime, code, message, repository site, count) and that the program's
 * exit code and output are the same as without it. The hook is the built one (`npm run build` first).
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { NODE_EVENTS_VAR, prepareNodeCapture } from '../src/runtime/node-capture.js';
import type { Capture, RuntimeWarning } from '../src/runtime/warnings.js';
import { packageRoot, tempDir, writeFiles } from './helpers.js';

const DEP0005_MESSAGE =
  'Buffer() is deprecated due to security and usability issues. Please use the Buffer.alloc(), Buffer.allocUnsafe(), or Buffer.from() methods instead.';

/** A repository module whose line 2 calls the deprecated `Buffer()` constructor. */
const LEGACY_MODULE = { 'lib/old.js': 'function makeBuffer() {\n  return new Buffer(4);\n}\nmodule.exports = { makeBuffer };\n' };

const dep0005At = (file: string, line: number, hits: number): RuntimeWarning => ({
  runtime: 'node',
  category: 'DeprecationWarning',
  code: 'DEP0005',
  message: DEP0005_MESSAGE,
  file,
  line,
  hits,
});

/** The test process's environment without its own NODE_OPTIONS and vitest's variables: what a user's shell has. */
function shellEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { NO_COLOR: '1' };
  for (const [name, value] of Object.entries(process.env)) {
    if (name !== 'NODE_OPTIONS' && !name.startsWith('VITEST') && name !== 'FORCE_COLOR') env[name] = value;
  }
  return { ...env, ...extra };
}

const node = (cwd: string, args: string[], env: NodeJS.ProcessEnv): SpawnSyncReturns<string> =>
  spawnSync(process.execPath, args, { cwd, env, encoding: 'utf8', timeout: 120_000 });

/** Runs `node args` in `repo` with the capture on; returns the run and what the capture counted. */
function runCaptured(repo: string, args: string[], baseEnv = shellEnv(), prepare = prepareNodeCapture) {
  const capture: Capture = prepare(repo, baseEnv);
  try {
    const result = node(repo, args, capture.env);
    return { result, warnings: capture.collect(), env: capture.env };
  } finally {
    capture.dispose();
  }
}

/** Node's warning lines carry the process id; the rest of the output must not differ. */
const samePids = (text: string): string => text.replace(/\((node):\d+\)/g, '($1:PID)');

function expectSameBehaviour(captured: SpawnSyncReturns<string>, plain: SpawnSyncReturns<string>): void {
  expect(captured.status).toBe(plain.status);
  expect(captured.stdout).toBe(plain.stdout);
  expect(samePids(captured.stderr)).toBe(samePids(plain.stderr));
}

describe('Node runtime capture', () => {
  it('records new Buffer() in a plain script once, at the repository line that called it, and changes no output', () => {
    const repo = writeFiles(tempDir(), {
      ...LEGACY_MODULE,
      'main.js': "const { makeBuffer } = require('./lib/old.js');\nfor (let i = 0; i < 3; i++) makeBuffer();\nconsole.log('done');\n",
    });
    const { result, warnings } = runCaptured(repo, ['main.js']);
    expect(warnings).toEqual([dep0005At('lib/old.js', 2, 1)]);
    // The hook's 'warning' listener does not take over Node's own printing of the warning.
    expect(result.stderr).toContain(`[DEP0005] DeprecationWarning: ${DEP0005_MESSAGE}`);
    expectSameBehaviour(result, node(repo, ['main.js'], shellEnv()));
  });

  it("attributes a library's deprecation to the repository line that called into the library", () => {
    const repo = writeFiles(tempDir(), {
      'node_modules/legacy-lib/index.js': [
        "exports.old = () => process.emitWarning('legacy-lib: old() is deprecated, use neu()', 'DeprecationWarning', 'LEGACY001');",
        "exports.older = () => process.emitWarning('legacy-lib: older() is deprecated', 'DeprecationWarning');",
        '',
      ].join('\n'),
      'main.js': "const lib = require('legacy-lib');\nlib.old();\nfor (let i = 0; i < 3; i++) lib.older();\n",
    });
    const { result, warnings } = runCaptured(repo, ['main.js']);
    expect(result.status).toBe(0);
    // A library that calls process.emitWarning itself is not deduplicated by Node: every call is an emission.
    expect(warnings).toEqual([
      { runtime: 'node', category: 'DeprecationWarning', message: 'legacy-lib: older() is deprecated', file: 'main.js', line: 3, hits: 3 },
      {
        runtime: 'node',
        category: 'DeprecationWarning',
        code: 'LEGACY001',
        message: 'legacy-lib: old() is deprecated, use neu()',
        file: 'main.js',
        line: 2,
        hits: 1,
      },
    ]);
  });

  it("records a warning without a site when the program's Error.prepareStackTrace makes the stack no text", () => {
    const repo = writeFiles(tempDir(), {
      ...LEGACY_MODULE,
      'main.js': "Error.prepareStackTrace = (error, frames) => frames;\nrequire('./lib/old.js').makeBuffer();\n",
    });
    const { result, warnings } = runCaptured(repo, ['main.js']);
    expect(result.status).toBe(0);
    expect(warnings).toEqual([{ runtime: 'node', category: 'DeprecationWarning', code: 'DEP0005', message: DEP0005_MESSAGE, hits: 1 }]);
  });

  it('records an ES module entry point (its frames are file: URLs)', () => {
    const repo = writeFiles(tempDir(), {
      'main.mjs': "import { Buffer } from 'node:buffer';\n\nexport const size = new Buffer(2).length;\nconsole.log(size);\n",
    });
    const { result, warnings } = runCaptured(repo, ['main.mjs']);
    expect(result.stdout).toBe('2\n');
    expect(warnings).toEqual([dep0005At('main.mjs', 3, 1)]);
  });

  it('counts a node --test suite once per test-file process: three calls in two files count 2', () => {
    const header = "const test = require('node:test');\nconst assert = require('node:assert');\nconst { makeBuffer } = require('../lib/old.js');\n";
    const repo = writeFiles(tempDir(), {
      ...LEGACY_MODULE,
      'test/a.test.js': `${header}test('one', () => assert.equal(makeBuffer().length, 4));\ntest('two', () => assert.equal(makeBuffer().length, 4));\n`,
      'test/b.test.js': `${header}test('three', () => assert.equal(makeBuffer().length, 4));\n`,
    });
    const { result, warnings } = runCaptured(repo, ['--test', '--test-reporter=tap', 'test/a.test.js', 'test/b.test.js']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^# pass 3$/m);
    expect(warnings).toEqual([dep0005At('lib/old.js', 2, 2)]);
  });

  it("works in vitest's forked test processes, recording exactly the deprecations Node emits there", () => {
    const testFile = (name: string) =>
      `import { total } from '../lib/use.mjs';\n\ntest('${name}', () => {\n  expect(total([1, 2, 3])).toBe(6);\n  expect(new Buffer(1).length).toBe(1);\n});\n`;
    const repo = writeFiles(tempDir(), {
      'lib/legacy.mjs': "import { deprecate } from 'node:util';\n\nexport const oldSum = deprecate((a, b) => a + b, 'oldSum() is deprecated, use sum()');\n",
      'lib/use.mjs': "import { oldSum } from './legacy.mjs';\n\nexport function total(values) {\n  return values.reduce((sum, value) => oldSum(sum, value), 0);\n}\n",
      'test/a.test.mjs': testFile('a'),
      'test/b.test.mjs': testFile('b'),
    });
    const vitest = path.join(packageRoot, 'node_modules', '.bin', 'vitest');
    const runVitest = (env: NodeJS.ProcessEnv) => {
      const { result, warnings } = runCaptured(repo, [vitest, 'run', '--root', repo, '--globals'], env);
      const output = result.stdout + result.stderr;
      expect(result.status, output).toBe(0);
      expect(output).toMatch(/Tests\s+2 passed/);
      return { output, warnings, dep0005: warnings.filter((warning) => warning.code === 'DEP0005') };
    };
    const oldSumAt = { runtime: 'node', category: 'DeprecationWarning', message: 'oldSum() is deprecated, use sum()', file: 'lib/use.mjs', line: 4 };

    const { output, warnings, dep0005 } = runVitest(shellEnv());
    // util.deprecate warns once per wrapped function; vitest evaluates lib/ afresh for each test file.
    expect(warnings.filter((warning) => warning.code === undefined)).toEqual([{ ...oldSumAt, hits: 2 }]);
    // Node skips DEP0005 when a frame of the call's stack is under node_modules, as vitest's runner is (so Node
    // 20.20 emits none here); whatever Node emitted and printed, the capture counted — no more, no less.
    expect(dep0005.reduce((sum, warning) => sum + warning.hits, 0)).toBe(output.split('[DEP0005]').length - 1);

    // The project's own --pending-deprecation makes Node emit it there too: once per test-file process.
    const pending = runVitest(shellEnv({ NODE_OPTIONS: '--pending-deprecation' }));
    expect(pending.dep0005).toEqual([dep0005At('test/a.test.mjs', 5, 1), dep0005At('test/b.test.mjs', 5, 1)]);
    expect(pending.output.split('[DEP0005]').length - 1).toBe(2);
  });

  it('follows the command into forked children (as jest-worker starts them) and worker threads', () => {
    const repo = writeFiles(tempDir(), {
      'main.js': [
        "const { fork } = require('node:child_process');",
        "const { Worker } = require('node:worker_threads');",
        "const child = fork(require.resolve('./child.js'), [], { env: { ...process.env, JEST_WORKER_ID: '1' } });",
        "child.on('exit', (code) => new Worker(require.resolve('./thread.js')).on('exit', () => process.exit(code)));",
        '',
      ].join('\n'),
      'child.js': "const buffer = new Buffer(1);\nconsole.log('child', buffer.length);\n",
      'thread.js': "\nconsole.log('thread', new Buffer(2).length);\n",
    });
    const { result, warnings } = runCaptured(repo, ['main.js']);
    expect(result.stdout).toBe('child 1\nthread 2\n');
    expect(warnings).toEqual([dep0005At('child.js', 1, 1), dep0005At('thread.js', 2, 1)]);
  });

  it('keeps --throw-deprecation and --no-deprecation doing what they do, after the NODE_OPTIONS the project set', () => {
    const repo = writeFiles(tempDir(), {
      ...LEGACY_MODULE,
      'main.js': "const { makeBuffer } = require('./lib/old.js');\nmakeBuffer();\nconsole.log('after');\n",
    });
    const throwing = shellEnv({ NODE_OPTIONS: '--throw-deprecation' });
    const thrown = runCaptured(repo, ['main.js'], throwing);
    expect(thrown.env.NODE_OPTIONS).toMatch(/^--throw-deprecation --require \S+node-hook\.cjs$/);
    const plainThrown = node(repo, ['main.js'], throwing);
    expect(plainThrown.status).not.toBe(0);
    expect(plainThrown.stderr).toContain(`DeprecationWarning: ${DEP0005_MESSAGE}\n    at showFlaggedDeprecation`);
    expectSameBehaviour(thrown.result, plainThrown);
    // Node throws the warning instead of emitting it; the hook still counts it.
    expect(thrown.warnings).toEqual([dep0005At('lib/old.js', 2, 1)]);

    const silenced = runCaptured(repo, ['--no-deprecation', 'main.js']);
    expectSameBehaviour(silenced.result, node(repo, ['--no-deprecation', 'main.js'], shellEnv()));
    expect(silenced.result.stderr).toBe('');
    // With --no-deprecation Node never creates the warning: nothing to count.
    expect(silenced.warnings).toEqual([]);
  });

  it('runs from an install path and a repository path with spaces, quotes, parentheses and a backslash', () => {
    // (Node's ES module loader refuses a backslash in a POSIX path, so the install path, an ES module's, has none.)
    const install = path.join(tempDir(), 'my "tools" dir');
    mkdirSync(path.join(install, 'runtime'), { recursive: true });
    writeFileSync(path.join(install, 'package.json'), '{ "type": "module" }\n');
    for (const file of ['node-capture.js', 'warnings.js', 'node-hook.cjs']) {
      copyFileSync(path.join(packageRoot, 'dist', 'src', 'runtime', file), path.join(install, 'runtime', file));
    }
    // The installed module, loaded by plain Node as a user's deprecfix would be, captures one run of `node main.js`.
    writeFileSync(
      path.join(install, 'drive.mjs'),
      [
        "import { spawnSync } from 'node:child_process';",
        "import { prepareNodeCapture } from './runtime/node-capture.js';",
        'const [repo] = process.argv.slice(2);',
        'const capture = prepareNodeCapture(repo, process.env);',
        "const run = spawnSync(process.execPath, ['main.js'], { cwd: repo, env: capture.env, encoding: 'utf8' });",
        'console.log(JSON.stringify({ status: run.status, stderr: run.stderr, nodeOptions: capture.env.NODE_OPTIONS, warnings: capture.collect() }));',
        'capture.dispose();',
        '',
      ].join('\n'),
    );
    const repo = writeFiles(path.join(tempDir(), 'my repo \\ (copy)'), {
      ...LEGACY_MODULE,
      'main.js': "require('./lib/old.js').makeBuffer();\n",
    });
    const driven = node(install, ['drive.mjs', repo], shellEnv());
    expect(driven.status, driven.stderr).toBe(0);
    const { status, stderr, nodeOptions, warnings } = JSON.parse(driven.stdout);
    expect(nodeOptions).toBe(`--require "${path.join(install, 'runtime', 'node-hook.cjs').replace(/["\\]/g, '\\$&')}"`);
    expect(status, stderr).toBe(0);
    expect(warnings).toEqual([dep0005At('lib/old.js', 2, 1)]);
  });

  it('names sites relative to the repository when it is reached through a symbolic link', () => {
    const repo = writeFiles(tempDir(), { ...LEGACY_MODULE, 'main.js': "require('./lib/old.js').makeBuffer();\n" });
    const link = path.join(tempDir(), 'linked-repo');
    symlinkSync(repo, link, 'dir');
    expect(runCaptured(link, ['main.js']).warnings).toEqual([dep0005At('lib/old.js', 2, 1)]);
  });

  it('collects nothing before a run, and dispose removes its files', () => {
    const capture = prepareNodeCapture(tempDir(), {});
    const eventsFile = capture.env[NODE_EVENTS_VAR]!;
    expect(existsSync(path.dirname(eventsFile))).toBe(true);
    expect(capture.collect()).toEqual([]);
    capture.dispose();
    expect(existsSync(path.dirname(eventsFile))).toBe(false);
  });
});
