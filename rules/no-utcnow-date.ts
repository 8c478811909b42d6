import { combineRewriters, type Rewriter } from '../transforms/edit.js';
import { rewriteAnnexB } from '../transforms/rewrite/annexb.js';
import { rewriteDateFnsTz } from '../transforms/rewrite/date-fns-tz.js';
import { rewriteFakeUtc } from '../transforms/rewrite/fake-utc.js';
import { messagesOfRule, RULES, type KindId } from './kinds.js';
import { createRule } from './util/create-rule.js';
import { mergeListeners, reportFinding } from './util/report.js';
import { detectAnnexB } from './detect/annexb.js';
import { detectDateFnsTz } from './detect/date-fns-tz.js';
import { detectFakeUtc } from './detect/fake-utc.js';

/** The rewrites of this rule's kinds: `eslint --fix`, the CLI and the jscodeshift transform all apply these. */
export const noUtcnowDateRewriters = {
  'annexb-togmtstring': rewriteAnnexB,
  'annexb-getyear': rewriteAnnexB,
  'annexb-setyear': rewriteAnnexB,
  'date-fns-tz-rename': rewriteDateFnsTz,
  'fake-utc-offset': rewriteFakeUtc,
  'fake-utc-locale': rewriteFakeUtc,
  'naive-iso-parse': rewriteFakeUtc,
} satisfies Partial<Record<KindId, Rewriter>>;

const rewriteNoUtcnowDate = combineRewriters(noUtcnowDateRewriters);

export default createRule({
  name: 'no-utcnow-date',
  meta: {
    type: RULES['no-utcnow-date'].type,
    docs: { description: RULES['no-utcnow-date'].description },
    fixable: 'code',
    hasSuggestions: true,
    messages: messagesOfRule('no-utcnow-date'),
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const report = (detection: Parameters<typeof reportFinding>[1]) => reportFinding(context, detection, rewriteNoUtcnowDate);
    return mergeListeners([detectAnnexB, detectFakeUtc, detectDateFnsTz].map((detect) => detect(context, report)));
  },
});
