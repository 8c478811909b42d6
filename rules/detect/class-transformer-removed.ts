import semver from 'semver';
import type { PendingFinding } from '../util/library-references.js';
import type { RuleContext } from '../util/report.js';
import { libraryVersion, libraryVersionText } from '../util/versions.js';

/**
 * class-transformer 0.4.1 and 0.5.0 shipped without the old function names: their `index.ts` exports
 * `instanceToPlain`, `plainToInstance`, `instanceToInstance` and no `classToPlain`, `plainToClass`, `classToClass`
 * (0.5.1's changelog: "re-added accidentally removed deprecated function names `classToPlain` and `plainToClass`").
 * On those versions the rename of a call is a repair: the old import is `undefined` and the call raises. Only an
 * exact installed or locked version decides it; on 0.5.1 and later (and on a range) the rename stays safe.
 */
const REMOVED = new Set(['classToPlain', 'plainToClass', 'classToClass']);

export function markRemovedNames(context: RuleContext, findings: PendingFinding[]): PendingFinding[] {
  const version = libraryVersion(context, 'class-transformer')?.version;
  if (!version || !semver.satisfies(version, '>=0.4.1 <0.5.1', { includePrerelease: true })) return findings;
  for (const finding of findings) {
    const { detection } = finding;
    if (detection.kind !== 'class-transformer-rename' || !REMOVED.has(finding.exportName)) continue;
    detection.repairs = `${libraryVersionText(context, 'class-transformer')} does not export \`${finding.exportName}\` (the import is undefined, so the call raises TypeError)`;
  }
  return findings;
}
