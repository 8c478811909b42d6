import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { repositoryFiles } from '../project/repository-files.js';

/**
 * Python tests that answer `utcnow` themselves. botocore's tests `mock.patch('botocore.auth.datetime.datetime')` and
 * set `datetime_mock.utcnow.return_value = …`: rewriting `datetime.datetime.utcnow()` in `botocore/auth.py` to
 * `.now(timezone.utc)…` calls an unconfigured `now` of the mock, and the tests break. So a `utcnow` call is held while
 * a test configures a mocked `utcnow` (`.utcnow.return_value`, `.utcnow.side_effect`, a patch or `setattr` naming
 * `utcnow`) for its module: the modules the test's `patch('pkg.mod.datetime…')` targets name, or every module when
 * the test names none. freezegun and time-machine move `now()` too and are not mocks of this kind.
 *
 * The index is the repository's (git's view, never `node_modules`), listed once per root and refreshed after
 * `REFRESH_MS`, a file re-read only when its mtime or size changed, like the spy index of the TypeScript rules.
 */
export interface UtcnowMock {
  /** Repository-relative POSIX path, and the 1-based line of the first configuration. */
  file: string;
  line: number;
  /** Dotted modules the test patches `datetime` in (`pkg.auth`); empty: it may answer any module's calls. */
  modules: string[];
}

const REFRESH_MS = 5000;
/** A configured mocked `utcnow`: its return value or side effect, or a patch or `setattr` that names it. */
const CONFIGURES = /\butcnow\s*\.\s*(?:return_value|side_effect)\b|\b(?:setattr|patch|object)\s*\([^)\n]*['"](?:[\w.]*\.)?utcnow['"]/;
/** `patch('pkg.auth.datetime')` / `patch("pkg.auth.datetime.datetime")`: the module whose `datetime` is replaced. */
const PATCH_TARGET = /\bpatch\s*\(\s*(?:target\s*=\s*)?['"]([\w.]+?)\.datetime(?:\.datetime)?['"]/g;

/** Per root: when its file list was read, and each file's mock (or none) as of its mtime and size. */
const indexes = new Map<string, { builtAt: number; files: Map<string, { mtimeMs: number; size: number; mock?: UtcnowMock }> }>();

/** The mocks that answer `utcnow` calls in `file` (repository-relative), in path order. */
export function utcnowMocksOf(root: string, file: string): UtcnowMock[] {
  const module = file.replace(/\.py$/, '').replace(/\/__init__$/, '').split('/');
  const answers = (dotted: string): boolean => {
    const parts = dotted.split('.');
    return parts.length <= module.length && parts.every((part, index) => module[module.length - parts.length + index] === part);
  };
  return mocksIn(root).filter((mock) => mock.modules.length === 0 || mock.modules.some(answers));
}

/** The repository's mocks, each file re-read only when it changed since the last refresh (an editor's session). */
function mocksIn(root: string): UtcnowMock[] {
  let index = indexes.get(root);
  if (!index || Date.now() - index.builtAt >= REFRESH_MS) {
    const files = new Map<string, { mtimeMs: number; size: number; mock?: UtcnowMock }>();
    for (const file of repositoryFiles(root, (name) => name.endsWith('.py'))) {
      let stats;
      try {
        stats = statSync(path.join(root, file));
      } catch {
        continue;
      }
      const known = index?.files.get(file);
      files.set(file, known && known.mtimeMs === stats.mtimeMs && known.size === stats.size ? known : { mtimeMs: stats.mtimeMs, size: stats.size, mock: mockIn(root, file) });
    }
    indexes.set(root, (index = { builtAt: Date.now(), files }));
  }
  return [...index.files.values()].flatMap(({ mock }) => (mock ? [mock] : []));
}

/** The file's configured `utcnow` mock: its first configuration's line, and the modules it patches. */
function mockIn(root: string, file: string): UtcnowMock | undefined {
  let text: string;
  try {
    text = readFileSync(path.join(root, file), 'utf8');
  } catch {
    return undefined;
  }
  if (!text.includes('utcnow')) return undefined;
  const at = text.split('\n').findIndex((line) => CONFIGURES.test(line));
  return at < 0 ? undefined : { file, line: at + 1, modules: [...new Set([...text.matchAll(PATCH_TARGET)].map((match) => match[1]!))] };
}

/** For tests: forget every index. */
export function clearUtcnowMockCache(): void {
  indexes.clear();
}
