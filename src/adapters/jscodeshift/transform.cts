import path from 'node:path';
import { Worker } from 'node:worker_threads';

/**
 * A deprecfix rule family as a jscodeshift transform module (CONTRACT §11). The rewrite itself runs in a worker
 * thread (`worker.ts` → `rewrite-file.ts`): jscodeshift registers Babel as a `require` hook before it loads a
 * transform (unless `--no-babel`), and that hook would recompile every CommonJS file the lint stage loads —
 * TypeScript, ESLint, ts-morph (which Babel fails on). A worker thread has its own module loader, without the hook.
 * This module therefore imports nothing but Node builtins, and this package never imports jscodeshift.
 */

/** What jscodeshift passes as `file`; nothing else of jscodeshift's API is used. */
export interface FileInfo {
  path: string;
  source: string;
}

/**
 * jscodeshift's options: its own flags plus every unknown flag by its dashed name (`--unsafe-fixes=true` gives
 * `{ 'unsafe-fixes': true }`), or `unsafeFixes` from a programmatic caller.
 */
export type TransformOptions = Record<string, unknown>;

export type JscodeshiftTransform = (file: FileInfo, api?: unknown, options?: TransformOptions) => Promise<string | undefined>;

/** The rule families that have rewrites (the Python rules are not jscodeshift's business). */
export type TransformFamily = 'no-utcnow-date' | 'no-legacy-serialization';

export interface RewriteRequest {
  id: number;
  family: TransformFamily;
  file: FileInfo;
  unsafeFixes: boolean;
}

export type RewriteResponse = { id: number; output: string | undefined } | { id: number; error: string };

/** Safe findings always; unsafe ones with `--unsafe-fixes=true` (a bare flag before a path would take the path). */
export function unsafeFixesOf(options: TransformOptions): boolean {
  const isOn = (value: unknown) => value === true || value === 'true' || value === 1;
  return isOn(options.unsafeFixes) || isOn(options['unsafe-fixes']);
}

export function jscodeshiftTransform(family: TransformFamily): JscodeshiftTransform {
  return (file, _api, options = {}) => rewriteThread().rewrite({ family, file: { path: file.path, source: file.source }, unsafeFixes: unsafeFixesOf(options) });
}

interface RewriteThread {
  rewrite(request: Omit<RewriteRequest, 'id'>): Promise<string | undefined>;
}

let thread: RewriteThread | undefined;

/** One thread per process, started on the first file; it keeps the process alive only while a file is pending. */
function rewriteThread(): RewriteThread {
  if (thread) return thread;
  const worker = new Worker(path.join(__dirname, 'worker.js'));
  const pending = new Map<number, { resolve: (output: string | undefined) => void; reject: (error: Error) => void }>();
  let nextId = 0;
  const failAll = (error: Error) => {
    thread = undefined;
    for (const { reject } of pending.values()) reject(error);
    pending.clear();
  };
  worker.on('message', (response: RewriteResponse) => {
    const request = pending.get(response.id);
    if (!request) return;
    pending.delete(response.id);
    if (pending.size === 0) worker.unref();
    if ('error' in response) request.reject(new Error(response.error));
    else request.resolve(response.output);
  });
  worker.on('error', failAll);
  worker.on('exit', (code) => failAll(new Error(`deprecfix rewrite thread exited with code ${code}`)));
  worker.unref();
  thread = {
    rewrite(request) {
      return new Promise((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { resolve, reject });
        worker.ref();
        worker.postMessage({ ...request, id } satisfies RewriteRequest);
      });
    },
  };
  return thread;
}
