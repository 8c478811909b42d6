/**
 * The Node half of the runtime capture (CONTRACT §12.1), preloaded into every Node process and worker thread of the
 * project's test command through `NODE_OPTIONS=--require` (set up by `node-capture.ts`). It appends one JSON line
 * (a `WarningEvent`) per `DeprecationWarning` that Node emits to the file named by DEPRECFIX_NODE_EVENTS.
 *
 * It runs inside the project's own processes, so it imports nothing but Node builtins and changes nothing the
 * program can see: an extra 'warning' listener does not stop Node's own printing, and the exception monitor does
 * not handle the exception it sees.
 */
import { closeSync, openSync, realpathSync, writeSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { WarningEvent } from './warnings.js';

const eventsFile = process.env.DEPRECFIX_NODE_EVENTS;
const repoRoot = process.env.DEPRECFIX_NODE_ROOT;

if (eventsFile && repoRoot) {
  // Stack paths are real paths (the module loader resolves symlinks) unless --preserve-symlinks: accept both.
  const roots = [...new Set([repoRoot, realPath(repoRoot)])];
  const isDeprecation = (value: unknown): value is Error & { code?: unknown } =>
    value instanceof Error && value.name === 'DeprecationWarning';
  const record = (warning: Error & { code?: unknown }): void => {
    try {
      const event: WarningEvent = {
        runtime: 'node',
        category: warning.name,
        ...(typeof warning.code === 'string' ? { code: warning.code } : {}),
        message: warning.message,
        ...firstRepoFrame(warning.stack, roots),
      };
      // One write on an O_APPEND descriptor per event: the processes of one test run share the file.
      const fd = openSync(eventsFile, 'a');
      try {
        writeSync(fd, `${JSON.stringify(event)}\n`);
      } finally {
        closeSync(fd);
      }
    } catch {
      // Evidence gathering must never break the program under test.
    }
  };
  process.on('warning', (warning) => {
    if (isDeprecation(warning)) record(warning);
  });
  // Under --throw-deprecation Node throws the warning instead of emitting it; the monitor sees it and Node still
  // handles it exactly as without us.
  process.on('uncaughtExceptionMonitor', (error) => {
    if (isDeprecation(error)) record(error);
  });
}

/** The first stack frame in the repository's own code: not Node's internals, not under node_modules. */
function firstRepoFrame(stack: unknown, roots: string[]): { file: string; line: number } | undefined {
  // A program's own Error.prepareStackTrace decides what `stack` is; it need not be text.
  if (typeof stack !== 'string') return undefined;
  for (const frame of stack.split('\n')) {
    // `    at fn (/abs/file.js:12:5)`, `    at /abs/file.js:12:5`, `    at file:///abs/file.mjs:12:5`
    const match = /^\s+at (?:.*?[ (])?((?:file:\/\/|\/|[A-Za-z]:\\).*?):(\d+):\d+\)?$/.exec(frame);
    if (!match || frame.includes('(eval at ')) continue;
    const file = match[1].startsWith('file:') ? fileURLToPath(match[1]) : match[1];
    for (const root of roots) {
      const relative = path.relative(root, file);
      if (relative === '' || relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) continue;
      const parts = relative.split(path.sep);
      if (parts.includes('node_modules')) break;
      return { file: parts.join('/'), line: Number(match[2]) };
    }
  }
  return undefined;
}

function realPath(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return file;
  }
}
