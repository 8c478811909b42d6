import { combineRewriters, type Rewriter } from '../transforms/edit.js';
import { rewriteBuffer } from '../transforms/rewrite/buffer.js';
import { rewriteClassTransformer } from '../transforms/rewrite/class-transformer.js';
import { rewriteJsonClone } from '../transforms/rewrite/json-clone.js';
import { rewriteTransformCallback } from '../transforms/rewrite/transform-callback.js';
import { messagesOfRule, RULES, type KindId } from './kinds.js';
import { createRule } from './util/create-rule.js';
import { mergeListeners, reportFinding } from './util/report.js';
import { detectBuffer } from './detect/buffer.js';
import { detectClassTransformer } from './detect/class-transformer.js';
import { detectJsonClone } from './detect/json-clone.js';
import { detectLegacyUrl } from './detect/legacy-url.js';
import { detectTransformCallback } from './detect/transform-callback.js';
import { detectModelMethods } from './detect/model-methods.js';
import { resolveModelClasses, type ModelClass, type ModelMethodConfig } from '../transforms/model-methods.js';
import { rewriteModelMethods } from '../transforms/rewrite/model-method.js';
import type ts from 'typescript';
import type { JSONSchema4 } from '@typescript-eslint/utils/json-schema';

/** The rewrites of this rule's kinds: `eslint --fix`, the CLI and the jscodeshift transform all apply these. */
export const noLegacySerializationRewriters = {
  'class-transformer-rename': rewriteClassTransformer,
  'class-transformer-serialize': rewriteClassTransformer,
  'class-transformer-transform-callback': rewriteTransformCallback,
  'buffer-constructor': rewriteBuffer,
  'buffer-slice': rewriteBuffer,
  'json-roundtrip-clone': rewriteJsonClone,
} satisfies Partial<Record<KindId, Rewriter>>;

export interface NoLegacySerializationOptions {
  /**
   * `model-method-rename`: a team's model classes and their deprecated methods. `module` is repository-relative,
   * resolved against ESLint's cwd (the CLI: the repository root), or a bare specifier (a package, a `paths` alias).
   */
  modelMethods?: ModelMethodConfig[];
}

const IDENTIFIER = '^[A-Za-z_$][A-Za-z0-9_$]*$';

/**
 * The shape of `modelMethods`: ESLint validates the rule option with it (plain ESLint, and a CLI config's
 * `rules["no-legacy-serialization"]`); the config file's top-level `modelMethods` has the same shape.
 */
export const MODEL_METHODS_SCHEMA: JSONSchema4 = {
  type: 'array',
  items: {
    type: 'object',
    properties: {
      class: { type: 'string', pattern: IDENTIFIER },
      module: { type: 'string', minLength: 1 },
      methods: { type: 'object', minProperties: 1, patternProperties: { [IDENTIFIER]: { type: 'string', pattern: IDENTIFIER } }, additionalProperties: false },
    },
    required: ['class', 'module', 'methods'],
    additionalProperties: false,
  },
};

/** The configured old method names: the kind's needles (`findingFilter`), and what the detector listens for. */
export function modelMethodNames(configs: readonly ModelMethodConfig[] | undefined): string[] {
  return [...new Set((configs ?? []).flatMap((config) => Object.keys(config.methods)))];
}

const rewriteNoLegacySerialization = combineRewriters(noLegacySerializationRewriters);

export default createRule({
  name: 'no-legacy-serialization',
  meta: {
    type: RULES['no-legacy-serialization'].type,
    docs: { description: RULES['no-legacy-serialization'].description },
    fixable: 'code',
    hasSuggestions: true,
    messages: messagesOfRule('no-legacy-serialization'),
    schema: [{ type: 'object', properties: { modelMethods: MODEL_METHODS_SCHEMA }, additionalProperties: false }],
  },
  defaultOptions: [{ modelMethods: [] } as NoLegacySerializationOptions],
  create(context, [options]) {
    const configs = options.modelMethods ?? [];
    // Resolved on first use: a file that never names a configured method resolves nothing (and a wrong module or
    // class only fails where it matters).
    let classes: readonly ModelClass[] | undefined;
    const modelClasses = () => {
      const program = context.sourceCode.parserServices?.program as ts.Program | undefined;
      classes ??= program ? resolveModelClasses(program, configs, context.cwd) : [];
      return classes;
    };
    const rewrite: Rewriter =
      configs.length === 0
        ? rewriteNoLegacySerialization
        : (...args) => combineRewriters({ ...noLegacySerializationRewriters, 'model-method-rename': rewriteModelMethods(modelClasses()) })(...args);
    const report = (detection: Parameters<typeof reportFinding>[1]) => reportFinding(context, detection, rewrite);
    const detectors = [detectClassTransformer, detectTransformCallback, detectBuffer, detectJsonClone, detectLegacyUrl, detectModelMethods(new Set(modelMethodNames(configs)), modelClasses)];
    return mergeListeners(detectors.map((detect) => detect(context, report)));
  },
});
