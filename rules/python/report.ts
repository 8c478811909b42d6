import type { Rule } from 'eslint';
import { KINDS, messageIdOf, type KindId, type KindInfo, type ReasonId } from '../kinds.js';
import type { TextEdit } from '../../transforms/edit.js';
import type { PyNode } from '../../transforms/python/syntax.js';

/** What a Python rule found; the edits come from the shared Python rewrites in `transforms/python/`. */
export interface PyDetection {
  node: PyNode;
  kind: KindId;
  /** Set when the finding has fix `none`. */
  reason?: ReasonId;
  /** A safe or repair kind whose rewrite is unsafe here (py-utcnow `style: "aware"`). */
  unsafe?: boolean;
  /** The failure the rewrite repairs (`raises TypeError on pydantic 2.13.4`): a safe kind's finding becomes a repair. */
  repairs?: string;
  /** Placeholders of the kind's message (`name`, `replacement`). */
  data?: Record<string, string>;
  /** The rewrite, as text edits of the file (the finding's own and any import it needs). */
  edits?: TextEdit[];
}

/**
 * Reports a Python finding: safe rewrites and repairs become the ESLint fix, unsafe ones a suggestion, exactly as
 * the TypeScript rules do, so `eslint --fix` and `deprecfix fix` apply the same edits.
 */
export function reportPyFinding(context: Rule.RuleContext, detection: PyDetection): void {
  const info: KindInfo = KINDS[detection.kind];
  const fixable = info.fix === 'safe' || info.fix === 'repair';
  const safety = detection.reason
    ? 'none'
    : detection.unsafe && fixable
      ? 'unsafe'
      : detection.repairs !== undefined && info.fix === 'safe'
        ? 'repair'
        : info.fix;
  const variant = safety === 'unsafe' && fixable ? 'unsafe' : safety === 'repair' && info.fix === 'safe' ? 'repair' : undefined;
  const messageId = messageIdOf(detection.kind, detection.reason ?? variant);
  const edits = detection.edits ?? [];
  const fix: Rule.ReportFixer | undefined =
    safety !== 'none' && edits.length > 0 ? (fixer) => edits.map((edit) => fixer.replaceTextRange([edit.start, edit.end], edit.text)) : undefined;
  const data = { replacement: info.replacement, repairs: detection.repairs ?? 'the old code fails on the installed version', ...detection.data };
  context.report({
    node: detection.node as never,
    messageId,
    data,
    fix: safety === 'safe' || safety === 'repair' ? fix : undefined,
    suggest: safety === 'unsafe' && fix ? [{ messageId: 'unsafeSuggestion', data, fix }] : undefined,
  });
}
