import { execFile } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { COMMENT_MARKER } from '../src/adapters/github-comment.js';
import { commit, git, gitRepo, packageRoot, snapshotTree, tempDir } from './helpers.js';

/**
 * The GitHub Action's script (dist/src/adapters/github-action.js), run as the action runs it: a fake `GITHUB_*`
 * environment and a fake REST API on 127.0.0.1 (`GITHUB_API_URL`). No network.
 */

const script = path.join(packageRoot, 'dist', 'src', 'adapters', 'github-action.js');
const ROUNDTRIP = (name: string) => `export const ${name} = (x: unknown) => JSON.parse(JSON.stringify(x));\n`;

interface ApiRequest {
  method: string;
  url: string;
  authorization?: string;
  body?: { body?: string };
}

/** A fake of the three REST calls of the sticky comment, keeping the comments of one pull request. */
async function fakeApi(): Promise<{ url: string; requests: ApiRequest[]; comments: { id: number; body: string }[]; close(): Promise<void> }> {
  const requests: ApiRequest[] = [];
  const comments: { id: number; body: string }[] = [{ id: 1, body: 'an unrelated review comment' }];
  const server = http.createServer((request, response) => {
    let raw = '';
    request.on('data', (chunk) => (raw += chunk));
    request.on('end', () => {
      const body = raw ? (JSON.parse(raw) as { body?: string }) : undefined;
      requests.push({ method: request.method!, url: request.url!, authorization: request.headers.authorization, body });
      const reply = (status: number, data: unknown) => response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(data));
      const patch = /^\/repos\/acme\/shop\/issues\/comments\/(\d+)$/.exec(request.url!);
      if (request.method === 'GET' && request.url!.startsWith('/repos/acme/shop/issues/7/comments')) return reply(200, comments);
      if (request.method === 'POST' && request.url === '/repos/acme/shop/issues/7/comments') {
        const comment = { id: 100 + comments.length, body: body!.body! };
        comments.push(comment);
        return reply(201, comment);
      }
      if (request.method === 'PATCH' && patch) {
        const comment = comments.find((candidate) => candidate.id === Number(patch[1]));
        if (!comment) return reply(404, { message: 'Not Found' });
        comment.body = body!.body!;
        return reply(200, comment);
      }
      reply(404, { message: 'Not Found' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, requests, comments, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** A repository whose baseline allows one finding in src/a.ts and which has two (exit 1), or one (exit 0). */
function actionRepo(findings: 1 | 2): string {
  return gitRepo({
    'src/a.ts': findings === 2 ? ROUNDTRIP('one') + ROUNDTRIP('two') : ROUNDTRIP('one'),
    'eslint-suppressions.json': `${JSON.stringify({ 'src/a.ts': { 'deprecfix/no-legacy-serialization': { count: 1 } } }, null, 2)}\n`,
    'deprecfix.manifest.json': JSON.stringify({ version: 1, scopes: { p: ['src/a.ts'] } }),
  });
}

function actionEnvironment(repo: string, api: string, inputs: Record<string, string>): Record<string, string> {
  const runner = tempDir('deprecfix-runner-');
  const event = path.join(runner, 'event.json');
  writeFileSync(event, JSON.stringify({ pull_request: { number: 7, base: { ref: 'main' } } }));
  for (const file of ['summary.md', 'output.txt']) writeFileSync(path.join(runner, file), '');
  return {
    PATH: process.env.PATH!,
    HOME: process.env.HOME!,
    DEPRECFIX_CACHE_DIR: process.env.DEPRECFIX_CACHE_DIR!,
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: repo,
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: event,
    GITHUB_REPOSITORY: 'acme/shop',
    GITHUB_API_URL: api,
    GITHUB_TOKEN: 'token-123',
    GITHUB_STEP_SUMMARY: path.join(runner, 'summary.md'),
    GITHUB_OUTPUT: path.join(runner, 'output.txt'),
    RUNNER_TEMP: runner,
    ...Object.fromEntries(Object.entries(inputs).map(([name, value]) => [`INPUT_${name.toUpperCase()}`, value])),
  };
}

/** Runs the script asynchronously (the fake API answers from this process meanwhile). */
function runScript(env: Record<string, string>): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [script], { env, cwd: env.GITHUB_WORKSPACE, encoding: 'utf8' }, (error, stdout, stderr) => {
      resolve({ status: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

function outputsOf(env: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    readFileSync(env.GITHUB_OUTPUT, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
}

let api: Awaited<ReturnType<typeof fakeApi>> | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

describe('the GitHub Action script', () => {
  it("exits with check's code, writes the job summary and SARIF, creates the sticky comment once and updates it after", { timeout: 300_000 }, async () => {
    api = await fakeApi();
    const repo = actionRepo(2);
    const env = actionEnvironment(repo, api.url, { comment: 'true' });

    const first = await runScript(env);
    expect(first.status).toBe(1);
    const summary = readFileSync(env.GITHUB_STEP_SUMMARY, 'utf8');
    expect(summary).toContain('src/a.ts');
    expect(summary).toMatch(/deprecfix\/no-legacy-serialization/);
    const outputs = outputsOf(env);
    expect(outputs['exit-code']).toBe('1');
    expect(readFileSync(outputs.report, 'utf8')).toBe(summary);
    const sarif = JSON.parse(readFileSync(outputs.sarif, 'utf8')) as { version: string; runs: { results: unknown[] }[] };
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].results.length).toBe(2);

    expect(api.requests.map((request) => `${request.method} ${request.url.split('?')[0]}`)).toEqual(['GET /repos/acme/shop/issues/7/comments', 'POST /repos/acme/shop/issues/7/comments']);
    expect(api.requests.every((request) => request.authorization === 'Bearer token-123')).toBe(true);
    expect(api.comments).toHaveLength(2);
    expect(api.comments[1].body.startsWith(`${COMMENT_MARKER}\n`)).toBe(true);
    expect(api.comments[1].body).toContain(summary.trimEnd());

    // The regression is fixed in the pull request: the same comment now says so.
    writeFileSync(path.join(repo, 'src/a.ts'), ROUNDTRIP('one'));
    const second = await runScript(env);
    expect(second.status).toBe(0);
    expect(api.requests.slice(2).map((request) => `${request.method} ${request.url.split('?')[0]}`)).toEqual(['GET /repos/acme/shop/issues/7/comments', `PATCH /repos/acme/shop/issues/comments/${api.comments[1].id}`]);
    expect(api.comments).toHaveLength(2);
    expect(api.comments[1].body).not.toBe(api.requests[1].body!.body);
    expect(api.comments[0].body).toBe('an unrelated review comment');
  });

  it('sends nothing to the API without comment: true, and passes (exit 0) when the baseline holds', { timeout: 300_000 }, async () => {
    api = await fakeApi();
    const repo = actionRepo(1);
    const env = actionEnvironment(repo, api.url, { sarif: 'false' });
    const run = await runScript(env);
    expect(run.status).toBe(0);
    expect(api.requests).toEqual([]);
    expect(outputsOf(env)).not.toHaveProperty('sarif');
    expect(readFileSync(env.GITHUB_STEP_SUMMARY, 'utf8').length).toBeGreaterThan(0);
  });

  it("changed: true on a pull request judges only the files it changed since the merge base with origin/<base>", { timeout: 300_000 }, async () => {
    api = await fakeApi();
    // main already has a regression in src/a.ts; the pull request only touches src/b.ts.
    const origin = actionRepo(2);
    git(origin, 'branch', '-M', 'main');
    const repo = path.join(tempDir(), 'work');
    git(path.dirname(repo), 'clone', '-q', origin, repo);
    git(repo, 'checkout', '-q', '-b', 'feature');
    writeFileSync(path.join(repo, 'src/b.ts'), 'export const b = 2;\n');
    commit(repo, 'touch b');
    const base = git(repo, 'merge-base', 'origin/main', 'HEAD').trim();

    const changed = await runScript(actionEnvironment(repo, api.url, { changed: 'true', sarif: 'false' }));
    expect(changed.stdout).toContain(`$ deprecfix check --changed ${base} --format markdown`);
    expect(changed.status).toBe(0);
    const whole = await runScript(actionEnvironment(repo, api.url, { changed: 'false', sarif: 'false' }));
    expect(whole.status).toBe(1);
  });

  it('fix-dry-run: the summary carries the patch, nothing in the repository is written', { timeout: 300_000 }, async () => {
    api = await fakeApi();
    const repo = gitRepo({
      'src/buffers.ts': 'export const scratch = new Buffer(8);\n',
      'deprecfix.manifest.json': JSON.stringify({ version: 1, scopes: { p: ['src/buffers.ts'] } }),
    });
    const before = snapshotTree(repo);
    const env = actionEnvironment(repo, api.url, { mode: 'fix-dry-run', scope: 'p', sarif: 'false' });
    const run = await runScript(env);
    expect(run.status).toBe(0);
    const summary = readFileSync(env.GITHUB_STEP_SUMMARY, 'utf8');
    expect(summary).toContain('```diff');
    expect(summary).toContain('+export const scratch = Buffer.alloc(8);');
    expect(summary).toContain('1 → 0');
    expect(snapshotTree(repo)).toEqual(before);
  });

  it('refuses a bad input with exit 2 and an ::error:: line', { timeout: 120_000 }, async () => {
    const repo = actionRepo(1);
    const env = actionEnvironment(repo, 'http://127.0.0.1:9', { mode: 'fix' });
    const run = await runScript(env);
    expect(run.status).toBe(2);
    expect(run.stdout).toContain('::error::input mode: expected check or fix-dry-run, got "fix"');
  });

  it('action.yml is a composite action that passes every input to this script and uploads SARIF with codeql-action pinned by major', () => {
    // No YAML parser among the dependencies: the file's structure is checked line by line.
    const text = readFileSync(path.join(packageRoot, 'action.yml'), 'utf8');
    expect(text).toMatch(/^runs:\n {2}using: composite$/m);
    const inputs = [...text.slice(text.indexOf('\ninputs:'), text.indexOf('\noutputs:')).matchAll(/^ {2}([a-z-]+):$/gm)].map((match) => match[1]);
    expect(inputs).toEqual(expect.arrayContaining(['mode', 'baseline', 'scope', 'changed', 'sarif', 'comment', 'working-directory', 'version']));
    for (const name of inputs.filter((input) => input !== 'version')) expect(text).toContain(`INPUT_${name.toUpperCase()}: \${{ inputs.${name} }}`);
    expect([...text.matchAll(/uses: (\S+)/g)].map((match) => match[1])).toEqual(['github/codeql-action/upload-sarif@v4']);
    expect(text).toContain('dist/src/adapters/github-action.js');
    expect(existsSync(script)).toBe(true);
  });
});
