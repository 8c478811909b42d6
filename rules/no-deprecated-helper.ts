import { combineRewriters, type Rewriter } from '../transforms/edit.js';
import { rewriteDeprecatedHelper } from '../transforms/rewrite/deprecated-helper.js';
import { messagesOfRule, RULES, type KindId } from './kinds.js';
import { createRule } from './util/create-rule.js';
import { reportFinding } from './util/report.js';
import { detectDeprecatedHelper } from './detect/deprecated-helper.js';

/** The rewrites of this rule's kinds: `eslint --fix`, the CLI and the jscodeshift transform all apply these. */
export const noDeprecatedHelperRewriters = {
  'deprecated-helper': rewriteDeprecatedHelper,
} satisfies Partial<Record<KindId, Rewriter>>;

const rewriteNoDeprecatedHelper = combineRewriters(noDeprecatedHelperRewriters);

/**
 * A rule of its own, apart from the date and serialization families: a team's deprecated helpers are dates
 * (`utcnow`), serializers (`toDict`) or anything else, and the rule is typed and repository-driven where the
 * others match library APIs — a user turns it on or off as one thing.
 */
export default createRule({
  name: 'no-deprecated-helper',
  meta: {
    type: RULES['no-deprecated-helper'].type,
    docs: { description: RULES['no-deprecated-helper'].description },
    fixable: 'code',
    hasSuggestions: true,
    messages: messagesOfRule('no-deprecated-helper'),
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return detectDeprecatedHelper(context, (detection) => reportFinding(context, detection, rewriteNoDeprecatedHelper));
  },
});
