import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseTree, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { Linter } from 'eslint';
import plugin from '../rules/index.js';
import { PLUGIN_PREFIX, RULES, type RuleName } from '../rules/kinds.js';
import { UsageError } from './errors.js';
import { resolveModelModule, type ModelMethodConfig } from '../transforms/model-methods.js';

/**
 * `deprecfix.config.json` (CONTRACT §10), optional: rules on/off and their options, and facts about the Python
 * project. Everything works without it.
 *
 * ```json
 * { "rules": { "py-utcnow": { "style": "aware" }, "no-legacy-serialization": "off" },
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
  /** `model-method-rename`: model classes and their deprecated methods; given to `no-legacy-serialization` as its option. */
  modelMethods?: ModelMethodConfig[];
  /** Where it was read from, for messages; undefined without a file. */
  file?: string;
}

export const CONFIG_FILE_NAME = 'deprecfix.config.json';

/** Where the config is read from: `--config`, else `deprecfix.config.json` at the repository root. */
export function configFile(repoRoot: string, explicit?: string, cwd = process.cwd()): string {
  return explicit ? path.resolve(cwd, explicit) : path.join(repoRoot, CONFIG_FILE_NAME);
}

export function loadConfig(repoRoot: string, explicit?: string, cwd = process.cwd()): DeprecfixConfig {
  const file = configFile(repoRoot, explicit, cwd);
  if (!existsSync(file)) {
    if (explicit) throw new UsageError(`config file ${explicit} does not exist`, `create it, or drop --config to use ${CONFIG_FILE_NAME} at the repository root`);
    return { rules: {}, python: {} };
  }
  const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  const where = (offset: number) => {
    const lines = text.slice(0, offset).split('\n');
    return `${path.relative(cwd, file) || file}:${lines.length}:${lines.at(-1)!.length + 1}`;
  };
  const fail = (offset: number, problem: string): never => {
    throw new UsageError(`${where(offset)}: ${problem}`, 'see "Configuration" in the deprecfix README');
  };
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false });
  if (errors.length > 0) fail(errors[0].offset, `malformed JSON: ${printParseErrorCode(errors[0].error)}`);
  const value = JSON.parse(text) as unknown;
  if (!root || typeof value !== 'object' || value === null || Array.isArray(value)) return fail(0, 'the config must be a JSON object');
  const offsetOf = (...keys: (string | number)[]) => {
    let node = root;
    for (const key of keys) {
      const child =
        typeof key === 'number' ? node?.children?.[key] : node?.children?.find((property) => property.children?.[0]?.value === key)?.children?.[1];
      if (!child) break;
      node = child;
    }
    return node?.offset ?? 0;
  };

  const config: DeprecfixConfig = { rules: {}, python: {}, file };
  const { rules = {}, python = {}, ignores, include, maxFileSize, test, modelMethods, $schema, ...unknown } = value as Record<string, unknown>;
  void $schema;
  for (const key of Object.keys(unknown)) fail(offsetOf(key), `unknown key "${key}" (expected "rules", "python", "ignores", "include", "maxFileSize", "test" and "modelMethods")`);
  if (modelMethods !== undefined) {
    const problem = modelMethodsProblem(modelMethods, repoRoot);
    if (problem) fail(offsetOf('modelMethods', ...problem.keys), problem.message);
    config.modelMethods = modelMethods as ModelMethodConfig[];
  }
  if (test !== undefined) {
    const commands = typeof test === 'string' ? [test] : test;
    if (!Array.isArray(commands) || commands.length === 0 || commands.some((command) => typeof command !== 'string' || command.trim() === '')) {
      fail(offsetOf('test'), '"test" must be a command such as "python3 -m pytest -q", or a list of them');
    }
    config.test = commands as string[];
  }
  if (maxFileSize !== undefined) {
    if (typeof maxFileSize !== 'number' || !Number.isSafeInteger(maxFileSize) || maxFileSize <= 0) {
      fail(offsetOf('maxFileSize'), '"maxFileSize" must be a whole number of bytes, such as 1048576 (1 MiB, the default)');
    }
    config.maxFileSize = maxFileSize as number;
  }
  for (const [key, globs] of [['ignores', ignores], ['include', include]] as const) {
    if (globs === undefined) continue;
    if (!Array.isArray(globs)) fail(offsetOf(key), `"${key}" must be an array of globs`);
    (globs as unknown[]).forEach((glob, index) => {
      if (typeof glob !== 'string' || glob.trim() === '' || glob.startsWith('!')) {
        fail(offsetOf(key, index), `"${key}[${index}]" must be a repository-relative glob such as "static/vendor/**"${typeof glob === 'string' && glob.startsWith('!') ? ' (no "!": use "include" to take files back)' : ''}`);
      }
    });
    config[key] = globs as string[];
  }
  if (typeof rules !== 'object' || rules === null || Array.isArray(rules)) fail(offsetOf('rules'), '"rules" must be an object');
  for (const [name, setting] of Object.entries(rules as Record<string, unknown>)) {
    const rule = name.replace(/^deprecfix\//, '');
    if (!(rule in RULES)) fail(offsetOf('rules', name), `unknown rule "${name}"; known rules: ${Object.keys(RULES).join(', ')}`);
    const valid = setting === 'off' || setting === 'on' || (typeof setting === 'object' && setting !== null && !Array.isArray(setting));
    if (!valid) fail(offsetOf('rules', name), `rule "${name}" must be "off", "on" or an options object`);
    if (typeof setting === 'object') {
      const problem = ruleOptionsProblem(rule as RuleName, setting as Record<string, unknown>);
      if (problem) fail(offsetOf('rules', name, ...problem.keys), problem.message);
    }
    config.rules[rule as RuleName] = setting as 'off' | 'on' | Record<string, unknown>;
  }
  if (typeof python !== 'object' || python === null || Array.isArray(python)) fail(offsetOf('python'), '"python" must be an object');
  for (const [key, setting] of Object.entries(python as Record<string, unknown>)) {
    if (key !== 'targetVersion' && key !== 'pydantic') fail(offsetOf('python', key), `unknown key "python.${key}" (expected "targetVersion" and "pydantic")`);
    if (typeof setting !== 'string' || !/^\d+(\.\d+)*$/.test(setting)) fail(offsetOf('python', key), `"python.${key}" must be a version such as "3.12"`);
    config.python[key as 'targetVersion' | 'pydantic'] = setting as string;
  }
  return config;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * What is wrong with `modelMethods` (the shape of `no-legacy-serialization`'s option), with the key path. A relative
 * module must exist under the repository; a bare specifier is resolved when the rule runs.
 */
function modelMethodsProblem(value: unknown, repoRoot: string): { keys: (string | number)[]; message: string } | undefined {
  const shape = '[{ "class": "BaseModel", "module": "./src/models/base", "methods": { "dict": "toPlain" } }]';
  if (!Array.isArray(value)) return { keys: [], message: `"modelMethods" must be a list such as ${shape}` };
  for (const [index, entry] of value.entries()) {
    const at = `modelMethods[${index}]`;
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return { keys: [index], message: `"${at}" must be an object such as ${shape.slice(1, -1)}` };
    const { class: className, module, methods, ...extra } = entry as Record<string, unknown>;
    const [unknownKey] = Object.keys(extra);
    if (unknownKey) return { keys: [index, unknownKey], message: `"${at}" has an unknown key "${unknownKey}" (expected "class", "module" and "methods")` };
    if (typeof className !== 'string' || !IDENTIFIER.test(className)) return { keys: [index, 'class'], message: `"${at}.class" must be a class name such as "BaseModel"` };
    if (typeof module !== 'string' || module.trim() === '') return { keys: [index, 'module'], message: `"${at}.module" must be a repository-relative module such as "./src/models/base", or a package name` };
    if ((module.startsWith('.') || path.isAbsolute(module)) && !resolveModelModule(module, repoRoot)) {
      return { keys: [index, 'module'], message: `"${at}.module" is "${module}", which is not a file of the repository (resolved from its root, with or without an extension)` };
    }
    if (typeof methods !== 'object' || methods === null || Array.isArray(methods) || Object.keys(methods).length === 0) {
      return { keys: [index, 'methods'], message: `"${at}.methods" must map old method names to new ones, such as { "dict": "toPlain" }` };
    }
    for (const [old, replacement] of Object.entries(methods)) {
      if (!IDENTIFIER.test(old) || typeof replacement !== 'string' || !IDENTIFIER.test(replacement)) {
        return { keys: [index, 'methods', old], message: `"${at}.methods.${old}" must be a method name such as "toPlain"` };
      }
    }
  }
  return undefined;
}

/** Every configured model class: the top-level `modelMethods` and those given as `no-legacy-serialization`'s option. */
export function modelMethodsOf(config: DeprecfixConfig | undefined): ModelMethodConfig[] {
  const setting = config?.rules['no-legacy-serialization'];
  const fromRule = typeof setting === 'object' && Array.isArray(setting.modelMethods) ? (setting.modelMethods as ModelMethodConfig[]) : [];
  return [...fromRule, ...(config?.modelMethods ?? [])];
}

/**
 * Whether a rule accepts its options, by ESLint's validation against the rule's own `meta.schema` (the check ESLint
 * makes when it lints, where a failure would be blamed on the first file); the message names the key path and the
 * allowed values where the schema lists them. Undefined when the options are valid.
 */
function ruleOptionsProblem(rule: RuleName, options: Record<string, unknown>): { keys: string[]; message: string } | undefined {
  const ruleId = `${PLUGIN_PREFIX}/${rule}`;
  try {
    new Linter().verify('', [{ files: ['**/*.js'], plugins: { [PLUGIN_PREFIX]: plugin as never }, rules: { [ruleId]: ['warn', options] } }], { filename: 'options.js' });
    return undefined;
  } catch (error) {
    const schema = (plugin.rules as Record<string, { meta?: { schema?: unknown } }>)[rule]?.meta?.schema;
    if (Array.isArray(schema) && schema.length === 0) return { keys: [], message: `rule "${rule}" takes no options; use "on" or "off"` };
    const objectSchema = (Array.isArray(schema) ? schema[0] : undefined) as
      | { properties?: Record<string, { enum?: unknown[] }>; additionalProperties?: boolean }
      | undefined;
    const properties = objectSchema?.properties ?? {};
    const quoted = (values: readonly unknown[]) => values.map((value) => JSON.stringify(value)).join(', ');
    for (const [key, value] of Object.entries(options)) {
      if (!(key in properties) && objectSchema?.additionalProperties === false) {
        return { keys: [], message: `"rules.${rule}" has an unknown option "${key}"; allowed options: ${quoted(Object.keys(properties))}` };
      }
      const allowed = properties[key]?.enum;
      if (allowed && !allowed.includes(value)) {
        return { keys: [key], message: `"rules.${rule}.${key}" is ${JSON.stringify(value)}; allowed values: ${quoted(allowed)}` };
      }
    }
    // A schema this summary does not cover: ESLint's own words ("Value … should be …").
    const words = (error as Error).message.replace(/^Key "rules": Key "[^"]*":\s*/, '').replace(/\s+/g, ' ').trim();
    return { keys: [], message: `the options of rule "${rule}" are invalid: ${words}` };
  }
}
