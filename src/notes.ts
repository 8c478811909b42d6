import path from 'node:path';
import { KINDS, REASONS, type KindInfo, type RuleName } from '../rules/kinds.js';
import { ruleSettings, type Finding } from './lint.js';
import { isPythonFile } from './languages.js';
import type { DeprecfixConfig } from './config.js';
import type { UnresolvedImport } from './unresolved-imports.js';
import { pydanticGateForFile, pydanticVersionNote } from '../rules/project/pydantic-version.js';
import { gateStatus, resolvePackageVersion, VERSION_GATES, type GatedPackage } from '../rules/project/npm-versions.js';

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

/**
 * One line per gated library that the project uses below the version that deprecated its old API (pydantic 1,
 * class-transformer 0.3): its kinds are not findings there, so a count of 0 says why. Resolved as the rules resolve
 * it for the first linted file of that language (the config's `python.pydantic` included); only for enabled rules.
 */
export function belowGateNotes(files: readonly string[], repoRoot: string, rules: readonly RuleName[], config: DeprecfixConfig | undefined): string[] {
  const notes: string[] = [];
  const firstScript = files.find((file) => !isPythonFile(file));
  const firstPython = files.find(isPythonFile);
  const gatedRules = (library: KindInfo['library']) => [...new Set(Object.values(KINDS as Record<string, KindInfo>).filter((kind) => kind.library === library && rules.includes(kind.rule)).map((kind) => kind.rule))];
  const note = (library: string, version: string, source: string, gate: string, deprecated: string, ruleNames: readonly string[]) =>
    `${library}: this project uses ${version} (${path.isAbsolute(source) ? path.relative(repoRoot, source) || source : source}), below ${gate}, where ${deprecated}: ${ruleNames.join(', ')} reports none of its calls.`;
  for (const pkg of Object.keys(VERSION_GATES) as GatedPackage[]) {
    const ruleNames = gatedRules(pkg);
    if (!firstScript || ruleNames.length === 0) continue;
    const resolved = resolvePackageVersion(pkg, path.join(repoRoot, path.dirname(firstScript)), repoRoot);
    if (gateStatus(resolved, VERSION_GATES[pkg]) !== 'below') continue;
    notes.push(note(pkg, resolved!.version ?? resolved!.range!, resolved!.source, VERSION_GATES[pkg], 'its old API is not yet deprecated', ruleNames));
  }
  const pydanticRules = gatedRules('pydantic');
  if (firstPython && pydanticRules.length > 0) {
    const { status, resolved } = pydanticGateForFile({ settings: ruleSettings({ config }), cwd: repoRoot, filename: path.join(repoRoot, firstPython) });
    if (status === 'below') notes.push(note('pydantic', resolved!.version ?? resolved!.specifier!, resolved!.source, '2', 'the v1 API is not deprecated', pydanticRules));
  }
  return notes;
}

/**
 * One line when scoped files import declared dependencies the program cannot resolve: calls through them have no
 * types, so a count (of 0 or more) says nothing of them until they resolve.
 */
export function unresolvedImportNotes(unresolved: readonly UnresolvedImport[]): string[] {
  if (unresolved.length === 0) return [];
  const dependencies = [...new Set(unresolved.map((entry) => entry.dependency))];
  const files = new Set(unresolved.map((entry) => entry.file)).size;
  const named = `${dependencies.slice(0, 3).join(', ')}${dependencies.length > 3 ? ` and ${dependencies.length - 3} more` : ''}`;
  return [
    `${unresolved.length} import${unresolved.length === 1 ? '' : 's'} in ${files} scoped file${files === 1 ? '' : 's'} name${unresolved.length === 1 ? 's' : ''} a declared dependency with no types here (${named}; first in ${unresolved[0]!.file}): ` +
      'calls through them cannot be typed, so the kinds that need types may miss them. Install the dependencies, or build the workspace packages they come from, and run again.',
  ];
}
