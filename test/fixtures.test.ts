/**
 * Fixture pairs: every `fixtures/<rule>/<case>/input.*` is rewritten by the real `fix` pipeline (lint → plan →
 * transform → type-check → write) in a temporary repository and must equal `output.*`; a second run
 * must change nothing. `case.json` may set `unsafeFixes`, `versions` (written as the repository's pins), the rule's
 * `options` (written to deprecfix.config.json), other `files` of the repository, and the reasons of the findings
 * left (`remaining`).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RuleName } from '../rules/kinds.js';
import { runFix } from '../src/fix.js';
import { fixtureCases, writeFixtureRepo } from './fixture-cases.js';

function fixOnce(repo: string, unsafeFixes: boolean) {
  return runFix({ cwd: repo, scope: 'all', dryRun: false, unsafeFixes, allowDirty: true, repoTotals: false });
}

for (const rule of ['no-utcnow-date', 'no-legacy-serialization', 'no-deprecated-helper', 'py-utcnow', 'py-pydantic-v1'] satisfies RuleName[]) {
  describe(`fixtures/${rule}`, () => {
    for (const fixture of fixtureCases(rule)) {
      it(fixture.name, async () => {
        const repo = writeFixtureRepo(rule, fixture);
        const target = path.join(repo, fixture.path);

        const first = await fixOnce(repo, fixture.unsafeFixes);
        expect(first.report.failures).toEqual([]);
        expect(readFileSync(target, 'utf8')).toBe(fixture.output);
        expect(first.report.fixed.length).toBeGreaterThan(0);
        expect(first.report.before.total).toBe(first.report.after.total + first.report.fixed.length);
        if (fixture.remaining) expect(first.report.remaining.map((finding) => finding.reason)).toEqual(fixture.remaining);

        const second = await fixOnce(repo, fixture.unsafeFixes);
        expect(second.changes).toEqual([]);
      });
    }
  });
}
