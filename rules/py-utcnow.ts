import type { Rule } from 'eslint';
import { DOCS_BASE, messagesOfRule, RULES } from './kinds.js';

// Placeholder: not implemented yet.
const rule: Rule.RuleModule = {
  meta: {
    type: RULES['py-utcnow'].type,
    docs: { description: RULES['py-utcnow'].description, url: `${DOCS_BASE}/py-utcnow.md` },
    fixable: 'code',
    hasSuggestions: true,
    messages: messagesOfRule('py-utcnow'),
    schema: [],
  },
  create() {
    return {};
  },
};

export default rule;
