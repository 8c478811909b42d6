import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import type { Detector } from '../util/detector.js';
import { findModuleUses, readReferences, usesOfObject, type ModuleObject } from '../util/import-origins.js';
import type { CandidateTest } from '../util/candidate.js';

/**
 * `legacy-url-parse`: `url.parse()` from `url` / `node:url` (DEP0169) in every import form — namespace,
 * default, named (`parse`, aliased), `require`, destructured. Fix none: `new URL()` differs on relative URLs
 * and errors, so it is migrated by hand. A local `parse`, `path.parse` or `new URL()` is not a finding.
 */

const URL_MODULES = new Set(['url', 'node:url']);
/** A literal naming the module: every import and `require` of it holds one. */
const URL_MODULE_LITERAL = /['"`](node:)?url['"`]/;

/** Where `legacy-url-parse` can report: the detector's own first test, a literal naming the module. */
export const legacyUrlCandidate: CandidateTest = (sourceFile) => URL_MODULE_LITERAL.test(sourceFile.text);

export const detectLegacyUrl: Detector = (context, report) => ({
  Program() {
    if (!URL_MODULE_LITERAL.test(context.sourceCode.text)) return; // no import of the module: skip the walk
    const uses = findModuleUses(context, (module) => URL_MODULES.has(module));
    if (uses.sources.length === 0) return;

    const references: TSESTree.Node[] = [];
    // `import url from 'url'`: Node's builtins have a default export that is the module itself.
    const objects: ModuleObject[] = [
      ...uses.objects,
      ...uses.exports.filter((binding) => binding.imported === 'default').map((binding) => ({ variable: binding.variable, kind: 'namespace' as const, source: binding.source })),
    ];
    for (const object of objects) {
      for (const use of usesOfObject(object)) if (use.type === 'member' && use.name === 'parse') references.push(use.node);
    }
    for (const binding of uses.exports) if (binding.imported === 'parse') references.push(...readReferences(binding.variable));
    for (const reexport of uses.reexports) if (reexport.imported === 'parse') references.push(reexport.specifier.local);

    for (const node of references) {
      const call = node.parent?.type === AST_NODE_TYPES.CallExpression && node.parent.callee === node ? node.parent : undefined;
      report({ node: call ?? node, kind: 'legacy-url-parse', data: { name: 'url.parse' } });
    }
  },
});
