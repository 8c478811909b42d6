/**
 * Issue 15 item 4: `alsoCount` in deprecfix.config.json adds other installed ESLint rules' messages to the fix
 * report as "other deprecations, count only": before and after, per rule and file, in every report format and the
 * checklist; never rewritten, never in deprecfix's own counts or the baseline. An unknown rule is exit 2.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { changedPaths, gitRepo, oneScopeManifest, readReport, runCli, snapshotTree } from './helpers.js';

const NO_DEPRECATED = '@typescript-eslint/no-deprecated';

/** class-transformer 0.5.1 whose classToPlain is marked @deprecated (as the real one marks one overload). */
function repo(alsoCount: unknown[]): string {
  return gitRepo({
    'package.json': JSON.stringify({ name: 'app', dependencies: { 'class-transformer': '0.5.1' } }),
    'node_modules/class-transformer/package.json': JSON.stringify({ name: 'class-transformer', version: '0.5.1', types: 'index.d.ts' }),
    'node_modules/class-transformer/index.d.ts':
      '/** @deprecated Use instanceToPlain. */\nexport declare function classToPlain(object: object): Record<string, unknown>;\nexport declare function instanceToPlain(object: object): Record<string, unknown>;\n',
    'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true, module: 'esnext', moduleResolution: 'bundler', types: [] }, include: ['src'] }),
    // A tag that names no replacement: not deprecfix's (no-deprecated-helper rewrites only a named one), no-deprecated's.
    'src/time.ts': '/** @deprecated Returns local time; ask the platform team. */\nexport function utcnow(): Date {\n  return new Date();\n}\n\nexport function nowUtc(): Date {\n  return new Date();\n}\n',
    'src/user.ts':
      "import { classToPlain } from 'class-transformer';\nimport { utcnow } from './time';\n\nexport const plain = (user: object) => classToPlain(user);\nexport const created = utcnow();\n",
    'deprecfix.manifest.json': oneScopeManifest(['src/**']),
    'deprecfix.config.json': JSON.stringify({ alsoCount }),
    '.gitignore': 'deprecfix-report.*\n',
  });
}

describe('alsoCount: other deprecations, count only', () => {
  it('counts @typescript-eslint/no-deprecated before and after a fix, apart from deprecfix’s own counts', () => {
    const dir = repo([NO_DEPRECATED]);
    const run = runCli(['fix', '--scope', 'p', '--no-repo-totals'], dir);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    // deprecfix rewrote classToPlain (its own finding); the project's own utcnow() stays, counted by no-deprecated only.
    expect(readFileSync(path.join(dir, 'src/user.ts'), 'utf8')).toContain('instanceToPlain(user)');
    expect(readFileSync(path.join(dir, 'src/user.ts'), 'utf8')).toContain('utcnow()');
    const report = readReport(dir);
    expect(report.before.total).toBe(1);
    expect(report.after.total).toBe(0);
    expect(report.before.byRule).toEqual({ 'deprecfix/no-legacy-serialization': 1 });
    expect(report.otherDeprecations).toEqual({
      rules: [NO_DEPRECATED],
      before: { total: 2, byRule: { [NO_DEPRECATED]: 2 }, byFile: { 'src/user.ts': { [NO_DEPRECATED]: 2 } } },
      after: { total: 1, byRule: { [NO_DEPRECATED]: 1 }, byFile: { 'src/user.ts': { [NO_DEPRECATED]: 1 } } },
    });
    const markdown = readFileSync(path.join(dir, 'deprecfix-report.md'), 'utf8');
    expect(markdown).toContain('### Other deprecations (count only)');
    expect(markdown).toContain('| `@typescript-eslint/no-deprecated` | 2 | 1 | −1 |');
    expect(run.stdout).toContain('Other deprecations (count only, never rewritten): 2 → 1 (@typescript-eslint/no-deprecated: 2 → 1).');
    const checklist = runCli(['report', 'deprecfix-report.json', '--format', 'checklist'], dir);
    expect(checklist.stdout).toContain('- [ ] 1 other deprecation left in scope, count only (`@typescript-eslint/no-deprecated` 1; 2 before)');
    const pretty = runCli(['report', 'deprecfix-report.json', '--format', 'pretty'], dir);
    expect(pretty.stdout).toContain('Other deprecations (count only, never rewritten): 2 → 1');
    const page = runCli(['report', 'deprecfix-report.json', '--format', 'html'], dir).stdout;
    expect(page).toContain('<h2 id="other-deprecations">Other deprecations (count only)</h2>');
    expect(page).toMatch(/<code>@typescript-eslint\/no-deprecated<\/code><\/t[hd]>\s*<td[^>]*>2<\/td>\s*<td[^>]*>1<\/td>/);
  });

  it('never enters the baseline or check', () => {
    const dir = repo([NO_DEPRECATED]);
    expect(runCli(['baseline'], dir).status).toBe(0);
    expect(JSON.parse(readFileSync(path.join(dir, 'eslint-suppressions.json'), 'utf8'))).toEqual({ 'src/user.ts': { 'deprecfix/no-legacy-serialization': { count: 1 } } });
  });

  it('takes a core rule with options', () => {
    const dir = repo([['no-restricted-syntax', { selector: "CallExpression[callee.name='utcnow']", message: 'use nowUtc' }]]);
    expect(runCli(['fix', '--scope', 'p', '--no-repo-totals'], dir).status).toBe(0);
    expect(readReport(dir).otherDeprecations).toMatchObject({ rules: ['no-restricted-syntax'], before: { total: 1 }, after: { total: 1 } });
  });

  it.each([
    [['@typescript-eslint/no-such-rule'], 'the ESLint plugin "@typescript-eslint" has no rule "no-such-rule"'],
    [['unicorn-x/prefer-at'], 'the ESLint plugin eslint-plugin-unicorn-x (for "unicorn-x/prefer-at") is not installed'],
    [['no-such-core-rule'], '"no-such-core-rule" is not a core ESLint rule'],
    [['deprecfix/no-utcnow-date'], '"deprecfix/no-utcnow-date" is deprecfix\'s own rule, counted (and rewritten) already'],
    [[['no-restricted-syntax', 3]], 'no-restricted-syntax'],
  ])('%j is a configuration error (exit 2, nothing written)', (alsoCount, message) => {
    const dir = repo(alsoCount);
    const before = snapshotTree(dir);
    const run = runCli(['fix', '--scope', 'p', '--no-repo-totals'], dir);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('"alsoCount" in deprecfix.config.json: ');
    expect(run.stderr).toContain(message);
    expect(changedPaths(before, snapshotTree(dir))).toEqual([]);
  });
});
