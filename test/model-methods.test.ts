/**
 * Issue 15 item 2 end to end: `modelMethods` in deprecfix.config.json turns on `model-method-rename` for the built
 * CLI — the scoped files' proven model calls renamed, nothing else written, the counts in the report — and a wrong
 * entry is a configuration error (exit 2) naming its key path. Also the needle filter: the configured old names are
 * the kind's needles, and without the config they add nothing.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findingFilter } from '../src/lint.js';
import { changedPaths, copyFixtureRepo, gitCommitAll, gitRepo, oneScopeManifest, readReport, runCli, snapshotTree } from './helpers.js';

const BASE = `export class BaseModel {
  /** @deprecated Use {@link BaseModel.toPlain} instead. */
  dict(): Record<string, unknown> {
    return this.toPlain();
  }
  /** @deprecated Use {@link BaseModel.toJSONString} instead. */
  json(): string {
    return this.toJSONString();
  }
  toPlain(): Record<string, unknown> {
    return { ...this };
  }
  toJSONString(): string {
    return JSON.stringify(this.toPlain());
  }
}
`;
const TASK = "import { BaseModel } from './base';\n\nexport class Task extends BaseModel {\n  title = 'x';\n}\n";
const APP = `import { Task } from './models/task';

class Cache {
  dict() {
    return {};
  }
}

