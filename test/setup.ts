/**
 * Runs before every test file: the CLI and the library keep their caches in a temporary directory, never in the
 * user's `~/.cache` (src/cache.ts reads DEPRECFIX_CACHE_DIR; child processes inherit it through process.env).
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

process.env.DEPRECFIX_CACHE_DIR ??= mkdtempSync(path.join(os.tmpdir(), 'deprecfix-cache-'));
