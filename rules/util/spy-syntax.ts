import ts = require('typescript'); // require: see src/project.ts

/**
 * The syntax of test spies and module mocks, shared by the index of spied library exports (`spies.ts`) and the
 * test doubles that hold a repository helper's rename (`testDoublesIn`). TypeScript's parser, no binding.
 */

/**
 * How a test observes a repository's own function, which `deprecated-helper` renames at its call sites: a spy that
 * names the member (`jest.spyOn(time, 'utcnow')`, `sinon.stub(Clock.prototype, 'now')`, `mock.method(time, 'utcnow')`
 * of node:test), or a mock of the module that declares it (`jest.mock("…/time")` with or without a factory,
 * `vi.mock(import(…))`, `td.replaceEsm(…)`, node:test's `mock.module`). `name` is the member,
 * or the module specifier as written.
 */
export interface TestDouble {
  kind: 'member' | 'module';
  name: string;
  file: string;
  line: number;
}

export const MOCK_OBJECTS = new Set(['jest', 'vi']);
export const MOCK_METHODS = new Set(['mock', 'doMock', 'unstable_mockModule', 'setMock']);
/** Files that may hold a test double of a repository function (`testDoublesIn`): their text is kept in the index. */
export const TEST_DOUBLE_NEEDLE =
  /\b(?:spyOn|stub|spy|mock|mocked|doMock|unstable_mockModule|setMock|replaceGetter|replaceSetter|replaceEsm)\s*\(|\b(?:sinon|sandbox|td)\.replace\s*\(|\bmock\.(?:method|module|getter|setter)\s*\(|\.mock[A-Z]\w*\s*\(/;

/**
 * The words of a spy or a module mock of a library export: only files that hold one are parsed for spies. Every
 * test double's word (node:test's `t.mock.method(ct, 'plainToClass')` included), and any `replace…(`: a library spy
 * is any call passing the module object and a name.
 */
export const SPY_NEEDLE = new RegExp(`${TEST_DOUBLE_NEEDLE.source}|\\breplace\\w*\\s*\\(`);

/** Spy methods that take (object, 'member'); a `replace` only on sinon, a sandbox or testdouble (`str.replace(a, 'b')`). */
const SPY_METHODS = new Set(['spyOn', 'stub', 'spy', 'replaceGetter', 'replaceSetter']);
const REPLACE_OWNERS = new Set(['sinon', 'sandbox', 'td']);
/** Spying on a member of these observes the platform, never a repository function that shares the member's name. */
const PLATFORM_OBJECTS = new Set(['Date', 'Math', 'JSON', 'console', 'globalThis', 'global', 'window', 'document', 'process', 'Object', 'Array', 'Promise', 'Reflect', 'performance', 'crypto', 'navigator']);

/** Every spy and module mock of a file (see `TestDouble`). */
export function testDoublesIn(fileName: string, text: string): Omit<TestDouble, 'file'>[] {
  const found: Omit<TestDouble, 'file'>[] = [];
  if (!TEST_DOUBLE_NEEDLE.test(text)) return found;
  const sourceFile = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false, scriptKindOf(fileName));
  const add = (kind: TestDouble['kind'], name: string, at: ts.Node): void => {
    found.push({ kind, name, line: sourceFile.getLineAndCharacterOfPosition(at.getStart(sourceFile)).line + 1 });
  };
  const visit = (node: ts.Node): void => {
    const callee = ts.isCallExpression(node) ? node.expression : undefined;
    const method = callee && (ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined);
    if (ts.isCallExpression(node) && method !== undefined) {
      const ownerNode = ts.isPropertyAccessExpression(node.expression) ? node.expression.expression : undefined;
      // `jest`, `sinon`, `td`, `mock` — or the last name of `t.mock`, `this.sandbox`; none for a bare `spyOn(…)`.
      const owner = ownerNode && (ts.isIdentifier(ownerNode) ? ownerNode.text : ts.isPropertyAccessExpression(ownerNode) ? ownerNode.name.text : undefined);
      const [first, second] = node.arguments.map(withoutWrappers);
      const spiesOnMember =
        SPY_METHODS.has(method) || (method === 'replace' && owner !== undefined && REPLACE_OWNERS.has(owner)) || (method === 'method' && owner === 'mock');
      if (spiesOnMember && first && second && ts.isStringLiteralLike(second) && !ts.isStringLiteralLike(first) && !(ts.isIdentifier(first) && PLATFORM_OBJECTS.has(first.text))) {
        add('member', second.text, second);
      }
      const configured = configuredMock(node);
      const configuredName = configured && (ts.isIdentifier(configured) ? configured.text : ts.isPropertyAccessExpression(configured) ? configured.name.text : undefined);
      if (configuredName !== undefined) add('member', configuredName, configured!);
      const mocksModule =
        (owner !== undefined && MOCK_OBJECTS.has(owner) && MOCK_METHODS.has(method)) ||
        (owner === 'td' && (method === 'replaceEsm' || method === 'replace') && node.arguments.length >= 1) ||
        (owner === 'mock' && method === 'module');
      const specifier = first && mocksModule ? moduleSpecifierOf(first) : undefined;
      if (specifier !== undefined) add('module', specifier, first!);
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
}

/**
 * The mocked function a call configures by name (`jest.mocked(utcnow)`, `utcnow.mockReturnValue(…)`,
 * `(utcnow as jest.Mock).mockImplementation(…)`): its module is mocked somewhere, by a `jest.mock` call or Jest's
 * `automock` setting, and the calls of that name are what the mock answers.
 */
export function configuredMock(call: ts.CallExpression): ts.Expression | undefined {
  const callee = call.expression;
  const method = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
  if (method === 'mocked' && call.arguments[0]) return withoutWrappers(call.arguments[0]);
  return method !== undefined && /^mock[A-Z]/.test(method) && ts.isPropertyAccessExpression(callee) ? withoutWrappers(callee.expression) : undefined;
}

/** The specifier: a string, or vitest's typed form, an `import()` of it. */
function moduleSpecifierOf(argument: ts.Expression): string | undefined {
  if (ts.isStringLiteralLike(argument)) return argument.text;
  const [specifier] = ts.isCallExpression(argument) && argument.expression.kind === ts.SyntaxKind.ImportKeyword ? argument.arguments : [];
  return specifier && ts.isStringLiteralLike(specifier) ? specifier.text : undefined;
}

/** `'utcnow' as never`, `('utcnow')`, `x!`. */
function withoutWrappers(expression: ts.Expression): ts.Expression {
  let inner = expression;
  while (ts.isParenthesizedExpression(inner) || ts.isAsExpression(inner) || ts.isSatisfiesExpression(inner) || ts.isNonNullExpression(inner) || ts.isTypeAssertionExpression(inner)) inner = inner.expression;
  return inner;
}

/** Keys of every object literal under `root` (a mock factory's result, however it is built). */
export function forEachObjectKey(root: ts.Node, visit: (name: string, at: ts.Node) => void): void {
  const walk = (node: ts.Node): void => {
    if (ts.isObjectLiteralExpression(node)) {
      for (const property of node.properties) {
        const name = property.name;
        if (name && (ts.isIdentifier(name) || ts.isStringLiteralLike(name))) visit(name.text, name);
      }
    }
    ts.forEachChild(node, walk);
  };
  walk(root);
}

export function scriptKindOf(fileName: string): ts.ScriptKind {
  if (fileName.endsWith('.tsx')) return ts.ScriptKind.TSX;
  if (fileName.endsWith('.jsx')) return ts.ScriptKind.JSX;
  return /\.[cm]?js$/.test(fileName) ? ts.ScriptKind.JS : ts.ScriptKind.TS;
}
