import { readFileSync } from 'node:fs';
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
 * The index is the repository's (git's view, never `node_modules`), read once per root and refreshed after
 * `REFRESH_MS`, like the spy index of the TypeScript rules.
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

const indexes = new Map<string, { builtAt: number; mocks: UtcnowMock[] }>();

/** The mocks that answer `utcnow` calls in `file` (repository-relative), in path order. */
export function utcnowMocksOf(root: string, file: string): UtcnowMock[] {
  const module = file.replace(/\.py$/, '').replace(/\/__init__$/, '').split('/');
  const answers = (dotted: string): boolean => {
    const parts = dotted.split('.');
    return parts.length <= module.length && parts.every((part, index) => module[module.length - parts.length + index] === part);
  };
  return mocksIn(root).filter((mock) => mock.modules.length === 0 || mock.modules.some(answers));
}

function mocksIn(root: string): UtcnowMock[] {
  const cached = indexes.get(root);
  if (cached && Date.now() - cached.builtAt < REFRESH_MS) return cached.mocks;
  const mocks: UtcnowMock[] = [];
  for (const file of repositoryFiles(root, (name) => name.endsWith('.py'))) {
    let text: string;
    try {
      text = readFileSync(path.join(root, file), 'utf8');
    } catch {
      continue;
    }
    if (!text.includes('utcnow')) continue;
    const at = text.split('\n').findIndex((line) => CONFIGURES.test(line));
    if (at < 0) continue;
    mocks.push({ file, line: at + 1, modules: [...new Set([...text.matchAll(PATCH_TARGET)].map((match) => match[1]!))] });
  }
  indexes.set(root, { builtAt: Date.now(), mocks });
  return mocks;
}

/** For tests: forget every index. */
export function clearUtcnowMockCache(): void {
  indexes.clear();
}
