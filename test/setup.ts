/**
 * Runs before every test file: the CLI and the library keep their caches in a temporary directory, never in the
 * user's `~/.cache` (src/cache.ts reads DEPRECFIX_CACHE_DIR; child processes inherit it through process.env).
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadTypeScriptSide } from '../src/typescript-side.js';

process.env.DEPRECFIX_CACHE_DIR ??= mkdtempSync(path.join(os.tmpdir(), 'deprecfix-cache-'));

// The CLI's entry points load the TypeScript side before their synchronous pipeline runs (src/typescript-side.ts);
// the tests call the pipeline's stages directly, so it is loaded for them here.
await loadTypeScriptSide();
