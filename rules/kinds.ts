/**
 * The one description of every finding kind. Rules read it to name and grade what they report; transforms read
 * it to know what they rewrite; the CLI reads it to turn an ESLint message back into a Finding and to print
 * `deprecfix rules`. Nothing else may restate a kind's safety.
 *
 * ESLint messages carry no free-form data, so a message id encodes the finding:
 *   `<kind>`            the kind at its catalogue safety (`safe`, `unsafe` or `repair`)
 *   `<kind>/unsafe`     a safe or repair kind whose fix is unsafe here (py-utcnow's `style: "aware"`, an unreadable config)
 *   `<kind>/repair`     a safe kind whose fix is a repair here (`dict(skip_defaults=…)`, which raises on pydantic 2)
 *   `<kind>/<reason>`   the kind downgraded to fix `none` for that reason
 * A repair's message ends with `(repair: <the failure it fixes>)`, which `repairOfMessage` reads back.
 */
import { escapeRegExp } from './util/regexp.js';

/**
 * `safe`: behaviour identical. `unsafe`: behaviour can differ in edge cases. `none`: needs a human. `repair`: the
 * old code fails on the installed library version (it raises, or is not what the library exports any more) and
 * the rewrite makes it work: runtime behaviour changes on purpose, from "fails" to "works", so reports list
 * repairs apart from the behaviour-preserving rewrites. `fix` and `eslint --fix` apply them (the old code cannot
 * work); `deprecfix fix --no-repairs` holds them.
 */
export type FixSafety = 'safe' | 'unsafe' | 'repair' | 'none';

export type RuleName = 'no-utcnow-date' | 'no-legacy-serialization' | 'no-deprecated-helper' | 'py-utcnow' | 'py-pydantic-v1';

export interface KindInfo {
  rule: RuleName;
  /** The best safety this kind reaches when everything it depends on is proven. */
  fix: FixSafety;
  /** ESLint message for the finding; `{{…}}` placeholders are filled by the rule. */
  message: string;
  /** One line for `deprecfix rules` and the docs: what the rewrite produces. */
  replacement: string;
  /** For kinds that never have a fix: why, when the rule reports the bare kind id. */
  reason?: ReasonId;
  /**
   * For a safe kind whose rewrite is a repair at some sites: which sites (`deprecfix rules` and the docs say it).
   * A `repair` kind's sites are all repairs; each finding says what fails in its `(repair: …)` message suffix.
   */
  repairs?: string;
  /** The library whose installed version gates this kind (CONTRACT §5); reports say once when it is unknown. */
  library?: 'class-transformer' | 'date-fns-tz' | 'pydantic';
  /**
   * Text every finding of this kind contains (the method, global or module name its detector matches), so a file
   * without it is not parsed at all. Absent: every file is linted, unless the run gives the kind words of its
   * own (`findingFilter`'s `words`: the names a program declares `@deprecated`, from `src/run-needles.ts`) or
   * `optionNeedles` says its rule's options configure them.
   */
  needle?: string;
  /**
   * The kind's needles are words its rule's options configure (`model-method-rename`: the old method names of
   * `modelMethods`), which a run passes to the CLI's filter; no options, no needles: the kind is off.
   */
  optionNeedles?: true;
}

/**
 * A Python attribute named one of `names`: its `.`, then what tree-sitter-python skips between two tokens
 * (whitespace, the invisible characters it counts as space, a line continuation, a comment), then the name.
 */
const pythonAttribute = (names: string): string => String.raw`\.(?:[\s\\\u2060\u200B]|#[^\n]*)*(?:${names})\b`;

/** The pydantic v1 members `py-pydantic-v1` reports on a proven model (`python/pydantic-v1-members.ts`). */
const PYDANTIC_V1_METHODS = 'dict|json|copy|parse_obj|parse_raw|parse_file|from_orm|construct|validate|schema|schema_json|update_forward_refs';

