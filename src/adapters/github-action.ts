import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { upsertStickyComment } from './github-comment.js';
import { fencedBlock } from '../printers/markdown-text.js';

/**
 * The GitHub Action's logic (`action.yml` at the repository root runs `node dist/src/adapters/github-action.js`):
 * run `deprecfix check` (or, in `fix-dry-run` mode, `fix --dry-run` on what the pull request changed), write the
 * Markdown to the job summary, leave a SARIF file for `github/codeql-action/upload-sarif`, optionally keep one sticky
 * pull-request comment, and exit with deprecfix's own exit code. It drives the CLI of its own package as a user would,
 * so the action and the command line can never disagree. Inputs arrive as `INPUT_<NAME>` like a JavaScript action's.
 */

export type Environment = Record<string, string | undefined>;

export interface ActionInputs {
  mode: 'check' | 'fix-dry-run';
  baseline?: string;
  scope?: string;
  /** On a pull request: only the files it changed (`--changed <merge base>`). */
  changed: boolean;
  sarif: boolean;
  comment: boolean;
  workingDirectory: string;
}

export function readInputs(env: Environment): ActionInputs {
  const input = (name: string): string => (env[`INPUT_${name.toUpperCase()}`] ?? '').trim();
  const flag = (name: string, fallback: boolean): boolean => {
    const value = input(name).toLowerCase();
    if (value === '') return fallback;
    if (['true', 'yes', '1'].includes(value)) return true;
    if (['false', 'no', '0'].includes(value)) return false;
    throw new ActionError(`input ${name}: expected true or false, got "${value}"`);
  };
  const mode = input('mode') || 'check';
  if (mode !== 'check' && mode !== 'fix-dry-run') throw new ActionError(`input mode: expected check or fix-dry-run, got "${mode}"`);
  return {
    mode,
    ...(input('baseline') ? { baseline: input('baseline') } : {}),
    ...(input('scope') ? { scope: input('scope') } : {}),
    changed: flag('changed', false),
    sarif: flag('sarif', true),
    comment: flag('comment', false),
    workingDirectory: input('working-directory') || '.',
  };
}

/** A problem with the action's inputs or environment: exit 2, like a usage error of the CLI. */
export class ActionError extends Error {}

interface PullRequest {
  number: number;
  baseRef?: string;
}

function pullRequestOf(env: Environment): PullRequest | undefined {
  if (!env.GITHUB_EVENT_PATH || !existsSync(env.GITHUB_EVENT_PATH)) return undefined;
  const event = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8')) as { pull_request?: { number?: number; base?: { ref?: string } } };
  const number = event.pull_request?.number;
  if (typeof number !== 'number') return undefined;
  return { number, baseRef: env.GITHUB_BASE_REF || event.pull_request?.base?.ref };
}

export interface ActionRun {
  exitCode: number;
  markdown: string;
  sarifFile?: string;
  comment?: 'created' | 'updated' | 'skipped' | 'failed';
}

/** deprecfix's CLI: the one of this package, next to this file in dist/. */
const OWN_CLI = fileURLToPath(new URL('../cli/main.js', import.meta.url));

