import ts = require('typescript');
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { applySiteEdits, type Site, type TextEdit } from '../transforms/edit.js';
import { rewriteSites } from '../rules/rewriters.js';
import { findSiteNode } from '../transforms/rewrite/shape.js';
import { lineOf, offsetOf, lineStarts } from '../src/plan.js';
import { largeFileDetail, lintFiles } from '../src/lint.js';
import { createProgress } from '../src/progress.js';
import { changedPaths, runCli, snapshotTree, tempDir, writeFiles, gitRepo, oneScopeManifest, readReport } from './helpers.js';

/** Item 6 of issue 11: per-finding work must not grow with the file, or a file with many findings is quadratic. */
describe('huge files: per-finding work is independent of the file size', () => {
  const elements = 5000;
  const text = `export const years = (d: Date) => [\n${'  d.getYear(),\n'.repeat(elements)}];\n`;
  const sourceFile = ts.createSourceFile('many.ts', text, ts.ScriptTarget.Latest, true);

  it('findSiteNode finds every site of a long array, descending only along the path to it', () => {
    // Node objects share a prototype: count how many nodes the search measures.
    const calls = vi.spyOn(Object.getPrototypeOf(sourceFile.statements[0]) as ts.Node, 'getStart');
    const sites = [0, 1, 2500, elements - 1].map((index) => {
      const start = text.indexOf('d.getYear()', 36 + index * '  d.getYear(),\n'.length);
      return { kind: 'annexb-getyear' as const, start, end: start + 'd.getYear()'.length };
    });
    for (const site of sites) {
      calls.mockClear();
      const node = findSiteNode(sourceFile, site, ts.isCallExpression);
      const measured = calls.mock.calls.length;
      expect(node && [node.getStart(sourceFile), node.getEnd()]).toEqual([site.start, site.end]);
      // The old search measured every element before the site (thousands); the path to it is ~10 nodes deep.
      expect(measured).toBeLessThan(30);
    }
    calls.mockRestore();
  });

  it('offsetOf and lineOf agree with a plain scan, using a line-start table', () => {
    const sample = 'a\r\nbc\n\nd';
    const starts = lineStarts(sample);
    expect(starts).toEqual([0, 3, 6, 7]);
    for (let offset = 0; offset <= sample.length; offset++) {
      const line = sample.slice(0, offset).split('\n').length;
      expect(lineOf(sample, offset, starts)).toBe(line);
      expect(lineOf(sample, offset)).toBe(line);
    }
    expect(offsetOf(sample, 2, 2, starts)).toBe(4);
    expect(offsetOf(sample, 4, 1, starts)).toBe(7);
    expect(offsetOf(sample, 9, 1, starts)).toBe(sample.length);
  });
});

const BUFFER = 'export const b = new Buffer("x");\n';
/** Just over 1 MiB of ordinary code (short lines, no generated header) with one finding at the end. */
const BIG = `let value = 0;\n${'value = value + 1 + 2;\n'.repeat(48_000)}${BUFFER}`;

const manifest = oneScopeManifest;

describe('files above the size limit ("maxFileSize", default 1 MiB)', () => {
  it('are skipped with a note by fix, scan, check and the repository totals, never rewritten', () => {
    expect(BIG.length).toBeGreaterThan(1024 * 1024);
    const repo = gitRepo({ 'src/app.ts': BUFFER, 'src/big.ts': BIG, 'gen/other.ts': BIG, 'deprecfix.manifest.json': manifest(['src']) });
    const before = snapshotTree(repo);
    const run = runCli(['fix', '--scope', 'p'], repo);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(changedPaths(before, snapshotTree(repo)).filter((file) => !file.startsWith('deprecfix-report'))).toEqual(['src/app.ts']);
    const report = readReport(repo);
    expect(report.scope.files).toEqual(['src/app.ts']);
    expect(report.outOfScope.total).toBe(0); // gen/other.ts is not linted for the totals either
    const note = report.notes.find((text: string) => text.includes('maxFileSize'));
    expect(note).toMatch(/^Skipped 1 file larger than 1 MiB in the scope \(src\/big\.ts: 1\.\d MiB\)\. To lint and fix it, raise "maxFileSize" \(bytes\) in deprecfix\.config\.json\.$/);

    const scan = runCli(['scan', 'src/big.ts', '--format', 'json'], repo);
    expect(scan.status).toBe(0);
    expect(JSON.parse(scan.stdout).findings).toEqual([]);
    expect(scan.stderr).toContain('note: Skipped 1 file larger than 1 MiB of the given paths (src/big.ts: 1.');

    expect(runCli(['baseline'], repo).status).toBe(0);
    const check = runCli(['check', '--format', 'json'], repo);
    expect(JSON.parse(check.stdout).skipped.map((entry: { file: string }) => entry.file)).toEqual(['gen/other.ts', 'src/big.ts']);
  });

  it('"maxFileSize" in the config sets the limit; an invalid one is a configuration error (exit 2)', () => {
    const medium = `${'// a comment line\n'.repeat(10)}${BUFFER}`;
    const repo = gitRepo({ 'src/small.ts': BUFFER, 'src/medium.ts': medium, 'deprecfix.config.json': '{ "maxFileSize": 100 }\n' });
    const files = (run: { stdout: string }) => [...new Set(JSON.parse(run.stdout).findings.map((finding: { file: string }) => finding.file))];
    const limited = runCli(['scan', 'src', '--format', 'json'], repo);
    expect(files(limited)).toEqual(['src/small.ts']);
    expect(limited.stderr).toContain(`note: Skipped 1 file larger than 100 bytes of the given paths (src/medium.ts: ${medium.length} bytes)`);

    writeFiles(repo, { 'deprecfix.config.json': '{ "maxFileSize": 1000 }\n' });
    const raised = runCli(['scan', 'src', '--format', 'json'], repo);
    expect(raised.stderr).toBe('');
    expect(files(raised)).toEqual(['src/medium.ts', 'src/small.ts']);

    writeFiles(repo, { 'deprecfix.config.json': '{ "maxFileSize": "1MB" }\n' });
    const invalid = runCli(['scan', 'src'], repo);
    expect(invalid.status).toBe(2);
    expect(invalid.stderr).toContain('deprecfix.config.json:1:18: "maxFileSize" must be a whole number of bytes, such as 1048576');
  });
});

