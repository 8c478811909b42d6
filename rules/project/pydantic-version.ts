import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import semver from 'semver';
import { parse as parseToml } from 'smol-toml';
import { gateStatus, type GateStatus } from './npm-versions.js';
import { ancestorDirs } from './paths.js';

/**
 * Which pydantic a Python project really uses (CONTRACT §5 "Version gates", Python): an installed copy in the
 * project's virtualenv wins, then a lock file, then a `==` pin of a requirements file, then the declared
 * requirement (requirements files, `pyproject.toml`). The v1 → v2 rewrites of `py-pydantic-v1` are only right on
 * pydantic 2: on pydantic 1 the `model_*` methods do not exist.
 */

/** The first pydantic with the `model_*` API. */
export const PYDANTIC_GATE = '2.0.0';

export interface PydanticVersion {
  /** An exact version (installed, locked, or pinned with `==`). */
  version?: string;
  /** A requirement specifier (`>=2,<3`, poetry's `^2.5`; `||` joins alternatives) when nothing exact was found. */
  specifier?: string;
  /** The file the answer came from (or the setting). */
  source: string;
}

/** The virtualenv directories looked into for an installed pydantic. */
const VIRTUALENV_DIRS = ['.venv', 'venv'];

/** Lock files, each read for its `pydantic` entry. */
const LOCK_FILES: { name: string; read: (text: string) => string[] }[] = [
  { name: 'poetry.lock', read: readTomlPackages },
  { name: 'uv.lock', read: readTomlPackages },
  { name: 'pdm.lock', read: readTomlPackages },
  { name: 'Pipfile.lock', read: readPipfileLock },
];

/**
 * Walks from `fromDir` up to `stopDir` (inclusive; the filesystem root when omitted), one source at a time, so
 * that an installed copy anywhere above beats a lock file next to the file, as `resolvePackageVersion` does for npm.
 */
export function resolvePydanticVersion(fromDir: string, stopDir?: string): PydanticVersion | undefined {
  const dirs = ancestorDirs(fromDir, stopDir);

  for (const dir of dirs) {
    const installed = installedVersion(dir);
    if (installed) return installed;
  }

  for (const dir of dirs) {
    for (const lock of LOCK_FILES) {
      const file = path.join(dir, lock.name);
      const text = readText(file);
      if (text === undefined) continue;
      let versions: string[];
      try {
        versions = lock.read(text);
      } catch {
        versions = []; // a lock file we cannot read is no information, not an error
      }
      const resolved = fromVersions(versions, file);
      if (resolved) return resolved;
    }
  }

  const declared = dirs.flatMap((dir) => declaredRequirements(dir));
  const pinned = declared.find((requirement) => requirement.version !== undefined);
  return pinned ?? declared[0];
}

/** Whether the resolved pydantic has the v2 API: `available` (≥ 2), `below` (1.x), or `unknown`. */
export function pydanticGateStatus(resolved: PydanticVersion | undefined): GateStatus {
  if (resolved?.version !== undefined) {
    const version = semverOf(resolved.version);
    return version ? gateStatus({ version, source: resolved.source }, PYDANTIC_GATE) : 'unknown';
  }
  if (resolved?.specifier !== undefined) {
    const range = semverRangeOf(resolved.specifier);
    return range ? gateStatus({ range, source: resolved.source }, PYDANTIC_GATE) : 'unknown';
  }
  return 'unknown';
}

/** A `settings.deprecfix.python.pydantic` value: an exact version, else a specifier. */
export function pydanticFromSetting(value: string, source = 'settings.deprecfix.python.pydantic'): PydanticVersion {
  return /^\s*v?\d+(\.\d+)*\s*$/.test(value) ? { version: value.trim().replace(/^v/, ''), source } : { specifier: value, source };
}

/** The resolved version as a settings value (for configs and cache keys): the version, else the specifier, else `null`. */
export function pydanticSetting(resolved: PydanticVersion | undefined): string | null {
  return resolved?.version ?? resolved?.specifier ?? null;
}

/** What a rule needs of the gate: the `settings.deprecfix.python.pydantic` override, else the file system. */
export interface PydanticGateContext {
  settings: unknown;
  cwd: string;
  filename: string;
}

const resolvedByDirectory = new Map<string, PydanticVersion | undefined>();

/**
 * The gate for one linted file: `settings.deprecfix.python.pydantic` when set (a version or specifier, or `null`
 * for "could not be determined"), else resolved from the file's directory upward, stopping at ESLint's cwd when
 * the file is inside it (the repository root in the CLI), once per directory.
 */