export async function runAction(env: Environment, log: (line: string) => void = (line) => process.stdout.write(`${line}\n`)): Promise<ActionRun> {
  const inputs = readInputs(env);
  const cwd = path.resolve(env.GITHUB_WORKSPACE ?? process.cwd(), inputs.workingDirectory);
  if (!existsSync(cwd)) throw new ActionError(`working-directory ${inputs.workingDirectory} does not exist (${cwd})`);
  const pullRequest = pullRequestOf(env);
  const changedRef = inputs.changed && pullRequest?.baseRef ? mergeBase(cwd, pullRequest.baseRef, log) : undefined;
  const deprecfix = (args: string[]) => {
    log(`$ deprecfix ${args.join(' ')}`);
    const result = spawnSync(process.execPath, [OWN_CLI, ...args], { cwd, env: { ...env, NO_COLOR: '1', FORCE_COLOR: undefined }, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
    return { status: result.status ?? 2, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
  };

  const changed = changedRef ? ['--changed', changedRef] : [];
  let markdown: string;
  let exitCode: number;
  let sarifArgs: string[];
  if (inputs.mode === 'check') {
    const gate = [...(inputs.baseline ? ['--baseline', inputs.baseline] : []), ...changed];
    const run = deprecfix(['check', ...gate, '--format', 'markdown']);
    markdown = run.stdout || fence('text', run.stderr);
    if (run.stderr) log(run.stderr.trimEnd());
    exitCode = run.status;
    sarifArgs = ['check', ...gate, '--format', 'sarif'];
  } else {
    const target = changedRef ? changed : inputs.scope ? ['--scope', inputs.scope] : undefined;
    if (!target) throw new ActionError('mode fix-dry-run needs a pull request with changed: true, or a scope');
    const run = deprecfix(['fix', '--dry-run', ...target, '--format', 'markdown']);
    // A dry run prints the patch on stdout and its summary on stderr.
    markdown = `${run.stderr.trimEnd()}\n${run.stdout.trim() ? `\n<details><summary>The rewrites as a patch (<code>git apply</code>)</summary>\n\n${fence('diff', run.stdout)}\n</details>\n` : ''}`;
    exitCode = run.status;
    sarifArgs = ['scan', ...target, '--format', 'sarif'];
  }

  const outputDir = env.RUNNER_TEMP ? path.join(env.RUNNER_TEMP, 'deprecfix') : cwd;
  mkdirSync(outputDir, { recursive: true });
  const reportFile = path.join(outputDir, 'deprecfix-report.md');
  writeFileSync(reportFile, markdown);
  let sarifFile: string | undefined;
  if (inputs.sarif) {
    const run = deprecfix(sarifArgs);
    if (run.stdout.trim().startsWith('{')) {
      sarifFile = path.join(outputDir, 'deprecfix.sarif');
      writeFileSync(sarifFile, run.stdout);
    } else log(`::warning::deprecfix could not write SARIF: ${run.stderr.split('\n')[0]}`);
  }
  if (env.GITHUB_STEP_SUMMARY) appendFileSync(env.GITHUB_STEP_SUMMARY, `${markdown.trimEnd()}\n`);
  if (env.GITHUB_OUTPUT) {
    appendFileSync(env.GITHUB_OUTPUT, `exit-code=${exitCode}\nreport=${reportFile}\n${sarifFile ? `sarif=${sarifFile}\n` : ''}`);
  }

  let comment: ActionRun['comment'];
  if (inputs.comment) comment = await commentOnPullRequest(env, pullRequest, markdown, log);
  return { exitCode, markdown, ...(sarifFile ? { sarifFile } : {}), ...(comment ? { comment } : {}) };
}

/**
 * The base of the pull request's own changes: the merge base with `origin/<base>` (what GitHub's "Files changed"
 * shows), so commits that landed on the base branch meanwhile do not count as the pull request's. Needs the base
 * branch's history (`actions/checkout` with `fetch-depth: 0`); without it, the base branch's tip, with a warning.
 */
function mergeBase(cwd: string, baseRef: string, log: (line: string) => void): string {
  const remote = `origin/${baseRef}`;
  const result = spawnSync('git', ['merge-base', remote, 'HEAD'], { cwd, encoding: 'utf8' });
  if (result.status === 0) return result.stdout.trim();
  log(`::warning::no merge base with ${remote} (a shallow checkout? use actions/checkout with fetch-depth: 0); comparing with ${remote} itself`);
  return remote;
}

async function commentOnPullRequest(env: Environment, pullRequest: PullRequest | undefined, markdown: string, log: (line: string) => void): Promise<ActionRun['comment']> {
  const token = env.INPUT_TOKEN || env.GITHUB_TOKEN;
  if (!pullRequest) {
    log('comment: not a pull request event; no comment');
    return 'skipped';
  }
  if (!token || !env.GITHUB_REPOSITORY) {
    log('::warning::comment: true needs GITHUB_TOKEN (pass `token` or set env GITHUB_TOKEN) and GITHUB_REPOSITORY');
    return 'skipped';
  }
  try {
    const outcome = await upsertStickyComment({ apiUrl: env.GITHUB_API_URL || 'https://api.github.com', repository: env.GITHUB_REPOSITORY, issueNumber: pullRequest.number, token }, markdown);
    log(`comment ${outcome.action}${outcome.url ? `: ${outcome.url}` : ''}`);
    return outcome.action;
  } catch (error) {
    // A fork's pull request gets a read-only token: the gate's verdict must not depend on the comment.
    log(`::warning::could not comment on the pull request: ${(error as Error).message}`);
    return 'failed';
  }
}

function fence(language: string, text: string): string {
  return `${fencedBlock(language, text.trimEnd())}\n`;
}

// Run as the action's script: exit with deprecfix's exit code (2 for a bad input).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runAction(process.env).then(
    (run) => process.exit(run.exitCode),
    (error: unknown) => {
      process.stdout.write(`::error::${(error as Error).message}\n`);
      process.exit(error instanceof ActionError ? 2 : 1);
    },
  );
}
