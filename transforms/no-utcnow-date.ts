import { combineRewriters, type Rewriter } from './edit.js';
import type { KindId } from '../rules/kinds.js';
import { rewriteAnnexB } from './rewrite/annexb.js';
import { rewriteDateFnsTz } from './rewrite/date-fns-tz.js';
import { rewriteFakeUtc } from './rewrite/fake-utc.js';

/** The rewrites of deprecfix/no-utcnow-date. */
export const noUtcnowDateRewriters: Partial<Record<KindId, Rewriter>> = {
  'annexb-togmtstring': rewriteAnnexB,
  'annexb-getyear': rewriteAnnexB,
  'annexb-setyear': rewriteAnnexB,
  'date-fns-tz-rename': rewriteDateFnsTz,
  'fake-utc-offset': rewriteFakeUtc,
  'fake-utc-locale': rewriteFakeUtc,
  'naive-iso-parse': rewriteFakeUtc,
};

export const rewriteNoUtcnowDate = combineRewriters(noUtcnowDateRewriters);