export const KINDS = {
  // deprecfix/no-utcnow-date
  'annexb-togmtstring': {
    rule: 'no-utcnow-date',
    fix: 'safe',
    message: '`toGMTString()` is a deprecated Annex B alias of `toUTCString()`.',
    replacement: '`d.toUTCString()`',
    needle: 'toGMTString',
  },
  'annexb-getyear': {
    rule: 'no-utcnow-date',
    fix: 'safe',
    message: '`getYear()` is deprecated Annex B API and returns the year minus 1900.',
    replacement: '`d.getFullYear() - 1900` (`d.getYear() + 1900` becomes `d.getFullYear()`)',
    needle: 'getYear',
  },
  'annexb-setyear': {
    rule: 'no-utcnow-date',
    fix: 'safe',
    message: '`setYear()` is deprecated Annex B API; two-digit years are read as 19xx.',
    replacement: '`d.setFullYear(y)` for a literal y ≥ 100',
    needle: 'setYear',
  },
  'date-fns-tz-rename': {
    rule: 'no-utcnow-date',
    library: 'date-fns-tz',
    // the gate is 3.0.0, which removed the old names: wherever the rename is offered, the old code cannot work
    fix: 'repair',
    message: '`{{name}}` was renamed to `{{replacement}}` in date-fns-tz 3.0.0 (the old name is gone there).',
    replacement: '`fromZonedTime` / `toZonedTime`',
    needle: 'date-fns-tz',
  },
  'fake-utc-offset': {
    rule: 'no-utcnow-date',
    fix: 'unsafe',
    message: 'Shifting a Date by `getTimezoneOffset()` fakes UTC and is wrong across DST changes; a Date is already UTC inside.',
    replacement: '`new Date()` (unsafe: the shifted value differs)',
    needle: 'getTimezoneOffset',
  },
  'fake-utc-locale': {
    rule: 'no-utcnow-date',
    fix: 'unsafe',
    message: 'Re-parsing `toLocaleString(…, { timeZone: "UTC" })` fakes UTC, drops milliseconds and depends on the locale.',
    replacement: '`new Date(x)` (unsafe: the round trip shifted and truncated the value)',
    needle: 'toLocaleString',
  },
  'naive-iso-parse': {
    rule: 'no-utcnow-date',
    fix: 'unsafe',
    message: 'Stripping the `Z` from `toISOString()` makes the string parse as local time.',
    replacement: '`new Date(d)` (unsafe: the stripped string parsed as local time)',
    // The strip is a call on the `toISOString()` result, so its method name follows (`.slice(0, -1)`, `.substring`,
    // `.substr`, `.replace(All)`, `.split('Z')`); a bare `toISOString()` is no finding.
    needle: String.raw`toISOString[\s\S]*?(?:slice|substr|replace|split)`,
  },

  // deprecfix/no-legacy-serialization
  'class-transformer-rename': {
    rule: 'no-legacy-serialization',
    library: 'class-transformer',
    fix: 'safe',
    message: '`{{name}}` is deprecated since class-transformer 0.4.1; use `{{replacement}}`.',
    replacement: '`instanceToPlain`, `plainToInstance`, `instanceToInstance`, `TransformInstanceToPlain`…, `ClassConstructor`, the package root',
    repairs: '`classToClass` and the `TransformClassTo…`/`TransformPlainToClass` decorators on an installed 0.4.1 or later, `classToPlain` and `plainToClass` on 0.4.1 or 0.5.0, which do not export them; a flat subpath import (`class-transformer/decorators`), which no longer loads',
    // Every finding names the deprecated export (an identifier, a member, a string) or a subpath module: a file
    // importing class-transformer only for its decorators holds none of these.
    needle: 'classToPlain|plainToClass|classToClass|TransformClassTo|TransformPlainToClass|ClassType|class-transformer/',
  },
  'class-transformer-serialize': {
    rule: 'no-legacy-serialization',
    library: 'class-transformer',
    fix: 'safe',
    message: '`{{name}}` is deprecated since class-transformer 0.4.1; use `{{replacement}}`.',
    replacement: '`JSON.stringify(instanceToPlain(o, opt))`, `plainToInstance(C, JSON.parse(s), opt)`',
    needle: 'serialize',
  },
  'class-transformer-from-exist': {
    rule: 'no-legacy-serialization',
    library: 'class-transformer',
    fix: 'none',
    message: '`{{name}}` is deprecated since class-transformer 0.4.1 and has no direct replacement.',
    replacement: 'none: merge into the existing object by hand',
    reason: 'no-replacement',
    needle: 'FromExist',
  },
  'class-transformer-transform-callback': {
    rule: 'no-legacy-serialization',
    library: 'class-transformer',
    fix: 'repair',
    message: 'class-transformer ≥ 0.3.2 calls a `@Transform` callback with one object `{ value, key, obj, type, options }`, not with the positional `(value, obj, type)` that `{{callback}}` expects.',
    replacement: 'the parameters destructured: `({ value }) => …`, `({ value: v, obj: o }) => …`',
    needle: 'Transform',
  },
  'buffer-constructor': {
    rule: 'no-legacy-serialization',
    fix: 'safe',
    message: '`{{name}}` is deprecated (DEP0005); use `Buffer.alloc()` or `Buffer.from()`.',
    replacement: '`Buffer.alloc(n)` for a number, `Buffer.from(…)` for a string, array, Buffer or ArrayBuffer',
    needle: '[Bb]uffer',
  },
  'buffer-slice': {
    rule: 'no-legacy-serialization',
    fix: 'safe',
    message: '`Buffer#slice()` is deprecated (DEP0158); use `subarray()`, which it already behaves like.',
    replacement: '`b.subarray(…)`',
    needle: 'slice',
  },
  'json-roundtrip-clone': {
    rule: 'no-legacy-serialization',
    fix: 'unsafe',
    message: '`JSON.parse(JSON.stringify(x))` is a lossy deep clone; use `structuredClone(x)`.',
    replacement: '`structuredClone(x)` (unsafe: Dates, undefined, Maps and toJSON() behave differently)',
    // The property name `parse` of `JSON.parse` (rarer than `JSON`, which every `JSON.stringify` holds).
    needle: String.raw`\bparse\b`,
  },
  'legacy-url-parse': {
    rule: 'no-legacy-serialization',
    fix: 'none',
    message: '`url.parse()` is deprecated (DEP0169); use the WHATWG `new URL()`.',
    replacement: 'none: `new URL(s, base)` by hand',
    reason: 'use-whatwg-url',
    needle: '[Uu][Rr][Ll]',
  },
  'model-method-rename': {
    rule: 'no-legacy-serialization',
    fix: 'safe',
    message: '`{{name}}()` is deprecated on {{className}} (modelMethods); use `{{replacement}}()`.',
    replacement: 'the configured new method name (`toPlain()` for `dict()`), when the receiver is proven an instance of the configured class',
    optionNeedles: true,
  },

  // deprecfix/no-deprecated-helper
  'deprecated-helper': {
    rule: 'no-deprecated-helper',
    fix: 'safe',
    message: '`{{name}}` is deprecated in this repository; its JSDoc names `{{replacement}}` instead.',
    replacement: 'the replacement the `@deprecated` tag names (`{@link nowUtc}`), when it is in the same module or class, reachable here and accepts every call the helper accepted',
    // no static needle: the names come from the program (`deprecatedNamesOf`)
  },

  // deprecfix/py-utcnow (Python)
  utcnow: {
    rule: 'py-utcnow',
    fix: 'safe',
    message: '`{{name}}` is deprecated since Python 3.12 and returns a naive datetime; use `{{replacement}}`.',
    replacement: '`datetime.now(timezone.utc).replace(tzinfo=None)` (style "aware": `datetime.now(timezone.utc)`, unsafe)',
    needle: 'utcnow',
  },
  utcfromtimestamp: {
    rule: 'py-utcnow',
    fix: 'safe',
    message: '`{{name}}` is deprecated since Python 3.12 and returns a naive datetime; use `{{replacement}}`.',
    replacement: '`datetime.fromtimestamp(ts, tz=timezone.utc).replace(tzinfo=None)` (style "aware": without `.replace`, unsafe)',
    needle: 'utcfromtimestamp',
  },
  'utcnow-reference': {
    rule: 'py-utcnow',
    fix: 'safe',
    message: '`{{name}}` passed as a factory is deprecated since Python 3.12; use `{{replacement}}`.',
    replacement: '`lambda: datetime.now(timezone.utc).replace(tzinfo=None)` (style "aware": unsafe)',
    needle: 'utcnow|utcfromtimestamp',
  },

  // deprecfix/py-pydantic-v1 (Python)
  'pydantic-v1-method': {
    rule: 'py-pydantic-v1',
    library: 'pydantic',
    fix: 'safe',
    message: '`{{name}}` is the pydantic v1 API, deprecated in pydantic 2; use `{{replacement}}`.',
    replacement: 'the pydantic 2 method (`model_dump`, `model_dump_json`, `model_validate`, `model_copy`, …) where the arguments carry over',
    repairs: '`dict(skip_defaults=…)` / `json(skip_defaults=…)` (TypeError on pydantic 2) and `from_orm()` on a model without `from_attributes` (PydanticUserError)',
    needle: pythonAttribute(PYDANTIC_V1_METHODS),
  },
  'pydantic-v1-attribute': {
    rule: 'py-pydantic-v1',
    library: 'pydantic',
    fix: 'safe',
    message: '`{{name}}` is the pydantic v1 API, deprecated in pydantic 2; use `{{replacement}}`.',
    replacement: '`model_fields`',
    needle: pythonAttribute('__fields__|__fields_set__'),
  },
  'pydantic-v1-config': {
    rule: 'py-pydantic-v1',
    library: 'pydantic',
    // safe only when the ignored keys are ones pydantic 2 behaves as asked without (`smart_union = True`)
    fix: 'safe',
    message: '`class Config` sets {{keys}}, which pydantic 2 ignores (renamed or removed): move them to `model_config = ConfigDict(…)` with the pydantic 2 names.',
    replacement: '`model_config = ConfigDict(…)` with the pydantic 2 names (`from_attributes`, `populate_by_name`, …)',
    repairs: '`orm_mode`, `allow_population_by_field_name` (ignored by pydantic 2, so `from_orm()` / input by field name fail); unsafe for keys that change working calls (`anystr_strip_whitespace`, `validate_all`, …)',
    needle: String.raw`\bclass[\s\\\u2060\u200B]+Config\b`,
  },
  'pydantic-v1-json-argument': {
    rule: 'py-pydantic-v1',
    library: 'pydantic',
    fix: 'none',
    message: '`json({{name}}=…)` is gone in pydantic 2 and raises TypeError there, as on every other common `.json()`; use a field or model serializer.',
    replacement: 'none: a field or model serializer (`@field_serializer`, `@model_serializer`) by hand',
    reason: 'removed-argument',
    needle: pythonAttribute('json'),
  },
} as const satisfies Record<string, KindInfo>;

