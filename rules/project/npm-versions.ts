import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import semver from 'semver';
import { ancestorDirs, repoPath } from './paths.js';

/**
 * Which version of a library the project really uses (CONTRACT §5 "Version gates"): the installed copy wins,
 * then the lockfile, then the `package.json` range. Library kinds are gated on the answer: a rename is only
 * right when the project has the replacement.
 */

/** The first version of each gated library that has the replacement names. */
export const VERSION_GATES = {
  'class-transformer': '0.4.1',
  'date-fns-tz': '3.0.0',
} as const;

export type GatedPackage = keyof typeof VERSION_GATES;

export interface ResolvedVersion {
  /** An exact version (installed or locked). */
  version?: string;
  /** A `package.json` dependency range, when nothing exact was found. */
  range?: string;
  /** The file the answer came from. */
  source: string;
}

export type GateStatus = 'available' | 'below' | 'unknown';

const DEPENDENCY_FIELDS = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'] as const;

/** npm-shrinkwrap.json wins over package-lock.json, as it does for npm. */
const LOCKFILES: { name: string; read: (text: string, pkg: string, relativeDir: string, range?: string) => string | undefined }[] = [
  { name: 'npm-shrinkwrap.json', read: readNpmLock },
  { name: 'package-lock.json', read: readNpmLock },
  { name: 'pnpm-lock.yaml', read: readPnpmLock },
  { name: 'yarn.lock', read: readYarnLock },
];

/**
 * Walks from `fromDir` up to `stopDir` (inclusive; the filesystem root when omitted) three times, one source at
 * a time, so that an installed copy anywhere above beats a lockfile next to the file.
 */
export function resolvePackageVersion(pkg: string, fromDir: string, stopDir?: string): ResolvedVersion | undefined {
  const dirs = ancestorDirs(fromDir, stopDir);

  for (const dir of dirs) {
    const manifest = path.join(dir, 'node_modules', pkg, 'package.json');
    const version = semver.valid(readJson(manifest)?.version as string | undefined);
    if (version) return { version, source: manifest };
  }

  const declared = declaredRange(pkg, dirs);
  for (const dir of dirs) {
    for (const lockfile of LOCKFILES) {
      const file = path.join(dir, lockfile.name);
      const text = readText(file);
      if (text === undefined) continue;
      const relativeDir = repoPath(dir, path.resolve(fromDir));
      let version: string | undefined;
      try {
        version = semver.valid(lockfile.read(text, pkg, relativeDir, declared?.range)) ?? undefined;
      } catch {
        version = undefined; // a lockfile we cannot read is no information, not an error
      }
      if (version) return { version, source: file };
    }
  }

  return declared;
}

/** Whether the resolved version has the replacement that `minVersion` introduced. */
export function gateStatus(resolved: ResolvedVersion | undefined, minVersion: string): GateStatus {
  if (resolved?.version !== undefined) {
    const version = semver.valid(resolved.version);
    if (!version) return 'unknown';
    return semver.gte(version, minVersion) ? 'available' : 'below';
  }
  if (resolved?.range !== undefined) {
    const range = semver.validRange(resolved.range);
    if (!range) return 'unknown';
    const lowest = semver.minVersion(range);
    if (lowest && semver.gte(lowest, minVersion)) return 'available';
    if (!semver.intersects(range, `>=${minVersion}`)) return 'below';
  }
  return 'unknown';
}

/**
 * A resolved version as a `settings.deprecfix.versions[pkg]` value (for configs and cache keys): the exact version,
 * else the range, else `null` ("could not be determined").
 */
export function versionSetting(resolved: ResolvedVersion | undefined): string | null {
  return resolved?.version ?? resolved?.range ?? null;
}

/** Reads a `settings.deprecfix.versions` value back: a valid version, else a range. */
export function resolvedFromSetting(value: string, source = 'settings.deprecfix.versions'): ResolvedVersion {
  return semver.valid(value) ? { version: value, source } : { range: value, source };
}

