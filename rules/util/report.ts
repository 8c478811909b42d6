import type { TSESTree, TSESLint } from '@typescript-eslint/utils';
import type ts from 'typescript';
import { KINDS, messageIdOf, type KindId, type KindInfo, type ReasonId } from '../kinds.js';
import type { Rewriter, Site } from '../../transforms/edit.js';

/** What a detector found: the node to report, its kind, and why it cannot be fixed (if it cannot). */
export interface Detection {
  node: TSESTree.Node;
  kind: KindId;
  /** Set when the finding has fix `none` although the kind can be fixed in general. */
  reason?: ReasonId;
  /** Placeholders of the reason's text (`spied`: `spiedName`, `spiedAt`). */
  reasonData?: Record<string, string>;
  /** Placeholders of the kind's message (`name`, `replacement`). */
  data?: Record<string, string>;
  /**
   * The failure the rewrite repairs, as the report shows it (`date-fns-tz 3.2.0 does not export zonedTimeToUtc`):
   * required for a `repair` kind's fixable findings, and makes a safe kind's finding a repair.
   */
  repairs?: string;
  /**
   * Sites that must change together with this one (every reference of one renamed import binding).
   * The ESLint fix covers them all, so `eslint --fix` never leaves a half-renamed file.
   */
  group?: TSESTree.Node[];
}

export type RuleContext = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/**
 * Reports a detection: safe kinds and repairs get an ESLint fix (a repair makes code that fails on the installed
 * version work, so `eslint --fix` applies it like `deprecfix fix` does), unsafe kinds a suggestion, all from the
 * shared rewriter.
 */
export function reportFinding(context: RuleContext, detection: Detection, rewriter: Rewriter): void {
  const info: KindInfo = KINDS[detection.kind];
  const fixable = detection.reason === undefined && info.fix !== 'none';
  const fix = fixable ? fixFromRewriter(context, detection, rewriter) : undefined;
  const repair = fixable && (info.fix === 'repair' || (info.fix === 'safe' && detection.repairs !== undefined));
  const data = { replacement: info.replacement, repairs: detection.repairs ?? 'the old code fails on the installed version', ...detection.data, ...detection.reasonData };
  context.report({
    node: detection.node,
    messageId: messageIdOf(detection.kind, detection.reason ?? (repair && info.fix === 'safe' ? 'repair' : undefined)),
    data,
    fix: info.fix === 'safe' || info.fix === 'repair' ? fix : undefined,
    suggest: info.fix === 'unsafe' && fix ? [{ messageId: 'unsafeSuggestion', data, fix }] : undefined,
  });
}

function fixFromRewriter(context: RuleContext, detection: Detection, rewriter: Rewriter): TSESLint.ReportFixFunction | undefined {
  const services = context.sourceCode.parserServices;
  const map = services?.esTreeNodeToTSNodeMap;
  if (!map) return undefined;
  const sourceFile = map.get(context.sourceCode.ast as never) as unknown as ts.SourceFile;
  const checker = services.program?.getTypeChecker() as ts.TypeChecker | undefined;
  const nodes = [detection.node, ...(detection.group ?? []).filter((node) => node !== detection.node)];
  const sites: Site[] = nodes.map((node) => ({ kind: detection.kind, start: node.range[0], end: node.range[1] }));
  const rewrite = rewriter(sourceFile, sites, checker);
  if (rewrite.edits.length === 0 || rewrite.skipped.length > 0) return undefined;
  return (fixer) => rewrite.edits.map((edit) => fixer.replaceTextRange([edit.start, edit.end], edit.text));
}

/** Joins several detectors' listeners: handlers for the same selector run one after another. */
export function mergeListeners(listeners: TSESLint.RuleListener[]): TSESLint.RuleListener {
  const merged: Record<string, ((node: never) => void)[]> = {};
  for (const listener of listeners) {
    for (const [selector, handler] of Object.entries(listener)) {
      if (handler) (merged[selector] ??= []).push(handler as (node: never) => void);
    }
  }
  return Object.fromEntries(
    Object.entries(merged).map(([selector, handlers]) => [selector, (node: never) => handlers.forEach((handle) => handle(node))]),
  );
}
