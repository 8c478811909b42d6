/**
 * The plugin checks itself (like typescript-eslint's docs and configs tests): every rule has its doc page naming
 * exactly its kinds with their fix safety, every fixable kind has a fixture pair that triggers it, and the shared
 * configs turn every rule on once, at the right severity, with the parser or language its files need.
 */
import { ESLint } from 'eslint';
import tsParser from '@typescript-eslint/parser';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import plugin, { rules } from '../rules/index.js';
import { KINDS, kindsOfRule, PLUGIN_PREFIX, RULES, type KindId, type RuleName } from '../rules/kinds.js';
import { lintScope } from '../src/lint-scope.js';
import { fixtureCases, type FixtureCase } from './fixture-cases.js';
import { packageRoot, tempDir } from './helpers.js';

const RULE_NAMES = Object.keys(RULES) as RuleName[];
const docPath = (rule: RuleName) => path.join(packageRoot, 'rules', `${rule}.md`);

describe('the rule list', () => {
  it('the plugin exports exactly the rules of the catalogue', () => {
    expect(Object.keys(rules).sort()).toEqual([...RULE_NAMES].sort());
    expect(Object.keys(plugin.rules).sort()).toEqual([...RULE_NAMES].sort());
  });
});

/** `` `id` `` tokens of a Markdown text. */
function backtickedIds(markdown: string): Set<string> {
  return new Set([...markdown.matchAll(/`([a-z0-9]+(?:-[a-z0-9]+)*)`/g)].map((match) => match[1]));
}

/**
 * What is wrong with a rule's doc page: it must name every kind of the rule, give each a `## `kind`` section and
 * a row `| [`kind`](#kind) | <fix safety> | … |` in its kinds table, and name no other kind — except another rule's
 * kind in a paragraph that names that rule (a cross-reference).
 */
function docProblems(rule: RuleName, doc: string | undefined): string[] {
  if (doc === undefined) return [`rules/${rule}.md is missing`];
  const kinds: string[] = kindsOfRule(rule);
  const problems: string[] = [];
  const mentioned = backtickedIds(doc);
  const sections = [...doc.matchAll(/^#{2,3} `([^`]+)`\s*$/gm)].map((match) => match[1]);
  const rows = [...doc.matchAll(/^\| \[`([^`]+)`\]\(#[^)]*\) \| ([^|]+) \|/gm)].map((match) => ({ id: match[1], fix: match[2].trim() }));
  for (const kind of kinds) {
    if (!mentioned.has(kind)) problems.push(`kind ${kind} is never named`);
    if (!sections.includes(kind)) problems.push(`kind ${kind} has no section`);
    const row = rows.find((candidate) => candidate.id === kind);
    if (!row) problems.push(`kind ${kind} is not in the kinds table`);
    else if (row.fix.split(' ')[0] !== KINDS[kind as KindId].fix) problems.push(`kind ${kind}: the table says "${row.fix}", the catalogue ${KINDS[kind as KindId].fix}`);
  }
  for (const id of new Set([...sections, ...rows.map((row) => row.id)])) {
    if (!kinds.includes(id)) problems.push(`${id} has a section or table row but is not a kind of ${rule}`);
  }
  for (const paragraph of doc.split(/\n\s*\n/)) {
    for (const id of backtickedIds(paragraph)) {
      const owner = id in KINDS ? KINDS[id as KindId].rule : undefined;
      if (!owner || owner === rule) continue;
      if (!paragraph.includes(`${PLUGIN_PREFIX}/${owner}`) && !paragraph.includes(`${owner}.md`)) problems.push(`${id} is a kind of ${owner}`);
    }
  }
  return problems;
}

describe.each(RULE_NAMES)('rules/%s.md', (rule) => {
  it('names exactly the kinds of the rule, each with its section and fix safety', () => {
    expect(docProblems(rule, existsSync(docPath(rule)) ? readFileSync(docPath(rule), 'utf8') : undefined)).toEqual([]);
  });

  it('is the rule’s meta.docs.url', () => {
    const url = (rules[rule].meta.docs as { url?: string } | undefined)?.url;
    expect(url).toMatch(new RegExp(`(^|/)rules/${rule}\\.md$`));
  });
});

describe('the doc check', () => {
  const doc = readFileSync(docPath('no-utcnow-date'), 'utf8');
  it.each([
    ['a missing page', undefined, 'rules/no-utcnow-date.md is missing'],
    ['a kind without its section', doc.replace(/^## `naive-iso-parse`$/m, '## Naive ISO strings'), 'kind naive-iso-parse has no section'],
    ['a kind left out of the table', doc.replace(/^\| \[`fake-utc-locale`\].*\n/m, ''), 'kind fake-utc-locale is not in the kinds table'],
    ['a wrong fix safety', doc.replace('| [`fake-utc-offset`](#fake-utc-offset) | unsafe |', '| [`fake-utc-offset`](#fake-utc-offset) | safe |'), 'kind fake-utc-offset: the table says "safe", the catalogue unsafe'],
    ['a section for a kind the rule does not have', `${doc}\n## \`deprecated-helper\`\n\nGone.\n`, 'deprecated-helper has a section or table row but is not a kind of no-utcnow-date'],
    ['another rule’s kind as its own', `${doc}\nAlso reports \`buffer-slice\`.\n`, 'buffer-slice is a kind of no-legacy-serialization'],
  ])('finds %s', (_name, text, problem) => {
    expect(docProblems('no-utcnow-date', text)).toContain(problem);
  });

  it('accepts another rule’s kind named with its rule', () => {
    expect(docProblems('no-utcnow-date', `${doc}\nSee \`buffer-slice\` of [\`deprecfix/no-legacy-serialization\`](no-legacy-serialization.md).\n`)).toEqual([]);
  });
});

