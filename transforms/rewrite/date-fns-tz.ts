import type { Rewriter, Site } from '../edit.js';
import { nodesAtRange } from '../bindings.js';
import { LibraryRewrite, type LibraryRenames } from '../library-rewrite.js';
import { renameSite } from '../rename-site.js';

/** The subpath (after `date-fns-tz/`) of each renamed function module in 3.x, `fp/` variants included. */
const SUBPATH = /^(fp\/)?(zonedTimeToUtc|utcToZonedTime)(WithOptions)?$/;

/**
 * date-fns-tz 3.0.0 renamed `zonedTimeToUtc` → `fromZonedTime` and `utcToZonedTime` → `toZonedTime` (and the
 * `fp` `…WithOptions` variants) and removed the old names. Its `exports` map (checked against 3.2.0) has
 * `./fromZonedTime`, `./toZonedTime`, `./fp/fromZonedTime`, `./fp/fromZonedTimeWithOptions`, … — each a
 * module with the function as a *named* export, where 2.x subpath modules exported it as `module.exports`.
 */
export const DATE_FNS_TZ: LibraryRenames = {
  root: 'date-fns-tz',
  renames: {
    zonedTimeToUtc: 'fromZonedTime',
    utcToZonedTime: 'toZonedTime',
    zonedTimeToUtcWithOptions: 'fromZonedTimeWithOptions',
    utcToZonedTimeWithOptions: 'toZonedTimeWithOptions',
  },
  moveSubpath(module) {
    if (!module.startsWith('date-fns-tz/')) return undefined;
    const subpath = module.slice('date-fns-tz/'.length).replace(/(\/index)?(\.js)?$/, '');
    const exact = SUBPATH.exec(subpath);
    if (exact && (exact[3] === undefined || exact[1] !== undefined)) {
      const name = DATE_FNS_TZ.renames[`${exact[2]}${exact[3] ?? ''}`]!;
      return { module: `date-fns-tz/${exact[1] ?? ''}${name}`, defaultExport: name };
    }
    // Any other path to an old function module (`date-fns-tz/esm/zonedTimeToUtc/index.js`): 3.x exports it
    // only from the root (or `fp`), by name.
    const segments = subpath.split('/');
    const old = segments.find((segment) => DATE_FNS_TZ.renames[segment] !== undefined);
    if (!old) return undefined;
    const fp = segments.includes('fp');
    if (!fp && old.endsWith('WithOptions')) return undefined;
    const name = DATE_FNS_TZ.renames[old]!;
    return { module: fp ? 'date-fns-tz/fp' : 'date-fns-tz', defaultExport: name };
  },
};

/** Renames references, namespace members and subpath imports, with their import elements. */
export const rewriteDateFnsTz: Rewriter = (sourceFile, sites) => {
  const rewrite = new LibraryRewrite(sourceFile, DATE_FNS_TZ);
  const rewritten: Site[] = [];
  const skipped: { site: Site; reason: string }[] = [];
  for (const site of sites) {
    const node = nodesAtRange(sourceFile, site.start, site.end).at(-1);
    const reason = node ? rewrite.attempt(() => renameSite(rewrite, node)) : 'no node at this range';
    if (reason === undefined) rewritten.push(site);
    else skipped.push({ site, reason });
  }
  const edits = rewrite.finish();
  if (!edits) return { edits: [], rewritten: [], skipped: sites.map((site) => ({ site, reason: 'the edits of these sites collide' })) };
  return { edits, rewritten, skipped };
};
