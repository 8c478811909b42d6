/**
 * Issue 15 item 6: `configs.strict` in plain ESLint (no deprecfix CLI) on a repository whose tsconfig.json covers
 * `src/` only. Files a TypeScript project holds get type information (the type-needing kinds are fixed); a
 * `scripts/x.js` outside every project is linted without types (fix `none`, `unresolved type`) instead of failing
 * with "was not found by the project service".
 */
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../rules/index.js';
import { tempDir, writeFiles } from './helpers.js';

const TS_YEAR = 'export function year(d: Date): number {\n  return d.getYear();\n}\n';
const JS_YEAR = '/** @param {Date} d */\nexport function year(d) {\n  return d.getYear();\n}\n';
const FIXED_TS = 'export function year(d: Date): number {\n  return d.getFullYear() - 1900;\n}\n';
const FIXED_JS = '/** @param {Date} d */\nexport function year(d) {\n  return d.getFullYear() - 1900;\n}\n';

async function lint(files: Record<string, string>): Promise<Record<string, { messages: string[]; output?: string }>> {
  const repo = writeFiles(tempDir(), { ...files, 'eslint.config.js': 'export default [];\n' });
  const eslint = new ESLint({ cwd: repo, overrideConfigFile: true, overrideConfig: plugin.configs.strict as never, fix: true });
  const results = await eslint.lintFiles(['.']);
  return Object.fromEntries(results.map((result) => [path.relative(repo, result.filePath), { messages: result.messages.map((message) => `${message.line}:${message.column} ${message.ruleId} ${message.message}`), output: result.output }]));
}

describe('configs.strict in plain ESLint, with JS files outside the tsconfig', () => {
  it('types files the tsconfig holds (allowJs included) and lints the rest untyped, with no parse failure', async () => {
    const results = await lint({
      'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true, allowJs: true, checkJs: true, lib: ['ES2022'], types: [] }, include: ['src'] }),
      'src/a.ts': TS_YEAR,
      'src/b.js': JS_YEAR,
      'scripts/x.js': JS_YEAR,
    });
    expect(results['src/a.ts']).toEqual({ messages: [], output: FIXED_TS });
    expect(results['src/b.js']).toEqual({ messages: [], output: FIXED_JS });
    expect(results['scripts/x.js'].messages).toEqual(['3:10 deprecfix/no-utcnow-date `getYear()` is deprecated Annex B API and returns the year minus 1900. (no fix: unresolved type)']);
    expect(results['scripts/x.js'].output).toBeUndefined();
    // ESLint's own config file lies outside the tsconfig too.
    expect(results['eslint.config.js'].messages).toEqual([]);
  });

  it('follows a solution-style tsconfig.json to the projects it references (a monorepo)', async () => {
    const results = await lint({
      'tsconfig.json': JSON.stringify({ files: [], references: [{ path: './packages/app' }] }),
      'packages/app/tsconfig.json': JSON.stringify({ compilerOptions: { composite: true, strict: true, lib: ['ES2022'], types: [] }, include: ['src'] }),
      'packages/app/src/a.ts': TS_YEAR,
      'packages/app/build.js': JS_YEAR,
    });
    expect(results['packages/app/src/a.ts']).toEqual({ messages: [], output: FIXED_TS });
    expect(results['packages/app/build.js'].messages).toEqual([expect.stringContaining('(no fix: unresolved type)')]);
  });
});
