import { describe, expect, it } from 'vitest';
import ts from 'typescript';
import rule from '../../rules/no-legacy-serialization.js';
import { applyEdits } from '../../transforms/edit.js';
import { rewriteClassTransformer } from '../../transforms/rewrite/class-transformer.js';
import { tempDir, writeFiles } from '../helpers.js';
import { CURRENT_VERSIONS, ruleTesterIn, typedRuleTester, untypedRuleTester, versionSettings } from './rule-tester.js';

const versions = (version: string | null) => versionSettings({ 'class-transformer': version });

typedRuleTester.run('no-legacy-serialization: class-transformer', rule, {
  valid: [
    // Names alone are not findings: a local function, a shadowing parameter, an object's method.
    'function classToPlain(value: unknown) { return value; }\nclassToPlain(1);',
    "import { plainToClass } from 'class-transformer';\nexport function f(plainToClass: (a: unknown) => unknown) { return plainToClass(1); }",
    'const ct = { plainToClass: (value: unknown) => value };\nct.plainToClass(1);',
    "import { plainToClass } from './my-transformer';\nplainToClass(1);",
    "import { plainToInstance, instanceToPlain } from 'class-transformer';\ninstanceToPlain(plainToInstance(Object, {}));",
    // A dynamic member cannot be matched to a name.
    "import * as ct from 'class-transformer';\nexport const call = (name: 'plainToClass') => ct[name];",
    // class-transformer has no default export: `ct` is not the module.
    "import ct from 'class-transformer';\nct.plainToClass(Object, {});",
    // Below the gate the old names are the only names: not findings.
    { code: "import { plainToClass, serialize } from 'class-transformer';\nserialize(plainToClass(Object, {}));", settings: versions('0.3.1') },
    { code: "import { ClassType } from 'class-transformer/ClassTransformer';\nlet c: ClassType<object>;", settings: versions('^0.3.0') },
  ],
  invalid: [
    {
      code: "import { plainToClass, classToPlain } from 'class-transformer';\nconst a = plainToClass(Object, {});\nclassToPlain(a);\nplainToClass(Object, []);",
      output: "import { plainToInstance, instanceToPlain } from 'class-transformer';\nconst a = plainToInstance(Object, {});\ninstanceToPlain(a);\nplainToInstance(Object, []);",
      errors: [
        { messageId: 'class-transformer-rename', line: 2, column: 11, data: { name: 'plainToClass', replacement: 'plainToInstance' } },
        { messageId: 'class-transformer-rename', line: 3, data: { name: 'classToPlain', replacement: 'instanceToPlain' } },
        { messageId: 'class-transformer-rename', line: 4 },
      ],
    },
    {
      // Aliased: only the imported name changes; call sites keep the alias.
      code: "import { plainToClass as toClass } from 'class-transformer';\ntoClass(Object, {});\ntoClass(Object, []);",
      output: "import { plainToInstance as toClass } from 'class-transformer';\ntoClass(Object, {});\ntoClass(Object, []);",
      errors: [{ messageId: 'class-transformer-rename' }, { messageId: 'class-transformer-rename' }],
    },
    {
      code: "import * as ct from 'class-transformer';\nct.classToPlain({});\nct['plainToClass'](Object, {});\nlet c: ct.ClassType<object>;\nct?.classToClass({});",
      output: "import * as ct from 'class-transformer';\nct.instanceToPlain({});\nct['plainToInstance'](Object, {});\nlet c: ct.ClassConstructor<object>;\nct?.instanceToInstance({});",
      errors: [
        { messageId: 'class-transformer-rename', line: 2 },
        { messageId: 'class-transformer-rename', line: 3 },
        { messageId: 'class-transformer-rename', line: 4 },
        // 0.5.1 (the installed version here) has no classToClass: the call raises, the rename repairs it
        { messageId: 'class-transformer-rename/repair', line: 5 },
      ],
    },
    {
      code: "import ct = require('class-transformer');\nct.plainToClass(Object, {});",
      output: "import ct = require('class-transformer');\nct.plainToInstance(Object, {});",
      errors: [{ messageId: 'class-transformer-rename' }],
    },
    {
      code: "const { classToPlain } = await import('class-transformer');\nclassToPlain({});\nrequire('class-transformer').plainToClass(Object, {});",
      output: "const { instanceToPlain } = await import('class-transformer');\ninstanceToPlain({});\nrequire('class-transformer').plainToInstance(Object, {});",
      errors: [{ messageId: 'class-transformer-rename' }, { messageId: 'class-transformer-rename' }],
    },
    {
      // Destructured from a namespace variable, inside a function scope.
      code: "import * as ct from 'class-transformer';\nexport function f() {\n  const { plainToClass } = ct;\n  return plainToClass(Object, {});\n}",
      output: "import * as ct from 'class-transformer';\nexport function f() {\n  const { plainToInstance } = ct;\n  return plainToInstance(Object, {});\n}",
      errors: [{ messageId: 'class-transformer-rename', line: 4 }],
    },
    {
      // The 0.3 subpath modules are gone: the literal moves to the root with every name it binds.
      code: "import type { ClassType } from 'class-transformer/ClassTransformer';\nlet c: ClassType<object>;\nexport type K = ClassType<string>;",
      output: "import type { ClassConstructor } from 'class-transformer';\nlet c: ClassConstructor<object>;\nexport type K = ClassConstructor<string>;",
      errors: [
        { messageId: 'class-transformer-rename', line: 1, data: { name: 'class-transformer/ClassTransformer', replacement: 'class-transformer' } },
        { messageId: 'class-transformer-rename', line: 2 },
        { messageId: 'class-transformer-rename', line: 3 },
      ],
    },
    {
      // An import of types only is erased by the compiler, `import type` or not: nothing fails to load, the move is safe.
      code: "import { ClassType } from 'class-transformer/ClassTransformer';\nexport type K = ClassType<string>;",
      output: "import { ClassConstructor } from 'class-transformer';\nexport type K = ClassConstructor<string>;",
      errors: [{ messageId: 'class-transformer-rename', line: 1 }, { messageId: 'class-transformer-rename', line: 2 }],
    },
    {
      // Imported only for its side effects: nothing binds the root, and dropping the import would lose them.
      code: "import 'class-transformer/decorators';",
      output: null,
      errors: [{ messageId: 'class-transformer-rename/unsupported-form' }],
    },
    {
      code: "export * from 'class-transformer/decorators';",
      output: null,
      errors: [{ messageId: 'class-transformer-rename/reexport' }],
    },
    {
      code: "import { defaultMetadataStorage } from 'class-transformer/cjs/storage';\ndefaultMetadataStorage.toString();",
      output: null,
      errors: [{ messageId: 'class-transformer-rename/deep-import-private' }],
    },
    {
      code: "import * as decorators from 'class-transformer/decorators';\nclass A {\n  @decorators.Expose() a = 1;\n  @decorators.TransformClassToPlain() m() { return this; }\n}",
      output: "import * as decorators from 'class-transformer';\nclass A {\n  @decorators.Expose() a = 1;\n  @decorators.TransformInstanceToPlain() m() { return this; }\n}",
      // 0.5.1 keeps its modules under cjs/ and esm*/: the flat subpath fails to load, so moving it is a repair too
      errors: [{ messageId: 'class-transformer-rename/repair', line: 1 }, { messageId: 'class-transformer-rename/repair', line: 4 }],
    },
    {
      code: "import { TransformClassToPlain, TransformPlainToClass, TransformClassToClass } from 'class-transformer';\nclass A {\n  @TransformClassToPlain() a() { return this; }\n  @TransformPlainToClass(A) b() { return this; }\n  @TransformClassToClass({ groups: ['x'] }) c() { return this; }\n}",
      output: "import { TransformInstanceToPlain, TransformPlainToInstance, TransformInstanceToInstance } from 'class-transformer';\nclass A {\n  @TransformInstanceToPlain() a() { return this; }\n  @TransformPlainToInstance(A) b() { return this; }\n  @TransformInstanceToInstance({ groups: ['x'] }) c() { return this; }\n}",
      // no class-transformer from 0.4.1 on exports the old decorators
      errors: [{ messageId: 'class-transformer-rename/repair' }, { messageId: 'class-transformer-rename/repair' }, { messageId: 'class-transformer-rename/repair' }],
    },
    {
      // A shorthand property keeps its key; typeof and export default are references too.
      code: "import { plainToClass } from 'class-transformer';\nexport const api = { plainToClass };\nexport type F = typeof plainToClass;\nexport default plainToClass;",
      output: "import { plainToInstance } from 'class-transformer';\nexport const api = { plainToClass: plainToInstance };\nexport type F = typeof plainToInstance;\nexport default plainToInstance;",
      errors: [{ messageId: 'class-transformer-rename' }, { messageId: 'class-transformer-rename' }, { messageId: 'class-transformer-rename' }],
    },
    {
      // The replacement is already imported: the old element goes, never a duplicate.
      code: "import { plainToClass, plainToInstance } from 'class-transformer';\nplainToClass(Object, {});\nplainToInstance(Object, {});",
      output: "import { plainToInstance } from 'class-transformer';\nplainToInstance(Object, {});\nplainToInstance(Object, {});",
      errors: [{ messageId: 'class-transformer-rename' }],
    },
    {
      code: "import { serialize, deserialize, deserializeArray } from 'class-transformer';\nclass U {}\nconst s = serialize(new U(), { groups: ['a'] });\nconst u: U = deserialize(U, s);\nconst us: U[] = deserializeArray(U, s, { excludeExtraneousValues: true });",
      output: "import { instanceToPlain, plainToInstance } from 'class-transformer';\nclass U {}\nconst s = JSON.stringify(instanceToPlain(new U(), { groups: ['a'] }));\nconst u: U = plainToInstance(U, JSON.parse(s));\nconst us: U[] = plainToInstance(U, JSON.parse(s) as unknown[], { excludeExtraneousValues: true });",
      errors: [
        { messageId: 'class-transformer-serialize', line: 3, column: 11, data: { name: 'serialize', replacement: 'JSON.stringify(instanceToPlain(…))' } },
        { messageId: 'class-transformer-serialize', line: 4 },
        { messageId: 'class-transformer-serialize', line: 5 },
      ],
    },
    {
      // The other calls are rewritten; the forms without a behaviour-preserving rewrite keep the import alive.
      code: "import { serialize, deserialize } from 'class-transformer';\nconst args: [object] = [{}];\nserialize({});\nserialize(...args);\n[{}].map(serialize);\ndeserialize(Object, '{}', makeOptions());\nserialize?.({});\ndeserialize(Object);",
      output: "import { serialize, deserialize, instanceToPlain } from 'class-transformer';\nconst args: [object] = [{}];\nJSON.stringify(instanceToPlain({}));\nserialize(...args);\n[{}].map(serialize);\ndeserialize(Object, '{}', makeOptions());\nserialize?.({});\ndeserialize(Object);",
      errors: [
        { messageId: 'class-transformer-serialize', line: 3 },
        { messageId: 'class-transformer-serialize/unsupported-form', line: 4 },
        { messageId: 'class-transformer-serialize/unsupported-form', line: 5 },
        { messageId: 'class-transformer-serialize/unsupported-form', line: 6 },
        { messageId: 'class-transformer-serialize/unsupported-form', line: 7 },
        { messageId: 'class-transformer-serialize/unsupported-form', line: 8 },
      ],
    },
    {
      // serialize's options are evaluated before the call either way: JSON.stringify only wraps the result.
      code: "import { serialize } from 'class-transformer';\nserialize({}, makeOptions());",
      output: "import { instanceToPlain } from 'class-transformer';\nJSON.stringify(instanceToPlain({}, makeOptions()));",
      errors: [{ messageId: 'class-transformer-serialize' }],
    },
    {
      code: "import { serialize } from 'class-transformer';\nconst instanceToPlain = (v: unknown) => v;\nserialize(instanceToPlain({}));",
      output: null,
      errors: [{ messageId: 'class-transformer-serialize/name-conflict' }],
    },
    {
      code: "import * as ct from 'class-transformer';\njest.spyOn(ct, 'serialize');\nct.serialize({});",
      output: null,
      errors: [
        { messageId: 'class-transformer-serialize/string-reference', line: 2 },
        { messageId: 'class-transformer-serialize/string-reference', line: 3 },
      ],
    },
    {
      code: "import { serialize } from 'class-transformer';\nexport function f(JSON: { stringify(v: unknown): string }) {\n  return serialize({});\n}",
      output: null,
      errors: [{ messageId: 'class-transformer-serialize/name-conflict' }],
    },
    {
      code: "import { classToPlainFromExist, plainToClassFromExist } from 'class-transformer';\nclassToPlainFromExist({}, {});\nplainToClassFromExist({}, {});",
      output: null,
      errors: [
        { messageId: 'class-transformer-from-exist', data: { name: 'classToPlainFromExist' } },
        { messageId: 'class-transformer-from-exist', data: { name: 'plainToClassFromExist' } },
      ],
    },
    {
      code: "import { classToPlainFromExist } from 'class-transformer';\nclassToPlainFromExist({}, {});",
      output: null,
      settings: versions(null),
      errors: [{ messageId: 'class-transformer-from-exist/version-unknown' }],
    },
    {
      code: "import { plainToClass } from 'class-transformer';\nconst plainToInstance = 1;\nplainToClass(Object, plainToInstance);",
      output: null,
      errors: [{ messageId: 'class-transformer-rename/name-conflict' }],
    },
    {
      code: "import { plainToClass } from 'class-transformer';\nexport function f() {\n  const plainToInstance = 1;\n  return plainToClass(Object, plainToInstance);\n}\nplainToClass(Object, {});",
      output: null,
      errors: [{ messageId: 'class-transformer-rename/name-conflict' }, { messageId: 'class-transformer-rename/name-conflict' }],
    },
    {
      // A re-export under the old name is the module's API; under another name only the imported name changes.
      code: "export { plainToClass, classToPlain as toPlain } from 'class-transformer';",
      output: "export { plainToClass, instanceToPlain as toPlain } from 'class-transformer';",
      errors: [{ messageId: 'class-transformer-rename/reexport' }, { messageId: 'class-transformer-rename' }],
    },
    {
      code: "import { classToClass } from 'class-transformer';\nexport { classToClass };\nclassToClass({});",
      output: null,
      errors: [{ messageId: 'class-transformer-rename/reexport', line: 2 }, { messageId: 'class-transformer-rename/partial-reference', line: 3 }],
    },
    {
      // Policy: a string spy names the export; it must keep matching what the code under test calls (maybe outside
      // the scope), so neither it nor any other reference of that export in the file is rewritten. Other exports are.
      code: "import * as ct from 'class-transformer';\nimport { plainToClass } from 'class-transformer';\njest.spyOn(ct, 'plainToClass');\nplainToClass(Object, {});\nct.plainToClass(Object, {});\nct.classToPlain({});",
      output: "import * as ct from 'class-transformer';\nimport { plainToClass } from 'class-transformer';\njest.spyOn(ct, 'plainToClass');\nplainToClass(Object, {});\nct.plainToClass(Object, {});\nct.instanceToPlain({});",
      errors: [
        { messageId: 'class-transformer-rename/string-reference', line: 3 },
        { messageId: 'class-transformer-rename/string-reference', line: 4 },
        { messageId: 'class-transformer-rename/string-reference', line: 5 },
        { messageId: 'class-transformer-rename', line: 6 },
      ],
    },
    {
      code: "import { classToPlain } from 'class-transformer';\njest.mock('class-transformer', () => ({ ...jest.requireActual('class-transformer'), classToPlain: jest.fn() }));\nclassToPlain({});",
      output: null,
      errors: [{ messageId: 'class-transformer-rename/string-reference', line: 2 }, { messageId: 'class-transformer-rename/string-reference', line: 3 }],
    },
    {
      code: "import { plainToClass, serialize } from 'class-transformer';\nserialize(plainToClass(Object, {}));",
      output: null,
      settings: versions(null),
      errors: [{ messageId: 'class-transformer-serialize/version-unknown' }, { messageId: 'class-transformer-rename/version-unknown' }],
    },
    {
      code: "import { plainToClass } from 'class-transformer';\nplainToClass(Object, {});",
      output: "import { plainToInstance } from 'class-transformer';\nplainToInstance(Object, {});",
      settings: versions('^0.5.0'),
      errors: [{ messageId: 'class-transformer-rename' }],
    },
  ],
});