/** Every gated library's setting for one directory (the CLI keys its out-of-scope cache on the repository's). */
export function resolveGatedVersions(fromDir: string, stopDir?: string): Record<GatedPackage, string | null> {
  const entries = (Object.keys(VERSION_GATES) as GatedPackage[]).map((pkg) => [pkg, versionSetting(resolvePackageVersion(pkg, fromDir, stopDir))]);
  return Object.fromEntries(entries) as Record<GatedPackage, string | null>;
}


/** The packages a directory's `package.json` declares, in any dependency field (none without one). */
export function declaredDependencyNames(dir: string): string[] {
  const manifest = readJson(path.join(dir, 'package.json'));
  return manifest ? DEPENDENCY_FIELDS.flatMap((field) => Object.keys((manifest[field] as object | undefined) ?? {})) : [];
}

/** The nearest `package.json` that declares the package, with its range (`npm:<same package>@` aliases unwrapped). */
function declaredRange(pkg: string, dirs: string[]): ResolvedVersion | undefined {
  for (const dir of dirs) {
    const file = path.join(dir, 'package.json');
    const manifest = readJson(file);
    if (!manifest) continue;
    for (const field of DEPENDENCY_FIELDS) {
      const range = (manifest[field] as Record<string, unknown> | undefined)?.[pkg];
      if (typeof range === 'string') return { range: unwrapRange(pkg, range), source: file };
    }
  }
  return undefined;
}

function unwrapRange(pkg: string, range: string): string {
  const trimmed = range.trim().replace(/^workspace:/, '');
  const alias = `npm:${pkg}@`;
  return trimmed.startsWith(alias) ? trimmed.slice(alias.length) : trimmed;
}

function readText(file: string): string | undefined {
  try {
    return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
  } catch {
    return undefined;
  }
}

