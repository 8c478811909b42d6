import path from 'node:path';
import { KINDS, REASONS, type KindInfo } from '../rules/kinds.js';
import type { Finding } from './lint.js';
import { pydanticVersionNote } from '../rules/project/pydantic-version.js';
import { resolvePackageVersion, VERSION_GATES, type GatedPackage } from '../rules/project/npm-versions.js';

/** One line per library whose version could not be determined, said once however many findings it affects. */
export function versionNotes(findings: readonly Finding[], repoRoot: string): string[] {
  const affected = new Map<GatedPackage, Finding[]>();
  const pydantic: Finding[] = [];
  for (const finding of findings) {
    if (finding.reason !== REASONS['version-unknown']) continue;
    const library = (KINDS[finding.kind] as KindInfo).library;
    if (library === 'pydantic') pydantic.push(finding);
    else if (library) affected.set(library, [...(affected.get(library) ?? []), finding]);
  }
  const pydanticNote = pydantic.length > 0 ? [pydanticVersionNote(pydantic.length, path.join(repoRoot, path.dirname(pydantic[0].file)), repoRoot)] : [];
  return [...affected].map(([pkg, found]) => {
    const resolved = resolvePackageVersion(pkg, path.join(repoRoot, path.dirname(found[0].file)), repoRoot);
    const seen = resolved?.range
      ? `only the range "${resolved.range}" in ${path.relative(repoRoot, resolved.source) || resolved.source}, which does not decide whether it is ≥ ${VERSION_GATES[pkg]}`
      : `no node_modules/${pkg}, lockfile entry or package.json dependency`;
    const count = found.length;
    return (
      `${pkg}: the version this project uses could not be determined (${seen}), so ${count} finding${count === 1 ? '' : 's'} ` +
      `of it ${count === 1 ? 'is' : 'are'} reported without a fix. Install dependencies (npm ci) or pin ${pkg} to enable the rewrites.`
    );
  }).concat(pydanticNote);
}
