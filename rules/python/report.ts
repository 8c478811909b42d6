import type { Rule } from 'eslint';
import { KINDS, messageIdOf, type KindId, type KindInfo, type ReasonId } from '../kinds.js';
import type { TextEdit } from '../../transforms/edit.js';
import type { PyNode } from './language.js';

/** What a Python rule found; the edits come from the shared Python rewrites in `transforms/python/`. */
export interface PyDetection {
  node: PyNode;
  kind: KindId;
  /** Set when the finding has fix `none`. */
  reason?: ReasonId;
  /** A safe kind whose rewrite an option made unsafe (py-utcnow `style: "aware"`). */
  unsafe?: boolean;
  /** Placeholders of the kind's message (`name`, `replacement`). */
  data?: Record<string, string>;
  /** The rewrite, as text edits of the file (the finding's own and any import it needs). */
  edits?: TextEdit[];
}

/**
 * Reports a Python finding: safe rewrites become the ESLint fix, unsafe ones a suggestion, exactly as the
 * TypeScript rules do, so `eslint --fix` and `deprecfix fix` apply the same edits.
 */
export function reportPyFinding(context: Rule.RuleContext, detection: PyDetection): void {
  const info: KindInfo = KINDS[detection.kind];
  const safety = detection.reason ? 'none' : detection.unsafe && info.fix === 'safe' ? 'unsafe' : info.fix;
  const messageId = messageIdOf(detection.kind, detection.reason ?? (safety === 'unsafe' && info.fix === 'safe' ? 'unsafe' : undefined));
  const edits = detection.edits ?? [];
  const fix: Rule.ReportFixer | undefined =
    safety !== 'none' && edits.length > 0 ? (fixer) => edits.map((edit) => fixer.replaceTextRange([edit.start, edit.end], edit.text)) : undefined;
  const data = { replacement: info.replacement, ...detection.data };
  context.report({
    node: detection.node as never,
    messageId,
    data,
    fix: safety === 'safe' ? fix : undefined,
    suggest: safety === 'unsafe' && fix ? [{ messageId: 'unsafeSuggestion', data, fix }] : undefined,
  });
}
