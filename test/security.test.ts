/**
 * SECURITY.md lists every program deprecfix starts and says it makes no network requests: this keeps the code to it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from './helpers.js';

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(packageRoot, dir), { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.(ts|cts|mts)$/.test(file))
    .map((file) => path.join(dir, file));
}

const files = ['src', 'rules', 'transforms'].flatMap(sourceFiles);
/** The GitHub Action's script: it runs only in the Action, starts the CLI and git, and posts the PR comment. */
const ACTION_FILES = [path.join('src', 'adapters', 'github-action.ts'), path.join('src', 'adapters', 'github-comment.ts')];
const code = (file: string) => readFileSync(path.join(packageRoot, file), 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
const security = readFileSync(path.join(packageRoot, 'SECURITY.md'), 'utf8');

describe('SECURITY.md matches the code', () => {
  it('every child process is one the table lists (git, python3, your test commands); only the test commands get a shell', () => {
    const started = new Set<string>();
    for (const file of files) {
      const text = code(file);
      for (const match of text.matchAll(/(?<![.\w])(execFileSync|execFile|execSync|exec|spawnSync|spawn|fork)\(\s*([^,)]*)/g)) {
        started.add(`${match[1]} ${match[2].trim()}`);
      }
      // The user's own command line runs as typed; nothing deprecfix composes goes through a shell.
      if (file !== path.join('src', 'runtime', 'test-run.ts')) expect(text, file).not.toMatch(/shell:\s*true/);
    }
    expect([...started].sort()).toEqual(["execFile 'git'", "execFile 'python3'", "execFileSync 'git'", "spawn command", "spawnSync 'git'", "spawnSync 'python3'", 'spawnSync process.execPath']);
    // The Action's script alone starts git and the CLI with spawnSync.
    for (const file of files.filter((file) => !ACTION_FILES.includes(file))) expect(code(file), file).not.toMatch(/spawnSync\(\s*(?:'git'|process\.execPath)/);
    expect(security).toMatch(/\| `git` \(the first on `PATH`\)/);
    expect(security).toMatch(/\| `python3` \(the first on `PATH`\)/);
    expect(security).toMatch(/\| your test commands \| `fix --test/);
  });

  it('no module of deprecfix can reach the network', () => {
    for (const file of files.filter((file) => !ACTION_FILES.includes(file))) {
      expect(code(file), file).not.toMatch(/(?:from\s+|import\(\s*|require\(\s*)['"](?:node:)?(?:http|https|http2|net|tls|dgram|undici)['"]|\bfetch\(|\bnew WebSocket\b/);
    }
    expect(security).toContain('deprecfix makes no network requests.');
    expect(security).toContain('`src/adapters/github-comment.ts`');
  });
});
