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

/** The rewrites of this rule's kinds: `eslint --fix`, the CLI and the jscodeshift transform all apply these. */
export const noLegacySerializationRewriters = {
  'class-transformer-rename': rewriteClassTransformer,
  'class-transformer-serialize': rewriteClassTransformer,
  'class-transformer-transform-callback': rewriteTransformCallback,
  'buffer-constructor': rewriteBuffer,
  'buffer-slice': rewriteBuffer,
  'json-roundtrip-clone': rewriteJsonClone,
} satisfies Partial<Record<KindId, Rewriter>>;

const rewriteNoLegacySerialization = combineRewriters(noLegacySerializationRewriters);

export default createRule({
  name: 'no-legacy-serialization',
  meta: {
    type: RULES['no-legacy-serialization'].type,
    docs: { description: RULES['no-legacy-serialization'].description },
    fixable: 'code',
    hasSuggestions: true,
    messages: messagesOfRule('no-legacy-serialization'),
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const report = (detection: Parameters<typeof reportFinding>[1]) => reportFinding(context, detection, rewriteNoLegacySerialization);
    return mergeListeners([detectClassTransformer, detectTransformCallback, detectBuffer, detectJsonClone, detectLegacyUrl].map((detect) => detect(context, report)));
  },
});
