/**
 * Issue 11, "nothing lost": the write path of `fix` against hostile inputs — files that are not UTF-8, writes that
 * fail, files edited while the run works, a second run at the same time, and interruptions. Each test runs the built
 * CLI on a temporary repository and checks the bytes on disk and the report.
 */
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliPath, gitCommitAll, runCli, tempDir, writeFiles } from './helpers.js';

const TS_FINDING = 'export const stamp = new Date().toGMTString();\n';
const MANIFEST = JSON.stringify({ version: 1, scopes: { code: ['src/**', 'py/**'] } });

function readReport(repo: string) {
  return JSON.parse(readFileSync(path.join(repo, 'deprecfix-report.json'), 'utf8'));
}

function repoWith(files: Record<string, string | Buffer>): string {
  const repo = tempDir();
  writeFiles(repo, { 'deprecfix.manifest.json': MANIFEST });
  for (const [file, content] of Object.entries(files)) {
    writeFiles(repo, { [file]: '' });
    writeFileSync(path.join(repo, file), content);
  }
  gitCommitAll(repo, 'initial');
  return repo;
}

/** Temp files deprecfix may have left anywhere under dir. */
function tempFiles(dir: string): string[] {
  return (readdirSync(dir, { recursive: true }) as string[]).filter((file) => /deprecfix-.*\.tmp$/.test(file));
}

interface Exit {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** The CLI as a child we can talk to: wait for a line on its stderr, write to its stdin, signal it. */
function startCli(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) {
  const child = spawn(process.execPath, [cliPath, ...args], { cwd, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, ...env } });
  let stdout = '';
  let stderr = '';
  const waiters: { text: string; resolve: () => void }[] = [];
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
    for (const waiter of waiters.filter((candidate) => stderr.includes(candidate.text))) waiter.resolve();
  });
  const exit = new Promise<Exit>((resolve) => child.on('close', (status) => resolve({ status, stdout, stderr })));
  return {
    child,
    exit,
    /** Resolves once stderr contains text; rejects if the child exits first. */
    waitFor: (text: string) =>
      Promise.race([
        new Promise<void>((resolve) => (stderr.includes(text) ? resolve() : waiters.push({ text, resolve }))),
        exit.then((result) => Promise.reject(new Error(`exited ${result.status} before "${text}":\n${result.stderr}`))),
      ]),
  };
}

describe('files that are not UTF-8 (issue 11 item 1)', () => {
  it('skips a latin-1 TypeScript file as "not valid UTF-8" and never changes its bytes', () => {
    const latin1 = Buffer.from(`export const s = "naïve";\n${TS_FINDING}`, 'latin1');
    const repo = repoWith({ 'src/legacy.ts': latin1, 'src/ok.ts': TS_FINDING });
    const run = runCli(['--scope', 'all', '--no-repo-totals'], repo);
    expect(run.status).toBe(3);
    expect(readFileSync(path.join(repo, 'src/legacy.ts'))).toEqual(latin1);
    expect(readFileSync(path.join(repo, 'src/ok.ts'), 'utf8')).toContain('toUTCString()');
    const report = readReport(repo);
    expect(report.failures).toEqual([expect.objectContaining({ file: 'src/legacy.ts', message: expect.stringContaining('not valid UTF-8') })]);
    expect(report.fixed.map((entry: { file: string }) => entry.file)).toEqual(['src/ok.ts']);
  });

  it('rewrites a Python file in the encoding its PEP 263 declaration names, keeping its latin-1 bytes', () => {
    const source = '# -*- coding: latin-1 -*-\nfrom datetime import datetime\n\nNAME = "naïve café"\n\n\ndef now():\n    return datetime.utcnow()\n';
    const repo = repoWith({ 'py/legacy.py': Buffer.from(source, 'latin1') });
    const run = runCli(['--scope', 'all', '--no-repo-totals'], repo);
    expect(run.stderr).not.toContain('error');
    expect(run.status).toBe(0);
    const bytes = readFileSync(path.join(repo, 'py/legacy.py'));
    const text = bytes.toString('latin1');
    expect(text).not.toContain('utcnow');
    expect(text).toContain('NAME = "naïve café"');
    expect(bytes.includes(Buffer.from('ï', 'latin1'))).toBe(true);
    expect(bytes.includes(Buffer.from('ï', 'utf8'))).toBe(false);
    expect(bytes.includes(Buffer.from('\uFFFD', 'utf8'))).toBe(false);
    expect(readReport(repo).fixed).toHaveLength(1);
  });

  it('skips a latin-1 Python file without a coding declaration and never changes its bytes', () => {
    const latin1 = Buffer.from('from datetime import datetime\n\nNAME = "naïve"\nSTAMP = datetime.utcnow()\n', 'latin1');
    const repo = repoWith({ 'py/legacy.py': latin1 });
    const run = runCli(['--scope', 'all', '--no-repo-totals'], repo);
    expect(run.status).toBe(3);
    expect(readFileSync(path.join(repo, 'py/legacy.py'))).toEqual(latin1);
    expect(readReport(repo).failures).toEqual([expect.objectContaining({ file: 'py/legacy.py', message: expect.stringContaining('not valid UTF-8') })]);
  });
});

