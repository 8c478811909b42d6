import { describe, expect, it } from 'vitest';
import { innermostSymbols, readSymbols, symbolTable, type SymbolEntry } from '../src/symbols/index.js';

/** `name kind startLine-endLine`, one per entry, in table order. */
function rows(file: string, lines: string[]): string[] {
  return symbolTable(file, lines.join('\n')).map((entry) => `${entry.name} ${entry.kind} ${entry.startLine}-${entry.endLine}`);
}

/** The text an entry's range covers. */
function textOf(file: string, text: string, name: string): string[] {
  return symbolTable(file, text)
    .filter((entry) => entry.name === name)
    .map((entry) => text.slice(entry.start, entry.end));
}

describe('symbolTable: TypeScript and JavaScript', () => {
  it.each<[string, string, string[], string[]]>([
    [
      'function declarations, nested functions by dotted path',
      'a.ts',
      ['export function outer() {', '  function inner() {', '    return 1;', '  }', '  const arrow = () => inner();', '  return arrow;', '}'],
      ['outer function 1-7', 'outer.inner function 2-4', 'outer.arrow function 5-5'],
    ],
    [
      'arrow functions and function expressions assigned to const (parenthesised, `as`, `satisfies`)',
      'a.ts',
      ['export const createTask = async (title: string) => {', '  return title;', '};', 'const legacy = function named() {};', 'const typed = ((x: number) => x) as Fn;', 'let later = (() => 1) satisfies () => number;', 'const notAFunction = 1, second = () => 2;'],
      ['createTask function 1-3', 'legacy function 4-4', 'typed function 5-5', 'later function 6-6', 'second function 7-7'],
    ],
    [
      'classes, methods, static methods, constructors, getters/setters and arrow-function fields',
      'a.ts',
      [
        'export class TaskService {',
        '  private cache = new Map();',
        '  constructor(private db: Db) {}',
        '  static create() { return new TaskService(db); }',
        '  get size() { return 1; }',
        '  set size(value: number) {}',
        '  handle = (event: Event) => { void event; };',
        '  async *stream() {}',
        '}',
      ],
      [
        'TaskService class 1-9',
        'TaskService.constructor constructor 3-3',
        'TaskService.create method 4-4',
        'TaskService.size getter 5-5',
        'TaskService.size setter 6-6',
        'TaskService.handle method 7-7',
        'TaskService.stream method 8-8',
      ],
    ],
    [
      'the same method name in two classes: two entries',
      'a.ts',
      ['class A {', '  m() {}', '}', 'class B {', '  m() {}', '}'],
      ['A class 1-3', 'A.m method 2-2', 'B class 4-6', 'B.m method 5-5'],
    ],
    [
      'overloads: one entry from the first signature to the end of the implementation',
      'a.ts',
      [
        'export function parse(s: string): Date;',
        'export function parse(n: number): Date;',
        'export function parse(x: string | number): Date {',
        '  return new Date(x);',
        '}',
        'class C {',
        '  m(a: string): void;',
        '  m(a: number): void;',
        '  m(a: unknown) {}',
        '  n() {}',
        '}',
        'declare function ambient(a: string): void;',
        'declare function ambient(a: number): void;',
      ],
      ['parse function 1-5', 'C class 6-11', 'C.m method 7-9', 'C.n method 10-10', 'ambient function 12-13'],
    ],
    [
      'default exports: by their name, `default` when anonymous',
      'a.ts',
      ['export default function createTask() {}'],
      ['createTask function 1-1'],
    ],
    ['an anonymous default function', 'a.ts', ['export default function () {', '}'], ['default function 1-2']],
    ['an anonymous default class', 'a.ts', ['export default class {', '  m() {}', '}'], ['default class 1-3', 'default.m method 2-2']],
    ['a default-exported arrow function', 'a.js', ['export default (x) => x;'], ['default function 1-1']],
    ['a default-exported object literal', 'a.mjs', ['export default {', '  get(x) { return x; },', '};'], ['default.get method 2-2']],
    [
      'object-literal methods: shorthand, arrow and function properties, accessors, nested objects',
      'a.js',
      [
        'const api = {',
        '  get(id) { return id; },',
        '  post: (body) => body,',
        '  put: function (body) { return body; },',
        '  get size() { return 1; },',
        '  nested: { deep() {} },',
        '  value: 1,',
        '  "quoted-name"() {},',
        '};',
      ],
      ['api.get method 2-2', 'api.post method 3-3', 'api.put method 4-4', 'api.size getter 5-5', 'api.nested.deep method 6-6', 'api.quoted-name method 8-8'],
    ],
    [
      'classes and functions inside functions and methods, namespaces as containers',
      'a.ts',
      ['namespace N {', '  export function f() {', '    class Local {', '      run() {}', '    }', '  }', '}', 'class K {', '  m() {', '    const helper = () => 1;', '  }', '}'],
      ['N.f function 2-6', 'N.f.Local class 3-5', 'N.f.Local.run method 4-4', 'K class 8-12', 'K.m method 9-11', 'K.m.helper function 10-10'],
    ],
    [
      'a class expression assigned to a const; computed and private names are not symbols',
      'a.ts',
      ['const Repo = class {', '  find() {}', '  [Symbol.iterator]() {}', '  #secret() {}', '};'],
      ['Repo class 1-5', 'Repo.find method 2-2'],
    ],
    [
      'JSX files',
      'a.tsx',
      ['export const App = () => <div onClick={() => 1} />;', 'export function Page() { return <App />; }'],
      ['App function 1-1', 'Page function 2-2'],
    ],
  ])('%s', (_title, file, lines, expected) => {
    expect(rows(file, lines)).toEqual(expected);
  });

  it('ranges cover decorators and `export`, not the JSDoc above', () => {
    const text = ['/** Docs. */', '@Injectable()', 'export class Service {', '  @Get(":id")', '  @UseGuards(Auth)', '  find() {}', '}', '/** More. */', 'export const f = () => 1;', ''].join('\n');
    expect(textOf('a.ts', text, 'Service')[0]).toMatch(/^@Injectable\(\)\nexport class Service \{[\s\S]*\}$/);
    expect(textOf('a.ts', text, 'Service.find')).toEqual(['@Get(":id")\n  @UseGuards(Auth)\n  find() {}']);
    expect(textOf('a.ts', text, 'f')).toEqual(['export const f = () => 1;']);
    expect(rows('a.ts', text.split('\n'))).toEqual(['Service class 2-7', 'Service.find method 4-6', 'f function 9-9']);
  });

  it('offsets and lines agree with CRLF line endings', () => {
    const text = 'class A {\r\n  m() {\r\n    return 1;\r\n  }\r\n}\r\n';
    const [, method] = symbolTable('a.ts', text);
    expect(method).toMatchObject({ name: 'A.m', startLine: 2, endLine: 4 });
    expect(text.slice(method.start, method.end)).toBe('m() {\r\n    return 1;\r\n  }');
  });

  it('a file with a syntax error keeps the symbols the parser recovered, and says where the error is', () => {
    const result = readSymbols('a.ts', ['function good() {}', 'function broken() { const = 1; }', 'class C { m() {} }'].join('\n'));
    expect(result.symbols.map((entry) => entry.name)).toEqual(['good', 'broken', 'C', 'C.m']);
    expect(result.syntaxError).toMatchObject({ line: 2 });
    expect(readSymbols('a.ts', 'function good() {}').syntaxError).toBeUndefined();
  });

  it('refuses a file that is not TS/JS or Python', () => {
    expect(() => symbolTable('README.md', '# x')).toThrow(/TypeScript, JavaScript and Python files only/);
  });
});

