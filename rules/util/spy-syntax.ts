import ts = require('typescript'); // require: see src/project.ts

/**
 * The syntax of test spies and module mocks, shared by the index of spied library exports (`spies.ts`) and the
 * name-only spies that hold a repository helper's rename (`spiedNamesIn`). TypeScript's parser, no binding.
 */

/**
 * A spy or module mock that names a member by its name alone, on any object or module (`jest.spyOn(time, 'utcnow')`,
 * `sinon.stub(Clock.prototype, 'now')`, a `jest.mock('../time', () => ({ utcnow }))` key): how a test observes a
 * repository's own function, which `deprecated-helper` renames at its call sites.
 */
export interface NamedSpy {
  name: string;
  file: string;
  line: number;
}

export const MOCK_OBJECTS = new Set(['jest', 'vi']);
export const MOCK_METHODS = new Set(['mock', 'doMock', 'unstable_mockModule', 'setMock']);
/** The words of a spy or a module mock: only files that hold one are parsed for spies. */
export const SPY_NEEDLE = /\b(?:spyOn|stub|spy|replace\w*|mock|doMock|unstable_mockModule|setMock)\s*\(/;

/** Spy methods that take (object, 'member'); a `replace*` needs a third argument or `td` (`str.replace(a, 'b')`). */
const SPY_METHODS = new Set(['spyOn', 'stub', 'spy']);
const REPLACE_METHODS = new Set(['replace', 'replaceGetter', 'replaceSetter']);

/** Every member a file's spies and module mocks name, whatever the object or module (see `NamedSpy`). */
export function spiedNamesIn(fileName: string, text: string): Omit<NamedSpy, 'file'>[] {
  const found: Omit<NamedSpy, 'file'>[] = [];
  if (!SPY_NEEDLE.test(text)) return found;
  const sourceFile = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false, scriptKindOf(fileName));
  const add = (name: string, at: ts.Node): void => {
    found.push({ name, line: sourceFile.getLineAndCharacterOfPosition(at.getStart(sourceFile)).line + 1 });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const method = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
      const owner = ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) ? callee.expression.text : undefined;
      const [object, member, third] = node.arguments;
      const spies =
        method !== undefined &&
        (SPY_METHODS.has(method) || (REPLACE_METHODS.has(method) && (third !== undefined || owner === 'td'))) &&
        object !== undefined &&
        !ts.isStringLiteralLike(object) &&
        !ts.isRegularExpressionLiteral(object) &&
        member !== undefined &&
        ts.isStringLiteralLike(member);
      if (spies) add(member.text, member);
      const [module, factory] = node.arguments;
      if (owner !== undefined && MOCK_OBJECTS.has(owner) && method !== undefined && MOCK_METHODS.has(method) && module && ts.isStringLiteralLike(module) && factory) {
        forEachObjectKey(factory, add);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
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
