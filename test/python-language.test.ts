/** The `deprecfix/python` ESLint language: parsing, locations, comments and disable directives. */
import { Linter, type Rule } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../rules/index.js';
import { parsePython, type PyNode } from '../rules/python/language.js';

/** A probe rule that reports every call whose callee text ends in `utcnow`, to see what the language gives rules. */
const probe: Rule.RuleModule = {
  meta: { messages: { call: 'call {{text}}' } },
  create(context) {
    return {
      call(node: unknown) {
        const call = node as PyNode;
        const callee = call.fields.function!;
        const text = context.sourceCode.text.slice(callee.range[0], callee.range[1]);
        if (text.endsWith('utcnow')) context.report({ node: node as never, messageId: 'call', data: { text } });
      },
    };
  },
};

function lint(code: string) {
  const config: Linter.Config[] = [
    {
      files: ['**/*.py'],
      plugins: { deprecfix: plugin as never, probe: { rules: { calls: probe } } },
      language: 'deprecfix/python',
      rules: { 'probe/calls': 'warn' },
    },
  ];
  return new Linter().verify(code, config, { filename: 'app.py' });
}

describe('deprecfix/python', () => {
  it('gives rules nodes with fields, ESLint locations (UTF-16 columns) and text', () => {
    const messages = lint('s = "é😀"; x = datetime.utcnow()\n');
    expect(messages).toEqual([expect.objectContaining({ message: 'call datetime.utcnow', line: 1, column: 16, endLine: 1, endColumn: 33 })]);
  });

  it('honours # eslint-disable comments', () => {
    const code = [
      'a = datetime.utcnow()  # eslint-disable-line probe/calls',
      '# eslint-disable-next-line probe/calls',
      'b = datetime.utcnow()',
      'c = datetime.utcnow()',
      '# eslint-disable',
      'd = datetime.utcnow()',
      '',
    ].join('\n');
    expect(lint(code).map((message) => message.line)).toEqual([4]);
  });

  it('turns a syntax error into a parse error of that file only', () => {
    const [error] = lint('def f(:\n    pass\n');
    expect(error).toMatchObject({ fatal: true, line: 1 });
    expect(error.message).toContain('invalid syntax');
  });

  it('parses large files without error nodes', () => {
    const body = Array.from({ length: 4000 }, (_, index) => `def f${index}(x: int) -> int:\n    return x + ${index}  # comment\n`).join('\n');
    expect(body.length).toBeGreaterThan(150_000);
    const parsed = parsePython(body);
    expect(parsed.ok).toBe(true);
  });

  it('keeps comments on the source code for directives', () => {
    const parsed = parsePython('x = 1  # note\n');
    expect(parsed.ok && parsed.ast.children.map((child) => child.type)).toEqual(['expression_statement', 'comment']);
  });
});