describe('symbolTable: Python', () => {
  it.each<[string, string[], string[]]>([
    [
      'def, async def, nested defs by dotted path',
      ['def outer():', '    def inner():', '        def innermost():', '            pass', '    return inner', '', 'async def fetch(url):', '    return url'],
      ['outer function 1-5', 'outer.inner function 2-4', 'outer.inner.innermost function 3-4', 'fetch function 7-8'],
    ],
    [
      'classes and methods; the same method name in two classes; __init__ is the constructor',
      ['class A:', '    def __init__(self):', '        self.x = 1', '    def m(self):', '        pass', '', 'class B:', '    async def m(self):', '        pass'],
      ['A class 1-5', 'A.__init__ constructor 2-3', 'A.m method 4-5', 'B class 7-9', 'B.m method 8-9'],
    ],
    [
      'properties: a getter and a setter under one name',
      ['class C:', '    @property', '    def x(self):', '        return 1', '    @x.setter', '    def x(self, value):', '        pass', '    @functools.cached_property', '    def y(self):', '        return 2'],
      ['C class 1-10', 'C.x getter 2-4', 'C.x setter 5-7', 'C.y getter 8-10'],
    ],
    [
      '@overload signatures join the implementation',
      ['from typing import overload', '@overload', 'def parse(s: str) -> int: ...', '@typing.overload', 'def parse(s: bytes) -> int: ...', 'def parse(s):', '    return 1', 'def other():', '    pass'],
      ['parse function 2-7', 'other function 8-9'],
    ],
    [
      'definitions under if/try blocks belong to their container; conditional redefinitions are two entries',
      ['try:', '    def f():', '        pass', 'except ImportError:', '    def f():', '        pass', 'class K:', '    if DEBUG:', '        def m(self):', '            pass'],
      ['f function 2-3', 'f function 5-6', 'K class 7-10', 'K.m method 9-10'],
    ],
    [
      'lambdas assigned to a name; classes nested in functions',
      ['handler = lambda event: event', 'def factory():', '    class Local:', '        def run(self):', '            pass', '    return Local'],
      ['handler function 1-1', 'factory function 2-6', 'factory.Local class 3-5', 'factory.Local.run method 4-5'],
    ],
  ])('%s', (_title, lines, expected) => {
    expect(rows('a.py', lines)).toEqual(expected);
  });

  it('ranges cover decorators', () => {
    const text = ['@app.get("/tasks")', '@requires_auth', 'async def list_tasks():', '    return []', ''].join('\n');
    expect(textOf('a.py', text, 'list_tasks')).toEqual(['@app.get("/tasks")\n@requires_auth\nasync def list_tasks():\n    return []']);
  });

  it('a file with a syntax error keeps the symbols the parser recovered, and says where the error is', () => {
    const result = readSymbols('a.py', ['def good():', '    pass', '', 'def broken(:', '    pass', ''].join('\n'));
    expect(result.symbols.map((entry) => entry.name)).toContain('good');
    expect(result.syntaxError).toMatchObject({ line: 4 });
    expect(readSymbols('a.py', 'def good():\n    pass\n').syntaxError).toBeUndefined();
  });
});

