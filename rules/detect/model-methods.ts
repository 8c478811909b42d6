import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import type ts from 'typescript';
import type { Detector } from '../util/detector.js';
import type { ReasonId } from '../kinds.js';
import { typeServicesOf } from '../util/type-services.js';
import { modelReceiver, type ModelClass } from '../../transforms/model-methods.js';
import { overrideAffecting, overridesOf, replacementProblem } from '../../transforms/model-method-checks.js';

/**
 * model-method-rename: a configured model method (`modelMethods`: `dict` → `toPlain` on `BaseModel`) used on a
 * receiver the checker proves an instance of that class (subclasses included; an unrelated class with the same
 * method names, `Response#json()`, a Map or a plain object never). Safe when proven and nothing changes which code
 * runs; otherwise the finding stays with the reason:
 *   - a subclass overrides the old method          (its callers would skip the override)
 *   - `super.dict()`                                (it runs the parent's own method; `super.toPlain()` would skip
 *                                                    the overrides of `toPlain` that `dict` dispatches to)
 *   - the method is referenced, not called          (`const f = m.dict`: may be compared, stored or re-bound)
 *   - the replacement is missing or its signature differs (a typo in the config, an incompatible method)
 *   - unproven: a union with a non-model member     (`Task | Response`: "unresolved type")
 * Without type information nothing is reported: the names are too common (`json()`) to report on a guess.
 * `classes` is asked lazily: a file that never names an old method resolves nothing.
 */
export function detectModelMethods(oldNames: ReadonlySet<string>, classes: () => readonly ModelClass[]): Detector {
  return (context, report) => {
    const services = typeServicesOf(context);
    const program = context.sourceCode.parserServices?.program as ts.Program | undefined;
    if (oldNames.size === 0 || !services.checker || !program) return {};
    const checker = services.checker;

    function reportUse(node: TSESTree.MemberExpression & { property: TSESTree.Identifier }): void {
      const name = node.property.name;
      const tsReceiver = services.tsNode(node.object) as ts.Expression | undefined;
      if (!tsReceiver) return;
      const receiver = modelReceiver(checker, tsReceiver, name, classes());
      if (receiver.proof === 'no') return;
      const call = node.parent.type === AST_NODE_TYPES.CallExpression && node.parent.callee === node ? node.parent : undefined;
      const detection = { node: call ?? node, kind: 'model-method-rename' as const };
      const replacement = receiver.replacement ?? receiver.classes.map((model) => model.config.methods[name]).join('()` / `');
      const data = { name, replacement, className: receiver.classes.map((model) => `\`${model.config.class}\``).join(' / ') };
      if (receiver.proof === 'unknown') return report({ ...detection, data, reason: 'unresolved-type' });
      // Proven a model, but the classes it may be rename the method differently (`Task | Invoice`, two configs).
      if (!receiver.replacement) return report({ ...detection, data, reason: 'unsupported-form' });
      const { members } = receiver;
      const refuse = (reason: ReasonId, reasonData: Record<string, string> = {}) => report({ ...detection, data, reason, reasonData: { ...data, ...reasonData } });
      if (node.object.type === AST_NODE_TYPES.Super) return refuse('model-super-call');
      if (!call) return refuse('model-method-reference');
      const problem = replacementProblem(checker, members, name, replacement);
      if (problem && 'missing' in problem) return refuse('model-replacement-missing', { receiverType: problem.missing });
      if (problem) return refuse('model-signature-differs', { signatures: problem.differs });
      for (const model of receiver.classes) {
        const override = overrideAffecting(checker, members, overridesOf(program!, model.symbol, name));
        if (override) return refuse('model-method-overridden', { overrider: override.name });
      }
      report({ ...detection, data });
    }

    return {
      MemberExpression(node) {
        if (node.computed || node.property.type !== AST_NODE_TYPES.Identifier || !oldNames.has(node.property.name)) return;
        const parent = node.parent;
        // Assigning or deleting the method defines it (a mock, a patch); it is not a use of the deprecated one.
        if (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.left === node) return;
        if (parent.type === AST_NODE_TYPES.UpdateExpression || (parent.type === AST_NODE_TYPES.UnaryExpression && parent.operator === 'delete')) return;
        reportUse(node as TSESTree.MemberExpression & { property: TSESTree.Identifier });
      },
    };
  };
}
