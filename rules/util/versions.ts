import path from 'node:path';
import {
  gateStatus,
  resolvedFromSetting,
  resolvePackageVersion,
  VERSION_GATES,
  type GatedPackage,
  type GateStatus,
  type ResolvedVersion,
} from '../../src/versions.js';
import type { RuleContext } from './report.js';

/**
 * The version gate as a rule sees it. The CLI resolves each library once per run and passes the answer in
 * `settings.deprecfix.versions[pkg]` (a version or range, or `null` for "could not be determined"); plain
 * `eslint` has no such setting, so the rule resolves from the linted file's directory, once per directory.
 */

const resolvedByDirectory = new Map<string, Map<GatedPackage, ResolvedVersion | undefined>>();

export function libraryGate(context: RuleContext, pkg: GatedPackage): GateStatus {
  const versions = (context.settings as { deprecfix?: { versions?: Record<string, unknown> } }).deprecfix?.versions;
  if (versions && Object.hasOwn(versions, pkg)) {
    const value = versions[pkg];
    return gateStatus(typeof value === 'string' ? resolvedFromSetting(value) : undefined, VERSION_GATES[pkg]);
  }
  return gateStatus(resolveFromFile(context, pkg), VERSION_GATES[pkg]);
}

function resolveFromFile(context: RuleContext, pkg: GatedPackage): ResolvedVersion | undefined {
  const file = path.resolve(context.cwd, context.filename);
  const directory = path.dirname(file);
  let cache = resolvedByDirectory.get(directory);
  if (!cache) resolvedByDirectory.set(directory, (cache = new Map()));
  if (!cache.has(pkg)) cache.set(pkg, resolvePackageVersion(pkg, directory));
  return cache.get(pkg);
}

/** For tests: forget what was resolved from the file system. */
export function clearVersionCache(): void {
  resolvedByDirectory.clear();
}
