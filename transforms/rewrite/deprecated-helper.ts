import ts = require('typescript'); // require: see src/project.ts
import { nodesAtRange } from '../bindings.js';
import { helperUseAt } from '../deprecated-helper/call-site.js';
import type { Rewriter, Site, TextEdit } from '../edit.js';
import { normalizeEdits, renameToken } from '../import-edits.js';
import { LibraryRewrite } from '../library-rewrite.js';

/**
 * A call of a deprecated repository helper becomes a call of the replacement its `@deprecated` tag names: the
 * callee token is renamed (receiver, type arguments, arguments and comments untouched). A helper bound by an import
 * has its import edited with it, through the library-rename machinery: the element is renamed, or the replacement is
 * added beside it while other references remain, or an existing import of it is reused; an aliased import
 * (`{ utcnow as now }`) only changes the imported name.
 */
export const rewriteDeprecatedHelper: Rewriter = (sourceFile, sites, checker) => {
  if (!checker) return { edits: [], rewritten: [], skipped: sites.map((site) => ({ site, reason: 'no type information' })) };
  const edits: TextEdit[] = [];
  const rewritten: Site[] = [];
  const skipped: { site: Site; reason: string }[] = [];
  /** Import-bound uses, by the module text they are imported from (one rename table each). */
  const imported = new Map<string, { renames: Record<string, string>; uses: { site: Site; token: ts.Identifier }[] }>();

  for (const site of sites) {
    const nodes = nodesAtRange(sourceFile, site.start, site.end);
    const node = nodes.find((candidate) => ts.isCallExpression(candidate) || ts.isNewExpression(candidate)) ?? nodes.at(-1);
    const use = node && helperUseAt(checker, node);
    if (!use) {
      skipped.push({ site, reason: 'not a call of a deprecated helper' });
    } else if (!use.fix) {
      skipped.push({ site, reason: use.difference ? `${use.reason}: ${use.difference}` : use.reason });
    } else if (use.binding) {
      const module = use.binding.module.text;
      const group = imported.get(module) ?? { renames: {}, uses: [] };
      group.renames[use.binding.imported] = use.replacement;
      group.uses.push({ site, token: use.token });
      imported.set(module, group);
    } else {
      edits.push(renameToken(sourceFile, use.token, use.replacement));
      rewritten.push(site);
    }
  }

  for (const [module, group] of imported) {
    const rewrite = new LibraryRewrite(sourceFile, { root: module, renames: group.renames, moveSubpath: () => undefined });
    const done: Site[] = [];
    for (const { site, token } of group.uses) {
      const reason = rewrite.attempt(() => rewrite.renameReference(token));
      if (reason === undefined) done.push(site);
      else skipped.push({ site, reason });
    }
    const moduleEdits = rewrite.finish();
    if (!moduleEdits) {
      skipped.push(...done.map((site) => ({ site, reason: 'the edits of these sites collide' })));
      continue;
    }
    edits.push(...moduleEdits);
    rewritten.push(...done);
  }

  const normalized = normalizeEdits(edits);
  if (!normalized) return { edits: [], rewritten: [], skipped: [...skipped, ...rewritten.map((site) => ({ site, reason: 'the edits of these sites collide' }))] };
  return { edits: normalized, rewritten, skipped };
};
