/**
 * Fixture pairs: every `fixtures/<rule>/<case>/input.*` is rewritten by the real `fix` pipeline (lint → plan →
 * ts-morph transform → type-check → write) in a temporary repository and must equal `output.*`; a second run
 * must change nothing. `case.json` may set `unsafeFixes` and `versions` (written as the repository's pins).
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runFix } from '../src/fix.js';
import { packageRoot, tempDir } from './helpers.js';

const DEFAULT_VERSIONS = { 'class-transformer': '0.5.1', 'date-fns-tz': '3.2.0' };

interface CaseOptions {
  unsafeFixes?: boolean;
  versions?: Record<string, string>;
}

function casesOf(rule: string): { name: string; dir: string; input: string; output: string; options: CaseOptions }[] {
  const root = path.join(packageRoot, 'fixtures', rule);
  if (!existsSync(root)) return [];
  return readdirSync(root).flatMap((name) => {
    const dir = path.join(root, name);
    const input = readdirSync(dir).find((file) => file.startsWith('input.'));
    if (!input) return [];
    const output = `output${path.extname(input)}`;
    const optionsPath = path.join(dir, 'case.json');
    const options = existsSync(optionsPath) ? (JSON.parse(readFileSync(optionsPath, 'utf8')) as CaseOptions) : {};
    return [{ name, dir, input, output, options }];
  });
}

function fixOnce(repo: string, unsafeFixes: boolean) {
  return runFix({ cwd: repo, scope: 'all', dryRun: false, unsafeFixes, allowDirty: true, repoTotals: false });
}

for (const rule of ['no-utcnow-date', 'no-legacy-serialization']) {
  describe(`fixtures/${rule}`, () => {
    for (const fixture of casesOf(rule)) {
      it(fixture.name, () => {
        const repo = tempDir();
        const versions = { ...DEFAULT_VERSIONS, ...fixture.options.versions };
        writeFileSync(path.join(repo, 'package.json'), JSON.stringify({ name: 'fixture', dependencies: versions }));
        writeFileSync(path.join(repo, 'deprecfix.manifest.json'), JSON.stringify({ version: 1, scopes: { cases: ['src/**'] } }));
        mkdirSync(path.join(repo, 'src'));
        const target = path.join(repo, 'src', fixture.input);
        copyFileSync(path.join(fixture.dir, fixture.input), target);

        const first = fixOnce(repo, fixture.options.unsafeFixes ?? false);
        expect(first.report.failures).toEqual([]);
        expect(readFileSync(target, 'utf8')).toBe(readFileSync(path.join(fixture.dir, fixture.output), 'utf8'));
        expect(first.report.fixed.length).toBeGreaterThan(0);
        expect(first.report.before.total).toBe(first.report.after.total + first.report.fixed.length);

        const second = fixOnce(repo, fixture.options.unsafeFixes ?? false);
        expect(second.changes).toEqual([]);
      });
    }
  });
}