// Without type information the fixes are the same: these kinds never depend on a type. (JavaScript files run
// here: the typed tester's project service does not serve `file.js`.)
untypedRuleTester.run('no-legacy-serialization: class-transformer (untyped, JavaScript)', rule, {
  valid: [],
  invalid: [
    {
      filename: 'file.js',
      code: "const ct = require('class-transformer');\nconst { plainToClass } = require('class-transformer');\nconst { classToPlain: toPlain } = ct;\nct.classToClass({});\nplainToClass(Object, {});\ntoPlain({});",
      output: "const ct = require('class-transformer');\nconst { plainToInstance } = require('class-transformer');\nconst { instanceToPlain: toPlain } = ct;\nct.instanceToInstance({});\nplainToInstance(Object, {});\ntoPlain({});",
      errors: [{ messageId: 'class-transformer-rename/repair', line: 4 }, { messageId: 'class-transformer-rename', line: 5 }, { messageId: 'class-transformer-rename', line: 6 }],
    },
    {
      filename: 'file.js',
      code: "import * as ct from 'class-transformer';\nct.serialize({});\nct.deserializeArray(Object, '[]');",
      output: "import * as ct from 'class-transformer';\nJSON.stringify(ct.instanceToPlain({}));\nct.plainToInstance(Object, JSON.parse('[]'));",
      errors: [{ messageId: 'class-transformer-serialize' }, { messageId: 'class-transformer-serialize' }],
    },
    {
      code: "import { classToPlain } from 'class-transformer';\nclassToPlain({});",
      output: "import { instanceToPlain } from 'class-transformer';\ninstanceToPlain({});",
      errors: [{ messageId: 'class-transformer-rename' }],
    },
  ],
});

