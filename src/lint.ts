import type { FixSafety, KindId } from '../rules/kinds.js';

/** One ESLint message from a deprecfix rule (CONTRACT §4). Positions are ESLint's: 1-based lines and columns. */
export interface Finding {
  /** Repository-relative POSIX path. */
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** `deprecfix/<rule>`. */
  ruleId: string;
  kind: KindId;
  message: string;
  fix: FixSafety;
  reason?: string;
}
