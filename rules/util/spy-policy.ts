import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import type { KindId } from '../kinds.js';
import type { PendingFinding } from './library-references.js';
import type { RuleContext } from './report.js';
import { spyIndexFor } from './spies.js';
import { lintedFile } from '../project/paths.js';
import { spiedReasonData } from './spied-reason.js';

/** `settings.deprecfix.rewriteSet`: the repository-relative files the CLI rewrites together in this run. */
function rewriteSetOf(context: RuleContext): ReadonlySet<string> | undefined {
  const files = (context.settings as { deprecfix?: { rewriteSet?: unknown } }).deprecfix?.rewriteSet;
  if (!Array.isArray(files)) return undefined;
  let set = rewriteSets.get(files);
  if (!set) rewriteSets.set(files, (set = new Set(files.filter((file): file is string => typeof file === 'string'))));
  return set;
}

const rewriteSets = new WeakMap<readonly unknown[], ReadonlySet<string>>();

/**
 * A spy and the calls it observes move together or not at all. For each export the file's findings name:
 * - when it is spied on (here or in another file), it is renamed — spy strings included — only if it has a
 *   plain rename, nobody spies on the replacement name (the spy would start seeing these calls), and every file
 *   that spies on it or references it is in the CLI's rewrite set (`settings.deprecfix.rewriteSet`). Plain
 *   ESLint has no such set (it cannot know which files the user fixes), so there a spied name is always held;
 * - otherwise the spy strings of this file keep the `string-reference` reason (which the shared policies extend
 *   to the file's other references), and the other references are held with `spied`, naming the first spy
 *   elsewhere as `path:line`.
 * Runs before `applySharedPolicies`.
 */
export function applySpyPolicy(
  context: RuleContext,
  library: string,
  findings: PendingFinding[],
  renames: Readonly<Record<string, string>>,
  isFixableKind: (kind: KindId) => boolean,
): void {
  if (findings.length === 0) return;
  const index = spyIndexFor(context.cwd);
  const here = lintedFile(context);
  const rewriteSet = rewriteSetOf(context);
  for (const name of new Set(findings.map((finding) => finding.exportName))) {
    const members = findings.filter((finding) => finding.exportName === name);
    const strings = members.filter((finding) => finding.stringReference);
    const replacement = renames[name];
    const elsewhere = index.spiesOf(library, name).filter((spy) => spy.file !== here);
    const onReplacement = replacement === undefined ? [] : index.spiesOf(library, replacement);
    if (strings.length === 0 && elsewhere.length === 0 && onReplacement.length === 0) continue;

    const involved = new Set([here, ...elsewhere.map((spy) => spy.file), ...index.filesReferencing(library, name)]);
    const together =
      replacement !== undefined &&
      onReplacement.length === 0 &&
      strings.every((finding) => !isShorthandKey(finding.detection.node)) &&
      rewriteSet !== undefined &&
      [...involved].every((file) => rewriteSet.has(file));
    if (together) continue;

    for (const finding of strings) finding.detection.reason ??= 'string-reference';
    const spies = [...elsewhere, ...onReplacement];
    if (spies.length === 0) continue; // only this file spies: the shared policies hold the file's references with it
    const reasonData = spiedReasonData(spies);
    for (const finding of members) {
      if (finding.stringReference || finding.detection.reason !== undefined || !isFixableKind(finding.detection.kind)) continue;
      finding.detection.reason = 'spied';
      finding.detection.reasonData = reasonData;
    }
  }
}


/** `{ plainToClass }` in a mock factory: the key is also a variable, so it cannot be renamed as a key alone. */
function isShorthandKey(node: TSESTree.Node): boolean {
  return node.parent?.type === AST_NODE_TYPES.Property && node.parent.shorthand;
}
