/** The `deprecfix/python` ESLint language: parsing, locations, comments and disable directives. */
import { Linter, type Rule } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../rules/index.js';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { summarizeModule } from '../rules/python/module-summary.js';
import { PythonSourceCode } from '../rules/python/language.js';
import { cursorInternals, parsePython, parsePythonOutline, type PyNode } from '../transforms/python/syntax.js';
import { packageRoot } from './helpers.js';

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

  it('lists a file’s comments, and its directive comments only among them', () => {
    const sourceOf = (text: string) => {
      const parsed = parsePython(text);
      if (!parsed.ok) throw new Error('parse');
      return new PythonSourceCode({ text, ast: parsed.ast });
    };
    const plain = sourceOf('x = 1  # note\ns = "eslint-disable"\n# another\n');
    expect(plain.comments.map((comment) => comment.range)).toEqual([[7, 13], [35, 44]]);
    expect(plain.getInlineConfigNodes()).toEqual([]);
    expect(sourceOf('x = 1  # note\n').getInlineConfigNodes()).toEqual([]);
    const directed = sourceOf('x = 1  # note\n#  eslint-disable-next-line probe/calls\ny = 2\n');
    expect(directed.getInlineConfigNodes().map((comment) => comment.range)).toEqual([[14, 53]]);
  });

  it('keeps comments on the source code for directives', () => {
    const parsed = parsePython('x = 1  # note\n');
    expect(parsed.ok && parsed.ast.children.map((child) => child.type)).toEqual(['expression_statement', 'comment']);
  });
  it('converts through the WebAssembly cursor exactly as through the public cursor', () => {
    const code = [
      'import a.b as c, d  # é😀 ünïcode',
      'from .m import (x as y, z)',
      '@dataclass(frozen=True)',
      'class K(Base, metaclass=Meta):',
      '    """doc"""',
      '    def f(self, /, p: int = 1, *args: str, k=2, **kw) -> "K":',
      '        s = f"{p!r:>{k}} \\n {{}}" b"raw" rb"\\d"',
      '        with open(p) as fh, ctx() as (a, b):',
      '            return [i async for i in g if (j := i)] or {k: v for k, v in kw.items()} or lambda *_: None',
      'match cmd:',
      '    case Point(x=0, y=yy) | [1, *rest] as whole if yy:',
      '        del whole[0], rest',
      'try:\n    pass\nexcept* (E, F) as err:\n    raise X from err',
      'type Alias[T] = list[T]',
      '',
    ].join('\n');
    const describe = (node: PyNode): unknown => [node.type, node.range, node.fieldName, node.children.map(describe)];
    const parsed = parsePython(code);
    expect(parsed.ok).toBe(true);
    expect(cursorInternals.fast).toBe(true); // false would mean web-tree-sitter's internals changed: the slow path runs
    expect(parsed.ok && describe(parsed.ast)).toEqual(describe(cursorInternals.parseWithPublicCursor(code)!));
  });

  it('gives every node its parent, its fields and a location computed from its range', () => {
    const parsed = parsePython('x = 1\nprint(f(x),\n      y)\n');
    const call = parsed.ok ? parsed.ast.children[1].children[0] : undefined;
    expect(call?.type).toBe('call');
    expect(call?.fields.arguments?.parent).toBe(call);
    expect(call?.fields.arguments?.fieldName).toBe('arguments');
    expect(call?.loc).toEqual({ start: { line: 2, column: 0 }, end: { line: 3, column: 8 } });
  });

  it('visits nodes in source order, each exit after its children', () => {
    const events: string[] = [];
    const recorder: Rule.RuleModule = {
      meta: {},
      create: () => ({
        call: (node: unknown) => void events.push(`call ${(node as PyNode).range[0]}`),
        'call:exit': (node: unknown) => void events.push(`exit ${(node as PyNode).range[0]}`),
      }),
    };
    const config: Linter.Config[] = [
      { files: ['**/*.py'], plugins: { deprecfix: plugin as never, probe: { rules: { recorder } } }, language: 'deprecfix/python', rules: { 'probe/recorder': 'warn' } },
    ];
    new Linter().verify('f(g(x))\nh()\n', config, { filename: 'app.py' });
    expect(events).toEqual(['call 0', 'call 2', 'exit 2', 'exit 0', 'call 8', 'exit 8']);
  });
});

describe('parsePythonOutline: the tree the model index summarises', () => {
  const count = (node: PyNode): number => 1 + node.children.reduce((sum, child) => sum + count(child), 0);
  const pythonFiles = (dir: string): string[] =>
    (readdirSync(dir, { recursive: true }) as string[]).filter((file) => file.endsWith('.py')).map((file) => path.join(dir, file));

  it('summarises every Python fixture exactly as the whole tree does, with the function bodies left out', () => {
    let smaller = 0;
    const files = [...pythonFiles(path.join(packageRoot, 'fixtures')), ...pythonFiles(path.join(packageRoot, 'test'))];
    expect(files.length).toBeGreaterThan(40);
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const whole = parsePython(text);
      const outline = parsePythonOutline(text);
      expect(outline.ok, file).toBe(whole.ok);
      if (!whole.ok || !outline.ok) continue;
      expect(summarizeModule(text, outline.ast), file).toEqual(summarizeModule(text, whole.ast));
      if (count(outline.ast) < count(whole.ast)) smaller++;
    }
    expect(smaller).toBeGreaterThan(20);
  });

  it('keeps a function body as an empty block, and the syntax check of the whole file', () => {
    const code = 'class M(BaseModel):\n    def f(self) -> int:\n        return self.x\n\ndef g():\n    if x:\n        y = 1\n';
    const outline = parsePythonOutline(code);
    const bodies: PyNode[] = [];
    const walk = (node: PyNode): void => {
      if (node.type === 'function_definition') bodies.push(node.fields.body!);
      node.children.forEach(walk);
    };
    if (outline.ok) walk(outline.ast);
    expect(bodies.map((body) => [body.type, body.children.length, code.slice(body.range[0], body.range[1])])).toEqual([
      ['block', 0, 'return self.x'],
      ['block', 0, 'if x:\n        y = 1'],
    ]);
    expect(parsePythonOutline('def f():\n    return (\n').ok).toBe(false);
  });
});
