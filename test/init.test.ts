/**
 * Issue 15 item 3: `deprecfix init` writes a starter manifest and config at the repository root that the other
 * commands read as they are, says what to do next, and never overwrites an existing file (exit 2, naming it).
 */
import { existsSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { changedPaths, gitRepo, packageRoot, runCli, snapshotTree, tempDir, writeFiles } from './helpers.js';

const FILES = { 'src/a.ts': 'export const a = 1;\n', 'lib/b.ts': 'export const b = new Date().toGMTString();\n', 'lib/c.js': 'exports.c = 1;\n', 'README.md': '# app\n' };

describe('deprecfix init', () => {
  it('writes a manifest and a config at the repository root that scan, manifest list and the schema accept', () => {
    const repo = gitRepo(FILES);
    mkdirSync(path.join(repo, 'lib/deep'));
    const run = runCli(['init', '--cwd', 'lib/deep'], repo);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Wrote ../../deprecfix.manifest.json\nWrote ../../deprecfix.config.json\n');
    expect(run.stdout).toContain('Next steps:\n  1. Edit the scope "phase1" in deprecfix.manifest.json, or fill it from git: deprecfix manifest record phase1 --git <from>..<to>');
    expect(run.stdout).toContain('deprecfix scan --scope phase1');

    const manifest = JSON.parse(readFileSync(path.join(repo, 'deprecfix.manifest.json'), 'utf8'));
    // The directory with the most source files is the example.
    expect(manifest.scopes.phase1.paths).toEqual(['lib/**']);
    expect(manifest.scopes.phase1.note).toContain('deprecfix manifest record phase1 --git <from>..<to>');
    const config = JSON.parse(readFileSync(path.join(repo, 'deprecfix.config.json'), 'utf8'));
    expect(config).toEqual({ $schema: './node_modules/deprecfix/schema/deprecfix.config.schema.json', rules: {}, ignores: [] });

    const list = runCli(['manifest', 'list'], repo);
    expect(list.status).toBe(0);
    expect(list.stdout).toContain('phase1  — An example scope');
    const scan = runCli(['scan', '--scope', 'phase1', '--format', 'json'], repo);
    expect(scan.stderr).toBe('');
    expect(JSON.parse(scan.stdout).findings.map((finding: { file: string; kind: string }) => `${finding.file} ${finding.kind}`)).toEqual(['lib/b.ts annexb-togmtstring']);
  });

  it("the config's $schema resolves to the shipped schema once deprecfix is installed, and validates the starter", () => {
    const repo = gitRepo(FILES);
    expect(runCli(['init'], repo).stdout).toContain('Install deprecfix in the project (npm install -D deprecfix) so editors find');
    mkdirSync(path.join(repo, 'node_modules'));
    symlinkSync(packageRoot, path.join(repo, 'node_modules/deprecfix'));
    const config = JSON.parse(readFileSync(path.join(repo, 'deprecfix.config.json'), 'utf8'));
    const schema = JSON.parse(readFileSync(path.resolve(repo, config.$schema), 'utf8'));
    const validate = new Ajv({ allowUnionTypes: true, strictTuples: false, keywords: ['errorMessage'] }).compile(schema);
    expect(validate(config)).toBe(true);
  });

  it.each([
    [['deprecfix.manifest.json'], 'deprecfix.manifest.json already exists'],
    [['deprecfix.config.json'], 'deprecfix.config.json already exists'],
    [['deprecfix.manifest.json', 'deprecfix.config.json'], 'deprecfix.manifest.json and deprecfix.config.json already exist'],
  ])('refuses when %j exists: exit 2, naming it, nothing written', (existing, message) => {
    const repo = gitRepo({ ...FILES, ...Object.fromEntries(existing.map((file) => [file, '{ "mine": true }\n'])) });
    const before = snapshotTree(repo);
    const run = runCli(['init'], repo);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`deprecfix: ${message}; init writes nothing over an existing file`);
    expect(changedPaths(before, snapshotTree(repo))).toEqual([]);
  });

  it('outside a git repository writes into --cwd and says so', () => {
    const dir = writeFiles(tempDir(), { 'src/a.ts': 'export {};\n' });
    const run = runCli(['init'], dir);
    expect(run.status).toBe(0);
    expect(existsSync(path.join(dir, 'deprecfix.manifest.json'))).toBe(true);
    expect(JSON.parse(readFileSync(path.join(dir, 'deprecfix.manifest.json'), 'utf8')).scopes.phase1.paths).toEqual(['src/**']);
    expect(run.stdout).toContain('This is not a git repository');
  });
});
