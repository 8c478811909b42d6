import { ESLintUtils } from '@typescript-eslint/utils';

export const DOCS_BASE = 'https://github.com/deprecfix/deprecfix/blob/main/rules';

export const createRule = ESLintUtils.RuleCreator((name) => `${DOCS_BASE}/${name}.md`);
