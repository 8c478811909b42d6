import type { TSESLint } from '@typescript-eslint/utils';
import type { Detection, RuleContext } from './report.js';

/** A detector finds one group of kinds; the rule that owns the kinds reports what it finds. */
export type Detector = (context: RuleContext, report: (detection: Detection) => void) => TSESLint.RuleListener;
