import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { KINDS, type KindId, type ReasonId } from '../kinds.js';
import { localVariable, renameConflict, usesOfObject, type ExportBinding, type ModuleSource, type ModuleUses } from '../util/import-origins.js';
import { referencesOfExports, type LibraryReference, type PendingFinding } from '../util/library-references.js';
import type { RuleContext } from '../util/report.js';
import { libraryDetector } from '../util/library-detector.js';
import { markRemovedNames } from './class-transformer-removed.js';
import { CLASS_TRANSFORMER, FROM_EXIST_NAMES, ROOT_EXPORTS, SERIALIZE_REPLACEMENTS, TYPE_EXPORTS } from '../../transforms/rewrite/class-transformer.js';

/**
 * class-transformer's deprecated API, matched by import origin + exported name + the version gate (≥ 0.4.1):
 * - `class-transformer-rename`: `classToPlain`, `plainToClass`, `classToClass`, the `Transform…ToClass/Plain`
 *   decorators, the 0.3 type `ClassType`, and subpath imports (`class-transformer/ClassTransformer`);
 * - `class-transformer-serialize`: `serialize`, `deserialize`, `deserializeArray` calls;
 * - `class-transformer-from-exist`: the `…FromExist` functions (no replacement).
 * Every reference is a finding: a call, a decorator, a type reference, a namespace member, a string naming
 * the export next to the module (`jest.spyOn(ct, 'plainToClass')`), a re-export.
 */

const ROOT = CLASS_TRANSFORMER.root;
const RENAMES = CLASS_TRANSFORMER.renames;
const FROM_EXIST = new Set(FROM_EXIST_NAMES);

function kindOf(name: string): KindId | undefined {
  if (RENAMES[name] !== undefined) return 'class-transformer-rename';
  if (SERIALIZE_REPLACEMENTS[name] !== undefined) return 'class-transformer-serialize';
  if (FROM_EXIST.has(name)) return 'class-transformer-from-exist';
  return undefined;
}

const SERIALIZE_SHAPES: Readonly<Record<string, string>> = {
  serialize: 'JSON.stringify(instanceToPlain(…))',
  deserialize: 'plainToInstance(…, JSON.parse(…), …)',
  deserializeArray: 'plainToInstance(…, JSON.parse(…), …)',
};

export const detectClassTransformer = libraryDetector(
  'class-transformer',
  (context, uses) => {
    const conflicts = new Map<ExportBinding, ReasonId | undefined>();
    const subpaths = subpathFindings(uses);
    const findings = [...referencesOfExports(uses, (name) => kindOf(name) !== undefined).map((reference) => findingOf(context, uses, reference, conflicts)), ...subpaths];
    return markRemovedNames(context, findings, (finding) => loadsAtRunTime(uses, uses.sources.find((source) => source.literal === finding.unit)!));
  },
  (kind) => KINDS[kind].fix !== 'none',
  RENAMES,
);

function findingOf(context: RuleContext, uses: ModuleUses, reference: LibraryReference, conflicts: Map<ExportBinding, ReasonId | undefined>): PendingFinding {
  const name = reference.exportName;
  const kind = kindOf(name)!;
  const subpathUnit = reference.source && reference.source.module !== ROOT ? reference.source.literal : undefined;
  const finding: PendingFinding = {
    detection: { node: reference.node, kind, data: { name, replacement: RENAMES[name] ?? SERIALIZE_SHAPES[name] ?? KINDS[kind].replacement } },
    exportName: name,
    unit: subpathUnit,
  };
  const detection = finding.detection;

  switch (reference.via) {
    case 'string':
      finding.stringReference = true;
      return finding;
    case 'reexport':
      // `export { old as other } from 'pkg'` keeps its public name: only the imported name changes.
      if (!(kind === 'class-transformer-rename' && reference.renamedOnExport)) detection.reason = 'reexport';
      if (reference.binding) finding.unit = subpathUnit ?? reference.binding;
      return finding;
    case 'binding': {
      const binding = reference.binding!;
      if (kind === 'class-transformer-rename') {
        finding.unit = subpathUnit ?? binding;
        if (!conflicts.has(binding)) conflicts.set(binding, renameConflict(context, uses, binding, RENAMES[name]!));
        detection.reason = conflicts.get(binding);
      } else if (kind === 'class-transformer-serialize') {
        serializeFinding(context, uses, finding, reference.node, binding);
      }
      return finding;
    }
    case 'member':
      if (kind === 'class-transformer-serialize') serializeFinding(context, uses, finding, reference.node, undefined);
      return finding;
    default:
      return finding;
  }
}

/** A JSON helper reference: the call is the finding; anything but a plain call of it cannot be rewritten. */
function serializeFinding(context: RuleContext, uses: ModuleUses, finding: PendingFinding, callee: TSESTree.Node, binding: ExportBinding | undefined): void {
  const call = callee.parent;
  finding.blocksUnit = false;
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== callee) {
    finding.detection.reason = 'unsupported-form';
    return;
  }
  finding.detection.node = call;
  finding.detection.reason = serializeCallReason(context, uses, call, finding.exportName, binding);
}

const SERIALIZE_ARITY: Readonly<Record<string, [number, number]>> = { serialize: [1, 2], deserialize: [2, 3], deserializeArray: [2, 3] };

