/** The `fix` pipeline in process: the guarantees that need a hand-made repository to show. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runFix } from '../src/fix.js';
import { runScan } from '../src/scan.js';
import { createProgress } from '../src/progress.js';
import { renderMarkdown } from '../src/printers/markdown.js';
import { unifiedDiffOf } from '../src/printers/html-diff.js';
import { tempDir, writeFiles } from './helpers.js';

describe('type-check after rewriting (§7.6)', () => {
  it('rolls back a rewrite that introduces a type error and reports the diagnostic', async () => {
    const repo = tempDir();
    const source = "import { zonedTimeToUtc } from 'date-fns-tz';\n\nexport const start = zonedTimeToUtc(new Date(0), 'UTC');\n";
    writeFiles(repo, {
      'deprecfix.manifest.json': JSON.stringify({ version: 1, scopes: { release: ['src/**'] } }),
      // Installed 3.0.0 whose typings still declare only the old name: the rename would not compile.
      'node_modules/date-fns-tz/package.json': JSON.stringify({ name: 'date-fns-tz', version: '3.0.0', types: 'index.d.ts' }),
      'node_modules/date-fns-tz/index.d.ts': 'export declare function zonedTimeToUtc(date: Date, timeZone: string): Date;\n',
      'src/start.ts': source,
      'src/clean.ts': 'export function stamp(date: Date): string {\n  return date.toGMTString();\n}\n',
    });

    const outcome = await runFix({ cwd: repo, scope: 'release', dryRun: false, unsafeFixes: false, allowDirty: true, repoTotals: false });

    expect(outcome.exitCode).toBe(3);
    expect(readFileSync(path.join(repo, 'src/start.ts'), 'utf8')).toBe(source);
    expect(readFileSync(path.join(repo, 'src/clean.ts'), 'utf8')).toContain('date.toUTCString()');
    expect(outcome.report.failures).toEqual([
      expect.objectContaining({ file: 'src/start.ts', stage: 'type-check', message: expect.stringContaining('fromZonedTime') }),
    ]);
    const remaining = outcome.report.remaining.find((finding) => finding.file === 'src/start.ts');
    expect(remaining).toMatchObject({ kind: 'date-fns-tz-rename', fix: 'none', reason: expect.stringContaining('rolled back') });
    expect(outcome.report.before.total).toBe(outcome.report.after.total + outcome.report.fixed.length);
  });
});

describe('unsafe fixes', () => {
  it('applies unsafe rewrites only with --unsafe-fixes, and lists them otherwise', async () => {
    const repo = tempDir();
    const source = 'export function snapshot<T>(state: T): T {\n  return JSON.parse(JSON.stringify(state));\n}\n';
    writeFiles(repo, { 'deprecfix.manifest.json': JSON.stringify({ version: 1, scopes: { release: ['src/**'] } }), 'src/state.ts': source });

    const safeOnly = await runFix({ cwd: repo, scope: 'release', dryRun: false, unsafeFixes: false, allowDirty: true, repoTotals: false });
    expect(readFileSync(path.join(repo, 'src/state.ts'), 'utf8')).toBe(source);
    expect(safeOnly.report.remaining).toEqual([expect.objectContaining({ kind: 'json-roundtrip-clone', fix: 'unsafe', reason: 'fixable with --unsafe-fixes' })]);

    const withUnsafe = await runFix({ cwd: repo, scope: 'release', dryRun: false, unsafeFixes: true, allowDirty: true, repoTotals: false });
    expect(withUnsafe.report.fixed).toHaveLength(1);
    expect(readFileSync(path.join(repo, 'src/state.ts'), 'utf8')).toContain('return structuredClone(state);');
  });
});

describe('nested rewrites', () => {
  it('applies a rename nested in an unsafe clone over two passes in one run', async () => {
    const repo = tempDir();
    writeFiles(repo, {
      'deprecfix.manifest.json': JSON.stringify({ version: 1, scopes: { release: ['src/**'] } }),
      'package.json': JSON.stringify({ dependencies: { 'class-transformer': '0.5.1' } }),
      'src/copy.ts': "import { classToPlain } from 'class-transformer';\n\nexport const copy = (task: object) => JSON.parse(JSON.stringify(classToPlain(task)));\n",
    });
    const outcome = await runFix({ cwd: repo, scope: 'release', dryRun: false, unsafeFixes: true, allowDirty: true, repoTotals: false });
    expect(readFileSync(path.join(repo, 'src/copy.ts'), 'utf8')).toBe(
      "import { instanceToPlain } from 'class-transformer';\n\nexport const copy = (task: object) => structuredClone(instanceToPlain(task));\n",
    );
    expect(outcome.report.fixed.map((entry) => entry.kind).sort()).toEqual(['class-transformer-rename', 'json-roundtrip-clone']);
    expect(outcome.report.after.total).toBe(0);
  });
});

describe('progress', () => {
  const fakeStream = (isTTY: boolean) => {
    const writes: string[] = [];
    return { writes, stream: { isTTY, write: (chunk: string) => writes.push(chunk) } as unknown as NodeJS.WriteStream };
  };

  it('draws on a TTY for long steps and clears the line when done', () => {
    const { writes, stream } = fakeStream(true);
    const progress = createProgress(stream, {});
    progress.start('Linting', 100);
    for (let index = 0; index < 100; index++) progress.tick();
    progress.done();
    expect(writes[0]).toContain('Linting 1/100');
    expect(writes.at(-1)).toBe('\r\x1b[2K');
  });

  it('stays silent in pipes and on CI', () => {
    for (const [isTTY, env] of [[false, {}], [true, { CI: 'true' }]] as const) {
      const { writes, stream } = fakeStream(isTTY);
      const progress = createProgress(stream, env);
      progress.start('Linting', 100);
      progress.tick();
      progress.done();
      expect(writes).toEqual([]);
    }
  });
});

describe('version notes', () => {
  it('says once per library why its findings have no fix when its version is unknown', async () => {
    const repo = tempDir();
    writeFiles(repo, {
      'deprecfix.manifest.json': JSON.stringify({ version: 1, scopes: { release: ['src/**'] } }),
      'src/a.ts': "import { classToPlain, plainToClass } from 'class-transformer';\nexport const a = classToPlain(plainToClass(Object, {}));\n",
      'src/models.py': 'from pydantic import BaseModel\n\n\nclass M(BaseModel):\n    x: int\n\n\ndef f(m: M) -> dict:\n    return m.dict()\n',
    });
    const outcome = await runFix({ cwd: repo, scope: 'release', dryRun: true, unsafeFixes: false, allowDirty: true, repoTotals: false });
    expect(outcome.report.remaining.map((finding) => finding.reason)).toEqual(Array(3).fill('library version could not be determined'));
    expect(outcome.report.notes).toEqual([
      expect.stringMatching(/^class-transformer: the version this project uses could not be determined .* 2 findings/),
      expect.stringMatching(/^pydantic: the version this project uses could not be determined .* 1 finding /),
    ]);
    // scan says it too, once
    const scanned = await runScan({ cwd: repo, scope: 'release', paths: [] });
    expect(scanned.notes).toEqual(outcome.report.notes);
  });

  it('says why a library below its gate has no findings (pydantic 1, class-transformer 0.3), in fix and scan', async () => {
    const repo = tempDir();
    writeFiles(repo, {
      'deprecfix.manifest.json': JSON.stringify({ version: 1, scopes: { release: ['src/**'] } }),
      'package.json': JSON.stringify({ name: 'r', dependencies: { 'class-transformer': '0.3.1' } }),
      'node_modules/class-transformer/package.json': JSON.stringify({ name: 'class-transformer', version: '0.3.1', types: 'index.d.ts' }),
      'node_modules/class-transformer/index.d.ts': 'export declare function classToPlain(object: unknown): unknown;\n',
      'requirements.txt': 'pydantic==1.10.13\n',
      'src/a.ts': "import { classToPlain } from 'class-transformer';\nexport const a = classToPlain({});\n",
      'src/models.py': 'from pydantic import BaseModel\n\n\nclass M(BaseModel):\n    x: int\n\n\ndef f(m: M) -> dict:\n    return m.dict()\n',
    });
    const outcome = await runFix({ cwd: repo, scope: 'release', dryRun: true, unsafeFixes: false, allowDirty: true, repoTotals: false });
    expect(outcome.report.remaining).toEqual([]);
    const expected = [
      'class-transformer: this project uses 0.3.1 (node_modules/class-transformer/package.json), below 0.4.1, where its old API is not yet deprecated: no-legacy-serialization reports none of its calls.',
      'pydantic: this project uses 1.10.13 (requirements.txt), below 2, where the v1 API is not deprecated: py-pydantic-v1 reports none of its calls.',
    ];
    expect(outcome.report.notes).toEqual(expected);
    expect((await runScan({ cwd: repo, scope: 'release', paths: [] })).notes).toEqual(expected);
    // Nothing to say when no scoped file of that language is linted, or when the rule is off.
    expect((await runScan({ cwd: repo, paths: ['src/a.ts'], rules: ['no-utcnow-date'] })).notes).toEqual([]);
  });
});

describe('declared dependencies the program cannot resolve', () => {
  it('says once that calls through them cannot be typed (a workspace package not built), and nothing once they resolve', async () => {
    const repo = tempDir();
    writeFiles(repo, {
      'deprecfix.manifest.json': JSON.stringify({ version: 1, scopes: { release: ['packages/2d/src/**'] } }),
      'package.json': JSON.stringify({ name: 'mono', private: true, workspaces: ['packages/*'] }),
      'packages/2d/package.json': JSON.stringify({ name: '@acme/2d', dependencies: { '@acme/core': '*' } }),
      'packages/2d/src/layout.ts': "import { BBox } from '@acme/core';\nimport { spacing } from '@acme/core/lib/spacing';\nimport { local } from './local';\nexport const box = (b: BBox) => b.addSpacing(spacing + local);\n",
      'packages/2d/src/local.ts': 'export const local = 1;\n',
    });
    const scanned = await runScan({ cwd: repo, scope: 'release', paths: [] });
    expect(scanned.notes).toEqual([
      '2 imports in 1 scoped file name a declared dependency with no types here (@acme/core; first in packages/2d/src/layout.ts): calls through them cannot be typed, so the kinds that need types may miss them. Install the dependencies, or build the workspace packages they come from, and run again.',
    ]);
    const outcome = await runFix({ cwd: repo, scope: 'release', dryRun: true, unsafeFixes: false, allowDirty: true, repoTotals: false });
    expect(outcome.report.notes).toEqual(scanned.notes);
    // built: the package's types resolve
    writeFiles(repo, {
      'node_modules/@acme/core/package.json': JSON.stringify({ name: '@acme/core', types: 'index.d.ts' }),
      'node_modules/@acme/core/index.d.ts': 'export declare class BBox { addSpacing(n: number): BBox; }\n',
      'node_modules/@acme/core/lib/spacing.d.ts': 'export declare const spacing: number;\n',
    });
    expect((await runScan({ cwd: repo, scope: 'release', paths: [] })).notes).toEqual([]);
  });
});

describe('the import edits that came with the rewrites', () => {
  const manifest = JSON.stringify({ version: 1, scopes: { release: ['src/**', 'app/**'] } });

  it('reports them per file (TypeScript and Python), so the report shows the whole diff', async () => {
    const repo = tempDir();
    writeFiles(repo, {
      'deprecfix.manifest.json': manifest,
      'package.json': JSON.stringify({ name: 'r', dependencies: { 'class-transformer': '0.5.1' } }),
      'pyproject.toml': '[project]\nname = "svc"\nrequires-python = ">=3.9"\n',
      'src/account.ts':
        "import { Expose } from 'class-transformer';\nimport { serialize } from 'class-transformer/ClassTransformer';\n\n" +
        "export class Account {\n  @Expose()\n  name = '';\n}\n\nexport const toJson = (account: Account): string => serialize(account);\n" +
        // Two rewritten lines in a row are one diff hunk, and still no import edit.
        'export const both = (a: Account, b: Account): string[] => [\n  serialize(a),\n  serialize(b),\n];\n',
      'app/stamp.py': 'from datetime import datetime\n\n\ndef stamp():\n    return datetime.utcnow()\n',
    });

    const outcome = await runFix({ cwd: repo, scope: 'release', dryRun: false, unsafeFixes: false, allowDirty: true, repoTotals: false });

    expect(outcome.report.failures).toEqual([]);
    expect(outcome.report.imports).toEqual([
      { file: 'app/stamp.py', line: 1, before: 'from datetime import datetime', after: 'from datetime import datetime, timezone' },
      {
        file: 'src/account.ts',
        line: 1,
        before: "import { Expose } from 'class-transformer';\nimport { serialize } from 'class-transformer/ClassTransformer';",
        after: "import { Expose, instanceToPlain } from 'class-transformer';",
      },
    ]);
    // The moved subpath import joined line 1: its own finding's line is gone, not replaced by whatever follows it.
    expect(outcome.report.fixed).toContainEqual(
      expect.objectContaining({ file: 'src/account.ts', line: 2, before: "import { serialize } from 'class-transformer/ClassTransformer';", after: '' }),
    );
    const markdown = renderMarkdown(outcome.report);
    expect(markdown).toContain('```diff\n@@ line 1 · imports @@\n-from datetime import datetime\n+from datetime import datetime, timezone\n@@ line 5 · ');
    expect(markdown).toContain("@@ line 1 · imports @@\n-import { Expose } from 'class-transformer';\n-import { serialize } from 'class-transformer/ClassTransformer';\n+import { Expose, instanceToPlain } from 'class-transformer';\n");
    // ...and the moved import's own finding is not shown again as a hunk of only its removed line
    expect(markdown).not.toContain('@@ line 2 · class-transformer-rename @@');
    expect(unifiedDiffOf(outcome.report.fixed, outcome.report.imports)).not.toContain('@@ class-transformer-rename\n-import');
  });

  it('drops them with a rewrite that is rolled back', async () => {
    const repo = tempDir();
    writeFiles(repo, {
      'deprecfix.manifest.json': manifest,
      // Installed 3.0.0 whose typings still declare only the old name: the rename would not compile.
      'node_modules/date-fns-tz/package.json': JSON.stringify({ name: 'date-fns-tz', version: '3.0.0', types: 'index.d.ts' }),
      'node_modules/date-fns-tz/index.d.ts': 'export declare function zonedTimeToUtc(date: Date, timeZone: string): Date;\n',
      'src/start.ts': "import { zonedTimeToUtc } from 'date-fns-tz';\n\nexport const start = zonedTimeToUtc(new Date(0), 'UTC');\n",
    });

    const outcome = await runFix({ cwd: repo, scope: 'release', dryRun: true, unsafeFixes: false, allowDirty: true, repoTotals: false });

    expect(outcome.report.failures).toEqual([expect.objectContaining({ file: 'src/start.ts', stage: 'type-check' })]);
    expect(outcome.report.imports).toEqual([]);
  });

  it('shows a Python call after its rewrite, not the line an added import line pushed into its place', async () => {
    const repo = tempDir();
    writeFiles(repo, {
      'deprecfix.manifest.json': manifest,
      'app/window.py':
        'from datetime import (\n    date,\n    datetime,\n    timedelta,\n)\n\n\ndef window(days: int) -> tuple:\n    end = datetime.utcnow()\n    return end - timedelta(days=days), end\n',
    });

    const outcome = await runFix({ cwd: repo, scope: 'release', dryRun: true, unsafeFixes: false, allowDirty: true, repoTotals: false });

    expect(outcome.report.fixed).toEqual([
      expect.objectContaining({ file: 'app/window.py', line: 9, before: 'end = datetime.utcnow()', after: 'end = datetime.now(timezone.utc).replace(tzinfo=None)' }),
    ]);
    expect(outcome.report.imports).toEqual([{ file: 'app/window.py', line: 5, before: '', after: '    timezone,' }]);
  });
});

