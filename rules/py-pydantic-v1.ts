import type { Rule } from 'eslint';
import path from 'node:path';
import { DOCS_BASE, messagesOfRule, RULES } from './kinds.js';
import { nodeText, type PyNode } from '../transforms/python/syntax.js';
import { reportPyFinding } from './python/report.js';
import { reportConfigClass } from './python/config-finding.js';
import { analyzeScopes } from '../transforms/python/scopes.js';
import { pydanticGateForFile } from './project/pydantic-version.js';
import { pydanticEdits } from '../transforms/python/pydantic.js';
import { messageData, REMOVED_JSON_KEYWORDS, V1_MEMBERS } from './python/pydantic-v1-members.js';
import type { PydanticRewrite } from '../transforms/python/pydantic.js';
import { gradeV1Member, keywordNames, type Grade } from './python/pydantic-v1-grade.js';
import { ReceiverProof } from './python/receiver-proof.js';
import { runsOnlyOnPydantic1 } from './python/version-guard.js';

/**
 * `deprecfix/py-pydantic-v1` (CONTRACT §9, Python): pydantic v1 model methods and attributes on pydantic 2, where
 * they are deprecated. A site is a finding only when its receiver is proven a pydantic 2 model — a parameter or
 * variable annotated with a model class, a value built by one, `self`/`cls` in a model's methods, the class itself
 * — as `python/receiver-proof.ts` proves it over the repository's model classes (`python/model-resolver.ts`); the
 * rewrite is graded per method by the arguments it carries (`python/pydantic-v1-grade.ts`;
 * `transforms/python/pydantic.ts` makes the edits). This module holds the rule itself: its meta, and the listeners that report each site.
 */

/** A file that names none of these has nothing to report: the analysis is never built. */
const CANDIDATES = new RegExp(`\\b(?:${[...Object.keys(V1_MEMBERS), 'Config'].join('|')})\\b`);

const rule: Rule.RuleModule = {
  meta: {
    type: RULES['py-pydantic-v1'].type,
    docs: { description: RULES['py-pydantic-v1'].description, url: `${DOCS_BASE}/py-pydantic-v1.md` },
    fixable: 'code',
    hasSuggestions: true,
    messages: messagesOfRule('py-pydantic-v1'),
    schema: [],
  },
  create(context) {
    const text = context.sourceCode.text;
    if (!CANDIDATES.test(text)) return {};
    const file = path.resolve(context.cwd, context.filename);
    const inside = !path.relative(context.cwd, file).startsWith('..');
    let analysis: ReceiverProof | undefined;
    let scopes: ReturnType<typeof analyzeScopes> | undefined;
    let gate: ReturnType<typeof pydanticGateForFile>['status'] | undefined;
    let versionText: string | undefined;

    const readGate = (): void => {
      if (gate !== undefined) return;
      const { status, resolved } = pydanticGateForFile(context);
      gate = status;
      versionText = `pydantic ${resolved?.version ?? resolved?.specifier ?? '2'}`;
    };
    const analyze = (): ReceiverProof =>
      (analysis ??= new ReceiverProof(text, context.sourceCode.ast as unknown as PyNode, file, inside ? context.cwd : undefined));

    const listeners = {
      class_definition(node: PyNode) {
        if (!node.fields.name || nodeText(text, node.fields.name) !== 'Config') return;
        const model = node.parent?.type === 'block' && node.parent.parent?.type === 'class_definition' ? node.parent.parent : undefined;
        if (!model || runsOnlyOnPydantic1(text, node)) return;
        readGate();
        if (gate === 'below') return;
        const facts = analyze().modelFacts(model);
        if (!facts) return;
        reportConfigClass(context, node, {
          text,
          file,
          root: inside ? context.cwd : undefined,
          gate: gate === 'unknown' ? 'unknown' : 'available',
          versionText: versionText!,
          model: { node: model, ...facts },
          scopes: () => (scopes ??= analyzeScopes(text, context.sourceCode.ast as unknown as PyNode)),
        });
      },
      attribute(node: PyNode) {
        const name = node.fields.attribute ? nodeText(text, node.fields.attribute) : '';
        const member = Object.hasOwn(V1_MEMBERS, name) ? V1_MEMBERS[name] : undefined;
        if (!member || !node.fields.object || runsOnlyOnPydantic1(text, node)) return;
        readGate();
        if (gate === 'below') return;
        const analysis = analyze();
        const call = node.parent?.type === 'call' && node.fieldName === 'function' ? node.parent : undefined;
        const proof = analysis.prove(node.fields.object, name);
        if (proof.state === 'silent') return;
        // `json(encoder=…)` raises TypeError on pydantic 2 and on requests', httpx's and aiohttp's `.json()` (json.loads
        // rejects the keyword): a finding on any receiver not proven to be something else
        const removedKeyword = name === 'json' && call ? keywordNames(text, call).find((keyword) => REMOVED_JSON_KEYWORDS.includes(keyword)) : undefined;
        if (removedKeyword) {
          reportPyFinding(context, {
            node: call!,
            kind: 'pydantic-v1-json-argument',
            ...(gate === 'unknown' ? { reason: 'version-unknown' as const } : {}),
            data: { name: removedKeyword },
          });
          return;
        }
        const report = (grade: Grade): void => {
          const reason = gate === 'unknown' ? 'version-unknown' : grade.reason;
          reportPyFinding(context, {
            node: member.kind === 'pydantic-v1-method' && call ? call : node,
            kind: member.kind,
            ...(reason ? { reason } : {}),
            ...(grade.unsafe && !reason ? { unsafe: true } : {}),
            ...(grade.repairs && !reason ? { repairs: `raises ${grade.repairs.raises} on ${versionText} (${grade.repairs.because})` } : {}),
            data: messageData(name, member, Boolean(call), grade.rewrite && !reason ? appendedOf(text, grade.rewrite) : undefined),
            ...(grade.rewrite && !reason ? { edits: pydanticEdits(text, grade.rewrite) } : {}),
          });
        };
        if (proof.state === 'unproven') {
          if (member.reportUnproven && (call || member.kind === 'pydantic-v1-attribute')) report({ reason: 'receiver-unproven' });
          return;
        }
        report(gradeV1Member(analysis, node, name, member, call, proof));
      },
    };
    return listeners as unknown as Rule.RuleListener;
  },
};

/** The keywords a rewrite appends, as the message shows them after the call's own arguments (`…, by_alias=False`). */
function appendedOf(text: string, rewrite: PydanticRewrite): { arguments: string[]; afterOthers: boolean } | undefined {
  const append = rewrite.append;
  if (!append || append.arguments.length === 0) return undefined;
  return { arguments: append.arguments, afterOthers: append.argumentList.children.some((child) => child.type !== 'comment') };
}

export default rule;