export function pydanticGateForFile(context: PydanticGateContext): { status: GateStatus; resolved?: PydanticVersion } {
  const python = (context.settings as { deprecfix?: { python?: Record<string, unknown> } } | undefined)?.deprecfix?.python;
  if (python && Object.hasOwn(python, 'pydantic')) {
    const value = python.pydantic;
    const resolved = typeof value === 'string' ? pydanticFromSetting(value) : undefined;
    return { status: pydanticGateStatus(resolved), resolved };
  }
  const directory = path.dirname(path.resolve(context.cwd, context.filename));
  const inside = !path.relative(context.cwd, directory).startsWith('..');
  const stopDir = inside ? context.cwd : undefined;
  const key = `${directory}\0${stopDir ?? ''}`;
  if (!resolvedByDirectory.has(key)) resolvedByDirectory.set(key, resolvePydanticVersion(directory, stopDir));
  const resolved = resolvedByDirectory.get(key);
  return { status: pydanticGateStatus(resolved), resolved };
}

/** For tests: forget what was resolved from the file system. */
export function clearPydanticVersionCache(): void {
  resolvedByDirectory.clear();
}

/**
 * The report's one line on an unknown pydantic version (CONTRACT §5: "the report says once why"), for `count`
 * findings of files under `fromDir`.
 */
export function pydanticVersionNote(count: number, fromDir: string, repoRoot: string): string {
  const resolved = resolvePydanticVersion(fromDir, repoRoot);
  const seen = resolved?.specifier
    ? `only the requirement "${resolved.specifier}" in ${path.relative(repoRoot, resolved.source) || resolved.source}, which does not decide whether it is ≥ 2`
    : resolved?.version
      ? `"${resolved.version}" in ${path.relative(repoRoot, resolved.source) || resolved.source} is not a version`
      : 'no installed pydantic in .venv/venv, lock file entry, requirements pin or pyproject.toml dependency';
  return (
    `pydantic: the version this project uses could not be determined (${seen}), so ${count} finding${count === 1 ? '' : 's'} ` +
    `of it ${count === 1 ? 'is' : 'are'} reported without a fix. Install the virtualenv (.venv), lock pydantic, require ` +
    `"pydantic>=2", or set python.pydantic in deprecfix.config.json to enable the rewrites.`
  );
}

// --- sources ---------------------------------------------------------------------------------------------------

/** `pydantic-<v>.dist-info/METADATA` (exact), else `pydantic/version.py`, in `.venv` / `venv` of `dir`. */
function installedVersion(dir: string): PydanticVersion | undefined {
  for (const venv of VIRTUALENV_DIRS) {
    for (const sitePackages of sitePackagesDirs(path.join(dir, venv))) {
      let entries: string[];
      try {
        entries = readdirSync(sitePackages);
      } catch {
        continue;
      }
      for (const entry of entries) {
        if (!/^pydantic-[^-]+\.dist-info$/i.test(entry)) continue;
        const metadata = path.join(sitePackages, entry, 'METADATA');
        const version = /^Version:\s*(\S+)\s*$/m.exec(readText(metadata) ?? '')?.[1];
        if (version) return { version, source: metadata };
      }
      const versionFile = path.join(sitePackages, 'pydantic', 'version.py');
      const version = /^VERSION\s*=\s*['"]([^'"]+)['"]/m.exec(readText(versionFile) ?? '')?.[1];
      if (version) return { version, source: versionFile };
    }
  }
  return undefined;
}

/** `lib/python3.X/site-packages` (POSIX) and `Lib/site-packages` (Windows) of a virtualenv. */
function sitePackagesDirs(venv: string): string[] {
  if (!existsSync(venv)) return [];
  const dirs = [path.join(venv, 'Lib', 'site-packages')];
  for (const lib of ['lib', 'lib64']) {
    try {
      for (const entry of readdirSync(path.join(venv, lib))) {
        if (entry.startsWith('python')) dirs.push(path.join(venv, lib, entry, 'site-packages'));
      }
    } catch {
      // no such lib directory
    }
  }
  return dirs;
}

/** poetry.lock, uv.lock, pdm.lock: `[[package]]` tables with `name` and `version`. */
function readTomlPackages(text: string): string[] {
  const packages = (parseToml(text) as { package?: { name?: unknown; version?: unknown }[] }).package ?? [];
  return packages.filter((entry) => typeof entry.name === 'string' && isPydantic(entry.name) && typeof entry.version === 'string').map((entry) => entry.version as string);
}