export async function handle(task: Task, cache: Cache, res: Response) {
  const body = await res.json();
  return [task.dict(), task.json(), cache.dict(), body];
}
`;
const OTHER = "import { Task } from './models/task';\n\nexport const plain = (task: Task) => task.dict();\n";
const MODEL_METHODS = [{ class: 'BaseModel', module: './src/models/base', methods: { dict: 'toPlain', json: 'toJSONString' } }];

function repoWith(config: unknown): string {
  return gitRepo({
    'package.json': '{ "name": "app", "private": true }',
    'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true, target: 'ES2022', module: 'commonjs', lib: ['ES2022', 'DOM'] }, include: ['src'] }),
    'deprecfix.manifest.json': oneScopeManifest(['src/app.ts']),
    'deprecfix.config.json': JSON.stringify(config),
    'src/models/base.ts': BASE,
    'src/models/task.ts': TASK,
    'src/app.ts': APP,
    'src/other.ts': OTHER,
  });
}

describe('modelMethods in deprecfix.config.json', () => {
  it('fix renames the proven model calls of the scope, and only those; the report counts them', () => {
    const repo = repoWith({ modelMethods: MODEL_METHODS });
    const before = snapshotTree(repo);
    const run = runCli(['fix', '--scope', 'p'], repo);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(readFileSync(path.join(repo, 'src/app.ts'), 'utf8')).toBe(APP.replace('task.dict()', 'task.toPlain()').replace('task.json()', 'task.toJSONString()'));
    expect(changedPaths(before, snapshotTree(repo)).filter((file) => !file.startsWith('deprecfix-report'))).toEqual(['src/app.ts']);
    const report = readReport(repo);
    expect(report.before.byKind).toEqual({ 'model-method-rename': 2 });
    expect(report.after.total).toBe(0);
    const line = ['return [task.dict(), task.json(), cache.dict(), body];', 'return [task.toPlain(), task.toJSONString(), cache.dict(), body];'];
    expect(report.fixed.map((entry: { kind: string; before: string; after: string }) => [entry.kind, entry.before, entry.after])).toEqual([
      ['model-method-rename', ...line],
      ['model-method-rename', ...line],
    ]);
    // src/other.ts's call is the debt left elsewhere.
    expect(report.outOfScope.total).toBe(1);
  });

  it('an override in a file the scope never imports still holds the calls it may reach', () => {
    const repo = repoWith({ modelMethods: MODEL_METHODS });
    writeFileSync(
      path.join(repo, 'src/audited.ts'),
      "import { Task } from './models/task';\n\nexport class AuditedTask extends Task {\n  override dict() {\n    return { ...super.dict(), audited: true };\n  }\n}\n",
    );
    gitCommitAll(repo, 'an override');
    const run = runCli(['fix', '--scope', 'p'], repo);
    expect(run.status).toBe(0);
    expect(readFileSync(path.join(repo, 'src/app.ts'), 'utf8')).toBe(APP.replace('task.json()', 'task.toJSONString()'));
    const remaining = readReport(repo).remaining.map((entry: { kind: string; fix: string; reason: string }) => [entry.kind, entry.fix, entry.reason]);
    expect(remaining).toEqual([['model-method-rename', 'none', 'AuditedTask overrides dict(), so calling toPlain() instead would skip the override: rename the override and its calls by hand']]);
  });

  it('scan without modelMethods reports no model call', () => {
    const repo = repoWith({});
    const run = runCli(['scan', 'src/app.ts', 'src/other.ts', '--format', 'json'], repo);
    expect(run.status).toBe(0);
    // The base class's own `@deprecated {@link BaseModel.toPlain}` tags still speak, through no-deprecated-helper.
    expect(JSON.parse(run.stdout).findings.filter((finding: { kind: string }) => finding.kind !== 'deprecated-helper')).toEqual([]);
  });

  it.each([
    [{ modelMethods: {} }, '"modelMethods" must be an array, found an object'],
    [{ modelMethods: [{ ...MODEL_METHODS[0], module: './src/models/missing' }] }, '"modelMethods[0].module" is "./src/models/missing", which is not a file of the repository'],
    [{ modelMethods: [{ ...MODEL_METHODS[0], methods: { dict: 'to plain' } }] }, '"modelMethods[0].methods.dict" must be a method name'],
    [{ modelMethods: [{ ...MODEL_METHODS[0], klass: 'X' }] }, 'unknown key "modelMethods[0].klass" (did you mean "class"?)'],
    [{ modelMethods: [{ ...MODEL_METHODS[0], class: 'Model' }] }, 'modelMethods: "./src/models/base"'],
    [{ rules: { 'no-legacy-serialization': { modelMethods: [{ class: 'BaseModel' }] } } }, '"rules.no-legacy-serialization.modelMethods[0]" is missing "module"'],
  ])('%j is a configuration error: exit 2, nothing written', (config, message) => {
    const repo = repoWith(config);
    const before = snapshotTree(repo);
    const run = runCli(['fix', '--scope', 'p'], repo);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stderr).not.toContain('internal error');
    expect(changedPaths(before, snapshotTree(repo))).toEqual([]);
  });
});

describe('the demo repository', () => {
  it('renames the model calls of backend/worker/main.ts, keeps Response#json(), and counts backend/legacy/models-export.ts', () => {
    const repo = copyFixtureRepo('demo-repo');
    const legacy = readFileSync(path.join(repo, 'backend/legacy/models-export.ts'), 'utf8');
    expect(runCli(['--scope', 'phase10-12'], repo).status).toBe(0);
    const worker = readFileSync(path.join(repo, 'backend/worker/main.ts'), 'utf8');
    expect(worker).toContain('return task.toPlain();');
    expect(worker).toContain("body: task.toJSONString() });");
    expect(worker).toContain('return response.json();');
    expect(readFileSync(path.join(repo, 'backend/legacy/models-export.ts'), 'utf8')).toBe(legacy);
    const report = readReport(repo);
    expect([report.before.byKind['model-method-rename'], report.after.byKind['model-method-rename'] ?? 0]).toEqual([2, 0]);
    // The out-of-scope file keeps its two calls, counted (a scan sees them; with the rest of the repository's debt).
    const scan = runCli(['scan', 'backend/legacy/models-export.ts', '--format', 'json'], repo);
    expect(JSON.parse(scan.stdout).findings.map((finding: { kind: string; fix: string; line: number }) => [finding.kind, finding.fix, finding.line])).toEqual([
      ['model-method-rename', 'safe', 5],
      ['model-method-rename', 'safe', 9],
    ]);
    expect(report.outOfScope.byRule['deprecfix/no-legacy-serialization']).toBeGreaterThanOrEqual(2);
  });
});

describe('the needle filter', () => {
  it('the configured old method names are needles; without them a file with only `.dict()` is not linted', () => {
    const rules = ['no-legacy-serialization'] as const;
    expect(findingFilter(rules)('task.dict();')).toBe(false);
    expect(findingFilter(rules, { 'model-method-rename': ['dict'] })('task.dict();')).toBe(true);
    expect(findingFilter(rules, { 'model-method-rename': ['dict'] })('task.toPlain();')).toBe(false);
    expect(findingFilter(rules, { 'model-method-rename': ['dict'] })('new Buffer(1);')).toBe(true);
  });
});