function readJson(file: string): Record<string, unknown> | undefined {
  const text = readText(file);
  if (text === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * package-lock.json / npm-shrinkwrap.json. v2/v3 list `packages` by install path: look the package up the way
 * Node resolves it from the file's directory (`a/b/node_modules/pkg`, `a/node_modules/pkg`, `node_modules/pkg`),
 * which also finds a workspace's own copy. v1 only has the `dependencies` tree.
 */
export function readNpmLock(text: string, pkg: string, relativeDir: string): string | undefined {
  const lock = JSON.parse(text) as {
    packages?: Record<string, { version?: string; link?: boolean }>;
    dependencies?: Record<string, { version?: string }>;
  };
  if (lock.packages) {
    const segments = relativeDir === '' ? [] : relativeDir.split('/').filter((segment) => segment !== '' && segment !== '.');
    for (let depth = segments.length; depth >= 0; depth--) {
      const prefix = segments.slice(0, depth).join('/');
      const entry = lock.packages[`${prefix ? `${prefix}/` : ''}node_modules/${pkg}`];
      if (entry?.version && !entry.link) return entry.version;
    }
  }
  return lock.dependencies?.[pkg]?.version;
}

/**
 * yarn.lock, classic (`version "1.2.3"`) and berry (`version: 1.2.3`, `pkg@npm:range` descriptors). Several
 * entries may resolve one package to different versions: take the one that serves the project's declared range,
 * else the only version there is.
 */
export function readYarnLock(text: string, pkg: string, _relativeDir: string, declared?: string): string | undefined {
  const entries: { ranges: string[]; version?: string }[] = [];
  let current: { ranges: string[]; version?: string } | undefined;
  for (const line of text.split(/\r?\n/)) {
    if (line === '' || line.startsWith('#')) continue;
    if (!/^\s/.test(line)) {
      current = undefined;
      const header = line.replace(/:\s*$/, '');
      const ranges = header
        .split(',')
        .map((descriptor) => descriptor.trim().replace(/^["']|["']$/g, ''))
        .flatMap((descriptor) => {
          const at = descriptor.indexOf('@', descriptor.startsWith('@') ? 1 : 0);
          if (at < 0 || descriptor.slice(0, at) !== pkg) return [];
          return [descriptor.slice(at + 1).replace(/^npm:/, '')];
        });
      if (ranges.length > 0) entries.push((current = { ranges }));
      continue;
    }
    const version = /^\s+version:?\s+["']?([^"'\s]+)["']?\s*$/.exec(line);
    if (current && version && /^\s{2}\S/.test(line)) current.version = version[1];
  }
  const withVersion = entries.filter((entry) => entry.version !== undefined);
  if (declared !== undefined) {
    const match = withVersion.find((entry) => entry.ranges.includes(declared));
    if (match) return match.version;
  }
  const versions = new Set(withVersion.map((entry) => entry.version));
  return versions.size === 1 ? [...versions][0] : undefined;
}

/**
 * pnpm-lock.yaml, v5 to v9: the importer that holds the file (`importers['packages/app']`, or the top level for
 * a single project) lists the package with its version (`1.2.3`, v6+ `{ specifier, version }`, peer suffixes
 * `1.2.3(peer@1)` / `1.2.3_peer@1`). When no importer names it, the `packages` keys (`/pkg@1.2.3`, `/pkg/1.2.3`,
 * `pkg@1.2.3`) answer if they hold a single version.
 */
export function readPnpmLock(text: string, pkg: string, relativeDir: string): string | undefined {
  const lock = parseYamlBlocks(text);
  const importers = lock.importers as YamlMap | undefined;
  let importer: YamlMap | undefined = lock;
  if (importers && typeof importers === 'object') {
    const keys = Object.keys(importers)
      .filter((key) => key === '.' || relativeDir === key || relativeDir.startsWith(`${key}/`))
      .sort((a, b) => b.length - a.length);
    importer = keys.length > 0 ? (importers[keys[0]!] as YamlMap) : undefined;
  }
  for (const field of ['dependencies', 'devDependencies', 'optionalDependencies']) {
    const entry = (importer?.[field] as YamlMap | undefined)?.[pkg];
    const raw = typeof entry === 'string' ? entry : typeof entry === 'object' ? entry.version : undefined;
    const version = typeof raw === 'string' ? raw.replace(/[(_].*$/, '') : undefined;
    if (version && semver.valid(version)) return version;
  }
  const packages = lock.packages as YamlMap | undefined;
  if (!packages || typeof packages !== 'object') return undefined;
  const versions = new Set<string>();
  for (const key of Object.keys(packages)) {
    const bare = key.replace(/^\//, '');
    for (const separator of ['@', '/']) {
      if (bare.startsWith(`${pkg}${separator}`)) {
        const version = semver.valid(bare.slice(pkg.length + 1).replace(/[(_].*$/, ''));
        if (version) versions.add(version);
      }
    }
  }
  return versions.size === 1 ? [...versions][0] : undefined;
}

interface YamlMap {
  [key: string]: string | YamlMap;
}

/**
 * Just enough YAML for lockfiles: nested block mappings of `key: value` / `key:` lines. Sequences and their
 * contents are skipped; flow values (`{ … }`) stay strings. Quoted keys and values are unquoted.
 */
export function parseYamlBlocks(text: string): YamlMap {
  const root: YamlMap = {};
  const stack: { indent: number; map: YamlMap }[] = [{ indent: -1, map: root }];
  let skipDeeperThan: number | undefined;
  for (const line of text.split(/\r?\n/)) {
    const content = line.trimStart();
    if (content === '' || content.startsWith('#')) continue;
    const indent = line.length - content.length;
    if (skipDeeperThan !== undefined && indent > skipDeeperThan) continue;
    skipDeeperThan = undefined;
    if (content.startsWith('- ') || content === '-') {
      skipDeeperThan = indent;
      continue;
    }
    const pair = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s].*?):(?:\s+(.*))?$/.exec(content);
    if (!pair) continue;
    while (stack.length > 1 && stack[stack.length - 1]!.indent >= indent) stack.pop();
    const parent = stack[stack.length - 1]!.map;
    const key = unquote(pair[1]!);
    const value = pair[2]?.trim();
    if (value === undefined || value === '') {
      const child: YamlMap = {};
      parent[key] = child;
      stack.push({ indent, map: child });
    } else {
      parent[key] = unquote(value);
    }
  }
  return root;
}

function unquote(text: string): string {
  if (text.length >= 2 && text.startsWith('"') && text.endsWith('"')) return text.slice(1, -1).replace(/\\(.)/g, '$1');
  if (text.length >= 2 && text.startsWith("'") && text.endsWith("'")) return text.slice(1, -1).replace(/''/g, "'");
  return text;
}
