import rule from '../../rules/no-utcnow-date.js';
import { typedRuleTester, unfixable, unsafe, untypedRuleTester } from './rule-tester.js';

const D = 'declare const d: Date; ';
const MOMENT = 'declare class Moment { toISOString(): string; valueOf(): number; getTimezoneOffset(): number; toLocaleString(l: string, o: object): string } declare const m: Moment; ';

typedRuleTester.run('no-utcnow-date: fake UTC (typed)', rule, {
  valid: [
    // moment / dayjs objects have toISOString() and friends, but are not Dates.
    `${MOMENT}new Date(m.toISOString().slice(0, -1));`,
    `${MOMENT}new Date(m.valueOf() + m.getTimezoneOffset() * 60000);`,
    `${MOMENT}new Date(m.toLocaleString('en-US', { timeZone: 'UTC' }));`,
    'declare const moment: { utc(): Date }; const now = moment.utc();',
    // Not the pattern.
    `${D}new Date(d.toISOString());`,
    `${D}new Date(d.toISOString().slice(0, 10));`, // a date-only ISO string parses as UTC
    `${D}new Date(d.toISOString().replace('Z', '+00:00'));`,
    `${D}new Date(d.toLocaleString('en-US', { timeZone: 'America/New_York' }));`,
    `${D}new Date(d.toLocaleString('en-US', { ...opts, timeZone: 'UTC' })); declare const opts: object;`,
    'new Date(Date.now() + 60000);',
    `${D}new Date(Date.now() + d.getTimezoneOffset() * 1000);`,
    `${D}new Date(d.getTimezoneOffset() * 60000 - d.getTime());`,
    'declare const t: number; new Date(+t + new Date().getTimezoneOffset() * 60000);',
    `${D}Date(d.toISOString().slice(0, -1));`,
    // A shadowed Date is not the global one.
    'function f(Date: any) { return new Date(Date.now() + new Date().getTimezoneOffset() * 60000); }',
  ],
  invalid: [
    // fake-utc-offset, base "now" → new Date()
    unsafe('fake-utc-offset', 'new Date(Date.now() + new Date().getTimezoneOffset() * 60000);', 'new Date();'),
    unsafe('fake-utc-offset', 'new Date(new Date().getTime() + new Date().getTimezoneOffset() * 60_000);', 'new Date();'),
    unsafe('fake-utc-offset', 'new Date(+new Date() - 60e3 * new Date().getTimezoneOffset());', 'new Date();'),
    unsafe('fake-utc-offset', 'const u = new Date(Date.now() + (new Date().getTimezoneOffset() * 60 * 1000));', 'const u = new Date();'),
    unsafe('fake-utc-offset', 'new Date(Date.now() /* shift */ + new Date().getTimezoneOffset() * 60000);', 'new Date(/* shift */);'),
    // base another Date → keep it
    unsafe('fake-utc-offset', `${D}new Date(d.getTime() + d.getTimezoneOffset() * 60 * 1000);`, `${D}new Date(d.getTime());`),
    unsafe('fake-utc-offset', `${D}new Date(d.getTime() - d.getTimezoneOffset() * 60e3);`, `${D}new Date(d.getTime());`),
    unsafe('fake-utc-offset', `${D}new Date(d.getTimezoneOffset() * 60000 + d.valueOf());`, `${D}new Date(d.valueOf());`),
    unsafe('fake-utc-offset', 'new Date(new Date().valueOf() + new Date().getTimezoneOffset() * 60000);', 'new Date();'),
    unsafe('fake-utc-offset', `${D}new Date(+d + 1000 * 60 * d.getTimezoneOffset());`, `${D}new Date(+d);`),
    unsafe(
      'fake-utc-offset',
      `${D}const ms = (new Date(d.getTime() + d.getTimezoneOffset() * 60000))?.getTime();`,
      `${D}const ms = (new Date(d.getTime()))?.getTime();`,
    ),
    // fake-utc-locale
    unsafe('fake-utc-locale', "new Date(new Date().toLocaleString('en-US', { timeZone: 'UTC' }));", 'new Date();'),
    unsafe('fake-utc-locale', `${D}new Date(d.toLocaleString("en-US", { timeZone: "Etc/UTC" }));`, `${D}new Date(d);`),
    unsafe('fake-utc-locale', `${D}new Date(d.toLocaleString(undefined, { hour12: false, 'timeZone': 'utc' }));`, `${D}new Date(d);`),
    unsafe('fake-utc-locale', `${D}new Date(d.toLocaleString('en-GB', { timeZone: 'GMT' }));`, `${D}new Date(d);`),
    unsafe('fake-utc-locale', "new Date(new Date().toLocaleString('en-US', { timeZone: 'Zulu' }));", 'new Date();'),
    // naive-iso-parse
    unsafe('naive-iso-parse', 'new Date(new Date().toISOString().slice(0, -1));', 'new Date();'),
    unsafe('naive-iso-parse', `${D}new Date(d.toISOString().slice(0, -1));`, `${D}new Date(d);`),
    unsafe('naive-iso-parse', `${D}new Date(d.toISOString().replace('Z', ''));`, `${D}new Date(d);`),
    unsafe('naive-iso-parse', `${D}new Date(d.toISOString().replace(/Z$/, ''));`, `${D}new Date(d);`),
    unsafe('naive-iso-parse', `${D}new Date(d.toISOString().replaceAll('Z', ''));`, `${D}new Date(d);`),
    unsafe('naive-iso-parse', `${D}new Date(d.toISOString().substring(0, 23));`, `${D}new Date(d);`),
    unsafe('naive-iso-parse', `${D}new Date(d.toISOString().substr(0, 23));`, `${D}new Date(d);`),
    unsafe('naive-iso-parse', `${D}new Date(d.toISOString().slice(0, 23));`, `${D}new Date(d);`),
    unsafe('naive-iso-parse', `${D}new Date(d.toISOString().split('Z')[0]);`, `${D}new Date(d);`),
    unsafe('naive-iso-parse', `${D}new Date(d.toISOString().slice(0, -1) /* local */);`, `${D}new Date(d /* local */);`),
    unsafe('naive-iso-parse', 'declare const e: { at: Date }; f(new Date(e.at.toISOString().slice(0, -1))); declare function f(d: Date): void;', 'declare const e: { at: Date }; f(new Date(e.at)); declare function f(d: Date): void;'),
    // also cuts the seconds or milliseconds on purpose: `new Date(d)` would not
    unfixable('naive-iso-parse/unsupported-form', `${D}new Date(d.toISOString().slice(0, 19));`),
    unfixable('naive-iso-parse/unsupported-form', `${D}new Date(d.toISOString().slice(0, 16));`),
    // unknown receivers
    unfixable('naive-iso-parse/unresolved-type', 'declare const a: any; new Date(a.toISOString().slice(0, -1));'),
    unfixable('fake-utc-offset/unresolved-type', 'declare const a: any; new Date(a.getTime() + new Date().getTimezoneOffset() * 60000);'),
    unfixable('fake-utc-locale/unresolved-type', `${D}declare const x: Date | { toLocaleString(l: string, o: object): string }; new Date(x.toLocaleString('en-US', { timeZone: 'UTC' }));`),
  ],
});

untypedRuleTester.run('no-utcnow-date: fake UTC (untyped)', rule, {
  valid: ['moment.utc();', 'new Date(Date.now());', 'const Date = f(); new Date(new Date().toISOString().slice(0, -1));'],
  invalid: [
    // `new Date()` and `Date.now()` prove themselves without a program.
    unsafe('fake-utc-offset', 'new Date(Date.now() + new Date().getTimezoneOffset() * 60000);', 'new Date();'),
    unsafe('naive-iso-parse', 'new Date(new Date().toISOString().replace("Z", ""));', 'new Date();'),
    unsafe('fake-utc-locale', 'new Date(new Date(t).toLocaleString("en-US", { timeZone: "UTC" }));', 'new Date(new Date(t));'),
    // Anything else might be a moment: reported, never fixed.
    unfixable('fake-utc-offset/unresolved-type', 'new Date(d.getTime() + d.getTimezoneOffset() * 60000);'),
    unfixable('naive-iso-parse/unresolved-type', 'new Date(moment().toISOString().slice(0, -1));'),
  ],
});
