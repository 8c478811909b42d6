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

/**
 * The directories at the package root since 0.3.2, which moved every module under `cjs/`, `esm5/` and `esm2015/`: a
 * subpath import elsewhere (`class-transformer/ClassTransformer`, `class-transformer/decorators`) fails to load.
 */
const PACKAGE_DIRS = new Set(['cjs', 'esm5', 'esm2015', 'bundles', 'types']);

/**
 * `findings` with the repairs the installed class-transformer makes of them: a name it does not export, and a flat
 * subpath import it cannot load (`loadsAtRunTime` says which subpath findings the compiler keeps at all).
 */
export function markRemovedNames(context: RuleContext, findings: PendingFinding[], loadsAtRunTime: (finding: PendingFinding) => boolean): PendingFinding[] {
  const version = libraryVersion(context, 'class-transformer')?.version;
  const removed = new Set(REMOVED.filter(({ versions }) => version && semver.satisfies(version, versions, { includePrerelease: true })).flatMap(({ names }) => [...names]));
  const flatLayoutGone = version !== undefined && semver.valid(version) !== null && semver.gte(version, '0.3.2');
  for (const finding of findings) {
    const { detection } = finding;
    const subpath = /^class-transformer\/([^/]+)/.exec(finding.exportName)?.[1];
    if (subpath !== undefined) {
      if (detection.kind === 'class-transformer-rename' && !detection.reason && flatLayoutGone && !PACKAGE_DIRS.has(subpath) && loadsAtRunTime(finding)) {
        detection.repairs = `${libraryVersionText(context, 'class-transformer')} has no module \`${finding.exportName}\` (its files moved under cjs/ and esm*/: the import fails with MODULE_NOT_FOUND)`;
      }
      continue;
    }
    if (detection.kind !== 'class-transformer-rename' || !removed.has(finding.exportName)) continue;
    detection.repairs = `${libraryVersionText(context, 'class-transformer')} does not export \`${finding.exportName}\` (the import is undefined, so the call raises TypeError)`;
  }
  return findings;
}
