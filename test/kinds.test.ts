import { describe, expect, it } from 'vitest';
import { KINDS, messageIdOf, messagesOfRule, messageWithoutSafety, parseMessageId, reasonIdOf, reasonOfMessage, REASONS, repairOfMessage, type KindId } from '../rules/kinds.js';
import { offsetOf, lineOf } from '../src/plan.js';
import { newDiagnostics } from '../src/verify.js';

describe('kind catalogue', () => {
  it('reads every message id of every rule back into its kind and safety', () => {
    for (const kind of Object.keys(KINDS) as KindId[]) {
      const messages = messagesOfRule(KINDS[kind].rule);
      expect(messages[kind]).toBeDefined();
      expect(parseMessageId(kind)).toMatchObject({ kind, fix: KINDS[kind].fix });
      const downgraded = parseMessageId(messageIdOf(kind, 'unresolved-type'));
      expect(downgraded).toEqual({ kind, fix: 'none', reason: REASONS['unresolved-type'] });
      expect(messages[messageIdOf(kind, 'unresolved-type')]).toContain(REASONS['unresolved-type']);
    }
  });

  it('gives never-fixable kinds their own reason', () => {
    expect(parseMessageId('legacy-url-parse')).toEqual({ kind: 'legacy-url-parse', fix: 'none', reason: REASONS['use-whatwg-url'] });
  });

  it('reads a repair back with the failure it fixes, and only for kinds that can repair', () => {
    expect(KINDS['date-fns-tz-rename'].fix).toBe('repair');
    expect(parseMessageId('pydantic-v1-method/repair')).toEqual({ kind: 'pydantic-v1-method', fix: 'repair' });
    expect(parseMessageId('pydantic-v1-config/unsafe')).toEqual({ kind: 'pydantic-v1-config', fix: 'unsafe' });
    expect(parseMessageId('legacy-url-parse/repair')).toBeUndefined();
    const message = messagesOfRule('py-pydantic-v1')['pydantic-v1-method/repair'].replace('{{name}}', 'dict()').replace('{{replacement}}', 'model_dump()').replace('{{repairs}}', 'raises TypeError on pydantic 2.13.4');
    expect(repairOfMessage(message)).toBe('raises TypeError on pydantic 2.13.4');
    expect(messageWithoutSafety(message)).toBe('`dict()` is the pydantic v1 API, deprecated in pydantic 2; use `model_dump()`.');
  });

  it('ignores ids that are not findings', () => {
    expect(parseMessageId('unsafeSuggestion')).toBeUndefined();
    expect(parseMessageId('buffer-slice/no-such-reason')).toBeUndefined();
  });

  it('strips the safety suffix that plain ESLint users see', () => {
    const messages = messagesOfRule('no-legacy-serialization');
    expect(messageWithoutSafety(messages['buffer-slice'])).toBe(KINDS['buffer-slice'].message);
    expect(messageWithoutSafety(messages['legacy-url-parse/use-whatwg-url'])).toBe(KINDS['legacy-url-parse'].message);
  });
});

describe('positions', () => {
  it('converts ESLint lines and columns to offsets and back, for LF and CRLF', () => {
    for (const eol of ['\n', '\r\n']) {
      const text = ['const a = 1;', 'const b = a.slice(1);', ''].join(eol);
      const offset = offsetOf(text, 2, 11);
      expect(text.slice(offset, offset + 7)).toBe('a.slice');
      expect(lineOf(text, offset)).toBe(2);
    }
  });
});

describe('diagnostics comparison', () => {
  it('finds only diagnostics the rewrite added, counting repeats', () => {
    expect(newDiagnostics(['TS2322: a', 'TS2322: a'], ['TS2322: a', 'TS2322: a', 'TS2322: a', 'TS2345: b'])).toEqual(['TS2322: a', 'TS2345: b']);
    expect(newDiagnostics(['TS2345: b'], [])).toEqual([]);
  });

  it('treats an import that stays unresolved under a new path as no new problem', () => {
    const before = ["TS2307: Cannot find module 'class-transformer/ClassTransformer' or its corresponding type declarations."];
    const after = ["TS2307: Cannot find module 'class-transformer' or its corresponding type declarations."];
    expect(newDiagnostics(before, after)).toEqual([]);
    expect(newDiagnostics([], after)).toEqual(after);
  });
});

describe('reasons with placeholders', () => {
  const filled = "spied on as 'plainToClass' in test/a.spec.ts:12 (+1 more)";

  it('reads the filled reason back from the message ESLint interpolated', () => {
    const message = `\`plainToClass\` is deprecated since class-transformer 0.4.1; use \`plainToInstance\`. (no fix: ${filled})`;
    expect(reasonOfMessage(message)).toBe(filled);
    expect(messageWithoutSafety(message)).toBe('`plainToClass` is deprecated since class-transformer 0.4.1; use `plainToInstance`.');
    expect(reasonOfMessage('`toGMTString()` is a deprecated Annex B alias of `toUTCString()`. (safe fix)')).toBeUndefined();
  });

  it('knows a filled reason by its template, and a plain one by its text', () => {
    expect(reasonIdOf(filled)).toBe('spied');
    expect(reasonIdOf(REASONS['string-reference'])).toBe('string-reference');
    expect(reasonIdOf('spied on by nobody')).toBeUndefined();
  });
});
