/**
 * Issue 16 item 3: a run loads only what it needs. A Python-only `scan`, `fix`, `baseline` or `check` never loads
 * TypeScript or typescript-eslint (~0.5 s of a run), `--version` loads none of the heavy modules, and a mixed
 * repository still gets both sides.
 *
 * Measured from outside: the built CLI runs with a `--require` preload that writes, at exit, every CommonJS module
 * Node loaded (`require.cache`, which also holds the CommonJS packages an ES module imports). TypeScript,
 * typescript-eslint, ajv and diff2html are all CommonJS, so each shows up there exactly when it was loaded.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { gitRepo, oneScopeManifest, readReport, runCli, tempDir } from './helpers.js';

/** Their code (the gate's cache key reads TypeScript's version from its package.json, which is no loading). */
const TYPESCRIPT = /\/node_modules\/(typescript|@typescript-eslint\/[^/]+)\/.*\.[cm]?js$/;
/** deprecfix's own ajv (ESLint has another, which it always loads). */
const AJV = `${path.dirname(createRequire(import.meta.url).resolve('ajv/package.json'))}/`;

/** The CLI's exit code, output and the CommonJS modules it loaded (absolute paths). */
function runRecording(args: string[], cwd: string): { status: number; stdout: string; stderr: string; loaded: string[] } {
  const dir = tempDir('deprecfix-loaded-');
  const recorder = path.join(dir, 'record.cjs');
  const list = path.join(dir, 'loaded.txt');
  writeFileSync(recorder, `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(list)}, Object.keys(require.cache).join('\\n')));\n`);
  const run = runCli(args, cwd, { NODE_OPTIONS: `--require ${recorder}` });
  return { ...run, loaded: readFileSync(list, 'utf8').split('\n') };
}

const PYTHON = 'from datetime import datetime\n\nstamp = datetime.utcnow()\n';
const TYPESCRIPT_SOURCE = "import { plainToClass } from 'class-transformer';\nexport const load = (x: object) => plainToClass(Object, x);\n";

describe('a run loads only what it needs', () => {
  it('a Python-only scan never loads TypeScript or typescript-eslint', () => {
    const repo = gitRepo({ 'app/main.py': PYTHON, 'deprecfix.manifest.json': oneScopeManifest(['app/**']) });
    const run = runRecording(['scan', '--scope', 'all', '--format', 'json'], repo);
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).findings.map((finding: { kind: string }) => finding.kind)).toEqual(['utcnow']);
    expect(run.loaded.filter((file) => TYPESCRIPT.test(file))).toEqual([]);
    // No config file: ajv (which only validates one) stays unloaded too.
    expect(run.loaded.filter((file) => file.startsWith(AJV))).toEqual([]);
  });

  it('a Python-only scan with a config file validates it (ajv), still without TypeScript', () => {
    const repo = gitRepo({
      'app/main.py': PYTHON,
      'deprecfix.manifest.json': oneScopeManifest(['app/**']),
      'deprecfix.config.json': JSON.stringify({ rules: { 'py-utcnow': { style: 'aware' } } }),
    });
    const run = runRecording(['scan', '--scope', 'all', '--format', 'json'], repo);
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).findings).toMatchObject([{ kind: 'utcnow', fix: 'unsafe' }]);
    expect(run.loaded.some((file) => file.startsWith(AJV))).toBe(true);
    expect(run.loaded.filter((file) => TYPESCRIPT.test(file))).toEqual([]);
  });

  it('a mixed scope loads the TypeScript side and finds in both languages', () => {
    const repo = gitRepo({
      'app/main.py': PYTHON,
      'src/load.ts': TYPESCRIPT_SOURCE,
      'node_modules/class-transformer/package.json': JSON.stringify({ name: 'class-transformer', version: '0.5.1' }),
      'deprecfix.manifest.json': oneScopeManifest(['app/**', 'src/**']),
    });
    const run = runRecording(['scan', '--scope', 'all', '--format', 'json'], repo);
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).findings.map((finding: { file: string; kind: string }) => `${finding.file} ${finding.kind}`).sort()).toEqual([
      'app/main.py utcnow',
      'src/load.ts class-transformer-rename',
    ]);
    expect(run.loaded.some((file) => file.endsWith('/node_modules/typescript/lib/typescript.js'))).toBe(true);
  });

  it('a Python-only fix rewrites and counts the repository without loading TypeScript', () => {
    const repo = gitRepo({ 'app/main.py': PYTHON, 'app/other.py': PYTHON, 'deprecfix.manifest.json': oneScopeManifest(['app/main.py']) });
    const run = runRecording(['fix', '--scope', 'all'], repo);
    expect(run.status, run.stderr).toBe(0);
    expect(readFileSync(path.join(repo, 'app/main.py'), 'utf8')).toContain('datetime.now(timezone.utc)');
    expect(readReport(repo).outOfScope.total).toBe(1);
    expect(run.loaded.filter((file) => TYPESCRIPT.test(file))).toEqual([]);
  });

  it('a Python scope in a mixed repository still counts the TS/JS findings outside it', () => {
    const repo = gitRepo({
      'app/main.py': PYTHON,
      'src/load.ts': TYPESCRIPT_SOURCE,
      'node_modules/class-transformer/package.json': JSON.stringify({ name: 'class-transformer', version: '0.5.1' }),
      'deprecfix.manifest.json': oneScopeManifest(['app/**']),
    });
    const run = runRecording(['fix', '--scope', 'all'], repo);
    expect(run.status, run.stderr).toBe(0);
    expect(readReport(repo).outOfScope.byRule).toEqual({ 'deprecfix/no-legacy-serialization': 1 });
    expect(readReport(repo).after.total).toBe(0);
  });

  it('the gate of a Python-only repository (baseline, then check) never loads TypeScript', () => {
    const repo = gitRepo({ 'app/main.py': PYTHON });
    const baseline = runRecording(['baseline'], repo);
    expect(baseline.status, baseline.stderr).toBe(0);
    const check = runRecording(['check', '--format', 'json'], repo);
    expect(check.status, check.stderr).toBe(0);
    expect(JSON.parse(check.stdout)).toMatchObject({ passed: true, total: 1, allowed: 1 });
    expect([...baseline.loaded, ...check.loaded].filter((file) => TYPESCRIPT.test(file))).toEqual([]);
  });

  it('--version loads none of the heavy modules', () => {
    const run = runRecording(['--version'], tempDir());
    expect(run.status).toBe(0);
    expect(run.loaded.filter((file) => /\/node_modules\/(typescript|@typescript-eslint\/[^/]+|eslint|ajv|diff2html)\//.test(file))).toEqual([]);
  });
});
