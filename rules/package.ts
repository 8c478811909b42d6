import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** deprecfix's own package directory: the nearest ancestor whose package.json is ours (works from src/ and dist/src/). */
export const PACKAGE_ROOT: string = (() => {
  for (let dir = path.dirname(fileURLToPath(import.meta.url)); ; dir = path.dirname(dir)) {
    try {
      if (JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')).name === 'deprecfix') return dir;
    } catch {
      // not here: keep climbing
    }
    if (path.dirname(dir) === dir) throw new Error('deprecfix: cannot find its own package.json');
  }
})();

export const TOOL_VERSION: string = JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')).version;
