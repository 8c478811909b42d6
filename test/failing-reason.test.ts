/**
 * Why `fix --test` rolled a file back (`failingReason`): the failing test's name and the first line of its error,
 * read from the runner's output as node --test (TAP and spec), pytest, jest and vitest print them; else the last
 * lines that look like a failure.
 */
import { describe, expect, it } from 'vitest';
import { failingReason, type SuiteRun } from '../src/runtime/runtime-phase.js';

const suite = (command: string, outputTail: string): SuiteRun => ({
  purpose: 'bisect',
  exitCode: 1,
  durationMs: 10,
  warnings: [],
  runs: [{ command, purpose: 'bisect', exitCode: 1, timedOut: false, durationMs: 10, outputTail, warnings: [] }],
});

const NODE_TAP = `# Subtest: stamps the user
not ok 1 - stamps the user
  ---
  duration_ms: 1.869773
  location: '/tmp/nt/a.test.js:3:1'
  failureType: 'testCodeFailure'
  error: |-
    Expected values to be strictly equal:

    1 !== 0

  code: 'ERR_ASSERTION'
  name: 'AssertionError'
  expected: 0
  actual: 1
  operator: 'strictEqual'
  stack: |-
    TestContext.<anonymous> (/tmp/nt/a.test.js:3:40)
  ...
# Subtest: passes
ok 2 - passes
1..2
# tests 2
# pass 1
# fail 1`;

const PYTEST = `>       assert {'a': 1} == {'a': 2}
E       AssertionError: assert {'a': 1} == {'a': 2}

test_x.py:2: AssertionError
=========================== short test summary info ============================
FAILED test_x.py::test_dump - AssertionError: assert {'a': 1} == {'a': 2}
1 failed in 0.66s`;

const NODE_SPEC = `✖ failing tests:

test at a.test.js:3:1
✖ stamps the user (1.869773ms)
  AssertionError [ERR_ASSERTION]: Expected values to be strictly equal:

  1 !== 0

      at TestContext.<anonymous> (/tmp/nt/a.test.js:3:40)`;

const JEST = `  ● users › parses the user

    expect(received).toBe(expected) // Object.is equality

    Expected: "a"
    Received: undefined

Tests:       1 failed, 3 passed, 4 total`;

describe('failingReason', () => {
  it.each([
    ['node --test (TAP)', 'node --test', NODE_TAP, 'stamps the user: Expected values to be strictly equal:'],
    ['pytest', 'pytest -q', PYTEST, "test_x.py::test_dump: AssertionError: assert {'a': 1} == {'a': 2}"],
    ['node --test (spec reporter)', 'node --test', NODE_SPEC, 'stamps the user: AssertionError [ERR_ASSERTION]: Expected values to be strictly equal:'],
    ['jest', 'npx jest', JEST, 'users › parses the user: expect(received).toBe(expected) // Object.is equality'],
  ])('names the failing test and its error: %s', (_runner, command, output, excerpt) => {
    expect(failingReason(suite(command, output))).toBe(`the tests fail with this rewrite: \`${command}\` exited 1: ${excerpt}`);
  });

  it('falls back to the last lines that look like a failure', () => {
    expect(failingReason(suite('make test', 'building…\nError: cannot find module ./time\nmake: *** [test] Error 1'))).toBe(
      'the tests fail with this rewrite: `make test` exited 1: Error: cannot find module ./time | make: *** [test] Error 1',
    );
  });
});