describe('innermostSymbols', () => {
  const text = [
    'import x from "x";', // 1
    'class A {', // 2
    '  field = 1;', // 3
    '  m() {', // 4
    '    const inner = () => {', // 5
    '      return 1;', // 6
    '    };', // 7
    '  }', // 8
    '  n() {}', // 9
    '}', // 10
    'function f() {}', // 11
  ].join('\n');
  const table: SymbolEntry[] = symbolTable('a.ts', text);

  it.each<[string, { start: number; end: number }[], string[]]>([
    ['a line in a nested function names the nested function', [{ start: 6, end: 6 }], ['A.m.inner']],
    ['a line of the method around it names the method', [{ start: 4, end: 4 }], ['A.m']],
    ['a range across two methods names both, in table order', [{ start: 9, end: 9 }, { start: 4, end: 6 }], ['A.m', 'A.m.inner', 'A.n']],
    ['lines outside every function (an import, a class field, a class brace) name nothing', [{ start: 1, end: 3 }, { start: 10, end: 10 }], []],
    ['a range that touches two top-level functions', [{ start: 9, end: 11 }], ['A.n', 'f']],
    ['no ranges', [], []],
  ])('%s', (_title, ranges, expected) => {
    expect(innermostSymbols(table, ranges)).toEqual(expected);
  });

  it('works on Python tables too', () => {
    const python = symbolTable('a.py', ['class A:', '    def m(self):', '        def helper():', '            pass', '        return 1'].join('\n'));
    expect(innermostSymbols(python, [{ start: 4, end: 4 }])).toEqual(['A.m.helper']);
    expect(innermostSymbols(python, [{ start: 5, end: 5 }])).toEqual(['A.m']);
    expect(innermostSymbols(python, [{ start: 1, end: 1 }])).toEqual([]);
  });
});