/**
 * Lints a fixture case's input as `deprecfix scan` would (`lintScope`: one program, so type-dependent kinds are
 * found), in a repository set up like `test/fixtures.test.ts` does: the case's versions as the pins, its other
 * files, its rule options, pydantic 2 for Python cases.
 */
function kindsTriggeredBy(rule: RuleName, fixture: FixtureCase): Set<KindId> {
  const repo = tempDir('deprecfix-meta-');
  writeFileSync(path.join(repo, 'package.json'), JSON.stringify({ name: 'fixture', dependencies: fixture.versions }));
  for (const [file, text] of Object.entries(fixture.files)) {
    mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
    writeFileSync(path.join(repo, file), text);
  }
  if (rule === 'py-pydantic-v1' && !('requirements.txt' in fixture.files)) writeFileSync(path.join(repo, 'requirements.txt'), 'pydantic==2.5.0\n');
  mkdirSync(path.dirname(path.join(repo, fixture.path)), { recursive: true });
  writeFileSync(path.join(repo, fixture.path), fixture.input);
  const options = fixture.options[0];
  const { first } = lintScope(repo, [fixture.path], { rules: [rule], config: { rules: options ? { [rule]: options } : {}, python: {} } });
  expect(first.failures, `${fixture.name} does not lint`).toEqual([]);
  return new Set(first.findings.map((finding) => finding.kind));
}

describe.each(RULE_NAMES)('fixtures/%s', (rule) => {
  const fixable = kindsOfRule(rule).filter((kind) => KINDS[kind].fix !== 'none');

  it('has a case triggering every fixable kind', () => {
    const triggered = new Set(fixtureCases(rule).flatMap((fixture) => [...kindsTriggeredBy(rule, fixture)]));
    expect(fixable.filter((kind) => !triggered.has(kind)), 'fixable kinds without a fixture case').toEqual([]);
  });
});

/** Sample files of every extension the TS/JS rules cover, and a Python file. */
const TS_JS_FILES = ['ts', 'tsx', 'mts', 'cts', 'js', 'jsx', 'mjs', 'cjs'].map((extension) => `src/file.${extension}`);
const PYTHON_FILE = 'app/main.py';