export type KindId = keyof typeof KINDS;

/**
 * Why a finding has fix `none` (or is not rewritten). The text is what reports group by. A reason may have
 * `{{…}}` placeholders that the rule fills (ESLint interpolates them into the message); `reasonOfMessage` reads
 * the filled text back.
 */
export const REASONS = {
  'unresolved-type': 'unresolved type',
  'version-unknown': 'library version could not be determined',
  'setyear-non-literal': 'setYear argument is not a literal year ≥ 100, so setFullYear would change two-digit years',
  'no-replacement': 'no replacement exists; needs a human',
  'use-whatwg-url': 'url.parse() and new URL() differ on relative URLs and errors; migrate by hand',
  'unsupported-form': 'this form of the call has no behaviour-preserving rewrite',
  'partial-reference': 'the name is also used in a way that cannot be renamed with it (dynamic access or re-export)',
  'reexport': "re-exporting the old name is part of this module's API; renaming it would break the modules that import it",
  'string-reference': 'a string names the export (jest.spyOn, a mock factory) and must keep matching what the code under test calls, which may be outside the scope: rename both by hand',
  // Filled per finding (the first spy elsewhere, `path:line`): reports group by the spy, so each spy shows once.
  'spied': "spied on as '{{spiedName}}' in {{spiedAt}}",
  // The same for a repository helper whose module a test mocks (`jest.mock('../lib/time')`): every helper in it is mocked.
  'module-mocked': "its module is mocked as '{{spiedName}}' in {{spiedAt}}",
  'name-conflict': 'the replacement name is already taken by another binding in this scope',
  'deep-import-private': 'the subpath import names something the package root does not export',
  'receiver-unproven': 'receiver not proven a pydantic model',
  'removed-argument': 'pydantic 2 removed this argument (the call raises TypeError): move it to a field or model serializer by hand',
  'config-not-rewritable': 'a key has no direct pydantic 2 name (removed, or inverted like allow_mutation → frozen), or the Config class is more than plain assignments: move it to model_config by hand',
  'config-referenced': "the model's Config class is referenced elsewhere (a subclass's `class Config(Model.Config)`), which would break without it: move both to model_config by hand",
  'callback-not-inline': 'the callback is not an inline function with plain parameters (a reference, rest, default or destructured parameter): rewrite it to take `{ value, key, obj, type, options }` by hand',
  'helper-not-called': 'referenced, not called: whoever calls it may pass other arguments; replace by hand',
  'helper-class': 'a deprecated class: instances of the replacement fail `instanceof` and type checks of the old class; replace by hand',
  'helper-replacement-not-found': 'replacement not found: the @deprecated tag names no function of the same module or method of the same class',
  'helper-replacement-not-method': 'the @deprecated tag names a property or accessor of the class, not a method: a call cannot be renamed into it; replace by hand',
  'helper-replacement-not-exported': 'replacement not exported from the module this file imports the helper from',
  'helper-replacement-inaccessible': 'replacement not accessible: it is more private than the helper',
  'helper-overridden': "the receiver's class, or a class it may be at runtime, overrides the helper or the replacement, so the call would run other code",
  'helper-inside-replacement': 'the call is inside the replacement, which would then call itself',
  'helper-overloaded': 'overloaded: each overload needs its own proof; compare them by hand',
  'helper-generic': 'generic signature: compare the type parameters by hand',
  'helper-union': 'the receiver may be of several classes, and not every one has the deprecated method: rename by hand where the value is known',
  'helper-before-replacement': 'the replacement is a `const` declared after this call: it would throw before its initialisation; move it up first',
  // Filled per finding: what the replacement accepts or returns differently (`parameter 2 takes string, the helper's number`).
  'helper-signature-differs': 'signature differs: {{difference}}',
  'wider-static-type': 'the replacement is typed more widely than this context accepts (same value at runtime); adjust the types by hand',
  // model-method-rename (filled per finding: `name`, `replacement`, `className`, and the reason's own placeholders)
  'model-method-overridden': '{{overrider}} overrides {{name}}(), so calling {{replacement}}() instead would skip the override: rename the override and its calls by hand',
  'model-super-call': 'super.{{name}}() runs the parent’s own method, super.{{replacement}}() would skip the overrides of {{replacement}}() that {{name}}() may dispatch to: rename the override and its super call by hand',
  'model-method-reference': 'the method is referenced, not called (it may be stored, compared or re-bound): rename it by hand where the reference is used',
  'model-replacement-missing': '{{receiverType}} has no method {{replacement}}() (check modelMethods in the config)',
  'model-signature-differs': 'signature differs: {{signatures}}',
} as const;

