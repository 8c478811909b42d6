/**
 * Issue 15 item 3: deprecfix.config.json has a JSON Schema shipped in the package (`$schema` works in editors), built
 * from the rules' own `meta.schema` so it cannot drift from them, and the config is validated with it: errors name
 * the key path, what was expected and file:line:column (exit 2).
 */
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import plugin from '../rules/index.js';
import { RULES, type RuleName } from '../rules/kinds.js';
import { loadConfig } from '../src/config.js';
import { configSchema } from '../src/config-schema.js';
import { UsageError } from '../src/errors.js';
import { tempDir, writeFiles } from './helpers.js';

const SHIPPED = new URL('../schema/deprecfix.config.schema.json', import.meta.url);
/** The config `text` in a repository holding `files` (a `modelMethods` module must exist). */
const loadIn = (files: Record<string, string>, text: string) => loadConfig(writeFiles(tempDir(), { ...files, 'deprecfix.config.json': text }), undefined, '/');
const load = (text: string) => loadIn({}, text);
const messageOf = (text: string): string => {
  try {
    load(text);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as UsageError).message;
  }
  throw new Error(`${text} loaded without an error`);
};

describe('the shipped JSON Schema', () => {
  it('is the schema deprecfix validates with (run `npm run schema` after changing a rule\'s options)', () => {
    expect(JSON.parse(readFileSync(SHIPPED, 'utf8'))).toEqual(configSchema());
  });

  it("gives each rule exactly the options its meta.schema declares", () => {
    const schema = configSchema() as { definitions: Record<string, { else?: unknown; then?: unknown }> };
    for (const name of Object.keys(RULES) as RuleName[]) {
      const declared = plugin.rules[name].meta.schema as unknown[];
      const entry = schema.definitions[`rule:${name}`];
      if (declared.length === 0) expect(entry.then, name).toMatchObject({ not: {} });
      else expect(entry.else, name).toEqual(declared[0]);
    }
  });

  it('is a valid draft-07 schema, with a description on every top-level key', () => {
    const ajv = new Ajv({ allowUnionTypes: true, strictTuples: false, keywords: ['errorMessage'] });
    const schema = configSchema() as { $schema: string; properties: Record<string, { description?: string }> };
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(ajv.validateSchema(schema)).toBe(true);
    for (const [key, property] of Object.entries(schema.properties)) expect(property.description, key).toBeTruthy();
  });

  it('is exported as deprecfix/config-schema.json and ships in the package files', () => {
    const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { exports: Record<string, string>; files: string[] };
    expect(manifest.exports['./config-schema.json']).toBe('./schema/deprecfix.config.schema.json');
    expect(manifest.files).toContain('schema');
  });
});

describe('deprecfix.config.json validated against the schema', () => {
  it('loads every key', () => {
    const config = loadIn({ 'src/models/base.ts': 'export class BaseModel {}\n' },
      JSON.stringify({
        $schema: './node_modules/deprecfix/schema/deprecfix.config.schema.json',
        rules: { 'deprecfix/py-utcnow': { style: 'aware' }, 'no-legacy-serialization': 'off', 'no-utcnow-date': 'on' },
        ignores: ['legacy/**'],
        include: ['static/vendor/ours.js'],
        maxFileSize: 2048,
        test: 'npm test',
        python: { targetVersion: '3.12', pydantic: '2.7.1' },
        modelMethods: [{ class: 'BaseModel', module: './src/models/base', methods: { dict: 'toPlain', json: 'toJSONString' } }],
        alsoCount: ['@typescript-eslint/no-deprecated', ['no-restricted-syntax', { selector: 'CallExpression', message: 'm' }]],
      }),
    );
    expect(config).toMatchObject({
      rules: { 'py-utcnow': { style: 'aware' }, 'no-legacy-serialization': 'off', 'no-utcnow-date': 'on' },
      ignores: ['legacy/**'],
      include: ['static/vendor/ours.js'],
      maxFileSize: 2048,
      test: ['npm test'],
      python: { targetVersion: '3.12', pydantic: '2.7.1' },
      modelMethods: [{ class: 'BaseModel', module: './src/models/base', methods: { dict: 'toPlain', json: 'toJSONString' } }],
      alsoCount: [
        { ruleId: '@typescript-eslint/no-deprecated', options: [] },
        { ruleId: 'no-restricted-syntax', options: [{ selector: 'CallExpression', message: 'm' }] },
      ],
    });
  });

  it.each([
    ['{"modelMethods":[{"class":"BaseModel","module":"./m"}]}', ':1:18: "modelMethods[0]" is missing "methods"'],
    ['{"modelMethods":[{"class":"BaseModel","module":"./m","methods":{}}]}', ':1:64: "modelMethods[0].methods" must map at least one old method name to its new name'],
    ['{"modelMethods":[{"class":"B","module":"./m","methods":{"dict":3}}]}', ':1:64: "modelMethods[0].methods.dict" must be a method name such as "toPlain"'],
    ['{"modelMethods":[{"class":"B","module":"./m","methods":{"a":"b"},"klass":1}]}', ':1:66: unknown key "modelMethods[0].klass" (did you mean "class"?); expected "class", "module", "methods"'],
    ['{"alsoCount":[3]}', ':1:15: "alsoCount[0]" must be a rule id such as "@typescript-eslint/no-deprecated", or [rule id, ...options]'],
    ['{"rules":{"no-utcnow":"off"}}', ':1:11: unknown rule "no-utcnow" (did you mean "no-utcnow-date", "py-utcnow"?); known rules: no-utcnow-date, no-legacy-serialization, no-deprecated-helper, py-utcnow, py-pydantic-v1'],
    ['{"rules":{"py-utcnow":"warn"}}', ':1:23: "rules.py-utcnow" is "warn"; allowed values: "on", "off"'],
    ['{"rules":{"no-utcnow-date":"error"}}', ':1:28: "rules.no-utcnow-date" is "error"; allowed values: "on", "off"'],
    ['{"python":{"target":"3.12"}}', ':1:12: unknown key "python.target" (did you mean "targetVersion"?); expected "targetVersion", "pydantic"'],
    ['{"python":{"targetVersion":3.12}}', ':1:28: "python.targetVersion" must be a version such as "3.12"'],
    ['{"test":""}', ':1:9: "test" must be a command such as "python3 -m pytest -q", or a list of them'],
    ['{"test":["npm test", 1]}', ':1:22: "test[1]" must be a command such as "python3 -m pytest -q"'],
    ['{"rules":{"py-utcnow":["aware"]}}', ':1:23: "rules.py-utcnow" must be an object, found an array'],
    ['{"python":[]}', ':1:11: "python" must be an object, found an array'],
    ['[]', ':1:1: the config must be a JSON object'],
    ['{"ignores":[],\n "ignores":["a"]}', ':2:2: duplicate key "ignores"'],
    ['{"ignores":["a",]}', ':1:16: malformed JSON: trailing comma before \']\''],
    ['// note\n{}', ':1:1: malformed JSON: comments are not allowed in JSON'],
    ['', ':1:1: malformed JSON'],
  ])('%s → %s', (text, expected) => {
    expect(messageOf(text)).toContain(expected);
  });
});
