import ts = require('typescript'); // require: see src/project.ts
import { modelReceiver, type ModelClass } from '../model-methods.js';
import type { FileRewrite, Rewriter } from '../edit.js';
import { findSiteNode, renameIdentifier } from './shape.js';

/**
 * `model.dict()` → `model.toPlain()` for the configured model classes (`modelMethods`): only the method name
 * changes. Which new name depends on the receiver's class, so each site is proven again with the checker (the rule
 * decided it is safe; this picks the name and refuses what it cannot prove, e.g. without a program).
 */
export function rewriteModelMethods(classes: readonly ModelClass[]): Rewriter {
  return (sourceFile, sites, checker) => {
    const result: FileRewrite = { edits: [], rewritten: [], skipped: [] };
    for (const site of sites) {
      const call = findSiteNode(
        sourceFile,
        site,
        (node): node is ts.CallExpression & { expression: ts.PropertyAccessExpression } => ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression),
      );
      if (!call || !ts.isIdentifier(call.expression.name)) {
        result.skipped.push({ site, reason: 'not a method call' });
        continue;
      }
      const receiver = checker ? modelReceiver(checker, call.expression.expression, call.expression.name.text, classes) : undefined;
      if (receiver?.proof !== 'yes' || !receiver.replacement) {
        result.skipped.push({ site, reason: 'unresolved type' });
        continue;
      }
      result.edits.push(renameIdentifier(sourceFile, call.expression.name, receiver.replacement));
      result.rewritten.push(site);
    }
    return result;
  };
}
