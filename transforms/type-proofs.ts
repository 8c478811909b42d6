import ts = require('typescript'); // require: see src/project.ts

/**
 * Type questions whose answer decides whether a rewrite is safe. They work on the TypeScript AST and a checker,
 * so the rules (through typescript-eslint's node map) and the rewriters (in the CLI, through its program) reach the
 * same answer for the same code.
 *
 * Identity is nominal: a Date is a value of the global `Date` interface (or a class/interface extending it), a
 * Buffer one of the global `Buffer` interface of @types/node. A structurally similar type is not proof.
 */

/** `yes` proven, `no` proven not, `unknown` cannot tell (`any`, `unknown`, a union that may or may not be). */
export type Proof = 'yes' | 'no' | 'unknown';

/** The global type declaration named `name` (`Date`, `Buffer`, …): lib interfaces merged with augmentations. */
function globalTypeSymbol(checker: ts.TypeChecker, name: string): ts.Symbol | undefined {
  return checker.resolveName(name, undefined, ts.SymbolFlags.Type, false);
}

/** The members of a type that matter at runtime: union members without `null`/`undefined`, type parameters by constraint. */
export function runtimeConstituents(checker: ts.TypeChecker, type: ts.Type): ts.Type[] {
  const nonNullable = checker.getNonNullableType(type);
  const members = nonNullable.isUnion() ? nonNullable.types : [nonNullable];
  return members.flatMap((member) => {
    if (member.flags & ts.TypeFlags.TypeParameter) {
      const constraint = checker.getBaseConstraintOfType(member);
      return constraint && constraint !== member ? runtimeConstituents(checker, constraint) : [member];
    }
    return [member];
  });
}

export function isUnknownType(type: ts.Type): boolean {
  return (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown | ts.TypeFlags.TypeParameter | ts.TypeFlags.Never)) !== 0;
}

/** The type is `target` or a class/interface that inherits from it (through any number of `extends`). */
function inheritsFrom(checker: ts.TypeChecker, type: ts.Type, target: ts.Symbol, seen = new Set<ts.Type>()): boolean {
  if (seen.has(type)) return false;
  seen.add(type);
  if (type.isIntersection()) return type.types.some((member) => inheritsFrom(checker, member, target, seen));
  if (type.getSymbol() === target) return true;
  const declared = (type as ts.TypeReference).target ?? type;
  if (!declared.isClassOrInterface()) return false;
  return (checker.getBaseTypes(declared) ?? []).some((base) => inheritsFrom(checker, base, target, seen));
}

/** Combines per-constituent answers: every member must agree for a `yes` or a `no`. */
export function combine(answers: Proof[]): Proof {
  if (answers.length === 0) return 'unknown';
  if (answers.every((answer) => answer === 'yes')) return 'yes';
  if (answers.every((answer) => answer === 'no')) return 'no';
  return 'unknown';
}

function nominalProof(checker: ts.TypeChecker, type: ts.Type, name: string): Proof {
  const target = globalTypeSymbol(checker, name);
  return combine(
    runtimeConstituents(checker, type).map((member) => {
      if (isUnknownType(member)) return 'unknown';
      return target && inheritsFrom(checker, member, target) ? 'yes' : 'no';
    }),
  );
}

/** Is the value of `expression` a `Date` (ignoring `null`/`undefined`, which an optional chain handles)? */
export function dateProof(checker: ts.TypeChecker, expression: ts.Expression): Proof {
  return nominalProof(checker, checker.getTypeAtLocation(expression), 'Date');
}

/**
 * Whether `name` on the value of `expression` is `Date.prototype`'s own method: declared only by the global
 * `Date` interface, or (for the Annex B names the lib does not declare) not declared at all. A class that
 * extends Date and defines its own `getYear` or `getFullYear` fails this.
 */
export function isStandardDateMember(checker: ts.TypeChecker, expression: ts.Expression, name: string): boolean {
  const dateSymbol = globalTypeSymbol(checker, 'Date');
  const type = checker.getNonNullableType(checker.getTypeAtLocation(expression));
  const property = checker.getPropertyOfType(type, name);
  if (!property) return true;
  return (property.declarations ?? []).every((declaration) => {
    const owner = declaration.parent;
    return ts.isInterfaceDeclaration(owner) && checker.getSymbolAtLocation(owner.name) === dateSymbol;
  });
}

/** Is the value of `expression` a Node `Buffer`? Other `Uint8Array`s are a `no`: their `slice()` copies. */
export function nodeBufferProof(checker: ts.TypeChecker, expression: ts.Expression): Proof {
  return nominalProof(checker, checker.getTypeAtLocation(expression), 'Buffer');
}

/** Whether some member of the receiver's union is a Node Buffer (a candidate worth reporting even if unproven). */
export function mayBeNodeBuffer(checker: ts.TypeChecker, expression: ts.Expression): boolean {
  const target = globalTypeSymbol(checker, 'Buffer');
  if (!target) return false;
  return runtimeConstituents(checker, checker.getTypeAtLocation(expression)).some((member) => inheritsFrom(checker, member, target));
}

