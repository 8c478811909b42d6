import { pathToFileURL } from 'node:url';
import { DOCS_BASE, KINDS, PLUGIN_PREFIX, RULES, type KindId, type RuleName } from '../../rules/kinds.js';
import type { Finding } from '../lint.js';
import type { Failure } from '../lint.js';
import { TOOL_NAME } from '../report.js';
import { TOOL_VERSION } from '../../rules/package.js';
import { describeFix, hasEnd, sortFailures, sortFindings, type PrintInput, type PrintOptions, type Printer } from './printer.js';

/**
 * SARIF 2.1.0 for code scanning (GitHub's `upload-sarif`, IDE SARIF viewers). One run; the driver lists every
 * deprecfix rule with its doc page, results point at the rule by id and index, paths are repository-relative under
 * `%SRCROOT%` so the file means the same on every checkout, and each result's property bag carries what SARIF has
 * no field for: the finding's kind and its fix safety (with the reason when there is no fix).
 */

const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
/** The symbolic base every artifact URI is relative to; GitHub code scanning resolves it to the checkout. */
export const SRCROOT = '%SRCROOT%';
/** The repository the rule docs live in. */
const INFORMATION_URI = DOCS_BASE.replace(/\/blob\/.*$/, '');

type Level = 'warning' | 'error';

interface SarifRule {
  id: string;
  shortDescription: { text: string };
  fullDescription?: { text: string };
  helpUri?: string;
  defaultConfiguration: { level: Level };
  properties?: { tags: string[]; kinds: Record<string, string> };
}

export const sarifPrinter: Printer = {
  format: 'sarif',
  print(input: PrintInput, options: PrintOptions): string {
    const rules = ruleDescriptors(input.findings);
    const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
    const level: Level = options.severity ?? 'warning';
    const log = {
      $schema: SARIF_SCHEMA,
      version: '2.1.0',
      runs: [
        {
          tool: {
            driver: {
              name: TOOL_NAME,
              version: input.report?.tool.version ?? TOOL_VERSION,
              informationUri: INFORMATION_URI,
              rules,
            },
          },
          invocations: [
            {
              executionSuccessful: input.failures.length === 0,
              toolExecutionNotifications: sortFailures(input.failures).map(failureNotification),
            },
          ],
          originalUriBaseIds: { [SRCROOT]: srcRoot(options.repoRoot) },
          columnKind: 'utf16CodeUnits',
          results: sortFindings(input.findings).map((finding) => result(finding, ruleIndex.get(finding.ruleId)!, level)),
          properties: { filesLinted: input.files.length },
        },
      ],
    };
    return `${JSON.stringify(log, null, 2)}\n`;
  },
};

/** Every rule of the catalogue, in catalogue order (stable indexes), plus any other rule id a finding names. */
function ruleDescriptors(findings: readonly Finding[]): SarifRule[] {
  const rules: SarifRule[] = (Object.keys(RULES) as RuleName[]).map((name) => {
    const kinds = (Object.keys(KINDS) as KindId[]).filter((kind) => KINDS[kind].rule === name);
    return {
      id: `${PLUGIN_PREFIX}/${name}`,
      shortDescription: { text: RULES[name].description },
      fullDescription: { text: `${RULES[name].description}. Kinds: ${kinds.map((kind) => `${kind} (${KINDS[kind].fix} fix)`).join(', ')}.` },
      helpUri: `${DOCS_BASE}/${name}.md`,
      // configs.recommended reports at `warn`; a gate that fails raises its results to `error`.
      defaultConfiguration: { level: 'warning' },
      properties: {
        tags: ['maintainability', 'deprecation', RULES[name].language === 'python' ? 'python' : 'typescript'],
        kinds: Object.fromEntries(kinds.map((kind) => [kind, KINDS[kind].fix])),
      },
    };
  });
  const known = new Set(rules.map((rule) => rule.id));
  for (const ruleId of [...new Set(findings.map((finding) => finding.ruleId))].sort()) {
    if (!known.has(ruleId)) rules.push({ id: ruleId, shortDescription: { text: ruleId }, defaultConfiguration: { level: 'warning' } });
  }
  return rules;
}

function result(finding: Finding, ruleIndex: number, level: Level) {
  const region: Record<string, number> = { startLine: finding.line, startColumn: finding.column };
  if (hasEnd(finding)) Object.assign(region, { endLine: finding.endLine, endColumn: finding.endColumn });
  return {
    ruleId: finding.ruleId,
    ruleIndex,
    level,
    message: { text: `${finding.message} (${describeFix(finding)})` },
    locations: [{ physicalLocation: { artifactLocation: artifactLocation(finding.file), region } }],
    properties: {
      kind: finding.kind,
      fix: finding.fix,
      ...(finding.reason !== undefined ? { reason: finding.reason } : {}),
      ...(finding.repairs !== undefined ? { repairs: finding.repairs } : {}),
    },
  };
}

function failureNotification(failure: Failure) {
  // ESLint puts "no matching configuration" at line 0; SARIF lines start at 1, so such a failure names only the file.
  const region = failure.line && failure.line > 0 ? { region: { startLine: failure.line } } : {};
  return {
    level: 'error',
    message: { text: `${failure.stage}: ${failure.message}` },
    locations: [{ physicalLocation: { artifactLocation: artifactLocation(failure.file), ...region } }],
    properties: { stage: failure.stage },
  };
}

/** A relative URI reference: each path segment percent-encoded, so spaces, `#` or a `:` in a name stay a path. */
function artifactLocation(file: string) {
  return { uri: file.split('/').map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}

function srcRoot(repoRoot: string | undefined) {
  if (repoRoot) {
    // originalUriBaseIds must be absolute and end in a slash to resolve relative URIs against them.
    const href = pathToFileURL(repoRoot).href;
    return { uri: href.endsWith('/') ? href : `${href}/` };
  }
  return { description: { text: 'The repository root; every result path is relative to it.' } };
}
