import rule from '../../rules/no-legacy-serialization.js';
import { typedRuleTester, untypedRuleTester } from './rule-tester.js';

/**
 * model-method-rename: `modelMethods` names `BaseModel` of `test/rules/fixture/models/base.ts` (resolved against
 * ESLint's cwd, the fixture directory). A call is a finding only when the receiver is proven a `BaseModel`.
 */
const MODEL = { class: 'BaseModel', module: './models/base', methods: { dict: 'toPlain', json: 'toJSONString' } };
const options = [{ modelMethods: [MODEL] }] as const;
const IMPORT = "import { BaseModel, Task, UrgentTask, Note, Lookalike, Unrelated } from './models/base.js';\n";

const valid = (code: string, modelMethods = [MODEL]) => ({ code: IMPORT + code, options: [{ modelMethods }] });
const fixedRow = (code: string, output: string) => ({ code: IMPORT + code, output: IMPORT + output, options, errors: [{ messageId: 'model-method-rename' }] });
const refused = (reason: string, code: string, modelMethods = [MODEL], data?: Record<string, string>) => ({
  code: IMPORT + code,
  output: null,
  options: [{ modelMethods }],
  errors: [{ messageId: `model-method-rename/${reason}`, ...(data ? { data } : {}) }],
});

typedRuleTester.run('no-legacy-serialization: model-method-rename (typed)', rule, {
  valid: [
    // Nothing configured: the kind is off.
    { code: `${IMPORT}declare const t: Task; t.dict();`, options: [{ modelMethods: [] }] },
    `${IMPORT}declare const t: Task; t.dict();`,
    // An unrelated class with the same method names, one implementing the same interface, a structural twin.
    valid('declare const u: Unrelated; u.dict(); u.json();'),
    valid('declare const l: Lookalike; l.dict(); l.json();'),
    valid('declare const s: import("./models/base.js").Serializable; s.dict();'),
    valid('const twin: { dict(): Record<string, unknown>; toPlain(): Record<string, unknown> } = { dict: () => ({}), toPlain: () => ({}) }; twin.dict();'),
    // An interface extending the class is a shape: an object literal of it brings its own dict() and toPlain().
    valid('interface TaskLike extends BaseModel { title: string } declare const t: TaskLike; t.dict();'),
    // fetch's Response, a Map, a plain object literal.
    valid('async function load(res: Response) { return res.json(); }'),
    valid('declare const m: Map<string, { dict(): unknown }>; m.get("a")?.dict();'),
    valid('const plain = { dict() { return {}; }, json() { return "{}"; } }; plain.dict(); plain.json();'),
    // `any` is no proof, and `json()` is too common to report on a guess (as `buffer-slice` does with `slice()`).
    valid('declare const a: any; a.dict(); a.json();'),
    valid('function f<T>(x: T & { dict(): unknown }) { return x.dict(); }'),
    // The class object is not an instance; the method's own declaration and an assignment are no calls.
    valid('class Local extends BaseModel { override dict() { return this.toPlain(); } }'),
    valid('declare const t: Task; t.dict = () => ({});'),
    // New names are fine.
    valid('declare const t: Task; t.toPlain(); t.toJSONString();'),
  ],
  invalid: [
    // A subclass, the class itself, a deeper subclass: the receiver is proven, the fix is safe.
    fixedRow('declare const t: Task; const plain = t.dict();', 'declare const t: Task; const plain = t.toPlain();'),
    fixedRow('declare const b: BaseModel; b.json();', 'declare const b: BaseModel; b.toJSONString();'),
    fixedRow('declare const u: UrgentTask; u.dict();', 'declare const u: UrgentTask; u.toPlain();'),
    // A union of two subclasses: every member is proven.
    fixedRow('declare const x: Task | Note; x.dict();', 'declare const x: Task | Note; x.toPlain();'),
    // null/undefined are handled by the optional chain, which is kept.
    fixedRow('declare const t: Task | undefined; t?.dict();', 'declare const t: Task | undefined; t?.toPlain();'),
    fixedRow('declare const t: Task; t.dict?.();', 'declare const t: Task; t.toPlain?.();'),
    // Generics constrained to the class, `this` inside a subclass, an intersection with a model member.
    fixedRow('function f<T extends Task>(x: T) { return x.json(); }', 'function f<T extends Task>(x: T) { return x.toJSONString(); }'),
    fixedRow('class Local extends BaseModel { show() { return this.dict(); } }', 'class Local extends BaseModel { show() { return this.toPlain(); } }'),
    fixedRow('declare const x: Task & { tag: string }; x.dict();', 'declare const x: Task & { tag: string }; x.toPlain();'),
    // Through a barrel that re-exports the class under another name: the same class.
    fixedRow("import { Model } from './models/barrel.js';\ndeclare const m: Model; m.dict();", "import { Model } from './models/barrel.js';\ndeclare const m: Model; m.toPlain();"),
    // A union with a non-model member: the name matches, the type is not proven.
    refused('unresolved-type', 'declare const x: Task | Response; x.json();'),
    // The old method referenced, not called; `super.dict()`.
    refused('model-method-reference', 'declare const t: Task; const f = t.dict;'),
    refused('model-super-call', 'class Local extends Task { show() { return super.dict(); } }'),
    // A subclass overrides dict(): calls that may reach it are refused — on it, and on the classes above it.
    refused('model-method-overridden', "import { AuditedTask } from './models/custom.js';\ndeclare const a: AuditedTask; a.dict();", [MODEL], { name: 'dict', replacement: 'toPlain', className: '`BaseModel`', overrider: 'AuditedTask' }),
    refused('model-method-overridden', "import { AuditedTask } from './models/custom.js';\ndeclare const t: Task; t.dict(); declare const a: AuditedTask;", [MODEL], { name: 'dict', replacement: 'toPlain', className: '`BaseModel`', overrider: 'AuditedTask' }),
    // The replacement does not exist (a typo in the config), or takes other arguments / returns another type.
    refused('model-replacement-missing', 'declare const t: Task; t.dict();', [{ ...MODEL, methods: { dict: 'toPlane', json: 'toJSONString' } }], { name: 'dict', className: '`BaseModel`', replacement: 'toPlane', receiverType: 'Task' }),
    refused('model-signature-differs', 'declare const t: Task; t.dict();', [{ ...MODEL, methods: { dict: 'toJSONString', json: 'toJSONString' } }]),
  ],
});

/** Without type information nothing is proven, and the names are too common to report. */
untypedRuleTester.run('no-legacy-serialization: model-method-rename (untyped)', rule, {
  valid: [{ code: 'task.dict(); res.json();', options }],
  invalid: [],
});
