import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Ajv, ErrorObject, ValidateFunction } from 'ajv';
import { findNodeAtLocation, parseTree, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import { RULES, type RuleName } from '../rules/kinds.js';
import { PACKAGE_ROOT } from '../rules/package.js';
import { editDistance } from './edit-distance.js';
import { UsageError } from './errors.js';
import { modelModuleFile, type ModelMethodConfig } from '../transforms/model-module-file.js';
import { jsonSyntaxProblem, lineAndColumn, membersByKey, STRICT_JSON } from './strict-json.js';

/**
 * `deprecfix.config.json` (CONTRACT §10), optional: rules on/off and their options, facts about the Python project,
 * the project's model methods, and other ESLint rules to count. Everything works without it. Its JSON Schema is
 * `src/config-schema.ts` (shipped as `schema/deprecfix.config.schema.json`).
 *
 * ```json
 * { "$schema": "./node_modules/deprecfix/schema/deprecfix.config.schema.json",
 *   "rules": { "py-utcnow": { "style": "aware" }, "no-legacy-serialization": "off" },
 *   "python": { "targetVersion": "3.12", "pydantic": "2.7.1" },
 *   "ignores": ["legacy/**"], "include": ["static/vendor/our-widget.js"] }
 * ```
 */
export interface DeprecfixConfig {
  /** `"off"`, `"on"`, or the rule's options object (which turns it on). */
  rules: Partial<Record<RuleName, 'off' | 'on' | Record<string, unknown>>>;
  python: { targetVersion?: string; pydantic?: string };
  /** Extra globs of files never linted or rewritten, beside `.gitignore` (src/files.ts). */
  ignores?: string[];
  /** Globs of files linted and rewritten although the default rules call them vendored, minified or generated. */
  include?: string[];
  /** Files larger than this many bytes are skipped with a note (src/files.ts); default 1 MiB. */
  maxFileSize?: number;
  /** The project's test commands for `fix --test` when none is given on the command line (CONTRACT §12). */
  test?: string[];
  /** The project's deprecated model methods, for the kind `model-method-rename` (CONTRACT §9); given to `no-legacy-serialization` as its option. */
  modelMethods?: ModelMethodConfig[];
  /** Other installed ESLint rules whose messages are counted (never rewritten) as "other deprecations". */
  alsoCount?: AlsoCountRule[];
  /** Where it was read from, for messages; undefined without a file. */
  file?: string;
}

/** An ESLint rule id (`@typescript-eslint/no-deprecated`, `no-restricted-syntax`) and its options. */
export interface AlsoCountRule {
  ruleId: string;
  options: unknown[];
}

export const CONFIG_FILE_NAME = 'deprecfix.config.json';

/** Where the config is read from: `--config`, else `deprecfix.config.json` at the repository root. */
export function configFile(repoRoot: string, explicit?: string, cwd = process.cwd()): string {
  return explicit ? path.resolve(cwd, explicit) : path.join(repoRoot, CONFIG_FILE_NAME);
}

let validator: ValidateFunction | undefined;

/**
 * Compiled once: ajv turns the schema into a function (a few milliseconds). ajv itself (~80 ms to load) and the schema
 * are loaded only when a config file is read. The schema is the shipped one, which test/config-schema.test.ts keeps
 * equal to the rules' `meta.schema` (src/config-schema.ts): building it here would load every rule, and TypeScript.
 */
function validateConfig(value: unknown): ErrorObject[] {
  validator ??= compileValidator();
  return validator(value) ? [] : [...(validator.errors ?? [])];
}

function compileValidator(): ValidateFunction {
  const { Ajv: AjvClass } = createRequire(import.meta.url)('ajv') as { Ajv: typeof Ajv };
  const schema = JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'schema', 'deprecfix.config.schema.json'), 'utf8')) as Record<string, unknown>;
  // `errorMessage` is VS Code's annotation (the message shown for a failing value); ajv needs to know it is one, and
  // `verbose` gives each error its schema, where the message is.
  return new AjvClass({ verbose: true, allowUnionTypes: true, strictTuples: false, keywords: ['errorMessage'] }).compile(schema);
}

