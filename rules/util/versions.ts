import path from 'node:path';
import {
  gateStatus,
  resolvedFromSetting,
  resolvePackageVersion,
  VERSION_GATES,
  type GatedPackage,
  type GateStatus,
  type ResolvedVersion,
} from '../project/npm-versions.js';
import type { RuleContext } from './report.js';

/**
 * The version gate as a rule sees it: `settings.deprecfix.versions[pkg]` when set (a version or range, or `null`
 * for "could not be determined"), else resolved from the linted file's directory upward — so each package of a
 * monorepo is gated on its own pins — stopping at ESLint's cwd (the repository root in the CLI), once per directory.
 */

const resolvedByDirectory = new Map<string, Map<GatedPackage, ResolvedVersion | undefined>>();

export function libraryGate(context: RuleContext, pkg: GatedPackage, minVersion: string = VERSION_GATES[pkg]): GateStatus {
  return gateStatus(libraryVersion(context, pkg), minVersion);
}

/** The version the gate reads: from the settings, else resolved from the file's directory upward. */
export function libraryVersion(context: RuleContext, pkg: GatedPackage): ResolvedVersion | undefined {
  const versions = (context.settings as { deprecfix?: { versions?: Record<string, unknown> } }).deprecfix?.versions;
  if (versions && Object.hasOwn(versions, pkg)) {
    const value = versions[pkg];
    return typeof value === 'string' ? resolvedFromSetting(value) : undefined;
  }
  return resolveFromFile(context, pkg);
}

/** `date-fns-tz 3.2.0` (installed or locked), `date-fns-tz ^3.0.0` (only a range is known): for repair messages. */
export function libraryVersionText(context: RuleContext, pkg: GatedPackage): string {
  const resolved = libraryVersion(context, pkg);
  return `${pkg} ${resolved?.version ?? resolved?.range ?? `≥ ${VERSION_GATES[pkg]}`}`;
}

function resolveFromFile(context: RuleContext, pkg: GatedPackage): ResolvedVersion | undefined {
  const file = path.resolve(context.cwd, context.filename);
  const directory = path.dirname(file);
  const inside = !path.relative(context.cwd, directory).startsWith('..');
  const stopDir = inside ? context.cwd : undefined;
  const key = `${directory}\0${stopDir ?? ''}`;
  let cache = resolvedByDirectory.get(key);
  if (!cache) resolvedByDirectory.set(key, (cache = new Map()));
  if (!cache.has(pkg)) cache.set(pkg, resolvePackageVersion(pkg, directory, stopDir));
  return cache.get(pkg);
}

/** For tests: forget what was resolved from the file system. */
export function clearVersionCache(): void {
  resolvedByDirectory.clear();
}
