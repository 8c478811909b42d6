import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { ancestorDirs } from './paths.js';

/**
 * The lowest Python version a project must run on (its "target"). Rewrites that need a newer standard library
 * (py-utcnow's `datetime.UTC`, new in 3.11) read it: a project that still admits 3.10 must keep `timezone.utc`.
 * Sources, strongest first, each looked for from the file's directory up: the project's declared minimum support
 * (the truth of what the code must run on), then ruff's `target-version` (what the project's linter assumes), then
 * the developer's interpreter (`.python-version`).
 */

/** A Python version as `major.minor` (`"3.11"`). */
export type PythonVersion = `${number}.${number}`;

/**
 * Walks from `fromDir` up to `stopDir` (inclusive; the filesystem root when omitted), three times:
 * 1. the nearest directory that declares the supported Pythons — `pyproject.toml` `[project] requires-python` or
 *    Poetry's `python`, else `setup.cfg` `[options] python_requires`, else `setup.py` `python_requires=` (read as
 *    text, never run) — gives the lowest version it admits (undefined when it admits any: no floor is no floor);
 * 2. else the nearest ruff `target-version` (`.ruff.toml`, `ruff.toml`, `[tool.ruff]` of `pyproject.toml`, in
 *    ruff's own order within a directory);
 * 3. else the nearest `.python-version` (pyenv; the lowest version it lists); else undefined.
 */
export function pythonTargetVersion(fromDir: string, stopDir?: string): PythonVersion | undefined {
  const dirs = ancestorDirs(fromDir, stopDir);
  for (const dir of dirs) {
    const requirement = supportedPythonsIn(dir);
    if (requirement !== undefined) return lowestAdmittedVersion(requirement);
  }
  for (const dir of dirs) {
    const ruff = ruffTargetIn(dir);
    if (ruff !== undefined) return ruff;
  }
  for (const dir of dirs) {
    const text = readText(path.join(dir, '.python-version'));
    if (text !== undefined) return lowestListedVersion(text);
  }
  return undefined;
}

/** The Python requirement one directory's packaging files declare, in the order packaging tools prefer them. */
function supportedPythonsIn(dir: string): string | undefined {
  return (
    declaredPythonRequirement(readText(path.join(dir, 'pyproject.toml'))) ??
    setupCfgPythonRequires(readText(path.join(dir, 'setup.cfg'))) ??
    setupPyPythonRequires(readText(path.join(dir, 'setup.py')))
  );
}

/** Ruff reads `.ruff.toml`, then `ruff.toml`, then `pyproject.toml` of a directory. */
function ruffTargetIn(dir: string): PythonVersion | undefined {
  return (
    ruffTargetVersion(readText(path.join(dir, '.ruff.toml')), false) ??
    ruffTargetVersion(readText(path.join(dir, 'ruff.toml')), false) ??
    ruffTargetVersion(readText(path.join(dir, 'pyproject.toml')), true)
  );
}

/**
 * `python_requires=">=3.9"` in a `setup.py` (or `"python_requires": ">=3.9"` in a dict passed to `setup`), read
 * as text: setup.py is a program and is never run. Only a string literal counts (a variable says nothing we can
 * read); commented-out lines are skipped.
 */
