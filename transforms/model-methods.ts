import path from 'node:path';
import ts = require('typescript'); // require: see src/project.ts
import { modelModuleFile, type ModelMethodConfig } from './model-module-file.js';
import { resolveAlias } from './bindings.js';
import { combine, isUnknownType, runtimeConstituents, type Proof } from './type-proofs.js';


export type { ModelMethodConfig };
/** A configured class found in a program: nominal identity is this symbol. */
export interface ModelClass {
  config: ModelMethodConfig;
  symbol: ts.Symbol;
}

/** A configured module or class that does not exist: the configuration is wrong, not the code. */
export class ModelConfigError extends Error {}

/**
 * The file a configured module names. A relative one is resolved against `root` (the repository: the CLI's root,
 * plain ESLint's cwd) the way an import would be (extension optional, `index.*`, `.js` naming its `.ts`); a bare
 * specifier through TypeScript's module resolution from the root, so packages and `paths` aliases work.
 */
export function resolveModelModule(module: string, root: string, options: ts.CompilerOptions = {}): string | undefined {
  if (module.startsWith('.') || path.isAbsolute(module)) return modelModuleFile(module, root);
  const containing = path.join(root, 'deprecfix.config.json');
  const host: ts.ModuleResolutionHost = ts.sys;
  for (const mode of [ts.ModuleKind.CommonJS, ts.ModuleKind.ESNext] as const) {
    const resolved = ts.resolveModuleName(module, containing, options, host, undefined, undefined, mode).resolvedModule?.resolvedFileName;
    if (resolved) return resolved;
  }
  return undefined;
}

const resolvedByProgram = new WeakMap<ts.Program, Map<string, ModelClass[]>>();

/**
 * The configured classes as symbols of `program`. A module that is not in the program holds no receiver's class, so
 * its entry is left out; a module that does not exist, or does not declare the class, is a `ModelConfigError`.
 */
export function resolveModelClasses(program: ts.Program, configs: readonly ModelMethodConfig[], root: string): ModelClass[] {
  if (configs.length === 0) return [];
  const key = JSON.stringify([root, configs]);
  const cached = resolvedByProgram.get(program)?.get(key);
  if (cached) return cached;
  const checker = program.getTypeChecker();
  const classes: ModelClass[] = [];
  for (const config of configs) {
    const fileName = resolveModelModule(config.module, root, program.getCompilerOptions());
    if (!fileName) throw new ModelConfigError(`modelMethods: module "${config.module}" (class ${config.class}) not found from ${root}`);
    const sourceFile = program.getSourceFile(fileName) ?? program.getSourceFile(fileName.split(path.sep).join('/'));
    if (!sourceFile) continue;
    const symbol = classSymbolIn(checker, sourceFile, config.class);
    if (!symbol) throw new ModelConfigError(`modelMethods: "${config.module}" (${sourceFile.fileName}) has no class ${config.class}`);
    classes.push({ config, symbol });
  }
  if (!resolvedByProgram.has(program)) resolvedByProgram.set(program, new Map());
  resolvedByProgram.get(program)!.set(key, classes);
  return classes;
}

/** The class `name` that a module exports (re-exports followed) or declares at its top level. */
function classSymbolIn(checker: ts.TypeChecker, sourceFile: ts.SourceFile, name: string): ts.Symbol | undefined {
  const moduleSymbol = checker.getSymbolAtLocation(sourceFile);
  let symbol = moduleSymbol ? checker.getExportsOfModule(moduleSymbol).find((candidate) => candidate.name === name) : undefined;
  if (!symbol) {
    const declaration = sourceFile.statements.find((statement): statement is ts.ClassDeclaration => ts.isClassDeclaration(statement) && statement.name?.text === name);
    symbol = declaration?.name && checker.getSymbolAtLocation(declaration.name);
  }
  symbol = resolveAlias(checker, symbol);
  return symbol && symbol.flags & ts.SymbolFlags.Class ? symbol : undefined;
}

/**
 * Whether `type` is an instance of the class `target`: the class's own instance type or one whose base-type chain
 * reaches it. Nominal: a class that implements the same interfaces, or has the same shape, is not one; the class
 * object itself (`typeof BaseModel`, whose symbol is the class's too) is not an instance. An intersection is an
 * instance when one of its members is.
 */
export function isInstanceOf(checker: ts.TypeChecker, type: ts.Type, target: ts.Symbol, seen = new Set<ts.Type>()): boolean {
  if (seen.has(type)) return false;
  seen.add(type);
  if (type.isIntersection()) return type.types.some((member) => isInstanceOf(checker, member, target, seen));
  const declared = (type as ts.TypeReference).target ?? type;
  if (!declared.isClassOrInterface()) return false;
  if (declared.getSymbol() === target) return true;
  // An interface that extends the class is a shape, not an instance: an object literal of it has its own methods.
  if (((declared.getSymbol()?.flags ?? 0) & ts.SymbolFlags.Class) === 0) return false;
  return (checker.getBaseTypes(declared) ?? []).some((base) => isInstanceOf(checker, base, target, seen));
}

/**
 * What a receiver is, for one old method name: `yes` when every runtime member of its type is an instance of a
 * configured class that renames the method (`members` are those types, `classes` the classes they are), `unknown`
 * when only some are (`classes` the ones that are), `no` when none is.
 */
export interface ModelReceiver {
  proof: Proof;
  classes: ModelClass[];
  members: ts.Type[];
  /** The new name, when the classes agree on it. */
  replacement?: string;
}

/**
 * Is the receiver of `.method` an instance of a configured class that renames `method`? Unions must be proven
 * member by member (`Task | Note` yes, `Task | Response` unknown), `null`/`undefined` aside (an optional chain
 * handles them); a type parameter and `this` are judged by their constraint; `any` and `unknown` are `unknown`.
 */
export function modelReceiver(checker: ts.TypeChecker, receiver: ts.Expression, method: string, classes: readonly ModelClass[]): ModelReceiver {
  const candidates = classes.filter((model) => Object.hasOwn(model.config.methods, method));
  const members = candidates.length > 0 ? runtimeConstituents(checker, checker.getTypeAtLocation(receiver)) : [];
  const matched = new Set<ModelClass>();
  const proof: Proof = combine(
    members.map((member) => {
      if (isUnknownType(member)) return 'unknown';
      const of = candidates.filter((model) => isInstanceOf(checker, member, model.symbol));
      of.forEach((model) => matched.add(model));
      return of.length > 0 ? 'yes' : 'no';
    }),
  );
  const replacements = new Set([...matched].map((model) => model.config.methods[method]));
  // Like `buffer-slice`: unproven is worth a finding only when some member is a model (`Task | Response`); a bare
  // `any` or an unrelated type is not, or every `res.json()` on an untyped value would be one.
  return {
    proof: matched.size === 0 ? 'no' : proof,
    classes: [...matched],
    members,
    ...(replacements.size === 1 ? { replacement: [...replacements][0] } : {}),
  };
}
