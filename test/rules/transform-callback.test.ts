/**
 * `class-transformer-transform-callback`: class-transformer ≥ 0.3.2 calls a `@Transform` callback with one object
 * `{ value, key, obj, type, options }`; a positional `(value, obj, type)` callback silently receives the object.
 */
import rule from '../../rules/no-legacy-serialization.js';
import { typedRuleTester, untypedRuleTester, versionSettings } from './rule-tester.js';

const KIND = 'class-transformer-transform-callback';
const versions = (version: string | null) => versionSettings({ 'class-transformer': version });
const IMPORT = "import { Transform } from 'class-transformer';\n";
const cls = (decorator: string) => `${IMPORT}export class Dto {\n  ${decorator}\n  name!: string;\n}`;
const repairs = (name: string, version = 'class-transformer 0.5.1') =>
  `${version} calls it with one object { value, key, obj, type, options }, so \`${name}\` receives that object, not the value`;

for (const [label, tester] of [['typed', typedRuleTester], ['untyped', untypedRuleTester]] as const) {
  tester.run(`no-legacy-serialization: @Transform callbacks (${label})`, rule, {
    valid: [
      // new-style already: destructured, typed TransformFnParams, named params, read as p.value, no parameter
      cls('@Transform(({ value }) => value.trim())'),
      cls('@Transform(({ value: v, obj }) => v ?? obj.fallback)'),
      `import { Transform, TransformFnParams } from 'class-transformer';\nexport class Dto {\n  @Transform((p: TransformFnParams) => p.value)\n  name!: string;\n}`,
      cls('@Transform((params) => String(params))'),
      cls('@Transform((p) => p.value.trim())'),
      cls("@Transform((p) => p['obj'].name)"),
      cls('@Transform(() => 1)'),
      // not class-transformer's Transform
      "import { Transform } from './my-decorators';\nexport class Dto {\n  @Transform((value) => value)\n  name!: string;\n}",
      // 0.3.1 and before: positional is right
      { code: cls('@Transform((value) => value.trim())'), settings: versions('0.3.1') },
    ],
    invalid: [
      {
        code: cls('@Transform((value) => value.trim())'),
        output: cls('@Transform(({ value }) => value.trim())'),
        errors: [{ messageId: KIND, line: 3, column: 14, data: { callback: '(value) => …', repairs: repairs('value') } }],
      },
      {
        // other names keep theirs; no parentheses get some
        code: cls('@Transform((v, o) => v ?? o.other)'),
        output: cls('@Transform(({ value: v, obj: o }) => v ?? o.other)'),
        errors: [{ messageId: KIND }],
      },
      {
        code: cls('@Transform(v => v.toLowerCase(), { toClassOnly: true })'),
        output: cls('@Transform(({ value: v }) => v.toLowerCase(), { toClassOnly: true })'),
        errors: [{ messageId: KIND }],
      },
      {
        code: cls('@Transform(function (value, obj, type) { return type === 1 ? obj.x : value; })'),
        output: cls('@Transform(function ({ value, obj, type }) { return type === 1 ? obj.x : value; })'),
        errors: [{ messageId: KIND }],
      },
      {
        // annotations become the object's type, which TransformFnParams is assignable to
        code: cls('@Transform((value: string, obj: Record<string, string>) => value || obj.name)'),
        output: cls('@Transform(({ value, obj }: { value: string; obj: Record<string, string> }) => value || obj.name)'),
        errors: [{ messageId: KIND }],
      },
      {
        // aliased and namespace imports of Transform
        code: "import { Transform as T } from 'class-transformer';\nimport * as ct from 'class-transformer';\nexport class Dto {\n  @T((value) => value)\n  a!: string;\n  @ct.Transform((value) => value)\n  b!: string;\n}",
        output:
          "import { Transform as T } from 'class-transformer';\nimport * as ct from 'class-transformer';\nexport class Dto {\n  @T(({ value }) => value)\n  a!: string;\n  @ct.Transform(({ value }) => value)\n  b!: string;\n}",
        errors: [{ messageId: KIND, line: 4 }, { messageId: KIND, line: 6 }],
      },
      {
        // a range only: the repair names it
        code: cls('@Transform((value) => value.trim())'),
        output: cls('@Transform(({ value }) => value.trim())'),
        settings: versions('^0.5.1'),
        errors: [{ messageId: KIND, data: { callback: '(value) => …', repairs: repairs('value', 'class-transformer ^0.5.1') } }],
      },
      // by hand: a reference, rest, default, a destructured second parameter, `arguments`
      { code: `${IMPORT}const trim = (value: string) => value.trim();\nexport class Dto {\n  @Transform(trim)\n  name!: string;\n}`, output: null, errors: [{ messageId: `${KIND}/callback-not-inline`, data: { callback: 'trim' } }] },
      { code: cls('@Transform((...args) => args[0])'), output: null, errors: [{ messageId: `${KIND}/callback-not-inline` }] },
      { code: cls("@Transform((value = '') => value)"), output: null, errors: [{ messageId: `${KIND}/callback-not-inline` }] },
      { code: cls('@Transform((value, { id }) => value ?? id)'), output: null, errors: [{ messageId: `${KIND}/callback-not-inline` }] },
      { code: cls('@Transform(function (value) { return arguments[1] ?? value; })'), output: null, errors: [{ messageId: `${KIND}/callback-not-inline` }] },
      { code: cls('@Transform((value: string, obj) => value ?? obj)'), output: null, errors: [{ messageId: `${KIND}/callback-not-inline` }] },
      // version unknown: reported, not fixed
      { code: cls('@Transform((value) => value)'), output: null, settings: versions(null), errors: [{ messageId: `${KIND}/version-unknown` }] },
    ],
  });
}