/** Pipfile.lock: `{ default: { pydantic: { version: "==2.5.0" } }, develop: { … } }`. */
function readPipfileLock(text: string): string[] {
  const lock = JSON.parse(text) as Record<string, Record<string, { version?: unknown }> | undefined>;
  const versions: string[] = [];
  for (const section of ['default', 'develop']) {
    for (const [name, entry] of Object.entries(lock[section] ?? {})) {
      if (isPydantic(name) && typeof entry?.version === 'string') versions.push(entry.version.replace(/^==/, ''));
    }
  }
  return versions;
}

/** One version when the lock holds one; several (per-platform resolutions) become alternatives. */
function fromVersions(versions: string[], source: string): PydanticVersion | undefined {
  const distinct = [...new Set(versions)];
  if (distinct.length === 0) return undefined;
  if (distinct.length === 1) return { version: distinct[0], source };
  return { specifier: distinct.map((version) => `==${version}`).join(' || '), source };
}

/** The requirements of `dir`: requirements files (`==` pins first), then pyproject.toml. */
function declaredRequirements(dir: string): PydanticVersion[] {
  const found: PydanticVersion[] = [];
  for (const file of requirementsFiles(dir)) {
    const specifiers = readRequirementsFile(file, new Set());
    if (specifiers.length > 0) found.push(fromSpecifiers(specifiers, file));
  }
  const pyproject = path.join(dir, 'pyproject.toml');
  const text = readText(pyproject);
  if (text !== undefined) {
    let specifiers: string[] = [];
    try {
      specifiers = pyprojectSpecifiers(parseToml(text) as Record<string, unknown>);
    } catch {
      specifiers = [];
    }
    if (specifiers.length > 0) found.push(fromSpecifiers(specifiers, pyproject));
  }
  return found;
}

function fromSpecifiers(specifiers: string[], source: string): PydanticVersion {
  const distinct = [...new Set(specifiers.map((specifier) => specifier.trim()))];
  const exact = distinct.length === 1 ? /^===?\s*(\d+(?:\.\d+)*)\s*$/.exec(distinct[0]) : null;
  if (exact) return { version: exact[1], source };
  return { specifier: distinct.map((specifier) => specifier || '*').join(' || '), source };
}

/** `requirements*.txt` beside the project, and `requirements/*.txt`. */
function requirementsFiles(dir: string): string[] {
  const files: string[] = [];
  const list = (folder: string, match: (name: string) => boolean): void => {
    try {
      for (const entry of readdirSync(folder).sort()) if (match(entry)) files.push(path.join(folder, entry));
    } catch {
      // no such folder
    }
  };
  list(dir, (name) => /^requirements.*\.txt$/i.test(name));
  list(path.join(dir, 'requirements'), (name) => name.endsWith('.txt'));
  return files;
}

/** The pydantic specifiers of a requirements file, following `-r` / `-c` includes. */
function readRequirementsFile(file: string, seen: Set<string>): string[] {
  if (seen.has(file)) return [];
  seen.add(file);
  const text = readText(file);
  if (text === undefined) return [];
  const specifiers: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (line === '') continue;
    const include = /^(?:-r|-c|--requirement|--constraint)[=\s]\s*(\S+)/.exec(line);
    if (include) {
      specifiers.push(...readRequirementsFile(path.resolve(path.dirname(file), include[1]), seen));
      continue;
    }
    const specifier = pep508Specifier(line);
    if (specifier !== undefined) specifiers.push(specifier);
  }
  return specifiers;
}

/** PEP 621 `[project]` dependencies and extras, PEP 735 dependency groups, poetry's dependency tables. */
function pyprojectSpecifiers(pyproject: Record<string, unknown>): string[] {
  const specifiers: string[] = [];
  const fromList = (list: unknown): void => {
    if (!Array.isArray(list)) return;
    for (const item of list) {
      const specifier = typeof item === 'string' ? pep508Specifier(item) : undefined;
      if (specifier !== undefined) specifiers.push(specifier);
    }
  };
  const project = pyproject.project as Record<string, unknown> | undefined;
  fromList(project?.dependencies);
  for (const extra of Object.values((project?.['optional-dependencies'] as Record<string, unknown> | undefined) ?? {})) fromList(extra);
  for (const group of Object.values((pyproject['dependency-groups'] as Record<string, unknown> | undefined) ?? {})) fromList(group);

  const poetry = (pyproject.tool as Record<string, Record<string, unknown> | undefined> | undefined)?.poetry;
  const poetryTables = [poetry?.dependencies, poetry?.['dev-dependencies']];
  for (const group of Object.values((poetry?.group as Record<string, { dependencies?: unknown }> | undefined) ?? {})) poetryTables.push(group?.dependencies);
  for (const table of poetryTables) {
    if (!table || typeof table !== 'object') continue;
    for (const [name, value] of Object.entries(table as Record<string, unknown>)) {
      if (!isPydantic(name)) continue;
      const version = typeof value === 'string' ? value : (value as { version?: unknown } | null)?.version;
      specifiers.push(typeof version === 'string' ? version : '');
    }
  }
  return specifiers;
}

