import { combineRewriters } from './edit.js';
import { rewriteAnnexB } from './rewrite/annexb.js';
import { rewriteDateFnsTz } from './rewrite/date-fns-tz.js';
import { rewriteFakeUtc } from './rewrite/fake-utc.js';

/** The rewrites of deprecfix/no-utcnow-date. */
export const rewriteNoUtcnowDate = combineRewriters({
  'annexb-togmtstring': rewriteAnnexB,
  'annexb-getyear': rewriteAnnexB,
  'annexb-setyear': rewriteAnnexB,
  'date-fns-tz-rename': rewriteDateFnsTz,
  'fake-utc-offset': rewriteFakeUtc,
  'fake-utc-locale': rewriteFakeUtc,
  'naive-iso-parse': rewriteFakeUtc,
});
