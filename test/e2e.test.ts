/**
 * End to end: the built CLI on temporary copies of the demo repository. Checks exit codes, every byte on disk,
 * and the report, as a developer and a reviewer would see them.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSourceProject } from '../src/project.js';
import { newDiagnostics } from '../src/verify.js';
import { changedPaths, copyFixtureRepo, gitCommitAll, packageRoot, runCli, snapshotTree, tempDir, writeFiles } from './helpers.js';

const SCOPED = [
  'backend/api/main.py',
  'backend/api/main.ts',
  'backend/api/schemas.py',
  'backend/api/schemas.ts',
  'backend/worker/main.py',
  'backend/worker/main.ts',
  'backend/worker/payload.js',
  'backend/worker/retry.ts',
];
const REPORTS = ['deprecfix-report.json', 'deprecfix-report.md'];
const ignoreCache = (file: string) => file.startsWith('node_modules/.cache');

function readReport(repo: string) {
  return JSON.parse(readFileSync(path.join(repo, 'deprecfix-report.json'), 'utf8'));
}

describe('deprecfix --scope phase10-12 on the demo repository', () => {
  it('rewrites only scoped files, reports consistent totals and is idempotent', () => {
    const repo = copyFixtureRepo('demo-repo');
    const before = snapshotTree(repo, ignoreCache);

    const run = runCli(['--scope', 'phase10-12'], repo);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);

    const changed = changedPaths(before, snapshotTree(repo, ignoreCache));
    const rewritten = changed.filter((file) => !REPORTS.includes(file));
    expect(rewritten.length).toBeGreaterThan(0);
    for (const file of rewritten) expect(SCOPED).toContain(file);
    expect(changed).toEqual(expect.arrayContaining(REPORTS));

    const report = readReport(repo);
    expect(report.scope).toMatchObject({ spec: 'phase10-12', scopes: ['phase10', 'phase11', 'phase12'], files: SCOPED });
    expect(report.fixed.length).toBeGreaterThan(0);
    expect(report.before.total).toBe(report.after.total + report.fixed.length);
    expect(report.remaining).toHaveLength(report.after.total);
    expect(report.outOfScope.total).toBeGreaterThan(0);
    const markdown = readFileSync(path.join(repo, 'deprecfix-report.md'), 'utf8');
    expect(markdown).toContain(`${report.before.total} → ${report.after.total} (−${report.fixed.length})`);
    expect(run.stdout).toContain(`${report.before.total} → ${report.after.total}`);

    // A second run on the result changes nothing (§7.4).
    gitCommitAll(repo, 'after fix');
    const settled = snapshotTree(repo, ignoreCache);
    const again = runCli(['--scope', 'phase10-12'], repo);
    expect(again.status).toBe(0);
    expect(changedPaths(settled, snapshotTree(repo, ignoreCache)).filter((file) => !REPORTS.includes(file))).toEqual([]);
    expect(readReport(repo).fixed).toEqual([]);
  });

  it('introduces no type error anywhere in the repository', () => {
    const repo = copyFixtureRepo('demo-repo');
    const files = [...snapshotTree(repo).keys()].filter((file) => file.startsWith('backend/') && file.endsWith('.ts'));
    const diagnostics = () => {
      const project = createSourceProject(
        repo,
        files.map((file) => ({ absPath: path.join(repo, file), text: readFileSync(path.join(repo, file), 'utf8') })),
      );
      return files.flatMap((file) => project.diagnostics(path.join(repo, file)).map((message) => `${file}: ${message}`));
    };
    const before = diagnostics();
    expect(runCli(['--scope', 'phase10-12'], repo).status).toBe(0);
    expect(newDiagnostics(before, diagnostics())).toEqual([]);
  });

  it('--dry-run prints a unified diff and writes nothing', () => {
    const repo = copyFixtureRepo('demo-repo');
    const before = snapshotTree(repo, ignoreCache);
    const run = runCli(['--scope', 'phase10-12', '--dry-run'], repo);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^--- a\/backend\/api\/main\.ts\n\+\+\+ b\/backend\/api\/main\.ts\n@@ /m);
    expect(run.stdout).not.toContain('backend/legacy');
    expect(changedPaths(before, snapshotTree(repo, ignoreCache))).toEqual([]);
  });

  it('keeps a CRLF file with a BOM byte-for-byte except the rewritten tokens', () => {
    const repo = copyFixtureRepo('demo-repo', { git: false });
    const file = path.join(repo, 'backend/worker/retry.ts');
    const lf = readFileSync(file, 'utf8');
    writeFileSync(file, `\uFEFF${lf.replace(/\n/g, '\r\n')}`);
    gitCommitAll(repo, 'crlf');

    expect(runCli(['--scope', 'phase10'], repo).status).toBe(0);
    const after = readFileSync(file, 'utf8');
    expect(after.startsWith('\uFEFF')).toBe(true);
    expect(after.replace(/\r\n/g, '')).not.toContain('\n');
    expect(after.endsWith('\r\n')).toBe(true);
    expect(after).toContain('Buffer.alloc(size)');
  });
});

describe('safety and errors', () => {
  it('refuses to rewrite a file with uncommitted changes unless --allow-dirty', () => {
    const repo = copyFixtureRepo('demo-repo');
    const file = path.join(repo, 'backend/api/main.ts');
    writeFileSync(file, `${readFileSync(file, 'utf8')}// work in progress\n`);
    const before = snapshotTree(repo, ignoreCache);

    const refused = runCli(['--scope', 'phase10-12'], repo);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('backend/api/main.ts');
    expect(refused.stderr).toContain('--allow-dirty');
    expect(changedPaths(before, snapshotTree(repo, ignoreCache))).toEqual([]);

    const allowed = runCli(['--scope', 'phase10-12', '--allow-dirty'], repo);
    expect(allowed.status).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain('// work in progress');
  });

  it('skips a file that does not parse, processes the rest and exits 3', () => {
    const repo = copyFixtureRepo('demo-repo', { git: false });
    writeFileSync(path.join(repo, 'backend/api/broken.ts'), 'export const = new Date().toGMTString(;\n');
    gitCommitAll(repo, 'broken file');

    const run = runCli(['--scope', 'phase12'], repo);
    expect(run.status).toBe(3);
    const report = readReport(repo);
    expect(report.failures).toEqual([expect.objectContaining({ file: 'backend/api/broken.ts', stage: 'parse' })]);
    expect(report.fixed.length).toBeGreaterThan(0);
    expect(readFileSync(path.join(repo, 'backend/api/broken.ts'), 'utf8')).toBe('export const = new Date().toGMTString(;\n');
  });

  it('names the known scopes for an unknown one and writes nothing', () => {
    const repo = copyFixtureRepo('demo-repo');
    const before = snapshotTree(repo, ignoreCache);
    const run = runCli(['--scope', 'phase13'], repo);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('phase13');
    for (const known of ['phase9', 'phase10', 'phase11', 'phase12']) expect(run.stderr).toContain(known);
    expect(changedPaths(before, snapshotTree(repo, ignoreCache))).toEqual([]);
  });

  it('rejects a range with a missing member', () => {
    const repo = copyFixtureRepo('demo-repo');
    const run = runCli(['--scope', 'phase11-13'], repo);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('phase13');
  });

  it('rejects a manifest entry that leaves the repository', () => {
    const repo = copyFixtureRepo('demo-repo', { git: false });
    writeFileSync(path.join(repo, 'deprecfix.manifest.json'), JSON.stringify({ version: 1, scopes: { escape: ['../outside.ts'] } }));
    gitCommitAll(repo, 'escaping manifest');
    const before = snapshotTree(repo, ignoreCache);
    const run = runCli(['--scope', 'escape'], repo);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('../outside.ts');
    expect(changedPaths(before, snapshotTree(repo, ignoreCache))).toEqual([]);
  });

  it('reports malformed manifest JSON with its line and column', () => {
    const repo = copyFixtureRepo('demo-repo', { git: false });
    writeFileSync(path.join(repo, 'deprecfix.manifest.json'), '{\n  "version": 1,\n  "scopes": { "a": ["x.ts",] }\n}\n');
    const run = runCli(['--scope', 'a'], repo);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/deprecfix\.manifest\.json:3:\d+/);
  });

  it('exits 2 on an unknown flag', () => {
    const repo = copyFixtureRepo('demo-repo');
    const run = runCli(['--scope', 'phase10', '--frobnicate'], repo);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--frobnicate');
  });

  it('proceeds outside a git repository and says so', () => {
    const repo = copyFixtureRepo('demo-repo', { git: false });
    const run = runCli(['--scope', 'phase10'], repo);
    expect(run.status).toBe(0);
    expect(run.stderr).toContain('not a git repository');
  });
});

describe('other commands', () => {
  it('scan counts without writing, and --max-warnings gates', () => {
    const repo = copyFixtureRepo('demo-repo');
    const before = snapshotTree(repo, ignoreCache);
    const run = runCli(['scan', '--scope', 'phase10-12', '--format', 'json'], repo);
    expect(run.status).toBe(0);
    const scan = JSON.parse(run.stdout);
    expect(scan.counts.total).toBe(scan.findings.length);
    expect(scan.findings.length).toBeGreaterThan(0);
    expect(changedPaths(before, snapshotTree(repo, ignoreCache))).toEqual([]);
    expect(runCli(['scan', 'backend/legacy', '--max-warnings', '0'], repo).status).toBe(1);
  });

  it('report re-renders a saved report', () => {
    const repo = copyFixtureRepo('demo-repo');
    expect(runCli(['--scope', 'phase10-12'], repo).status).toBe(0);
    const rendered = runCli(['report', 'deprecfix-report.json', '--format', 'markdown'], repo);
    expect(rendered.status).toBe(0);
    expect(rendered.stdout).toBe(readFileSync(path.join(repo, 'deprecfix-report.md'), 'utf8'));
  });

  it('rules lists every kind with its safety', () => {
    const run = runCli(['rules', '--format', 'json'], process.cwd());
    const rows = JSON.parse(run.stdout) as { kind: string; fix: string }[];
    expect(rows.find((row) => row.kind === 'buffer-slice')?.fix).toBe('safe');
    expect(rows.find((row) => row.kind === 'json-roundtrip-clone')?.fix).toBe('unsafe');
    expect(rows.find((row) => row.kind === 'legacy-url-parse')?.fix).toBe('none');
  });

  it('manifest list shows the scopes', () => {
    const repo = copyFixtureRepo('demo-repo');
    const run = runCli(['manifest', 'list'], repo);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('phase11  — Todoist reconcile');
  });

  it('--help teaches with examples', () => {
    const run = runCli(['fix', '--help'], process.cwd());
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Examples:');
    expect(run.stdout).toContain('--unsafe-fixes');
  });
});

describe('Python in the same run', () => {
  it('rewrites scoped Python files, skips one that does not parse, and exits 3', () => {
    const repo = copyFixtureRepo('demo-repo', { git: false });
    writeFileSync(path.join(repo, 'backend/worker/broken.py'), 'def broken(:\n    return datetime.utcnow()\n');
    writeFileSync(
      path.join(repo, 'deprecfix.manifest.json'),
      JSON.stringify({ version: 1, scopes: { py: ['backend/**/*.py', '!backend/legacy/**'] } }),
    );
    gitCommitAll(repo, 'python scope');
    const before = snapshotTree(repo, ignoreCache);

    const run = runCli(['--scope', 'py'], repo);
    expect(run.status).toBe(3);
    const report = readReport(repo);
    expect(report.failures).toEqual([expect.objectContaining({ file: 'backend/worker/broken.py', stage: 'parse' })]);
    expect(report.before.byLanguage).toEqual({ python: report.before.total });
    const changed = changedPaths(before, snapshotTree(repo, ignoreCache)).filter((file) => !REPORTS.includes(file));
    expect(changed).toEqual(['backend/api/main.py', 'backend/api/schemas.py', 'backend/worker/main.py']);
    expect(readFileSync(path.join(repo, 'backend/worker/main.py'), 'utf8')).toContain('dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)');

    gitCommitAll(repo, 'after fix');
    const again = runCli(['--scope', 'py'], repo);
    expect(readReport(repo).fixed).toEqual([]);
    expect(again.status).toBe(3);
  });

  it('works with plain eslint and the plugin on .py files', () => {
    const repo = copyFixtureRepo('demo-repo', { git: false });
    const pluginEntry = path.join(packageRoot, 'dist', 'src', 'index.js');
    writeFileSync(
      path.join(repo, 'eslint.config.mjs'),
      `import deprecfix from ${JSON.stringify(pluginEntry)};\nexport default [{ files: ['**/*.py'], plugins: { deprecfix }, language: 'deprecfix/python', rules: { 'deprecfix/py-utcnow': 'error' } }];\n`,
    );
    const eslintBin = path.join(packageRoot, 'node_modules', 'eslint', 'bin', 'eslint.js');
    const result = spawnSync(process.execPath, [eslintBin, '--format', 'json', 'backend/worker/main.py', 'backend/legacy/report.py'], { cwd: repo, encoding: 'utf8' });
    const files = JSON.parse(result.stdout) as { filePath: string; messages: { ruleId: string; messageId: string; line: number }[] }[];
    const ids = files.flatMap((file) => file.messages.map((message) => `${path.basename(file.filePath)}:${message.line}:${message.messageId}`));
    expect(ids.sort()).toEqual(['main.py:12:utcfromtimestamp', 'main.py:7:utcnow', 'report.py:8:utcnow']);
    expect(result.status).toBe(1);
  });
});