// A spy in another file of the repository (issue 10.1). Plain ESLint cannot know which files the user fixes, so a
// spied export is held everywhere; the CLI passes the files it rewrites together as `settings.deprecfix.rewriteSet`,
// and when the spy and every file that references the export are among them, they are renamed together.
const spyRepo = writeFiles(tempDir(), {
  'package.json': JSON.stringify({ name: 'app' }),
  'test/user.spec.ts': "import * as ct from 'class-transformer';\n\nit('parses', () => {\n  jest.spyOn(ct, 'plainToClass');\n});\n",
  'src/user.ts': "import { plainToClass } from 'class-transformer';\nexport const parse = (raw: unknown) => plainToClass(Object, raw);\n",
});
const spied = {
  messageId: 'class-transformer-rename/spied',
  data: { name: 'plainToClass', replacement: 'plainToInstance', spiedName: 'plainToClass', spiedAt: 'test/user.spec.ts:4' },
};
const rewriting = (...files: string[]) => ({ deprecfix: { versions: CURRENT_VERSIONS, rewriteSet: files } });

ruleTesterIn(spyRepo).run('no-legacy-serialization: a spy in another file', rule, {
  valid: [],
  invalid: [
    {
      // Plain ESLint: held, naming the spy.
      code: "import { plainToClass, classToPlain } from 'class-transformer';\nplainToClass(Object, {});\nclassToPlain({});",
      filename: 'src/user.ts',
      output: "import { plainToClass, instanceToPlain } from 'class-transformer';\nplainToClass(Object, {});\ninstanceToPlain({});",
      errors: [spied, { messageId: 'class-transformer-rename' }],
    },
    {
      // The spec itself: its spy string stays, as any string reference does without a rewrite set.
      code: "import * as ct from 'class-transformer';\n\nit('parses', () => {\n  jest.spyOn(ct, 'plainToClass');\n});\n",
      filename: 'test/user.spec.ts',
      output: null,
      errors: [{ messageId: 'class-transformer-rename/string-reference' }],
    },
    {
      // The CLI rewrites only the source file: held.
      code: "import { plainToClass } from 'class-transformer';\nplainToClass(Object, {});",
      filename: 'src/user.ts',
      settings: rewriting('src/user.ts'),
      output: null,
      errors: [spied],
    },
    {
      // The CLI rewrites both: the call and the spy's string move together.
      code: "import { plainToClass } from 'class-transformer';\nexport const parse = (raw: unknown) => plainToClass(Object, raw);\n",
      filename: 'src/user.ts',
      settings: rewriting('src/user.ts', 'test/user.spec.ts'),
      output: "import { plainToInstance } from 'class-transformer';\nexport const parse = (raw: unknown) => plainToInstance(Object, raw);\n",
      errors: [{ messageId: 'class-transformer-rename' }],
    },
    {
      code: "import * as ct from 'class-transformer';\n\nit('parses', () => {\n  jest.spyOn(ct, 'plainToClass');\n});\n",
      filename: 'test/user.spec.ts',
      settings: rewriting('src/user.ts', 'test/user.spec.ts'),
      output: "import * as ct from 'class-transformer';\n\nit('parses', () => {\n  jest.spyOn(ct, 'plainToInstance');\n});\n",
      errors: [{ messageId: 'class-transformer-rename' }],
    },
    {
      // A mock factory key of the spec file moves the same way.
      code: "jest.mock('class-transformer', () => ({ ...jest.requireActual('class-transformer'), plainToClass: jest.fn() }));\n",
      filename: 'test/user.spec.ts',
      settings: rewriting('src/user.ts', 'test/user.spec.ts'),
      output: "jest.mock('class-transformer', () => ({ ...jest.requireActual('class-transformer'), plainToInstance: jest.fn() }));\n",
      errors: [{ messageId: 'class-transformer-rename' }],
    },
    {
      // A shorthand key is also a variable: it cannot be renamed as a key alone, so the name stays held.
      code: "jest.mock('class-transformer', () => {\n  const plainToClass = jest.fn();\n  return { plainToClass };\n});\n",
      filename: 'test/user.spec.ts',
      settings: rewriting('src/user.ts', 'test/user.spec.ts'),
      output: null,
      errors: [{ messageId: 'class-transformer-rename/string-reference' }],
    },
  ],
});

