import { messagesOfRule, RULES } from './kinds.js';
import { createRule } from './util/create-rule.js';
import { mergeListeners, reportFinding } from './util/report.js';
import { detectAnnexB } from './detect/annexb.js';
import { detectDateFnsTz } from './detect/date-fns-tz.js';
import { detectFakeUtc } from './detect/fake-utc.js';
import { rewriteNoUtcnowDate } from '../transforms/no-utcnow-date.js';

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
