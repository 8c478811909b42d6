import { RuleTester, type RunTests } from '@typescript-eslint/rule-tester';
import type { RuleModule } from '@typescript-eslint/utils/ts-eslint';
import { KINDS, parseMessageId } from '../../rules/kinds.js';
import { findingFilter } from '../../src/lint.js';

const mayHaveFindings = findingFilter(['no-utcnow-date', 'no-legacy-serialization']);
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as vitest from 'vitest';

RuleTester.afterAll = vitest.afterAll;
RuleTester.describe = vitest.describe;
RuleTester.it = vitest.it;
RuleTester.itOnly = vitest.it.only;

/**
 * The CLI does not parse a TS/JS file that holds no kind's needle (`KINDS[kind].needle`), so every finding a rule
 * can report must hold its kind's needle: each table checks that of its invalid cases before running them.
 */
class DeprecfixRuleTester extends RuleTester {
  override run<MessageIds extends string, Options extends readonly unknown[]>(
    name: string,
    rule: RuleModule<MessageIds, Options>,
    tests: RunTests<MessageIds, Options>,
  ): void {
    vitest.it(`${name}: every invalid case holds the needle of each kind it reports`, () => {
      for (const test of tests.invalid) {
        // A row that only counts its errors must at least pass the CLI's filter.
        if (!Array.isArray(test.errors)) vitest.expect(mayHaveFindings(test.code), test.code).toBe(true);
        for (const error of Array.isArray(test.errors) ? test.errors : []) {
          const kind = 'messageId' in error && error.messageId ? parseMessageId(error.messageId)?.kind : undefined;
          const needle = kind && KINDS[kind].needle;
          if (needle) vitest.expect(new RegExp(needle).test(test.code), `${kind} needle /${needle}/ in:\n${test.code}`).toBe(true);
        }
      }
    });
    super.run(name, rule, tests);
  }
}

const fixtureDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixture');

/** Versions the library kinds are gated on, as the CLI would pass them after resolving the project's. */
export const CURRENT_VERSIONS = { 'class-transformer': '0.5.1', 'date-fns-tz': '3.2.0' };

/** Type-aware, like the CLI: a program over `fixture/file.ts` (with Node's and the DOM's types). */
export const typedRuleTester = new DeprecfixRuleTester({
  languageOptions: {
    parserOptions: { projectService: true, tsconfigRootDir: fixtureDir },
  },
  settings: { deprecfix: { versions: CURRENT_VERSIONS } },
});

/**
 * No program: what plain `eslint` without type information sees. Type-dependent kinds must not be fixed.
 * `tsconfigRootDir` (unused without a project) makes the fixture directory ESLint's cwd, the repository whose
 * spies the rules index — not deprecfix's own checkout, whose fixtures hold spies.
 */
export const untypedRuleTester = new DeprecfixRuleTester({
  languageOptions: { parserOptions: { tsconfigRootDir: fixtureDir } },
  settings: { deprecfix: { versions: CURRENT_VERSIONS } },
});

/** A tester whose repository (ESLint's cwd) is `repo`, for cases that depend on the repository's other files. */
export function ruleTesterIn(repo: string, settings: Record<string, unknown> = { deprecfix: { versions: CURRENT_VERSIONS } }): RuleTester {
  return new DeprecfixRuleTester({ languageOptions: { parserOptions: { tsconfigRootDir: repo } }, settings });
}

/** Settings that pin the gated libraries: `CURRENT_VERSIONS` with some changed (`null`: cannot be determined). */
export function versionSettings(versions: Partial<Record<keyof typeof CURRENT_VERSIONS, string | null>>) {
  return { deprecfix: { versions: { ...CURRENT_VERSIONS, ...versions } } };
}

/** Table rows, so each case reads as what the rule must do with it. */

/** Safe findings: the autofix gives `output`. */
export function fixed(messageIds: string[], code: string, output: string) {
  return { code, output, errors: messageIds.map((messageId) => ({ messageId })) };
}

/** An unsafe finding: no autofix, one suggestion that gives `output`. */
export function unsafe(messageId: string, code: string, output: string) {
  return { code, output: null, errors: [{ messageId, suggestions: [{ messageId: 'unsafeSuggestion', output }] }] };
}

/** A finding without any fix or suggestion. */
export function unfixable(messageId: string, code: string) {
  return { code, output: null, errors: [{ messageId, suggestions: [] }] };
}
