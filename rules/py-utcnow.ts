import type { Rule } from 'eslint';
import path from 'node:path';
import { pythonTargetVersion, pythonVersionAtLeast } from './project/python-target.js';
import { analyzeScopes, type PyScopes } from '../transforms/python/scopes.js';
import { datetimeReceiver, rewriteUtcnow, UTCNOW_METHODS, type UtcnowMethod, type UtcnowSite, type UtcnowStyle } from '../transforms/python/utcnow.js';
import { DOCS_BASE, messagesOfRule, RULES, type KindId } from './kinds.js';
import type { PyNode } from '../transforms/python/syntax.js';
import type { PythonSourceCode } from './python/language.js';
import { reportPyFinding } from './python/report.js';
import { utcnowMocksOf } from './python/utcnow-mocks.js';
import { spiedReasonData } from './util/spied-reason.js';
import { lintedFile } from './project/paths.js';

/**
 * `deprecfix/py-utcnow`: `datetime.utcnow()`, `datetime.utcfromtimestamp(ts)` and the uncalled
 * `datetime.utcnow` (a factory), on the standard library's `datetime` class in every import form. The rule decides
 * what is a finding (the receiver resolves, by Python's scoping, to that class and nothing else); the rewrite in
 * `transforms/python/utcnow.ts` decides how it is fixed, or why it cannot be.
 */

interface Options {
  style: UtcnowStyle;
}

interface PythonSettings {
  targetVersion?: string;
}

const UTC_ALIAS_SINCE = '3.11';

const rule: Rule.RuleModule = {
  meta: {
    type: RULES['py-utcnow'].type,
    docs: { description: RULES['py-utcnow'].description, url: `${DOCS_BASE}/py-utcnow.md` },
    fixable: 'code',
    hasSuggestions: true,
    messages: messagesOfRule('py-utcnow'),
    schema: [
      {
        type: 'object',
        properties: { style: { enum: ['naive', 'aware'] } },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ style: 'naive' }],
  },
  create(context) {
    const { style } = (context.options[0] ?? { style: 'naive' }) as Options;
    const sourceCode = context.sourceCode as unknown as PythonSourceCode;
    const text = sourceCode.text;
    // Both method names contain `utc`: a file without it has nothing to find, and no listener needs to run.
    if (!text.includes('utc')) return {};
    let scopes: PyScopes | undefined;
    let useUtcAlias: boolean | undefined;

    return {
      attribute(node: PyNode) {
        const method = sourceText(text, node.fields.attribute) as UtcnowMethod;
        if (!UTCNOW_METHODS.includes(method) || !node.fields.object) return;
        scopes ??= analyzeScopes(text, sourceCode.ast);
        const receiver = datetimeReceiver(scopes, text, node.fields.object);
        if (!receiver) return;

        const parent = node.parent;
        const called = parent?.type === 'call' && node.fieldName === 'function';
        const site: UtcnowSite = { node: called ? parent : node, attribute: node, method, called, receiver };
        useUtcAlias ??= targetsUtcAlias(context);
        const rewrite = rewriteUtcnow(text, scopes, site, { style, useUtcAlias });
        const kind: KindId = called ? method : 'utcnow-reference';
        const name = `${sourceText(text, node.fields.object)}.${method}${called ? '()' : ''}`;
        // A test that configures a mocked utcnow for this module would stop answering the rewritten call.
        const mocks = method === 'utcnow' && !('reason' in rewrite) ? mocksOfFile(context) : [];
        reportPyFinding(context, {
          node: site.node,
          kind,
          ...('reason' in rewrite ? { reason: rewrite.reason } : mocks.length > 0 ? { reason: 'spied' as const } : { edits: rewrite.edits }),
          unsafe: style === 'aware',
          data: { name, replacement: rewrite.replacement, ...(mocks.length > 0 ? spiedReasonData(mocks.map((mock) => ({ ...mock, name: 'utcnow' }))) : {}) },
        });
      },
    } as unknown as Rule.RuleListener;
  },
};

/** The repository's mocks of `utcnow` that answer this file's calls (none for a file outside ESLint's cwd). */
function mocksOfFile(context: Rule.RuleContext): ReturnType<typeof utcnowMocksOf> {
  const relative = lintedFile(context);
  return relative.startsWith('..') ? [] : utcnowMocksOf(context.cwd, relative);
}

function sourceText(text: string, node: PyNode | undefined): string {
  return node ? text.slice(node.range[0], node.range[1]) : '';
}

const targetByDirectory = new Map<string, string | undefined>();

/**
 * `UTC` (Python ≥ 3.11) or `timezone.utc`: `settings.deprecfix.python.targetVersion` when set, else the project's
 * declared floor, read from the linted file's directory up to ESLint's cwd (once per directory).
 */
function targetsUtcAlias(context: Rule.RuleContext): boolean {
  const settings = (context.settings as { deprecfix?: { python?: PythonSettings } }).deprecfix?.python;
  if (typeof settings?.targetVersion === 'string') return pythonVersionAtLeast(settings.targetVersion, UTC_ALIAS_SINCE);
  const directory = path.dirname(path.resolve(context.cwd, context.filename));
  const inside = !path.relative(context.cwd, directory).startsWith('..');
  const stopDir = inside ? context.cwd : undefined;
  const key = `${directory}\0${stopDir ?? ''}`;
  if (!targetByDirectory.has(key)) targetByDirectory.set(key, pythonTargetVersion(directory, stopDir));
  return pythonVersionAtLeast(targetByDirectory.get(key), UTC_ALIAS_SINCE);
}

/** For tests: forget the targets read from the file system. */
export function clearPythonTargetCache(): void {
  targetByDirectory.clear();
}

export default rule;