// A shell's `ulimit` and POSIX signals: not on Windows.
const posix = process.platform !== 'win32';

describe.runIf(posix)('a write that fails (issue 11 item 2)', () => {
  it('reports what is on disk: the findings stay, nothing is listed as fixed, paths are repository-relative', () => {
    // A file-size limit makes the write fail for root too (chmod does not stop root): EFBIG, like a full disk.
    const padding = `// ${'x'.repeat(76)}\n`.repeat(500); // 40 kB
    const big = `${TS_FINDING.repeat(1)}export const a = new Date().toGMTString();\nexport const b = new Date().toGMTString();\nexport const c = new Date().toGMTString();\n${padding}`;
    const repo = repoWith({ 'src/big.ts': big });
    const run = spawnSync('/bin/sh', ['-c', 'ulimit -f 16 && exec "$0" "$@"', process.execPath, cliPath, '--scope', 'all', '--no-repo-totals'], {
      cwd: repo,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    expect(run.status).toBe(3);
    expect(readFileSync(path.join(repo, 'src/big.ts'), 'utf8')).toBe(big);
    expect(tempFiles(repo)).toEqual([]);
    const report = readReport(repo);
    expect(report.before.total).toBe(4);
    expect(report.after.total).toBe(4);
    expect(report.fixed).toEqual([]);
    expect(report.remaining).toHaveLength(4);
    for (const entry of report.remaining) expect(entry.reason).toMatch(/^write failed: EFBIG/);
    expect(report.failures).toEqual([expect.objectContaining({ file: 'src/big.ts', stage: 'write' })]);
    const markdown = readFileSync(path.join(repo, 'deprecfix-report.md'), 'utf8');
    expect(markdown).toContain('4 → 4');
    for (const text of [JSON.stringify(report), markdown, run.stdout]) expect(text).not.toContain(repo);
  });
});

describe('edits and runs that overlap a fix (issue 11 item 4)', () => {
  it('--allow-dirty skips a file that changed between read and write, keeping the new edit', async () => {
    const repo = repoWith({ 'src/a.ts': TS_FINDING, 'src/b.ts': TS_FINDING });
    const run = startCli(['--scope', 'all', '--allow-dirty', '--no-repo-totals'], repo, { DEPRECFIX_TEST_PAUSE: 'before-write' });
    await run.waitFor('deprecfix-test: paused before-write');
    appendFileSync(path.join(repo, 'src/a.ts'), '// typed while fix ran\n');
    run.child.stdin.end('\n');
    const exit = await run.exit;
    expect(exit.status).toBe(3);
    expect(readFileSync(path.join(repo, 'src/a.ts'), 'utf8')).toBe(`${TS_FINDING}// typed while fix ran\n`);
    expect(readFileSync(path.join(repo, 'src/b.ts'), 'utf8')).toContain('toUTCString()');
    const report = readReport(repo);
    expect(report.failures).toEqual([expect.objectContaining({ file: 'src/a.ts', stage: 'write', message: expect.stringContaining('changed during the run') })]);
    expect(report.fixed.map((entry: { file: string }) => entry.file)).toEqual(['src/b.ts']);
    expect(report.remaining).toEqual([expect.objectContaining({ file: 'src/a.ts', reason: expect.stringContaining('changed during the run') })]);
  });

  it('a second fix while one runs exits 2 naming the first one\'s pid; the lock goes away after', async () => {
    const repo = repoWith({ 'src/a.ts': TS_FINDING });
    const first = startCli(['--scope', 'all', '--no-repo-totals'], repo, { DEPRECFIX_TEST_PAUSE: 'before-write' });
    await first.waitFor('deprecfix-test: paused before-write');
    const second = runCli(['--scope', 'all', '--no-repo-totals'], repo);
    expect(second.status).toBe(2);
    expect(second.stderr).toContain(`pid ${first.child.pid}`);
    first.child.stdin.end('\n');
    expect((await first.exit).status).toBe(0);
    expect(readFileSync(path.join(repo, 'src/a.ts'), 'utf8')).toContain('toUTCString()');
    expect(existsSync(path.join(repo, '.git', 'deprecfix.lock'))).toBe(false);
  });

  it('takes over a lock left by a process that no longer runs, and removes its lock when it stops with an error', () => {
    const repo = repoWith({ 'src/a.ts': TS_FINDING });
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    const lock = path.join(repo, '.git', 'deprecfix.lock');
    writeFileSync(lock, JSON.stringify({ pid: dead }));
    const run = runCli(['--scope', 'all', '--no-repo-totals'], repo);
    expect(run.status).toBe(0);
    expect(existsSync(lock)).toBe(false);

    appendFileSync(path.join(repo, 'src/a.ts'), 'export const more = new Date().toGMTString();\n');
    const refused = runCli(['--scope', 'all', '--no-repo-totals'], repo);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('uncommitted changes');
    expect(existsSync(lock)).toBe(false);
  });
});

describe.runIf(posix)('interruptions (issue 11 item 5)', () => {
  const FILES = 2000;
  const OLD = (index: number) => `export const stamp${index} = new Date().toGMTString();\n`;
  const NEW = (index: number) => `export const stamp${index} = new Date().toUTCString();\n`;

  it.each([
    { signal: 'SIGINT' as const, status: 130 },
    { signal: 'SIGTERM' as const, status: 143 },
  ])('$signal after the first write: every file wholly old or new, no temp file, the report says interrupted, exit $status', async ({ signal, status }) => {
    const files: Record<string, string> = {};
    for (let index = 0; index < FILES; index++) files[`src/d${index % 20}/f${index}.ts`] = OLD(index);
    const repo = repoWith(files);
    const run = startCli(['--scope', 'all', '--no-repo-totals'], repo, { DEPRECFIX_TEST_PAUSE: 'after-first-write' });
    await run.waitFor('deprecfix-test: paused after-first-write');
    run.child.kill(signal);
    const exit = await run.exit;
    expect(exit.status).toBe(status);

    let written = 0;
    for (let index = 0; index < FILES; index++) {
      const text = readFileSync(path.join(repo, `src/d${index % 20}/f${index}.ts`), 'utf8');
      expect([OLD(index), NEW(index)]).toContain(text);
      if (text === NEW(index)) written++;
    }
    expect(written).toBeGreaterThan(0);
    expect(written).toBeLessThan(FILES);
    expect(tempFiles(repo)).toEqual([]);
    const report = readReport(repo);
    expect(report.interrupted).toBe(signal);
    expect(report.fixed).toHaveLength(written);
    expect(report.after.total).toBe(FILES - written);
    expect(readFileSync(path.join(repo, 'deprecfix-report.md'), 'utf8')).toContain(`Interrupted (${signal})`);
    expect(runCli(['report', 'deprecfix-report.json', '--format', 'markdown'], repo).stdout).toContain(`Interrupted (${signal})`);
    expect(exit.stderr).toContain(`interrupted by ${signal}: wrote ${written} of ${FILES} files`);
    expect(existsSync(path.join(repo, '.git', 'deprecfix.lock'))).toBe(false);
  });
});