/** The version specifier of a PEP 508 requirement on pydantic (`pydantic[email]>=2; python_version>"3.8"`), else undefined. */
function pep508Specifier(requirement: string): string | undefined {
  const match = /^([A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[[^\]]*\])?\s*(.*)$/.exec(requirement.trim());
  if (!match || !isPydantic(match[1])) return undefined;
  const rest = match[3].split(';')[0].trim();
  if (rest.startsWith('@')) return ''; // a URL requirement says nothing about the version
  return rest.replace(/^\((.*)\)$/, '$1').trim();
}

/** PEP 503 normalised name comparison: `Pydantic`, `pydantic` — not `pydantic-core` or `pydantic_settings`. */
function isPydantic(name: string): boolean {
  return name.toLowerCase().replace(/[-_.]+/g, '-') === 'pydantic';
}

// --- PEP 440 → semver ----------------------------------------------------------------------------------------

/** `2`, `2.5`, `2.5.0.post1`, `1!2.0b3` → `2.0.0`-style semver of the release part (pre/post/dev tags dropped). */
function semverOf(version: string): string | undefined {
  const release = /^\s*v?(?:\d+!)?(\d+(?:\.\d+)*)/.exec(version)?.[1];
  if (!release) return undefined;
  const parts = release.split('.').map(Number);
  while (parts.length < 3) parts.push(0);
  return semver.valid(parts.slice(0, 3).join('.')) ?? undefined;
}

/**
 * A PEP 440 specifier set (`>=1.10,<3`, `~=2.5`, `==2.*`) or a poetry constraint (`^2.5`, `~2.5`, `2.5.0`, `*`),
 * with `||` alternatives, as a semver range. `!=` clauses are dropped: they only widen the range, which can only
 * make the gate say "unknown" more often, never wrongly "available".
 */
export function semverRangeOf(specifier: string): string | undefined {
  const alternatives = specifier.split('||').map((alternative) => {
    const clauses = alternative
      .split(',')
      .map((clause) => clause.trim())
      .filter(Boolean);
    if (clauses.length === 0) return '*';
    const converted = clauses.map(semverClause);
    if (converted.some((clause) => clause === undefined)) return undefined;
    return converted.filter((clause) => clause !== '').join(' ') || '*';
  });
  if (alternatives.some((alternative) => alternative === undefined)) return undefined;
  const range = alternatives.join(' || ');
  return semver.validRange(range) ? range : undefined;
}

function semverClause(clause: string): string | undefined {
  const match = /^(~=|===|==|!=|<=|>=|<|>|\^|~|=)?\s*(\S+)$/.exec(clause);
  if (!match) return undefined;
  const [, operator = '', version] = match;
  if (version === '*') return operator === '!=' ? '' : '*';
  if (operator === '!=') return '';
  if (version.endsWith('.*')) {
    const release = version.slice(0, -2);
    if (!/^\d+(\.\d+)*$/.test(release)) return undefined;
    return operator === '' || operator === '==' || operator === '=' ? `${release}.x` : undefined;
  }
  const padded = semverOf(version);
  if (!padded) return undefined;
  const release = /^(?:\d+!)?(\d+(?:\.\d+)*)/.exec(version)![1];
  switch (operator) {
    case '^':
    case '~':
      return `${operator}${release}`;
    case '~=': {
      const parts = release.split('.').map(Number);
      if (parts.length < 2) return undefined;
      const upper = [...parts.slice(0, -2), parts[parts.length - 2] + 1];
      while (upper.length < 3) upper.push(0);
      return `>=${padded} <${upper.slice(0, 3).join('.')}`;
    }
    case '':
    case '=':
    case '==':
    case '===':
      return padded;
    default:
      return `${operator}${padded}`;
  }
}

// --- files -----------------------------------------------------------------------------------------------------


function readText(file: string): string | undefined {
  try {
    return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
  } catch {
    return undefined;
  }
}