describe.each([
  ['recommended', 'warn', 1],
  ['strict', 'error', 2],
] as const)('configs.%s', (name, severity, severityNumber) => {
  const config = plugin.configs[name];
  const ruleIds = (language: 'ts/js' | 'python') => RULE_NAMES.filter((rule) => RULES[rule].language === language).map((rule) => `${PLUGIN_PREFIX}/${rule}`);

  it(`turns every rule on exactly once, at "${severity}"`, () => {
    const entries = config.flatMap((entry) => Object.entries(entry.rules ?? {}));
    expect(entries.map(([id]) => id).sort()).toEqual(RULE_NAMES.map((rule) => `${PLUGIN_PREFIX}/${rule}`).sort());
    for (const [id, level] of entries) expect([id, Array.isArray(level) ? level[0] : level]).toEqual([id, severity]);
  });

  it('registers the plugin under its namespace wherever a rule is on', () => {
    for (const entry of config.filter((item) => Object.keys(item.rules ?? {}).length > 0)) {
      expect(entry.plugins?.[PLUGIN_PREFIX]).toBe(plugin);
    }
  });

  /** What ESLint itself makes of the config for a file (ESLint's config resolution, not our reading of it). */
  async function resolvedFor(file: string) {
    const eslint = new ESLint({ cwd: packageRoot, overrideConfigFile: true, overrideConfig: config as ESLint.Options['overrideConfig'] });
    return (await eslint.calculateConfigForFile(file)) as {
      rules: Record<string, [number, ...unknown[]]>;
      language?: unknown;
      languageOptions?: { parser?: unknown; parserOptions?: { projectService?: unknown } };
    };
  }

  it.each(TS_JS_FILES)('lints %s with the TS/JS rules and typescript-eslint’s parser', async (file) => {
    const resolved = await resolvedFor(file);
    const deprecfixRules = Object.entries(resolved.rules).filter(([id]) => id.startsWith(`${PLUGIN_PREFIX}/`));
    expect(Object.fromEntries(deprecfixRules.map(([id, [level]]) => [id, level]))).toEqual(
      Object.fromEntries(ruleIds('ts/js').map((id) => [id, severityNumber])),
    );
    expect(resolved.languageOptions?.parser).toBe(tsParser);
    // These files exist in no tsconfig.json: linted without types rather than failed by the project service.
    expect(resolved.languageOptions?.parserOptions?.projectService).toBeUndefined();
  });

  it.each([
    ['src/config.ts', true],
    ['rules/index.ts', true],
    ['scripts/demo.mjs', false],
    ['bench/run.mjs', false],
  ])('asks for type information for %s only when a tsconfig.json holds it (%s)', async (file, typed) => {
    const resolved = await resolvedFor(file);
    expect(resolved.languageOptions?.parser).toBe(tsParser);
    expect(resolved.languageOptions?.parserOptions?.projectService).toBe(typed ? true : undefined);
  });

  it(`lints ${PYTHON_FILE} with the Python rules in language deprecfix/python`, async () => {
    const resolved = await resolvedFor(PYTHON_FILE);
    const deprecfixRules = Object.entries(resolved.rules).filter(([id]) => id.startsWith(`${PLUGIN_PREFIX}/`));
    expect(Object.fromEntries(deprecfixRules.map(([id, [level]]) => [id, level]))).toEqual(
      Object.fromEntries(ruleIds('python').map((id) => [id, severityNumber])),
    );
    expect(resolved.language).toBe(plugin.languages.python);
    const pythonEntry = config.find((entry) => Object.keys(entry.rules ?? {}).some((id) => ruleIds('python').includes(id)));
    expect(pythonEntry).toMatchObject({ files: ['**/*.py'], language: `${PLUGIN_PREFIX}/python` });
  });
});
