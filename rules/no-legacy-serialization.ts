import { messagesOfRule, RULES } from './kinds.js';
import { createRule } from './util/create-rule.js';
import { mergeListeners, reportFinding } from './util/report.js';
import { detectBuffer } from './detect/buffer.js';
import { detectClassTransformer } from './detect/class-transformer.js';
import { detectJsonClone } from './detect/json-clone.js';
import { detectLegacyUrl } from './detect/legacy-url.js';
import { detectTransformCallback } from './detect/transform-callback.js';
import { rewriteNoLegacySerialization } from '../transforms/no-legacy-serialization.js';

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
