import ts = require('typescript'); // require: see src/project.ts
import { isInstanceOf } from './model-methods.js';

/**
 * What makes a proven `model.dict()` → `model.toPlain()` change behaviour although the receiver is a model:
 * a class that overrides the old method (its calls would skip the override), and a replacement that is missing or
 * does not take the same arguments and return the same type.
 */

/** A class below a configured one that declares the old method itself. */
export interface Override {
  name: string;
  type: ts.Type;
  symbol: ts.Symbol;
}

const overridesByProgram = new WeakMap<ts.Program, Map<ts.Symbol, Map<string, Override[]>>>();

/**
 * Every class of the program below the class `base` that declares `method` itself (a method, property or accessor).
 * The whole program, not the receiver's chain alone: dispatch is dynamic, so `base.dict()` on a `BaseModel`-typed
 * value runs a subclass's override when the value is one. Files without the method's name are not walked. Shared by
 * `model-method-rename` and `deprecated-helper` (a deprecated method renamed to its replacement would skip it too).
 */
export function overridesOf(program: ts.Program, base: ts.Symbol, method: string): Override[] {
  let byClass = overridesByProgram.get(program);
  if (!byClass) overridesByProgram.set(program, (byClass = new Map()));
  let byMethod = byClass.get(base);
  if (!byMethod) byClass.set(base, (byMethod = new Map()));
  const cached = byMethod.get(method);
  if (cached) return cached;
  const checker = program.getTypeChecker();
  const overrides: Override[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isClassLike(node) && node.members.some((member) => member.name && ts.isIdentifier(member.name) && member.name.text === method)) {
      const symbol = node.name ? checker.getSymbolAtLocation(node.name) : undefined;
      const type = symbol ? checker.getDeclaredTypeOfSymbol(symbol) : checker.getTypeAtLocation(node).getConstructSignatures()[0]?.getReturnType();
      if (type && symbol !== base && type.getSymbol() !== base && isInstanceOf(checker, type, base)) {
        overrides.push({ name: node.name?.text ?? '(anonymous class)', type, symbol: type.getSymbol()! });
      }
    }
    ts.forEachChild(node, visit);
  };
  for (const sourceFile of program.getSourceFiles()) {
    if (program.isSourceFileDefaultLibrary(sourceFile) || !sourceFile.text.includes(method)) continue;
    visit(sourceFile);
  }
  byMethod.set(method, overrides);
  return overrides;
}

/**
 * The override that makes the rename change behaviour for a receiver of these types: one the receiver's class is
 * (or is below), or one below the receiver's class (which the value may be at runtime).
 */
export function overrideAffecting(checker: ts.TypeChecker, members: readonly ts.Type[], overrides: readonly Override[]): Override | undefined {
  return overrides.find((override) =>
    members.some((member) => isInstanceOf(checker, member, override.symbol) || classesOf(member).some((symbol) => isInstanceOf(checker, override.type, symbol))),
  );
}

function classesOf(type: ts.Type): ts.Symbol[] {
  if (type.isIntersection()) return type.types.flatMap(classesOf);
  const symbol = ((type as ts.TypeReference).target ?? type).getSymbol();
  return symbol ? [symbol] : [];
}

export type ReplacementProblem = { missing: string } | { differs: string };

/**
 * Whether `replacement` can stand for `method` on each receiver type: it exists, and for every signature of the old
 * method one of the new accepts every argument list the old accepts (no more required parameters, each parameter
 * taking the old one's type) and returns a type assignable to the old return type. Generic signatures must be
 * written alike.
 */
export function replacementProblem(checker: ts.TypeChecker, members: readonly ts.Type[], method: string, replacement: string): ReplacementProblem | undefined {
  for (const member of members) {
    const oldProperty = checker.getPropertyOfType(member, method);
    const newProperty = checker.getPropertyOfType(member, replacement);
    if (!newProperty) return { missing: checker.typeToString(member) };
    const oldSignatures = oldProperty ? checker.getSignaturesOfType(checker.getTypeOfSymbol(oldProperty), ts.SignatureKind.Call) : [];
    const newSignatures = checker.getSignaturesOfType(checker.getTypeOfSymbol(newProperty), ts.SignatureKind.Call);
    const show = (name: string, signatures: readonly ts.Signature[]) =>
      signatures.length === 0 ? `${name} (not a method)` : signatures.map((signature) => `${name}${checker.signatureToString(signature)}`).join(', ');
    const fits = oldSignatures.length > 0 && oldSignatures.every((old) => newSignatures.some((candidate) => accepts(checker, candidate, old)));
    if (!fits) return { differs: `${show(method, oldSignatures)} → ${show(replacement, newSignatures)}` };
  }
  return undefined;
}

function accepts(checker: ts.TypeChecker, candidate: ts.Signature, old: ts.Signature): boolean {
  if ((old.typeParameters?.length ?? 0) > 0 || (candidate.typeParameters?.length ?? 0) > 0) {
    return checker.signatureToString(old) === checker.signatureToString(candidate);
  }
  const oldRest = hasRest(old);
  const newRest = hasRest(candidate);
  if (minArguments(candidate) > minArguments(old)) return false;
  if (oldRest && !newRest) return false;
  if (!newRest && candidate.parameters.length < old.parameters.length) return false;
  for (let index = 0; index < old.parameters.length; index++) {
    const oldType = checker.getTypeOfSymbol(old.parameters[index]);
    const isOldRest = oldRest && index === old.parameters.length - 1;
    const newIndex = Math.min(index, candidate.parameters.length - 1);
    const isNewRest = newRest && newIndex === candidate.parameters.length - 1;
    let newType = checker.getTypeOfSymbol(candidate.parameters[newIndex]);
    if (isNewRest && !isOldRest) newType = checker.getIndexTypeOfType(newType, ts.IndexKind.Number) ?? newType;
    else if (isOldRest !== isNewRest) return false;
    if (!checker.isTypeAssignableTo(oldType, newType)) return false;
  }
  return checker.isTypeAssignableTo(candidate.getReturnType(), old.getReturnType());
}

function parameterDeclaration(parameter: ts.Symbol): ts.ParameterDeclaration | undefined {
  const declaration = parameter.valueDeclaration;
  return declaration && ts.isParameter(declaration) ? declaration : undefined;
}

function hasRest(signature: ts.Signature): boolean {
  const last = signature.parameters.at(-1);
  return last !== undefined && parameterDeclaration(last)?.dotDotDotToken !== undefined;
}

/** Parameters up to the last one without `?`, a default or `...`. */
function minArguments(signature: ts.Signature): number {
  let count = 0;
  signature.parameters.forEach((parameter, index) => {
    const declaration = parameterDeclaration(parameter);
    if (declaration && !declaration.questionToken && !declaration.initializer && !declaration.dotDotDotToken) count = index + 1;
  });
  return count;
}
