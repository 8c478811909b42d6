import plugin from '../rules/index.js';
import { PLUGIN_PREFIX, RULES, type RuleName } from '../rules/kinds.js';

/**
 * The JSON Schema of `deprecfix.config.json` (CONTRACT §10), built from the rules' own `meta.schema`, so the options a
 * config may give a rule are the ones the rule accepts. `src/config.ts` validates with it; the package ships it as
 * `schema/deprecfix.config.schema.json` (`deprecfix/config-schema.json`), which `test/config-schema.test.ts` keeps
 * equal to this (`npm run schema` rewrites it).
 *
 * Draft-07: the draft VS Code's JSON language service and most editors implement completely, and ajv's default.
 * `errorMessage` is VS Code's own annotation for the message shown when a value fails; deprecfix prints the same words.
 */
const glob = (example: string, hint: string) => ({
  type: 'string',
  minLength: 1,
  pattern: '^[^!\\s]',
  errorMessage: `must be a repository-relative glob such as "${example}"${hint}`,
});

export function configSchema(): Record<string, unknown> {
  const ruleNames = Object.keys(RULES) as RuleName[];
  const definitions = Object.fromEntries(ruleNames.map((name) => [`rule:${name}`, ruleEntrySchema(name)]));
  const ruleRef = (name: RuleName) => ({ $ref: `#/definitions/rule:${name}` });
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'deprecfix.config.json',
    description: 'Configuration of deprecfix (optional: everything works without it). See "Configuration" in the deprecfix README.',
    type: 'object',
    additionalProperties: false,
    properties: {
      $schema: { type: 'string', description: 'The schema editors validate this file with: "./node_modules/deprecfix/schema/deprecfix.config.schema.json".' },
      rules: {
        type: 'object',
        description: 'Rules turned "off" or "on", or given options (an options object turns the rule on). Every rule is on by default.',
        additionalProperties: false,
        // Both spellings: `py-utcnow` and `deprecfix/py-utcnow`, as ESLint users write it.
        properties: Object.fromEntries(ruleNames.flatMap((name) => [[name, ruleRef(name)], [`${PLUGIN_PREFIX}/${name}`, ruleRef(name)]])),
      },
      ignores: {
        type: 'array',
        description: 'Extra globs of files never linted, counted or rewritten, beside .gitignore (a directory ignores everything below it).',
        errorMessage: 'must be an array of globs',
        items: glob('legacy/**', ' (no "!": use "include" to take files back)'),
      },
      include: {
        type: 'array',
        description: 'Globs of files linted and rewritten although deprecfix calls them vendored, minified or generated (it says which it skipped).',
        errorMessage: 'must be an array of globs',
        items: glob('static/vendor/**', ''),
      },
      maxFileSize: {
        type: 'integer',
        exclusiveMinimum: 0,
        maximum: Number.MAX_SAFE_INTEGER,
        description: 'Files larger than this many bytes are skipped with a note. Default 1048576 (1 MiB).',
        errorMessage: 'must be a whole number of bytes, such as 1048576 (1 MiB, the default)',
      },
      test: {
        type: ['string', 'array'],
        description: 'The project\'s test command(s) for a bare `deprecfix fix --test` (run before and after the rewrites).',
        errorMessage: 'must be a command such as "python3 -m pytest -q", or a list of them',
        pattern: '\\S',
        minItems: 1,
        items: { type: 'string', pattern: '\\S', errorMessage: 'must be a command such as "python3 -m pytest -q"' },
      },
      python: {
        type: 'object',
        description: 'Facts about the Python project, when deprecfix cannot read them (pyproject.toml, site-packages).',
        additionalProperties: false,
        properties: {
          targetVersion: { type: 'string', pattern: '^\\d+(\\.\\d+)*$', description: 'The oldest Python the code must run on, e.g. "3.12" (`UTC` needs 3.11).', errorMessage: 'must be a version such as "3.12"' },
          pydantic: { type: 'string', pattern: '^\\d+(\\.\\d+)*$', description: 'The installed pydantic version, e.g. "2.7.1".', errorMessage: 'must be a version such as "2.7.1"' },
        },
      },
      modelMethods: {
        type: 'array',
        description: 'Deprecated methods of the project\'s own model classes, for the kind model-method-rename: a call is rewritten only when its receiver is proven to be that class.',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['class', 'module', 'methods'],
          properties: {
            class: { type: 'string', minLength: 1, description: 'The exported class name, e.g. "BaseModel".', errorMessage: 'must be a class name such as "BaseModel"' },
            module: { type: 'string', minLength: 1, description: 'Where the class is declared: a repository-relative module such as "./src/models/base", or a package name.', errorMessage: 'must be a module such as "./src/models/base"' },
            methods: {
              type: 'object',
              minProperties: 1,
              description: 'Old method name → new method name, e.g. { "dict": "toPlain", "json": "toJSONString" }.',
              errorMessage: 'must map at least one old method name to its new name, such as { "dict": "toPlain" }',
              additionalProperties: { type: 'string', pattern: '^[A-Za-z_$][\\w$]*$', errorMessage: 'must be a method name such as "toPlain"' },
            },
          },
        },
      },
      alsoCount: {
        type: 'array',
        description:
          'Other installed ESLint rules (e.g. "@typescript-eslint/no-deprecated", or ["no-restricted-syntax", { … }]) whose messages `fix` counts before and after as "other deprecations": count only, never rewritten, never in the baseline.',
        items: {
          anyOf: [
            { type: 'string', minLength: 1 },
            { type: 'array', minItems: 1, items: [{ type: 'string', minLength: 1 }] },
          ],
          errorMessage: 'must be a rule id such as "@typescript-eslint/no-deprecated", or [rule id, ...options]',
        },
      },
    },
    definitions,
  };
}

/** A rule's entry: `"on"`, `"off"`, or the options the rule's `meta.schema` accepts. */
function ruleEntrySchema(name: RuleName): Record<string, unknown> {
  const schema = (plugin.rules as Record<string, { meta?: { schema?: unknown } }>)[name].meta?.schema;
  const description = `${RULES[name].description}. "off", "on"${Array.isArray(schema) && schema.length === 0 ? '' : ', or its options'}.`;
  const onOff = { enum: ['on', 'off'] };
  if (Array.isArray(schema) && schema.length === 0) {
    return { description, if: { type: 'object' }, then: { not: {}, errorMessage: 'takes no options; use "on" or "off"' }, else: onOff };
  }
  if (Array.isArray(schema) && schema.length === 1) return { description, if: { type: 'string' }, then: onOff, else: schema[0] };
  // A rule with positional options (or a whole-array schema) needs a config shape of its own; fail the build's tests.
  throw new Error(`rule ${name}: the config schema supports no options or one options object, not ${JSON.stringify(schema)}`);
}