export type ReasonId = keyof typeof REASONS;

export const RULES: Record<RuleName, { description: string; type: 'problem' | 'suggestion'; language: 'ts/js' | 'python' }> = {
  'no-utcnow-date': {
    description: 'Disallow deprecated or fake-UTC ways of building and reading dates',
    type: 'problem',
    language: 'ts/js',
  },
  'no-legacy-serialization': {
    description: 'Disallow deprecated serialization, buffer and URL APIs',
    type: 'problem',
    language: 'ts/js',
  },
  'no-deprecated-helper': {
    description: "Disallow calls of the repository's own helpers whose JSDoc says @deprecated and names a replacement",
    type: 'suggestion',
    language: 'ts/js',
  },
  'py-utcnow': {
    description: 'Disallow datetime.utcnow() and utcfromtimestamp(), deprecated since Python 3.12',
    type: 'problem',
    language: 'python',
  },
  'py-pydantic-v1': {
    description: 'Disallow pydantic v1 model methods and configuration on pydantic 2',
    type: 'problem',
    language: 'python',
  },
};

export const PLUGIN_PREFIX = 'deprecfix';

/** Where each rule's documentation lives (`rules/<rule>.md` in the repository). */
export const DOCS_BASE = 'https://github.com/deprecfix/deprecfix/blob/main/rules';

