import type { Rule } from 'eslint';
import { DOCS_BASE, messagesOfRule, RULES } from './kinds.js';

// Placeholder: not implemented yet.
const rule: Rule.RuleModule = {
  meta: {
    type: RULES['py-pydantic-v1'].type,
    docs: { description: RULES['py-pydantic-v1'].description, url: `${DOCS_BASE}/py-pydantic-v1.md` },
    fixable: 'code',
    hasSuggestions: true,
    messages: messagesOfRule('py-pydantic-v1'),
    schema: [],
  },
  create() {
    return {};
  },
};

export default rule;