describe('repairs (rewrites of code that fails on the installed version)', () => {
  const SCHEMAS = [
    'from pydantic import BaseModel',
    '',
    '',
    'class UserOut(BaseModel):',
    '    id: int',
    '',
    '    class Config:',
    '        orm_mode = True',
    '',
    '',
    'def show(row, user: UserOut) -> dict:',
    '    plain = user.dict()',
    '    return UserOut.from_orm(row).dict(skip_defaults=True) | plain',
    '',
  ].join('\n');
  const repository = (): string => {
    const repo = writeFiles(tempDir(), {
      'requirements.txt': 'pydantic==2.13.4\n',
      'app/schemas.py': SCHEMAS,
      'node_modules/date-fns-tz/package.json': JSON.stringify({ name: 'date-fns-tz', version: '3.2.0' }),
      'package.json': JSON.stringify({ name: 'app', dependencies: { 'date-fns-tz': '^3.2.0' } }),
      'src/time.ts': "import { zonedTimeToUtc } from 'date-fns-tz';\nexport const start = zonedTimeToUtc(new Date(0), 'UTC');\n",
      'deprecfix.manifest.json': JSON.stringify({ version: 1, scopes: { upgrade: ['app/schemas.py', 'src/time.ts'] } }),
      '.gitignore': 'node_modules/\n',
    });
    gitCommitAll(repo, 'upgrade pydantic and date-fns-tz');
    return repo;
  };

  it('applies repairs by default and reports them in their own section, with the failure each one fixes', () => {
    const repo = repository();
    const run = runCli(['--scope', 'upgrade', '--no-repo-totals'], repo);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(readFileSync(path.join(repo, 'app/schemas.py'), 'utf8')).toBe(
      SCHEMAS.replace('from pydantic import BaseModel', 'from pydantic import BaseModel, ConfigDict')
        .replace('    class Config:\n        orm_mode = True', '    model_config = ConfigDict(from_attributes=True)')
        .replace('user.dict()', 'user.model_dump()')
        .replace('UserOut.from_orm(row).dict(skip_defaults=True)', 'UserOut.model_validate(row, from_attributes=True).model_dump(exclude_unset=True)'),
    );
    expect(readFileSync(path.join(repo, 'src/time.ts'), 'utf8')).toBe("import { fromZonedTime } from 'date-fns-tz';\nexport const start = fromZonedTime(new Date(0), 'UTC');\n");

    const report = readReport(repo);
    expect(report.before.total).toBe(report.after.total + report.fixed.length);
    expect(report.after.total).toBe(0);
    const repairs = report.fixed.filter((entry: { fix?: string }) => entry.fix === 'repair');
    expect(repairs.map((entry: { file: string; line: number; kind: string }) => `${entry.file}:${entry.line} ${entry.kind}`).sort()).toEqual([
      'app/schemas.py:13 pydantic-v1-method',
      'app/schemas.py:13 pydantic-v1-method',
      'app/schemas.py:7 pydantic-v1-config',
      'src/time.ts:2 date-fns-tz-rename',
    ]);
    expect(repairs.map((entry: { repairs: string }) => entry.repairs)).toEqual(
      expect.arrayContaining([
        'raises TypeError on pydantic 2.13.4 (`dict()` no longer takes `skip_defaults`)',
        "raises PydanticUserError on pydantic 2.13.4 (`from_orm()` needs `from_attributes=True`; pydantic 2 ignores v1's `orm_mode`)",
        expect.stringContaining('date-fns-tz 3.2.0 no longer has `zonedTimeToUtc`'),
      ]),
    );
    expect(report.fixed.find((entry: { line: number }) => entry.line === 12)).not.toHaveProperty('fix');

    const markdown = readFileSync(path.join(repo, 'deprecfix-report.md'), 'utf8');
    expect(markdown).toContain('### Rewritten (1)');
    expect(markdown).toContain('### Repairs (4) — behaviour changes: the old code failed on the installed version');
    // the class Config's own lines, not the import line that the same ESLint fix changed
    // the lines keep their indentation relative to each other
    expect(markdown).toContain('@@ line 7 · pydantic-v1-config @@\n-class Config:\n-    orm_mode = True\n+model_config = ConfigDict(from_attributes=True)\n');
    expect(run.stdout).toContain('▲ 4 repairs among them (behaviour changes: the old code failed on the installed version)');
  });

  it('--no-repairs applies the safe rewrites only and lists the repairs as held', () => {
    const repo = repository();
    const run = runCli(['--scope', 'upgrade', '--no-repairs', '--no-repo-totals'], repo);
    expect(run.status).toBe(0);
    expect(readFileSync(path.join(repo, 'src/time.ts'), 'utf8')).toContain('zonedTimeToUtc');
    const schemas = readFileSync(path.join(repo, 'app/schemas.py'), 'utf8');
    expect(schemas).toContain('plain = user.model_dump()');
    expect(schemas).toContain('UserOut.from_orm(row).dict(skip_defaults=True)');
    expect(schemas).toContain('orm_mode = True');
    const report = readReport(repo);
    expect(report.repairs).toBe(false);
    expect(report.fixed).toHaveLength(1);
    expect(report.remaining.map((entry: { fix: string; reason: string }) => `${entry.fix}: ${entry.reason}`)).toEqual(Array(4).fill('repair: repair held by --no-repairs'));
  });

  it('`deprecfix rules` lists repair kinds and the safe kinds that repair at some sites', () => {
    const run = runCli(['rules', '--format', 'json'], packageRoot);
    const rows = JSON.parse(run.stdout) as { kind: string; fix: string; repairs?: string }[];
    expect(rows.find((row) => row.kind === 'date-fns-tz-rename')).toMatchObject({ fix: 'repair' });
    expect(rows.find((row) => row.kind === 'class-transformer-transform-callback')).toMatchObject({ fix: 'repair' });
    expect(rows.find((row) => row.kind === 'pydantic-v1-method')).toMatchObject({ fix: 'safe', repairs: expect.stringContaining('skip_defaults') });
  });
});
