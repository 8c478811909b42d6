import { combineRewriters, type Rewriter } from './edit.js';
import type { KindId } from '../rules/kinds.js';
import { rewriteBuffer } from './rewrite/buffer.js';
import { rewriteClassTransformer } from './rewrite/class-transformer.js';
import { rewriteJsonClone } from './rewrite/json-clone.js';
import { rewriteTransformCallback } from './rewrite/transform-callback.js';

/** The rewrites of deprecfix/no-legacy-serialization. */
export const noLegacySerializationRewriters: Partial<Record<KindId, Rewriter>> = {
  'class-transformer-rename': rewriteClassTransformer,
  'class-transformer-serialize': rewriteClassTransformer,
  'class-transformer-transform-callback': rewriteTransformCallback,
  'buffer-constructor': rewriteBuffer,
  'buffer-slice': rewriteBuffer,
  'json-roundtrip-clone': rewriteJsonClone,
};

export const rewriteNoLegacySerialization = combineRewriters(noLegacySerializationRewriters);