/** Mirrors the rewriter's `unsupportedSerializeCall` and its name lookup, on ESTree with the scope manager. */
function serializeCallReason(context: RuleContext, uses: ModuleUses, call: TSESTree.CallExpression, helper: string, binding: ExportBinding | undefined): ReasonId | undefined {
  const [min, max] = SERIALIZE_ARITY[helper]!;
  if (call.optional || call.parent?.type === AST_NODE_TYPES.ChainExpression) return 'unsupported-form';
  if (call.arguments.some((argument) => argument.type === AST_NODE_TYPES.SpreadElement)) return 'unsupported-form';
  if (call.arguments.length < min || call.arguments.length > max) return 'unsupported-form';
  if (localVariable(context, call, 'JSON')) return 'name-conflict';
  // JSON.parse now runs before the options argument is evaluated: only fine when evaluating it does nothing.
  if (helper !== 'serialize' && call.arguments[2] && !isSideEffectFree(call.arguments[2])) return 'unsupported-form';
  if (binding) {
    const target = SERIALIZE_REPLACEMENTS[helper]!;
    const visible = uses.exports.some((other) => other.imported === target && localVariable(context, call, other.variable.name) === other.variable);
    if (!visible && (localVariable(context, call, target) || binding.variable.scope.set.has(target))) return 'name-conflict';
  }
  return undefined;
}

/** Mirrors the rewriter's `isSideEffectFree`. */
function isSideEffectFree(node: TSESTree.Node): boolean {
  switch (node.type) {
    case AST_NODE_TYPES.Identifier:
    case AST_NODE_TYPES.Literal:
    case AST_NODE_TYPES.ThisExpression:
    case AST_NODE_TYPES.ArrowFunctionExpression:
    case AST_NODE_TYPES.FunctionExpression:
      return true;
    case AST_NODE_TYPES.TemplateLiteral:
      return node.expressions.length === 0;
    case AST_NODE_TYPES.TSAsExpression:
    case AST_NODE_TYPES.TSNonNullExpression:
    case AST_NODE_TYPES.TSSatisfiesExpression:
      return isSideEffectFree(node.expression);
    case AST_NODE_TYPES.MemberExpression:
      return !node.computed && isSideEffectFree(node.object);
    case AST_NODE_TYPES.UnaryExpression:
      return ['-', '+', '!'].includes(node.operator) && isSideEffectFree(node.argument);
    case AST_NODE_TYPES.ArrayExpression:
      return node.elements.every((element) => element !== null && element.type !== AST_NODE_TYPES.SpreadElement && isSideEffectFree(element));
    case AST_NODE_TYPES.ObjectExpression:
      return node.properties.every(
        (property) =>
          property.type === AST_NODE_TYPES.Property &&
          !property.computed &&
          property.kind === 'init' &&
          (property.method || property.shorthand || isSideEffectFree(property.value)),
      );
    default:
      return false;
  }
}

/**
 * Subpath imports (`class-transformer/ClassTransformer`, gone since 0.4.1): each literal is a finding that moves
 * to the package root, with everything it binds — possible only when the root exports all of it.
 */
function subpathFindings(uses: ModuleUses): PendingFinding[] {
  return uses.sources
    .filter((source) => source.module !== ROOT)
    .map((source) => ({
      detection: {
        node: source.literal,
        kind: 'class-transformer-rename' as const,
        data: { name: source.module, replacement: ROOT },
        reason: subpathReason(uses, source),
      },
      exportName: source.module,
      unit: source.literal,
    }));
}

/**
 * Whether the compiled code loads a subpath at run time: a `require`, or an import of anything but types (an import
 * of types only, `import type` or not, is erased by the compiler).
 */
function loadsAtRunTime(uses: ModuleUses, source: ModuleSource): boolean {
  if (source.owner.type !== AST_NODE_TYPES.ImportDeclaration) return true;
  if (source.owner.importKind === 'type') return false;
  const { bindings, objects } = usesOfSource(uses, source);
  const isValue = (name: string): boolean => !TYPE_EXPORTS.has(name);
  return (
    bindings.some((binding) => !(binding.declaration.type === AST_NODE_TYPES.ImportSpecifier && binding.declaration.importKind === 'type') && isValue(binding.imported)) ||
    objects.some((object) => usesOfObject(object).some((use) => use.type !== 'member' || isValue(use.name))) ||
    (bindings.length === 0 && objects.length === 0)
  );
}

/** What one import or `require` of the module binds: names, and module objects. */
function usesOfSource(uses: ModuleUses, source: ModuleSource): { bindings: ModuleUses['exports']; objects: ModuleUses['objects'] } {
  return { bindings: uses.exports.filter((binding) => binding.source === source), objects: uses.objects.filter((object) => object.source === source) };
}

function subpathReason(uses: ModuleUses, source: ModuleSource): ReasonId | undefined {
  if (source.owner.type === AST_NODE_TYPES.ExportNamedDeclaration || source.owner.type === AST_NODE_TYPES.ExportAllDeclaration) return 'reexport';
  const atRoot = (name: string): boolean => ROOT_EXPORTS.has(name) || ROOT_EXPORTS.has(RENAMES[name] ?? '');
  const { bindings, objects } = usesOfSource(uses, source);
  if (bindings.length === 0 && objects.length === 0) return 'unsupported-form'; // loaded for its side effects
  if (bindings.some((binding) => !atRoot(binding.imported))) return 'deep-import-private';
  for (const object of objects) {
    for (const use of usesOfObject(object)) {
      if (use.type === 'binding') continue; // followed into its own bindings and objects
      if (use.type !== 'member' || !atRoot(use.name)) return 'deep-import-private';
    }
  }
  return undefined;
}
