import rule from '../../rules/no-utcnow-date.js';
import { typedRuleTester, unfixable, untypedRuleTester } from './rule-tester.js';

// TypeScript's lib does not declare the Annex B methods, so these snippets have type errors; the rule only
// needs the receiver's type, which the checker still knows.

typedRuleTester.run('no-utcnow-date: Annex B Date methods (typed)', rule, {
  valid: [
    // A class with its own getYear / toGMTString / setYear is not a Date.
    'class Fiscal { getYear() { return 24; } } new Fiscal().getYear();',
    'class Fiscal { toGMTString() { return ""; } setYear(y: number) { return y; } } const f = new Fiscal(); f.toGMTString(); f.setYear(5);',
    // A Date subclass that defines getYear itself: its method, not Annex B's.
    'class FiscalDate extends Date { getYear() { return 1; } } new FiscalDate().getYear();',
    'class Stamp extends Date { toGMTString() { return ""; } } new Stamp().toGMTString();',
    'declare const o: { getYear(): number }; o.getYear();',
    // Shadowed Date: a local class named Date.
    'class Date { getYear() { return 1; } } new Date().getYear();',
    'class Date { toGMTString() { return ""; } setYear(y: number) { return y; } } new Date().toGMTString(); new Date().setYear(99);',
    'declare const d: Date; d.getFullYear(); d.toUTCString(); d.setFullYear(2024);',
    'declare const moment: { utc(): { year(): number } }; moment.utc().year();',
  ],
  invalid: [
    {
      code: 'declare const d: Date; d.toGMTString();',
      output: 'declare const d: Date; d.toUTCString();',
      errors: [{ messageId: 'annexb-togmtstring', line: 1, column: 24 }],
    },
    {
      code: 'new Date().toGMTString();',
      output: 'new Date().toUTCString();',
      errors: [{ messageId: 'annexb-togmtstring' }],
    },
    {
      code: 'declare const d: Date | undefined; const s = d?.toGMTString();',
      output: 'declare const d: Date | undefined; const s = d?.toUTCString();',
      errors: [{ messageId: 'annexb-togmtstring' }],
    },
    {
      code: 'function f<T extends Date>(d: T) { return d.toGMTString(); }',
      output: 'function f<T extends Date>(d: T) { return d.toUTCString(); }',
      errors: [{ messageId: 'annexb-togmtstring' }],
    },
    {
      code: 'class Stamp extends Date {} new Stamp().toGMTString();',
      output: 'class Stamp extends Date {} new Stamp().toUTCString();',
      errors: [{ messageId: 'annexb-togmtstring' }],
    },
    // getYear: `- 1900`, parenthesised only where the context binds tighter than `-`.
    {
      code: 'declare const d: Date; const y = d.getYear();',
      output: 'declare const d: Date; const y = d.getFullYear() - 1900;',
      errors: [{ messageId: 'annexb-getyear' }],
    },
    {
      code: 'declare const d: Date; const s = "year " + d.getYear();',
      output: 'declare const d: Date; const s = "year " + (d.getFullYear() - 1900);',
      errors: [{ messageId: 'annexb-getyear' }],
    },
    {
      code: 'declare const d: Date; const s = d.getYear().toString();',
      output: 'declare const d: Date; const s = (d.getFullYear() - 1900).toString();',
      errors: [{ messageId: 'annexb-getyear' }],
    },
    {
      code: 'declare const d: Date; const n = d.getYear() * 2;',
      output: 'declare const d: Date; const n = (d.getFullYear() - 1900) * 2;',
      errors: [{ messageId: 'annexb-getyear' }],
    },
    {
      code: 'declare const d: Date; const old = d.getYear() < 100;',
      output: 'declare const d: Date; const old = d.getFullYear() - 1900 < 100;',
      errors: [{ messageId: 'annexb-getyear' }],
    },
    {
      code: 'declare const d: Date; f(d.getYear(), [d.getYear()]); declare function f(...a: unknown[]): void;',
      output: 'declare const d: Date; f(d.getFullYear() - 1900, [d.getFullYear() - 1900]); declare function f(...a: unknown[]): void;',
      errors: [{ messageId: 'annexb-getyear' }, { messageId: 'annexb-getyear' }],
    },
    // `+ 1900` cancels out, in either operand order.
    {
      code: 'declare const d: Date; const y = d.getYear() + 1900;',
      output: 'declare const d: Date; const y = d.getFullYear();',
      errors: [{ messageId: 'annexb-getyear' }],
    },
    {
      code: 'declare const d: Date; const y = 1900 + d.getYear();',
      output: 'declare const d: Date; const y = d.getFullYear();',
      errors: [{ messageId: 'annexb-getyear' }],
    },
    {
      code: 'declare const d: Date; const s = "y" + (d.getYear() + 1900);',
      output: 'declare const d: Date; const s = "y" + (d.getFullYear());',
      errors: [{ messageId: 'annexb-getyear' }],
    },
    {
      code: 'declare const d: Date; const y = d.getYear() /* Annex B */ + 1900;',
      output: 'declare const d: Date; const y = d.getFullYear() - 1900 /* Annex B */ + 1900;',
      errors: [{ messageId: 'annexb-getyear' }],
    },
    {
      code: 'declare const d: Date; const y = d.getYear() + 1901;',
      output: 'declare const d: Date; const y = d.getFullYear() - 1900 + 1901;',
      errors: [{ messageId: 'annexb-getyear' }],
    },
    {
      code: 'declare const d: Date; const s = d.getYear()?.toFixed();',
      output: 'declare const d: Date; const s = (d.getFullYear() - 1900)?.toFixed();',
      errors: [{ messageId: 'annexb-getyear' }],
    },
    // A Date subclass overriding toUTCString: toGMTString is still Date.prototype's, so the two would differ.
    unfixable('annexb-togmtstring/unsupported-form', 'class Stamp extends Date { toUTCString() { return ""; } } new Stamp().toGMTString();'),
    // An optional chain makes the result undefined, not NaN: no fix.
    {
      code: 'declare const d: Date | undefined; const y = d?.getYear();',
      output: null,
      errors: [{ messageId: 'annexb-getyear/unsupported-form' }],
    },
    // A Date subclass overriding the replacement method.
    {
      code: 'class Shifted extends Date { getFullYear() { return 0; } } new Shifted().getYear();',
      output: null,
      errors: [{ messageId: 'annexb-getyear/unsupported-form' }],
    },
    // setYear: only a literal year ≥ 100 keeps its meaning under setFullYear.
    {
      code: 'declare const d: Date; d.setYear(2024);',
      output: 'declare const d: Date; d.setFullYear(2024);',
      errors: [{ messageId: 'annexb-setyear' }],
    },
    {
      code: 'declare const d: Date; d.setYear(1e3);',
      output: 'declare const d: Date; d.setFullYear(1e3);',
      errors: [{ messageId: 'annexb-setyear' }],
    },
    {
      code: 'declare const d: Date; d.setYear(99);',
      output: null,
      errors: [{ messageId: 'annexb-setyear/setyear-non-literal' }],
    },
    {
      code: 'declare const d: Date; declare const y: number; d.setYear(y);',
      output: null,
      errors: [{ messageId: 'annexb-setyear/setyear-non-literal' }],
    },
    {
      code: 'declare const d: Date; d.setYear(2024, 5);',
      output: null,
      errors: [{ messageId: 'annexb-setyear/unsupported-form' }],
    },
    // A Date subclass overriding the replacement method.
    unfixable('annexb-setyear/unsupported-form', 'class Shifted extends Date { setFullYear(y: number) { return y; } } new Shifted().setYear(2024);'),
    // Receiver type unknown.
    {
      code: 'declare const d: any; d.toGMTString(); d.getYear(); d.setYear(2024);',
      output: null,
      errors: [
        { messageId: 'annexb-togmtstring/unresolved-type' },
        { messageId: 'annexb-getyear/unresolved-type' },
        { messageId: 'annexb-setyear/unresolved-type' },
      ],
    },
    {
      code: 'declare const d: Date | { getYear(): number }; d.getYear();',
      output: null,
      errors: [{ messageId: 'annexb-getyear/unresolved-type' }],
    },
  ],
});

untypedRuleTester.run('no-utcnow-date: Annex B Date methods (untyped)', rule, {
  valid: ['d.getFullYear();', 'moment.utc();'],
  invalid: [
    // A shadowed Date proves nothing: reported, never fixed.
    {
      code: 'const Date = class { getYear() { return 1; } }; new Date().getYear();',
      output: null,
      errors: [{ messageId: 'annexb-getyear/unresolved-type' }],
    },
    {
      code: 'd.getYear();',
      output: null,
      errors: [{ messageId: 'annexb-getyear/unresolved-type' }],
    },
    {
      code: 'd.toGMTString();',
      output: null,
      errors: [{ messageId: 'annexb-togmtstring/unresolved-type' }],
    },
    // `new Date(…)` proves the receiver without a program.
    {
      code: 'const y = new Date(t).getYear() + 1900;',
      output: 'const y = new Date(t).getFullYear();',
      errors: [{ messageId: 'annexb-getyear' }],
    },
    {
      code: 'new Date().setYear(2024);',
      output: 'new Date().setFullYear(2024);',
      errors: [{ messageId: 'annexb-setyear' }],
    },
  ],
});
