import semver from 'semver';
import type { PendingFinding } from '../util/library-references.js';
import type { RuleContext } from '../util/report.js';
import { libraryVersion, libraryVersionText } from '../util/versions.js';

/**
 * class-transformer 0.4.1 and 0.5.0 shipped without the old names: their `index.ts` exports `instanceToPlain`,
 * `plainToInstance`, `instanceToInstance` and the `TransformInstanceTo…`/`TransformPlainToInstance` decorators, and
 * no `classToPlain`, `plainToClass`, `classToClass` or `TransformClassTo…`/`TransformPlainToClass`. 0.5.1 re-added
 * `classToPlain` and `plainToClass` only ("re-added accidentally removed deprecated function names"; its type
 * declarations and `cjs/index.js` have no `classToClass` and no old decorator). Where the installed version lacks
 * the name, the rename of a call is a repair: the old import is `undefined` and the call (or the decorator) raises.
 * Only an exact installed or locked version decides it; on a range the rename stays safe.
 */
const REMOVED: { names: ReadonlySet<string>; versions: string }[] = [
  { names: new Set(['classToPlain', 'plainToClass']), versions: '>=0.4.1 <0.5.1' },
  { names: new Set(['classToClass', 'TransformClassToPlain', 'TransformClassToClass', 'TransformPlainToClass']), versions: '>=0.4.1' },
];

export function markRemovedNames(context: RuleContext, findings: PendingFinding[]): PendingFinding[] {
  const version = libraryVersion(context, 'class-transformer')?.version;
  const removed = new Set(REMOVED.filter(({ versions }) => version && semver.satisfies(version, versions, { includePrerelease: true })).flatMap(({ names }) => [...names]));
  if (removed.size === 0) return findings;
  for (const finding of findings) {
    const { detection } = finding;
    if (detection.kind !== 'class-transformer-rename' || !removed.has(finding.exportName)) continue;
    detection.repairs = `${libraryVersionText(context, 'class-transformer')} does not export \`${finding.exportName}\` (the import is undefined, so the call raises TypeError)`;
  }
  return findings;
}