describe('rewriteClassTransformer on part of a file', () => {
  const code = "import { plainToClass } from 'class-transformer';\nexport function inScope() { return plainToClass(Object, {}); }\nexport function outOfScope() { return plainToClass(Object, []); }\n";
  const sourceFile = ts.createSourceFile('file.ts', code, ts.ScriptTarget.Latest, true);
  const first = code.indexOf('plainToClass(Object, {})');

  it('renames only the sites it is given and imports the new name beside the old one', () => {
    const rewrite = rewriteClassTransformer(sourceFile, [{ kind: 'class-transformer-rename', start: first, end: first + 'plainToClass'.length }], undefined);
    expect(rewrite.skipped).toEqual([]);
    expect(applyEdits(code, rewrite.edits)).toBe(
      "import { plainToClass, plainToInstance } from 'class-transformer';\nexport function inScope() { return plainToInstance(Object, {}); }\nexport function outOfScope() { return plainToClass(Object, []); }\n",
    );
  });

  it('skips a site that is not a class-transformer reference, and leaves the others', () => {
    const local = ts.createSourceFile('file.ts', 'function plainToClass() {}\nplainToClass();\n', ts.ScriptTarget.Latest, true);
    const start = local.text.lastIndexOf('plainToClass');
    const rewrite = rewriteClassTransformer(local, [{ kind: 'class-transformer-rename', start, end: start + 'plainToClass'.length }], undefined);
    expect(rewrite.edits).toEqual([]);
    expect(rewrite.skipped).toHaveLength(1);
  });
});
