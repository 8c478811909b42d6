/**
 * The test-command runner and the bisection of a red rewrite (CONTRACT §12.2), on their own: a real shell for the
 * runner (exit codes, output tail, a hang killed with its whole process group), a scripted suite for bisection.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bisectRedFiles } from '../src/runtime/bisect.js';
import { OUTPUT_TAIL_LINES, runTestCommand, type TestRun } from '../src/runtime/test-run.js';
import { tempDir } from './helpers.js';

describe('runTestCommand', () => {
  it('runs the command through the shell in the given directory, with its exit code and the tail of its output', async () => {
    const dir = tempDir('deprecfix-run-');
    const command = `for i in $(seq 1 100); do echo "line $i"; done; echo oops >&2; pwd > where.txt; exit 3`;
    const run = await runTestCommand(command, { cwd: dir, purpose: 'before', timeoutMs: 60_000 });
    expect(run).toMatchObject({ command, purpose: 'before', exitCode: 3, timedOut: false, warnings: [] });
    expect(readFileSync(path.join(dir, 'where.txt'), 'utf8').trim()).toBe(dir);
    const lines = run.outputTail.split('\n');
    expect(lines).toHaveLength(OUTPUT_TAIL_LINES);
    expect(lines.at(-1)).toBe('oops');
    expect(lines.at(-2)).toBe('line 100');
  });

  it('kills a hanging command with every process it started, and says so', async () => {
    const dir = tempDir('deprecfix-run-');
    // The shell starts a grandchild that would outlive a kill of the shell alone.
    const run = await runTestCommand(`echo started; (sleep 30; touch survived) & wait`, { cwd: dir, purpose: 'after', timeoutMs: 500 });
    expect(run.exitCode).toBeNull();
    expect(run.signal).toBe('SIGTERM');
    expect(run.timedOut).toBe(true);
    expect(run.outputTail).toMatch(/^started\n\[deprecfix: killed after 500 ms \(--test-timeout\)\]$/);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(existsSync(path.join(dir, 'survived'))).toBe(false);
  });

  it('stops the command when the caller aborts (Ctrl-C in deprecfix)', async () => {
    const controller = new AbortController();
    const pending = runTestCommand('sleep 30', { cwd: tempDir('deprecfix-run-'), purpose: 'after', timeoutMs: 60_000, signal: controller.signal });
    setTimeout(() => controller.abort(), 200);
    const run = await pending;
    expect(run).toMatchObject({ exitCode: null, signal: 'SIGTERM', timedOut: false });
  });
});

describe('bisectRedFiles', () => {
  const files = ['a.py', 'b.py', 'c.py', 'd.py', 'e.py', 'f.py', 'g.py', 'h.py'];
  /** A suite that is red while any culprit's rewrite is in place. */
  const suite = (culprits: string[]) => {
    const calls: string[][] = [];
    const runWithheld = async (withheld: string[]): Promise<TestRun> => {
      calls.push(withheld);
      const red = culprits.find((file) => !withheld.includes(file));
      return {
        command: 'pytest',
        purpose: 'bisect',
        exitCode: red ? 1 : 0,
        timedOut: false,
        durationMs: 1,
        outputTail: red ? `FAILED test_${red}` : 'passed',
        warnings: [],
        withheld,
      };
    };
    return { calls, runWithheld };
  };
  const red: TestRun = { command: 'pytest', purpose: 'after', exitCode: 1, timedOut: false, durationMs: 1, outputTail: 'FAILED', warnings: [] };

  it('finds one culprit among eight files in log2(8) runs plus the confirming run', async () => {
    const { calls, runWithheld } = suite(['f.py']);
    const outcome = await bisectRedFiles(files, red, 8, runWithheld);
    expect(outcome.culprits.map((culprit) => culprit.file)).toEqual(['f.py']);
    expect(outcome.culprits[0].run.outputTail).toBe('FAILED test_f.py');
    expect(outcome.runs).toHaveLength(4);
    expect(calls.at(-1)).toEqual(['f.py']);
    expect(outcome.final?.exitCode).toBe(0);
    expect(outcome).toMatchObject({ exhausted: false, unresolved: [] });
  });

  it('finds several independent culprits one after the other', async () => {
    const { runWithheld } = suite(['b.py', 'g.py']);
    const outcome = await bisectRedFiles(files, red, 20, runWithheld);
    expect(outcome.culprits.map((culprit) => culprit.file)).toEqual(['b.py', 'g.py']);
    expect(outcome.final?.exitCode).toBe(0);
  });

  it('convicts the only file without a bisection run', async () => {
    const { calls, runWithheld } = suite(['a.py']);
    const outcome = await bisectRedFiles(['a.py'], red, 8, runWithheld);
    expect(outcome.culprits.map((culprit) => culprit.file)).toEqual(['a.py']);
    expect(outcome.culprits[0].run).toBe(red);
    expect(calls).toEqual([['a.py']]);
  });

  it('holds back every file it could not clear when the run budget is spent', async () => {
    const { calls, runWithheld } = suite(['c.py', 'h.py']);
    const outcome = await bisectRedFiles(files, red, 3, runWithheld);
    expect(calls).toHaveLength(3);
    expect(outcome.exhausted).toBe(true);
    expect(outcome.culprits.map((culprit) => culprit.file)).toEqual(['c.py']);
    expect(outcome.unresolved).toEqual(['a.py', 'b.py', 'd.py', 'e.py', 'f.py', 'g.py', 'h.py']);
  });
});
