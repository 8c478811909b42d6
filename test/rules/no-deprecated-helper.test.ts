import rule from '../../rules/no-deprecated-helper.js';
import { fixed, typedRuleTester, untypedRuleTester } from './rule-tester.js';

// The helpers live in `fixture/deprecated-helper/` (time.ts, task.ts, a barrel and an `export *` module); the
// program pulls them in through the imports. `legacy-time` is a package in `fixture/node_modules`.

/** A finding left with fix `none` for `reason` (the message names it, so the report can show it). */
function refused(code: string, reason: string, data?: Record<string, string>) {
  return { code, output: null, errors: [{ messageId: `deprecated-helper/${reason}`, ...(data ? { data } : {}), suggestions: [] }] };
}

typedRuleTester.run('no-deprecated-helper (typed)', rule, {
  valid: [
    // The replacement itself, and helpers that are not deprecated.
    "import { nowUtc, parseIso } from './deprecated-helper/time.js'; nowUtc(); parseIso('x');",
    // A @deprecated tag that names no replacement is not this kind (@typescript-eslint/no-deprecated points at it).
    "import { legacyOffset } from './deprecated-helper/time.js'; legacyOffset();",
    // A package's @deprecated is a library's business: not a repository helper.
    "import { utcnow } from 'legacy-time'; utcnow();",
    // A local function that merely shares the name.
    'function utcnow() { return new Date(); } utcnow();',
    "import { Task } from './deprecated-helper/task.js'; declare const o: { toDict(): object }; o.toDict();",
    // Re-exports and imports are the module's API, not uses.
    "export { utcnow } from './deprecated-helper/time.js';",
    // A deprecated constant is not a helper.
    'export const LIMIT = 10;\n/** @deprecated Use {@link LIMIT}. */\nexport const MAX = 10;\nexport const all = [MAX];\n',
    // A type query names the helper without using it.
    "import { utcnow } from './deprecated-helper/time.js'; export type Clock = typeof utcnow;",
  ],
  invalid: [
    // Cross-module, the import follows: renamed when no other reference is left…
    fixed(
      ['deprecated-helper'],
      "import { utcnow } from './deprecated-helper/time.js';\nexport const at = utcnow();\n",
      "import { nowUtc } from './deprecated-helper/time.js';\nexport const at = nowUtc();\n",
    ),
    // …extended when the old name is still used elsewhere (here: passed as a value, which is left)…
    {
      code: "import { utcnow } from './deprecated-helper/time.js';\nexport const at = utcnow();\nexport const clocks = [utcnow];\n",
      output: "import { utcnow, nowUtc } from './deprecated-helper/time.js';\nexport const at = nowUtc();\nexport const clocks = [utcnow];\n",
      errors: [{ messageId: 'deprecated-helper' }, { messageId: 'deprecated-helper/helper-not-called' }],
    },
    // …and reused when the replacement is already imported.
    fixed(
      ['deprecated-helper'],
      "import { nowUtc, utcnow } from './deprecated-helper/time.js';\nexport const at = [nowUtc(), utcnow()];\n",
      "import { nowUtc } from './deprecated-helper/time.js';\nexport const at = [nowUtc(), nowUtc()];\n",
    ),
    // An aliased import keeps its local name: only the imported name changes.
    fixed(
      ['deprecated-helper', 'deprecated-helper'],
      "import { utcnow as now } from './deprecated-helper/time.js';\nexport const at = [now(), now()];\n",
      "import { nowUtc as now } from './deprecated-helper/time.js';\nexport const at = [now(), now()];\n",
    ),
    // A spec spies on the helper (fixture/deprecated-helper/time.spec.ts): renaming would leave the spy seeing nothing.
    refused("import { utcToday } from './deprecated-helper/time.js';\nexport const day = utcToday();\n", 'spied', {
      name: 'utcToday',
      replacement: 'todayUtc',
      spiedName: 'utcToday',
      spiedAt: 'deprecated-helper/time.spec.ts:6',
    }),
    // A namespace import: the member is renamed.
    fixed(
      ['deprecated-helper'],
      "import * as time from './deprecated-helper/time.js';\nexport const at = time.utcnow();\n",
      "import * as time from './deprecated-helper/time.js';\nexport const at = time.nowUtc();\n",
    ),
    // Through a barrel that re-exports both names, and through `export *`.
    fixed(
      ['deprecated-helper'],
      "import { utcnow } from './deprecated-helper/barrel.js';\nexport const at = utcnow();\n",
      "import { nowUtc } from './deprecated-helper/barrel.js';\nexport const at = nowUtc();\n",
    ),
    fixed(
      ['deprecated-helper'],
      "import { utcnow } from './deprecated-helper/star.js';\nexport const at = utcnow(/* now */);\n",
      "import { nowUtc } from './deprecated-helper/star.js';\nexport const at = nowUtc(/* now */);\n",
    ),
    // The barrel re-exports `fromIso` but not `parseIso`: the file cannot reach the replacement.
    refused("import { fromIso } from './deprecated-helper/barrel.js';\nexport const at = fromIso('2024-01-01');\n", 'helper-replacement-not-exported'),
    // "use `parseIso` instead": an optional parameter more is fine; arguments and comments stay.
    fixed(
      ['deprecated-helper'],
      "import { fromIso } from './deprecated-helper/time.js';\nexport const at = fromIso(/* day */ '2024-01-01');\n",
      "import { parseIso } from './deprecated-helper/time.js';\nexport const at = parseIso(/* day */ '2024-01-01');\n",
    ),
    // A rest parameter accepts what the fixed ones did.
    fixed(
      ['deprecated-helper'],
      "import { join } from './deprecated-helper/time.js';\nexport const s = join('a', 'b');\n",
      "import { joinAll } from './deprecated-helper/time.js';\nexport const s = joinAll('a', 'b');\n",
    ),
    // Incompatible signatures, overloads, generics, a replacement that does not exist or is not exported.
    refused("import { dayString } from './deprecated-helper/time.js';\nexport const s = dayString(new Date());\n", 'helper-signature-differs', {
      name: 'dayString',
      replacement: 'formatDay',
      difference: 'it needs 2 arguments, the helper 1',
    }),
    refused("import { nowString } from './deprecated-helper/time.js';\nexport const s = nowString();\n", 'helper-signature-differs', {
      name: 'nowString',
      replacement: 'isoNow',
      difference: 'it returns Date, the helper string',
    }),
    refused("import { stamp } from './deprecated-helper/time.js';\nexport const n = stamp(new Date());\n", 'helper-overloaded'),
    refused("import { head } from './deprecated-helper/time.js';\nexport const n = head([1]);\n", 'helper-generic'),
    refused("import { lostNow } from './deprecated-helper/time.js';\nexport const at = lostNow();\n", 'helper-replacement-not-found'),
    refused("import { secretNow } from './deprecated-helper/time.js';\nexport const at = secretNow();\n", 'helper-replacement-not-exported'),
    // Referenced, not called: `map` passes (value, index, array), which the replacement may read differently.
    refused("import { utcnow } from './deprecated-helper/time.js';\nexport const all = [1, 2].map(utcnow);\n", 'helper-not-called'),
    refused("import * as time from './deprecated-helper/time.js';\nexport const f = time.utcnow.bind(null);\n", 'helper-not-called'),
    // The replacement's name is taken here by something else.
    refused("import { utcnow } from './deprecated-helper/time.js';\nfunction g(nowUtc: number) { return [utcnow(), nowUtc]; }\ng(1);\n", 'name-conflict'),
    // In the helper's own module: the callee token is renamed; `{@linkcode}` and "use x instead" name it too.
    fixed(
      ['deprecated-helper'],
      'export function nowUtc(): Date { return new Date(); }\n/** @deprecated Use {@linkcode nowUtc} instead. */\nexport function utcnow(): Date { return nowUtc(); }\nexport const at = utcnow();\n',
      'export function nowUtc(): Date { return new Date(); }\n/** @deprecated Use {@linkcode nowUtc} instead. */\nexport function utcnow(): Date { return nowUtc(); }\nexport const at = nowUtc();\n',
    ),
    fixed(
      ['deprecated-helper'],
      'const nowUtc = (): Date => new Date();\n/**\n * Old name.\n * @deprecated since 2.0, use nowUtc instead\n */\nconst utcnow = () => nowUtc();\nexport const at = utcnow();\n',
      'const nowUtc = (): Date => new Date();\n/**\n * Old name.\n * @deprecated since 2.0, use nowUtc instead\n */\nconst utcnow = () => nowUtc();\nexport const at = nowUtc();\n',
    ),
    // A call inside the replacement would make it call itself.
    refused(
      '/** @deprecated Use {@link nowUtc}. */\nexport function utcnow(): Date { return new Date(); }\nexport function nowUtc(): Date { return utcnow(); }\n',
      'helper-inside-replacement',
    ),
    // An explicit `this` type the helper did not require.
    refused(
      'interface Ctx { base: number }\nexport function addTo(this: Ctx, n: number): number { return this.base + n; }\n/** @deprecated Use {@link addTo}. */\nexport function plus(n: number): number { return n; }\nexport const n = plus(1);\n',
      'helper-signature-differs',
      { name: 'plus', replacement: 'addTo', difference: '`this` must be Ctx' },
    ),
    // Methods: the member is renamed, the receiver kept (`this.`, a subclass that does not override the replacement).
    fixed(
      ['deprecated-helper'],
      "import { Task } from './deprecated-helper/task.js';\nexport const plain = new Task('a').toDict();\n",
      "import { Task } from './deprecated-helper/task.js';\nexport const plain = new Task('a').toPlain();\n",
    ),
    fixed(
      ['deprecated-helper'],
      "import { Task } from './deprecated-helper/task.js';\nexport class Job extends Task {\n  dump() {\n    return this.toDict();\n  }\n}\n",
      "import { Task } from './deprecated-helper/task.js';\nexport class Job extends Task {\n  dump() {\n    return this.toPlain();\n  }\n}\n",
    ),
    fixed(
      ['deprecated-helper'],
      "import { Task } from './deprecated-helper/task.js';\nexport const task = Task.parse({ title: 'a' });\n",
      "import { Task } from './deprecated-helper/task.js';\nexport const task = Task.fromPlain({ title: 'a' });\n",
    ),
    fixed(
      ['deprecated-helper'],
      "import { Task } from './deprecated-helper/task.js';\nexport class Job extends Task {\n  override toDict() {\n    return { ...super.toDict(), job: true };\n  }\n}\n",
      "import { Task } from './deprecated-helper/task.js';\nexport class Job extends Task {\n  override toDict() {\n    return { ...super.toPlain(), job: true };\n  }\n}\n",
    ),
    // A polymorphic `this` return type is the same type on both sides.
    fixed(
      ['deprecated-helper'],
      "import { Task } from './deprecated-helper/task.js';\nexport const again = new Task('a').clone();\n",
      "import { Task } from './deprecated-helper/task.js';\nexport const again = new Task('a').copy();\n",
    ),
    // A generic class's members are instantiated symbols: matched by their declaration.
    fixed(
      ['deprecated-helper'],
      'class Box<T> {\n  constructor(readonly value: T) {}\n  get(): T { return this.value; }\n  /** @deprecated Use {@link Box.get}. */\n  unwrap(): T { return this.get(); }\n}\nexport const n: number = new Box(1).unwrap();\n',
      'class Box<T> {\n  constructor(readonly value: T) {}\n  get(): T { return this.value; }\n  /** @deprecated Use {@link Box.get}. */\n  unwrap(): T { return this.get(); }\n}\nexport const n: number = new Box(1).get();\n',
    ),
    // A subclass that overrides the replacement would run its own code.
    refused("import { UrgentTask } from './deprecated-helper/task.js';\nexport const plain = new UrgentTask('a').toDict();\n", 'helper-overridden'),
    // An optional receiver (`p?.toDict()`, `T | null`): the call runs only on the class, as `p.toDict()` would.
    fixed(
      ['deprecated-helper', 'deprecated-helper', 'deprecated-helper'],
      'class Plain {\n  toPlain(): number { return 1; }\n  /** @deprecated Use {@link Plain.toPlain} instead. */\n  toDict(): number { return this.toPlain(); }\n}\n' +
        'export const f = (p: Plain | undefined, q: Plain | null) => [p?.toDict(), q?.toDict(), p?.toDict?.()];\n',
      'class Plain {\n  toPlain(): number { return 1; }\n  /** @deprecated Use {@link Plain.toPlain} instead. */\n  toDict(): number { return this.toPlain(); }\n}\n' +
        'export const f = (p: Plain | undefined, q: Plain | null) => [p?.toPlain(), q?.toPlain(), p?.toPlain?.()];\n',
    ),
    // A getter replacement: `getLabel()` becomes `label`, which is no rename.
    refused(
      "class Task {\n  constructor(readonly title: string) {}\n  get label(): string { return this.title; }\n  /** @deprecated Use {@link Task.label} instead. */\n  getLabel(): string { return this.label; }\n}\nexport const l = new Task('z').getLabel();\n",
      'helper-replacement-not-method',
    ),
    // A union receiver: only Alpha's old() is the deprecated one; Beta's neu() need not match Beta's old().
    refused("import type { Alpha, Beta } from './deprecated-helper/review.js';\nexport const f = (x: Alpha | Beta) => x.old();\n", 'helper-union'),
    // A subclass overrides the replacement: the old method reaches it through `this`, the new call on a Ledger may too.
    refused("import type { Ledger } from './deprecated-helper/review.js';\nexport const f = (ledger: Ledger) => ledger.toDict();\n", 'helper-overridden'),
    // …and super.toDict() dispatches to an override below the calling class through `this`, where super.toPlain()
    // would not (a sibling's override, SpecialLedger's, cannot be `this` here and does not count).
    refused(
      "import { Ledger } from './deprecated-helper/review.js';\nexport class Audited extends Ledger {\n  override toDict() {\n    return { ...super.toDict(), audited: true };\n  }\n}\nexport class Loud extends Audited {\n  override toPlain() {\n    return { kind: 'loud' };\n  }\n}\n",
      'helper-overridden',
    ),
    // The replacement is a const declared below: stamp() would throw before its initialisation.
    refused(
      '/** @deprecated Use {@link later} instead. */\nexport function early(): number {\n  return 1;\n}\nexport function stamp(): number {\n  return early();\n}\nexport const started = stamp();\nexport const later = (): number => 1;\n',
      'helper-before-replacement',
    ),
    // A different default value is different behaviour, whatever the types say.
    refused("import { defaulted } from './deprecated-helper/review.js';\nexport const n = defaulted();\n", 'helper-signature-differs', {
      name: 'defaulted',
      replacement: 'counted',
      difference: 'parameter 1 defaults to 5 in the helper and has no default in the replacement',
    }),
    // A class the receiver may be at runtime overrides the deprecated method itself: toPlain() would skip it.
    refused("import type { Entry } from './deprecated-helper/audited.js';\nexport const plain = (entry: Entry) => entry.toDict();\n", 'helper-overridden'),
    // A sibling of the overriding class is not affected.
    fixed(
      ['deprecated-helper'],
      "import type { PlainEntry } from './deprecated-helper/audited.js';\nexport const plain = (entry: PlainEntry) => entry.toDict();\n",
      "import type { PlainEntry } from './deprecated-helper/audited.js';\nexport const plain = (entry: PlainEntry) => entry.toPlain();\n",
    ),
    refused("import { Task } from './deprecated-helper/task.js';\nexport const s = new Task('a').reveal();\n", 'helper-replacement-inaccessible'),
    refused("import { Todo } from './deprecated-helper/task.js';\nexport const todo = new Todo('a');\n", 'helper-class'),
  ],
});

untypedRuleTester.run('no-deprecated-helper (no type information)', rule, {
  // Only the checker can say what a name calls: without it nothing is reported.
  valid: ["import { utcnow } from './deprecated-helper/time.js';\nexport const at = utcnow();\n"],
  invalid: [],
});
