import ts = require('typescript'); // require: see src/project.ts

/**
 * Whether a replacement's signature accepts every call the deprecated helper accepted and returns what its callers
 * expect: the same argument counts (arity, optional and rest parameters), each argument type of the old signature
 * assignable to the new one's, an explicit `this` type too, and the new return type assignable to the old one.
 * Overloads and generic signatures are not compared (each would need its own proof): they are refused.
 */

export type SignatureFit = { fits: true } | { fits: false; reason: 'helper-overloaded' | 'helper-generic' | 'helper-signature-differs'; difference?: string };

export function signatureFit(checker: ts.TypeChecker, helper: readonly ts.Signature[], replacement: readonly ts.Signature[]): SignatureFit {
  if (helper.length !== 1 || replacement.length !== 1) return { fits: false, reason: 'helper-overloaded' };
  const [old, next] = [helper[0]!, replacement[0]!];
  if (old.typeParameters?.length || next.typeParameters?.length) return { fits: false, reason: 'helper-generic' };
  const difference = parameterDifference(checker, shapeOf(checker, old), shapeOf(checker, next)) ?? defaultDifference(old, next) ?? returnDifference(checker, old, next);
  return difference ? { fits: false, reason: 'helper-signature-differs', difference } : { fits: true };
}

interface Shape {
  /** Types of the positional parameters (a rest parameter excluded). */
  positional: ts.Type[];
  /** How many arguments a call needs. */
  required: number;
  /** The element type of a rest parameter; undefined without one. */
  rest: ts.Type | undefined;
  /** A rest parameter typed as a tuple, whose positions are not compared here. */
  tupleRest: boolean;
  thisType: ts.Type | undefined;
}

function shapeOf(checker: ts.TypeChecker, signature: ts.Signature): Shape {
  const shape: Shape = { positional: [], required: 0, rest: undefined, tupleRest: false, thisType: undefined };
  if (signature.thisParameter) shape.thisType = checker.getTypeOfSymbol(signature.thisParameter);
  for (const parameter of signature.getParameters()) {
    const declaration = parameter.valueDeclaration;
    const type = checker.getTypeOfSymbol(parameter);
    if (declaration && ts.isParameter(declaration) && declaration.dotDotDotToken) {
      if (checker.isTupleType(type)) shape.tupleRest = true;
      shape.rest = checker.getIndexTypeOfType(type, ts.IndexKind.Number) ?? checker.getAnyType();
      break;
    }
    shape.positional.push(type);
    const optional = declaration && ts.isParameter(declaration) ? checker.isOptionalParameter(declaration) : false;
    if (!optional) shape.required = shape.positional.length;
  }
  return shape;
}

/** The type an argument at `index` is checked against; undefined when the signature takes no argument there. */
/**
 * A default value is behaviour the types do not show: `o(a = 5)` → `n(a?: number)` turns `o()` into `n()` with `a`
 * undefined. The helper's parameters must default to the same text in the replacement (or neither default).
 */
function defaultDifference(old: ts.Signature, next: ts.Signature): string | undefined {
  const defaults = (signature: ts.Signature) =>
    signature.getParameters().map((parameter) => {
      const declaration = parameter.valueDeclaration;
      return declaration && ts.isParameter(declaration) ? declaration.initializer?.getText() : undefined;
    });
  const [was, now] = [defaults(old), defaults(next)];
  const index = was.findIndex((value, position) => value !== now[position]);
  if (index < 0) return undefined;
  const words = (value: string | undefined) => (value === undefined ? 'has no default' : `defaults to ${value}`);
  return `parameter ${index + 1} ${words(was[index])} in the helper and ${words(now[index])} in the replacement`;
}

function argumentType(shape: Shape, index: number): ts.Type | undefined {
  return index < shape.positional.length ? shape.positional[index] : shape.rest;
}

function parameterDifference(checker: ts.TypeChecker, old: Shape, next: Shape): string | undefined {
  if (old.tupleRest || next.tupleRest) return 'a rest parameter is a tuple';
  if (next.thisType && !(old.thisType && checker.isTypeAssignableTo(old.thisType, next.thisType))) {
    return `\`this\` must be ${checker.typeToString(next.thisType)}${old.thisType ? `, the helper's is ${checker.typeToString(old.thisType)}` : ''}`;
  }
  if (next.required > old.required) return `it needs ${count(next.required)}, the helper ${old.required}`;
  const oldMax = old.rest ? Infinity : old.positional.length;
  const nextMax = next.rest ? Infinity : next.positional.length;
  if (nextMax < oldMax) return `it takes at most ${count(nextMax)}, the helper ${oldMax === Infinity ? 'any number' : oldMax}`;
  // Past both positional lists only rest elements meet, so one more position compares them.
  const positions = Math.min(oldMax, Math.max(old.positional.length, next.positional.length) + 1);
  for (let index = 0; index < positions; index++) {
    const from = argumentType(old, index)!;
    const to = argumentType(next, index)!;
    // `any` is assignable to everything, yet a helper taking `any` accepted calls the replacement may not.
    const widerAny = (from.flags & ts.TypeFlags.Any) !== 0 && (to.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) === 0;
    if (widerAny || !checker.isTypeAssignableTo(from, to)) {
      return `parameter ${index + 1} takes ${checker.typeToString(to)}, the helper's ${checker.typeToString(from)}`;
    }
  }
  return undefined;
}

function returnDifference(checker: ts.TypeChecker, old: ts.Signature, next: ts.Signature): string | undefined {
  const from = checker.getReturnTypeOfSignature(next);
  const to = checker.getReturnTypeOfSignature(old);
  if (checker.isTypeAssignableTo(from, to)) return undefined;
  return `it returns ${checker.typeToString(from)}, the helper ${checker.typeToString(to)}`;
}

function count(arguments_: number): string {
  return arguments_ === 1 ? '1 argument' : `${arguments_} arguments`;
}
