import { ESLintUtils } from '@typescript-eslint/utils';
import { DOCS_BASE } from '../kinds.js';


export const createRule = ESLintUtils.RuleCreator((name) => `${DOCS_BASE}/${name}.md`);
