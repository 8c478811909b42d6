import { parentPort } from 'node:worker_threads';
import { rewriteFile } from './rewrite-file.js';
import type { RewriteRequest, RewriteResponse } from './transform.cjs';

/** The rewrite thread of the jscodeshift transforms (see `transform.ts` for why it is a thread). */
parentPort?.on('message', (request: RewriteRequest) => {
  let response: RewriteResponse;
  try {
    response = { id: request.id, output: rewriteFile(request.family, request.file, request.unsafeFixes) };
  } catch (error) {
    response = { id: request.id, error: error instanceof Error ? error.message : String(error) };
  }
  parentPort?.postMessage(response);
});