/**
 * `buf.slice()` is typed `Buffer<ArrayBuffer>` but `buf.subarray()` keeps the receiver's `Buffer<ArrayBufferLike>`.
 * The values are the same; the static type only matters where the context needs an ArrayBuffer-backed view
 * (`new Blob([…])`, WebCrypto), so the rename is refused when the context would no longer accept it.
 */
export function subarrayFitsContext(checker: ts.TypeChecker, call: ts.CallExpression): boolean {
  if (!ts.isPropertyAccessExpression(call.expression)) return false;
  const receiver = call.expression.expression;
  const property = checker.getPropertyOfType(checker.getNonNullableType(checker.getTypeAtLocation(receiver)), 'subarray');
  if (!property) return false;
  const signatures = checker.getTypeOfSymbolAtLocation(property, call).getCallSignatures();
  if (signatures.length === 0) return false;
  const subarrayType = signatures[0].getReturnType();
  const sliceType = checker.getNonNullableType(checker.getTypeAtLocation(call));
  if (checker.isTypeAssignableTo(subarrayType, sliceType)) return true;
  const contextual = checker.getContextualType(call);
  return contextual === undefined || checker.isTypeAssignableTo(subarrayType, contextual);
}

/**
 * What a `new Buffer(x)` argument is. Node's constructor calls `Buffer.alloc(x)` when `typeof x === 'number'`
 * and `Buffer.from(x, …)` otherwise, so only a proven number or a proven non-number decides the rewrite.
 * `union` is a union of several known non-number kinds (`string | Buffer`): `Buffer.from` still fits.
 */
export type BufferArgumentKind = 'number' | 'string' | 'array' | 'buffer' | 'array-buffer' | 'typed-array' | 'union' | 'unknown';

const ARRAY_BUFFERS = ['ArrayBuffer', 'SharedArrayBuffer'];
const TYPED_ARRAYS = [
  'Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array', 'Int32Array', 'Uint32Array',
  'Float16Array', 'Float32Array', 'Float64Array', 'BigInt64Array', 'BigUint64Array',
];

export function classifyBufferArgument(checker: ts.TypeChecker | undefined, expression: ts.Expression): BufferArgumentKind {
  if (!checker) return classifyLiteral(expression);
  const kinds = new Set(runtimeConstituents(checker, checker.getTypeAtLocation(expression)).map((member) => classifyType(checker, member)));
  if (kinds.size === 0 || kinds.has('unknown')) return 'unknown';
  if (kinds.size === 1) return [...kinds][0];
  return kinds.has('number') ? 'unknown' : 'union';
}

function classifyType(checker: ts.TypeChecker, type: ts.Type): BufferArgumentKind {
  if (isUnknownType(type)) return 'unknown';
  if (type.flags & ts.TypeFlags.NumberLike) return 'number';
  if (type.flags & ts.TypeFlags.StringLike) return 'string';
  if (checker.isArrayType(type) || checker.isTupleType(type)) return 'array';
  const inherits = (names: string[]) =>
    names.some((name) => {
      const symbol = globalTypeSymbol(checker, name);
      return symbol !== undefined && inheritsFrom(checker, type, symbol);
    });
  if (inherits(['Buffer'])) return 'buffer';
  if (inherits(ARRAY_BUFFERS)) return 'array-buffer';
  if (inherits(TYPED_ARRAYS)) return 'typed-array';
  return 'unknown';
}

/** Parentheses, `as`, `satisfies`, `!` and `<T>` change nothing at runtime. */
function skipOuterExpressions(expression: ts.Expression): ts.Expression {
  let inner = expression;
  while (
    ts.isParenthesizedExpression(inner) ||
    ts.isAsExpression(inner) ||
    ts.isSatisfiesExpression(inner) ||
    ts.isNonNullExpression(inner) ||
    ts.isTypeAssertionExpression(inner)
  ) {
    inner = inner.expression;
  }
  return inner;
}

/** Without a type checker only a literal proves what an argument is. */
function classifyLiteral(expression: ts.Expression): BufferArgumentKind {
  const inner = skipOuterExpressions(expression);
  if (ts.isNumericLiteral(inner)) return 'number';
  if (
    ts.isPrefixUnaryExpression(inner) &&
    (inner.operator === ts.SyntaxKind.MinusToken || inner.operator === ts.SyntaxKind.PlusToken) &&
    ts.isNumericLiteral(inner.operand)
  ) {
    return 'number';
  }
  if (ts.isStringLiteral(inner) || ts.isNoSubstitutionTemplateLiteral(inner) || ts.isTemplateExpression(inner)) return 'string';
  if (ts.isArrayLiteralExpression(inner)) return 'array';
  return 'unknown';
}