export function setupPyPythonRequires(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const code = text
    .split(/\r?\n/)
    .filter((line) => !/^\s*#/.test(line))
    .join('\n');
  return /(?:\bpython_requires\s*=|(["'])python_requires\1\s*:)\s*[rRuU]?(["'])(.*?)\2/.exec(code)?.[3];
}

/** `[options] python_requires` (or setuptools' older `python-requires`) of a `setup.cfg`, read as configparser does. */
export function setupCfgPythonRequires(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  let section: string | undefined;
  for (const line of text.split(/\r?\n/)) {
    const header = /^\s*\[([^\]]+)\]/.exec(line);
    if (header) {
      section = header[1]!.trim();
      continue;
    }
    if (section !== 'options' || /^\s*[#;]/.test(line)) continue;
    const entry = /^([A-Za-z_-]+)\s*[=:]\s*(.*)$/.exec(line);
    if (entry && entry[1]!.toLowerCase().replace(/-/g, '_') === 'python_requires') return entry[2]!.trim() || undefined;
  }
  return undefined;
}

/** Ruff's `target-version = "py311"` → `3.11`: top level of `ruff.toml`/`.ruff.toml`, `[tool.ruff]` of `pyproject.toml`. */
export function ruffTargetVersion(text: string | undefined, inPyproject: boolean): PythonVersion | undefined {
  if (text === undefined) return undefined;
  let document: Record<string, unknown>;
  try {
    document = parseToml(text) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  const settings = inPyproject ? (document.tool as Record<string, Record<string, unknown>> | undefined)?.ruff : document;
  const target = settings?.['target-version'];
  const match = typeof target === 'string' ? /^py(\d)(\d+)$/.exec(target) : null;
  return match ? `${Number(match[1])}.${Number(match[2])}` : undefined;
}

/** `requires-python` (PEP 621) or Poetry's `python` dependency; undefined when the file or both fields are missing. */
export function declaredPythonRequirement(pyprojectText: string | undefined): string | undefined {
  if (pyprojectText === undefined) return undefined;
  let document: Record<string, unknown>;
  try {
    document = parseToml(pyprojectText) as Record<string, unknown>;
  } catch {
    return undefined; // An unreadable pyproject.toml says nothing about the target.
  }
  const project = document.project as Record<string, unknown> | undefined;
  if (typeof project?.['requires-python'] === 'string') return project['requires-python'];
  const tool = document.tool as Record<string, Record<string, Record<string, unknown>> | undefined> | undefined;
  const python = tool?.poetry?.dependencies?.python;
  if (typeof python === 'string') return python;
  if (typeof (python as { version?: unknown } | undefined)?.version === 'string') return (python as { version: string }).version;
  return undefined;
}

interface Version {
  major: number;
  minor: number;
}

const CLAUSE = /(===|~=|==|!=|<=|>=|<|>|\^|~|=)?\s*(\*|v?\d+(?:\.(?:\d+|\*))*[0-9A-Za-z.+!-]*)/g;

/**
 * The lowest `major.minor` a PEP 440 specifier set (`>=3.11,<4`, `~=3.10`, `==3.12.*`) or a Poetry constraint
 * (`^3.11`, `~3.10`, `>=3.9 <4`, `3.11.*`, `^3.9 || ^3.11`) admits; undefined when it has no lower bound or admits
 * nothing. A version setting (`"3.11"`) reads as itself.
 */
export function lowestAdmittedVersion(requirement: string): PythonVersion | undefined {
  const alternatives = requirement.split('||').map(lowestOfClauses);
  if (alternatives.length === 0 || alternatives.some((version) => version === undefined)) return undefined;
  const lowest = (alternatives as Version[]).reduce((a, b) => (compare(a, b) <= 0 ? a : b));
  return format(lowest);
}

function lowestOfClauses(clauses: string): Version | undefined {
  let lower: Version | undefined;
  const excludedSeries: Version[] = [];
  const uppers: { version: Version; excludesSeries: boolean }[] = [];
  for (const [, operator = '', text] of clauses.matchAll(CLAUSE)) {
    if (text === '*') continue;
    const version = parseVersion(text);
    if (!version) return undefined;
    if (operator === '!=') {
      // `!=3.9.*` removes the whole series; `!=3.9.0` leaves 3.9.1 admitted.
      if (/\.\*$/.test(text) && text.split('.').length === 3) excludedSeries.push(version);
      continue;
    }
    if (operator === '<' || operator === '<=') {
      // `<3.11` and `<3.11.0` exclude the whole 3.11 series; `<3.11.5` and `<=3.11` admit part of it.
      uppers.push({ version, excludesSeries: operator === '<' && /^v?\d+(?:\.\d+)?(?:\.0+)*$/.test(text) });
      continue;
    }
    // `>3.10` still admits 3.10.1, so at minor granularity every other operator bounds from below at its version.
    if (!lower || compare(version, lower) > 0) lower = version;
  }
  if (!lower) return undefined;
  while (excludedSeries.some((series) => compare(series, lower!) === 0)) lower = { major: lower.major, minor: lower.minor + 1 };
  const admitsNothing = uppers.some((upper) => {
    const order = compare(lower!, upper.version);
    return order > 0 || (order === 0 && upper.excludesSeries);
  });
  return admitsNothing ? undefined : lower;
}

/** The lowest version a `.python-version` file lists (pyenv allows several, one per line; `system` is unknown). */
export function lowestListedVersion(text: string): PythonVersion | undefined {
  const versions = text
    .split(/\r?\n/)
    .map((line) => line.replace(/#.*/, '').trim())
    .filter(Boolean)
    .map((line) => /^(?:cpython-|python)?(\d+\.\d+)/.exec(line)?.[1])
    .map((version) => (version ? parseVersion(version) : undefined));
  if (versions.length === 0 || versions.some((version) => version === undefined)) return undefined;
  return format((versions as Version[]).reduce((a, b) => (compare(a, b) <= 0 ? a : b)));
}

/** Whether `version` (`"3.11"`, `"3.12.1"`, `">=3.11"`) is at least `minimum` (`"3.11"`). */
export function pythonVersionAtLeast(version: string | undefined, minimum: PythonVersion): boolean {
  const lowest = version === undefined ? undefined : lowestAdmittedVersion(version);
  return lowest !== undefined && compare(parseVersion(lowest)!, parseVersion(minimum)!) >= 0;
}

function parseVersion(text: string): Version | undefined {
  const match = /^v?(\d+)(?:\.(\d+|\*))?/.exec(text);
  if (!match) return undefined;
  return { major: Number(match[1]), minor: match[2] === undefined || match[2] === '*' ? 0 : Number(match[2]) };
}

function compare(a: Version, b: Version): number {
  return a.major - b.major || a.minor - b.minor;
}

function format(version: Version): PythonVersion {
  return `${version.major}.${version.minor}`;
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