/** Rule names the user may pass to `--rules`, with or without the `deprecfix/` prefix. */
export function parseRuleList(list: string): RuleName[] {
  const names = list.split(',').map((name) => name.trim().replace(`${PLUGIN_PREFIX}/`, '')).filter(Boolean);
  return names.map((name) => {
    if (!(name in RULES)) throw new Error(`unknown rule "${name}"; known rules: ${Object.keys(RULES).join(', ')}`);
    return name as RuleName;
  });
}

export function kindsOfRule(rule: RuleName): KindId[] {
  return (Object.keys(KINDS) as KindId[]).filter((kind) => KINDS[kind].rule === rule);
}

/** Every message id a rule may report, with its text: `<kind>` plus `<kind>/<reason>` for each reason. */
export function messagesOfRule(rule: RuleName): Record<string, string> {
  const messages: Record<string, string> = {
    unsafeSuggestion: 'Apply the unsafe rewrite: {{replacement}}.',
  };
  for (const kind of kindsOfRule(rule)) {
    const info: KindInfo = KINDS[kind];
    messages[kind] = info.fix === 'none' ? info.message : info.fix === 'repair' ? `${info.message} ${REPAIR_SUFFIX}` : `${info.message} (${info.fix} fix)`;
    for (const reason of Object.keys(REASONS) as ReasonId[]) {
      messages[messageIdOf(kind, reason)] = `${info.message} (no fix: ${REASONS[reason]})`;
    }
    if (info.fix === 'safe' || info.fix === 'repair') messages[`${kind}/${UNSAFE}`] = `${info.message} (unsafe fix)`;
    if (info.fix === 'safe') messages[`${kind}/${REPAIR}`] = `${info.message} ${REPAIR_SUFFIX}`;
  }
  return messages;
}

