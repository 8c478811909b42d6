/**
 * Node runtime capture (CONTRACT §12.1): the environment that makes every Node process of a test command record its
 * `DeprecationWarning`s (through `node-hook.cts`, preloaded by NODE_OPTIONS), and the reader of what they recorded.
 *
 * Node emits most deprecations once per process (per worker thread) and code, and some (DEP0005 `new Buffer()`)
 * only when no frame of the call's stack is under node_modules. A Node count is therefore the number of emissions:
 * processes and threads that reached the deprecated call, not calls. No Node flag emits every call; wrapping the
 * deprecated functions would change what the program sees.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { countWarnings, readWarningEvents, type Capture } from './warnings.js';

/** The JSON-lines file the hook appends to. */
export const NODE_EVENTS_VAR = 'DEPRECFIX_NODE_EVENTS';
/** The repository whose frames are warning sites. */
export const NODE_ROOT_VAR = 'DEPRECFIX_NODE_ROOT';

export function prepareNodeCapture(repoRoot: string, baseEnv: NodeJS.ProcessEnv): Capture {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'deprecfix-node-'));
  const eventsFile = path.join(dir, 'events.jsonl');
  const preload = `--require ${nodeOptionsValue(hookPath())}`;
  const existing = baseEnv.NODE_OPTIONS?.trim();
  return {
    env: {
      ...baseEnv,
      NODE_OPTIONS: existing ? `${existing} ${preload}` : preload,
      [NODE_EVENTS_VAR]: eventsFile,
      [NODE_ROOT_VAR]: path.resolve(repoRoot),
    },
    collect: () => countWarnings(readWarningEvents(eventsFile)),
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** NODE_OPTIONS splits on spaces; inside double quotes a backslash escapes the next character. */
function nodeOptionsValue(file: string): string {
  return /[\s"\\]/.test(file) ? `"${file.replace(/["\\]/g, '\\$&')}"` : file;
}

/** The compiled hook beside this module; from the TypeScript sources (tests), the built one. */
function hookPath(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [path.join(here, 'node-hook.cjs'), path.join(here, '..', '..', 'dist', 'src', 'runtime', 'node-hook.cjs')];
  const found = candidates.find((candidate) => existsSync(candidate));
  if (!found) throw new Error(`deprecfix: the Node capture hook is missing (${candidates[0]}); run \`npm run build\``);
  return found;
}
