/**
 * Fixture pairs: every `fixtures/<rule>/<case>/input.*` is rewritten by the real `fix` pipeline (lint → plan →
 * transform → type-check → write) in a temporary repository and must equal `output.*`; a second run
 * must change nothing. `case.json` may set `unsafeFixes`, `versions` (written as the repository's pins), the rule's
 * `options` (written to deprecfix.config.json) and other `files` of the repository.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RuleName } from '../rules/kinds.js';
import { runFix } from '../src/fix.js';
import { fixtureCases } from './fixture-cases.js';
import { tempDir } from './helpers.js';

function fixOnce(repo: string, unsafeFixes: boolean) {
  return runFix({ cwd: repo, scope: 'all', dryRun: false, unsafeFixes, allowDirty: true, repoTotals: false });
}

for (const rule of ['no-utcnow-date', 'no-legacy-serialization', 'py-utcnow', 'py-pydantic-v1'] satisfies RuleName[]) {
  describe(`fixtures/${rule}`, () => {
    for (const fixture of fixtureCases(rule)) {
      it(fixture.name, async () => {
        const repo = tempDir();
        writeFileSync(path.join(repo, 'package.json'), JSON.stringify({ name: 'fixture', dependencies: fixture.versions }));
        writeFileSync(path.join(repo, 'deprecfix.manifest.json'), JSON.stringify({ version: 1, scopes: { cases: [fixture.path] } }));
        mkdirSync(path.join(repo, 'src'));
        for (const [file, text] of Object.entries(fixture.files)) {
          mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
          writeFileSync(path.join(repo, file), text);
        }
        if (fixture.options.length > 0) {
          writeFileSync(path.join(repo, 'deprecfix.config.json'), JSON.stringify({ rules: { [rule]: fixture.options[0] } }));
        }
        // Python projects pin pydantic 2 the way most do, unless the case brings its own project files.
        if (rule === 'py-pydantic-v1' && !('requirements.txt' in fixture.files)) writeFileSync(path.join(repo, 'requirements.txt'), 'pydantic==2.5.0\n');
        const target = path.join(repo, fixture.path);
        mkdirSync(path.dirname(target), { recursive: true });
        copyFileSync(path.join(fixture.dir, fixture.inputFile), target);

        const first = await fixOnce(repo, fixture.unsafeFixes);
        expect(first.report.failures).toEqual([]);
        expect(readFileSync(target, 'utf8')).toBe(fixture.output);
        expect(first.report.fixed.length).toBeGreaterThan(0);
        expect(first.report.before.total).toBe(first.report.after.total + first.report.fixed.length);

        const second = await fixOnce(repo, fixture.unsafeFixes);
        expect(second.changes).toEqual([]);
      });
    }
  });
}