describe('progress on a large file', () => {
  const fakeStream = (isTTY: boolean) => {
    const writes: string[] = [];
    return { writes, stream: { isTTY, write: (chunk: string) => writes.push(chunk) } as unknown as NodeJS.WriteStream };
  };

  it('names the file before it is linted on a TTY (a tick only comes when it ends), never in a pipe', () => {
    for (const isTTY of [true, false]) {
      const { writes, stream } = fakeStream(isTTY);
      const progress = createProgress(stream, {});
      progress.start('Linting', 1);
      progress.working('src/big.ts (900 KiB)');
      progress.tick();
      progress.done();
      expect(writes).toEqual(isTTY ? ['\r\x1b[2KLinting 0/1: src/big.ts (900 KiB)', '\r\x1b[2K'] : []);
    }
  });

  it('lintFiles reports a file from 256 KiB on before linting it, and not a small one', () => {
    const big = { file: 'big.ts', absPath: path.join(tempDir(), 'big.ts'), text: `${'let value = 0;\n'.repeat(20_000)}new Buffer(1);\n` };
    const small = { file: 'small.ts', absPath: path.join(tempDir(), 'small.ts'), text: 'new Buffer(1);\n' };
    const started: string[] = [];
    lintFiles([small, big], { repoRoot: tempDir() }, undefined, (input) => started.push(largeFileDetail(input)));
    expect(started).toEqual(['big.ts (293 KiB)']);
  });
});

describe('applying many edits', () => {
  /** The previous implementations, quadratic but obviously right: the reference for the fast ones. */
  const naiveApply = (text: string, edits: readonly TextEdit[]) =>
    [...edits].sort((a, b) => b.start - a.start || b.end - a.end).reduce((result, edit) => result.slice(0, edit.start) + edit.text + result.slice(edit.end), text);
  const naiveTaken = (sites: readonly { site: Site; edit: TextEdit | undefined }[]) => {
    const taken: TextEdit[] = [];
    for (const { edit } of [...sites].sort((a, b) => a.site.start - b.site.start)) {
      if (edit && !taken.some((other) => other.start < edit.end && edit.start < other.end)) taken.push(edit);
    }
    return taken;
  };

  it('applySiteEdits takes and applies the same edits as a scan of every taken edit, on random overlapping sites', () => {
    let seed = 7;
    const random = (below: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % below;
    for (let round = 0; round < 300; round++) {
      const text = 'abcdefghijklmnopqrstuvwxyz0123456789'.slice(0, 10 + random(26));
      const sites = Array.from({ length: 1 + random(8) }, (_, index) => {
        const start = random(text.length);
        const end = Math.min(text.length, start + random(4));
        const site: Site = { kind: 'utcnow', start, end };
        return { site, edit: random(5) === 0 ? undefined : { start: Math.max(0, start - random(2)), end, text: `<${index}>` } };
      });
      const result = applySiteEdits(text, sites);
      expect(result.edits).toEqual(naiveTaken(sites));
      expect(result.text).toBe(naiveApply(text, result.edits));
    }
  });

  it('a file with 20,000 edits comes out right', () => {
    const text = 'datetime.utcnow()\n'.repeat(20_000);
    const sites = Array.from({ length: 20_000 }, (_, index) => {
      const start = index * 18 + 'datetime.'.length;
      return { site: { kind: 'utcnow' as const, start, end: start + 6 }, edit: { start, end: start + 6, text: 'now' } };
    });
    const result = applySiteEdits(text, sites);
    expect(result.rewritten).toHaveLength(20_000);
    expect(result.text).toBe('datetime.now()\n'.repeat(20_000));
  });
});

describe('rewriting many sites of one file', () => {
  it('rewriteSites rewrites 5,000 sites of one array, each exactly once', () => {
    const count = 5000;
    const text = `export const years = (d: Date) => [\n${'  d.getYear(),\n'.repeat(count)}];\n`;
    const sourceFile = ts.createSourceFile('many.ts', text, ts.ScriptTarget.Latest, true);
    const sites: Site[] = [];
    for (let index = text.indexOf('d.getYear()'); index !== -1; index = text.indexOf('d.getYear()', index + 1)) {
      sites.push({ kind: 'annexb-getyear', start: index, end: index + 'd.getYear()'.length });
    }
    // The same site twice (a rewriter may return an edit more than once): applied once.
    const result = rewriteSites(sourceFile, [...sites, sites[0]], undefined);
    expect(result.skipped).toEqual([]);
    expect(new Set(result.edits.map((edit) => `${edit.start}:${edit.end}:${edit.text}`)).size).toBe(result.edits.length);
    expect(result.text).toBe(`export const years = (d: Date) => [\n${'  d.getFullYear() - 1900,\n'.repeat(count)}];\n`);
  });
});