export function loadConfig(repoRoot: string, explicit?: string, cwd = process.cwd()): DeprecfixConfig {
  const file = configFile(repoRoot, explicit, cwd);
  if (!existsSync(file)) {
    if (explicit) throw new UsageError(`config file ${explicit} does not exist`, `create it, or drop --config to use ${CONFIG_FILE_NAME} at the repository root`);
    return { rules: {}, python: {} };
  }
  const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  const fail = (offset: number, problem: string): never => {
    const { line, column } = lineAndColumn(text, offset);
    throw new UsageError(`${path.relative(cwd, file) || file}:${line}:${column}: ${problem}`, 'see "Configuration" in the deprecfix README');
  };
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, STRICT_JSON);
  if (errors.length > 0 || !root) {
    const { offset, problem } = errors.length > 0 ? jsonSyntaxProblem(text, errors) : { offset: 0, problem: 'the file is empty' };
    return fail(offset, `malformed JSON: ${problem}`);
  }
  rejectDuplicateKeys(root, fail);
  const value = JSON.parse(text) as Record<string, unknown>;
  const [error] = pickError(validateConfig(value));
  if (error) {
    const { offset, message } = explain(error, root);
    fail(offset, message);
  }

  const { rules = {}, python = {}, ignores, include, maxFileSize, test, modelMethods, alsoCount } = value as Record<string, never>;
  const config: DeprecfixConfig = { rules: {}, python: { ...(python as object) }, file };
  for (const [name, setting] of Object.entries(rules as Record<string, DeprecfixConfig['rules'][RuleName]>)) {
    config.rules[name.replace(/^deprecfix\//, '') as RuleName] = setting;
  }
  if (ignores !== undefined) config.ignores = ignores;
  if (include !== undefined) config.include = include;
  if (maxFileSize !== undefined) config.maxFileSize = maxFileSize;
  if (test !== undefined) config.test = typeof test === 'string' ? [test] : test;
  if (modelMethods !== undefined) {
    // What the schema cannot say: a repository-relative module must be a file of the repository (a bare specifier
    // is resolved when the rule runs).
    (modelMethods as ModelMethodConfig[]).forEach(({ module }, index) => {
      if ((module.startsWith('.') || path.isAbsolute(module)) && !modelModuleFile(module, repoRoot)) {
        fail(findNodeAtLocation(root, ['modelMethods', index, 'module'])?.offset ?? 0, `"modelMethods[${index}].module" is "${module}", which is not a file of the repository (resolved from its root, with or without an extension)`);
      }
    });
    config.modelMethods = modelMethods;
  }
  if (alsoCount !== undefined) {
    config.alsoCount = (alsoCount as (string | [string, ...unknown[]])[]).map((entry) => (typeof entry === 'string' ? { ruleId: entry, options: [] } : { ruleId: entry[0], options: entry.slice(1) }));
  }
  return config;
}

function rejectDuplicateKeys(node: JsonNode, fail: (offset: number, problem: string) => never): void {
  if (node.type === 'object') membersByKey(node, fail);
  for (const child of node.children ?? []) rejectDuplicateKeys(child, fail);
}

/**
 * The error a person should read first. ajv reports a failed `then` branch together with the `if` that chose it
 * (noise), and an `anyOf` after each branch's failure (the branches' errors say less than the `anyOf`'s message).
 */
function pickError(errors: ErrorObject[]): ErrorObject[] {
  const meaningful = errors.filter((error) => error.keyword !== 'if');
  const anyOf = meaningful.find((error) => error.keyword === 'anyOf');
  return anyOf ? [anyOf] : meaningful.slice(0, 1);
}

type Segment = string | number;

/** `rules.py-utcnow.style`, `include[1]`, `modelMethods[0].methods`. */
export function keyPath(segments: readonly Segment[]): string {
  return segments.map((segment, index) => (typeof segment === 'number' ? `[${segment}]` : index === 0 ? segment : `.${segment}`)).join('');
}

const quoted = (values: readonly unknown[]) => values.map((value) => JSON.stringify(value)).join(', ');

/** One ajv error as a sentence that names the key path and what was expected, and where in the file it is. */
function explain(error: ErrorObject, root: JsonNode): { offset: number; message: string } {
  // ajv's instancePath is a JSON Pointer; the config's arrays hold no numeric-looking object keys except in
  // `methods`, whose keys are method names (never all digits).
  const segments: Segment[] = error.instancePath
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
  const node = findNodeAtLocation(root, segments) ?? root;
  const where = segments.length === 0 ? 'the config' : `"${keyPath(segments)}"`;
  const data = node.type === 'object' || node.type === 'array' ? undefined : node.value;
  const parent = error.parentSchema as { errorMessage?: string; properties?: Record<string, unknown> } | undefined;
  const at = (message: string, offset = node.offset) => ({ offset, message });

  switch (error.keyword) {
    case 'additionalProperties': {
      const key = (error.params as { additionalProperty: string }).additionalProperty;
      const keyNode = node.children?.find((property) => property.children?.[0]?.value === key)?.children?.[0];
      const known = Object.keys(parent?.properties ?? {}).filter((name) => !name.startsWith('deprecfix/'));
      const near = known.filter((name) => editDistance(key, name) <= 2 || (key.length >= 4 && name.startsWith(key)));
      const guess = near.length > 0 ? ` (did you mean ${quoted(near)}?)` : '';
      const offset = keyNode?.offset ?? node.offset;
      if (segments.length === 0) return at(`unknown key "${key}"${guess}; expected ${quoted(known)}`, offset);
      if (segments.length === 1 && segments[0] === 'rules') return at(`unknown rule "${key}"${guess}; known rules: ${Object.keys(RULES).join(', ')}`, offset);
      if (segments.length === 2 && segments[0] === 'rules') return at(`${where} has an unknown option "${key}"${guess}; allowed options: ${quoted(known)}`, offset);
      return at(`unknown key "${keyPath([...segments, key])}"${guess}; expected ${quoted(known)}`, offset);
    }
    case 'required':
      return at(`${where} is missing "${(error.params as { missingProperty: string }).missingProperty}"`);
    case 'enum':
      return at(`${where} is ${node.type === 'object' || node.type === 'array' ? `an ${node.type}` : JSON.stringify(data)}; allowed values: ${quoted((error.params as { allowedValues: unknown[] }).allowedValues)}`);
  }
  if (segments.length === 0) return at('the config must be a JSON object');
  if (parent?.errorMessage) return at(`${where} ${parent.errorMessage}`);
  if (error.keyword === 'type') {
    const article = (type: string) => `${/^[aeiou]/.test(type) ? 'an' : 'a'} ${type}`;
    const types = String((error.params as { type: string }).type).split(',').map(article).join(' or ');
    return at(`${where} must be ${types}, found ${node.type === 'null' ? 'null' : article(node.type)}`);
  }
  return at(`${where} ${error.message ?? 'is invalid'}`);
}

/** Every configured model class: the top-level `modelMethods` and those given as `no-legacy-serialization`'s option. */
export function modelMethodsOf(config: DeprecfixConfig | undefined): ModelMethodConfig[] {
  const setting = config?.rules['no-legacy-serialization'];
  const fromRule = typeof setting === 'object' && Array.isArray(setting.modelMethods) ? (setting.modelMethods as ModelMethodConfig[]) : [];
  return [...fromRule, ...(config?.modelMethods ?? [])];
}
