import { RuleTester } from 'eslint';
import * as vitest from 'vitest';
import { KINDS, parseMessageId } from '../../rules/kinds.js';
import { findingFilter } from '../../src/lint.js';

// ESLint's RuleTester runs its cases as vitest tests.
RuleTester.describe = vitest.describe;
RuleTester.it = vitest.it;
RuleTester.itOnly = vitest.it.only;

const mayHaveFindings = findingFilter(['py-utcnow', 'py-pydantic-v1'], {}, 'python');

/**
 * The CLI does not parse a Python file that holds no kind's needle (`KINDS[kind].needle`), so every finding a rule
 * can report must hold its kind's needle: each table checks that of its invalid cases before running them.
 */
export class PythonRuleTester extends RuleTester {
  override run(name: string, rule: Parameters<RuleTester['run']>[1], tests: Parameters<RuleTester['run']>[2]): void {
    vitest.it(`${name}: every invalid case holds the needle of each kind it reports`, () => {
      for (const test of tests.invalid) {
        // A row that only counts its errors must at least pass the CLI's filter.
        if (!Array.isArray(test.errors)) vitest.expect(mayHaveFindings(test.code), test.code).toBe(true);
        for (const error of Array.isArray(test.errors) ? test.errors : []) {
          const messageId = typeof error === 'object' ? error.messageId : undefined;
          const kind = messageId ? parseMessageId(messageId)?.kind : undefined;
          const needle = kind ? KINDS[kind].needle : undefined;
          if (kind) vitest.expect(needle, `${kind} has a needle`).toBeDefined();
          if (needle) vitest.expect(new RegExp(needle).test(test.code), `${kind} needle /${needle}/ in:\n${test.code}`).toBe(true);
          else vitest.expect(mayHaveFindings(test.code), test.code).toBe(true);
        }
      }
    });
    super.run(name, rule, tests);
  }
}

/** Python source without the indentation of the test file: the first line break and the common indent go. */
export function py(strings: TemplateStringsArray, ...values: unknown[]): string {
  const raw = String.raw({ raw: strings }, ...values).replace(/^\n/, '');
  const lines = raw.split('\n');
  const indent = Math.min(...lines.filter((line) => line.trim()).map((line) => /^ */.exec(line)![0].length));
  return lines.map((line) => line.slice(indent)).join('\n').replace(/[ ]+$/, '');
}