/** A repair's message ends with the failure it fixes; rules pass it as the `repairs` placeholder. */
const REPAIR_SUFFIX = '(repair: {{repairs}})';

/** The failure a repair fixes, read back from its ESLint message (`… (repair: raises TypeError on pydantic 2.11.4)`). */
export function repairOfMessage(message: string): string | undefined {
  return / \(repair: (.*)\)$/.exec(message)?.[1];
}

/**
 * A message without the safety suffix `messagesOfRule` adds for plain ESLint users: findings carry the fix and the
 * reason as fields, so reports would say them twice.
 */
export function messageWithoutSafety(message: string): string {
  return message.replace(/ \((?:safe|unsafe) fix\)$| \(no fix: .*\)$| \(repair: .*\)$/, '');
}

/** The reason id of a reason text, its placeholders filled or not (`spied on as 'x' in a.ts:3` → `spied`). */
export function reasonIdOf(text: string): ReasonId | undefined {
  return (Object.keys(REASONS) as ReasonId[]).find((id) => {
    const template: string = REASONS[id];
    if (template === text) return true;
    if (!template.includes('{{')) return false;
    const pattern = template.split(/\{\{\s*\w+\s*\}\}/).map(escapeRegExp).join('.+');
    return new RegExp(`^${pattern}$`).test(text);
  });
}

/** The filled reason of a message that reports a finding without a fix (`… (no fix: <reason>)`). */
export function reasonOfMessage(message: string): string | undefined {
  return / \(no fix: (.*)\)$/.exec(message)?.[1];
}

const UNSAFE = 'unsafe';
const REPAIR = 'repair';

export function messageIdOf(kind: KindId, reason?: ReasonId | typeof UNSAFE | typeof REPAIR): string {
  return reason ? `${kind}/${reason}` : kind;
}

/** Reads a message id back into kind, safety and reason; undefined for ids that are not findings. */
export function parseMessageId(messageId: string): { kind: KindId; fix: FixSafety; reason?: string } | undefined {
  const [kind, reasonId] = messageId.split('/') as [string, string | undefined];
  if (!(kind in KINDS)) return undefined;
  const info: KindInfo = KINDS[kind as KindId];
  if (reasonId === UNSAFE) return info.fix === 'safe' || info.fix === 'repair' ? { kind: kind as KindId, fix: 'unsafe' } : undefined;
  if (reasonId === REPAIR) return info.fix === 'safe' ? { kind: kind as KindId, fix: 'repair' } : undefined;
  if (reasonId !== undefined) {
    const reason = REASONS[reasonId as ReasonId];
    if (reason === undefined) return undefined;
    return { kind: kind as KindId, fix: 'none', reason };
  }
  if (info.fix === 'none') return { kind: kind as KindId, fix: 'none', reason: REASONS[info.reason ?? 'no-replacement'] };
  return { kind: kind as KindId, fix: info.fix };
}
