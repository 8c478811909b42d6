import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import type { KindId, ReasonId } from '../kinds.js';
import { nameOf, readReferences, stringValue, usesOfObject, type ExportBinding, type ModuleObject, type ModuleSource, type ModuleUses } from './import-origins.js';
import type { Detection } from './report.js';

/**
 * From import origins to findings: every reference of a library's deprecated exports (through a binding, a
 * namespace member, a spy string, a re-export, a subpath literal), and the policies all import-origin kinds
 * share when those references become findings.
 */

/** One place a deprecated export (or a deprecated subpath) is referenced. */
export interface LibraryReference {
  /** The export's name (for a subpath module literal: the module). */
  exportName: string;
  node: TSESTree.Node;
  via:
    | 'binding' // a reference of an imported/destructured variable
    | 'member' // `ns.name`, `ns['name']`, `ns.Name<T>`
    | 'string' // a string naming the export next to the module value (`jest.spyOn(ns, 'name')`, a mock factory key)
    | 'reexport' // `export { name } from 'm'`, or a local `export { name }` of a binding
    | 'module'; // a subpath module literal
  binding?: ExportBinding;
  object?: ModuleObject;
  /** The module literal the reference came through (none for a mock factory key). */
  source?: ModuleSource;
  /** For `reexport`: the re-export keeps a different public name (`export { old as other } from 'm'`). */
  renamedOnExport?: boolean;
}

/**
 * Every reference of the exports `isTarget` accepts. A `binding` whose variable is also exported under its
 * own (deprecated) name yields a `reexport` reference for that export specifier.
 */
export function referencesOfExports(uses: ModuleUses, isTarget: (name: string) => boolean): LibraryReference[] {
  const found: LibraryReference[] = [];
  for (const binding of uses.exports) {
    if (!isTarget(binding.imported)) continue;
    for (const ref of readReferences(binding.variable)) {
      const parent = ref.parent;
      if (parent.type === AST_NODE_TYPES.ExportSpecifier && parent.local === ref) {
        const exported = nameOf(parent.exported);
        if (!binding.aliased && exported === ref.name) {
          found.push({ exportName: binding.imported, node: ref, via: 'reexport', binding, source: binding.source });
          continue;
        }
      }
      found.push({ exportName: binding.imported, node: ref, via: 'binding', binding, source: binding.source });
    }
  }
  for (const object of uses.objects) {
    for (const use of usesOfObject(object)) {
      if (use.type === 'member' && isTarget(use.name)) {
        found.push({ exportName: use.name, node: use.node, via: 'member', object, source: object.source });
      } else if (use.type === 'argument') {
        for (const argument of use.call.arguments) {
          const name = stringValue(argument);
          if (argument !== use.expression && name !== undefined && isTarget(name)) {
            found.push({ exportName: name, node: argument, via: 'string', object, source: object.source });
          }
        }
      }
    }
  }
  for (const reexport of uses.reexports) {
    if (!isTarget(reexport.imported)) continue;
    found.push({
      exportName: reexport.imported,
      node: reexport.specifier.local,
      via: 'reexport',
      source: reexport.source,
      renamedOnExport: reexport.exported !== reexport.imported,
    });
  }
  for (const mock of uses.mocks) {
    if (!mock.factory) continue;
    forEachDescendant(mock.factory, (node) => {
      if (node.type !== AST_NODE_TYPES.Property || node.computed || node.parent?.type !== AST_NODE_TYPES.ObjectExpression) return;
      const name = node.key.type === AST_NODE_TYPES.Identifier ? node.key.name : stringValue(node.key);
      if (name !== undefined && isTarget(name)) found.push({ exportName: name, node: node.key, via: 'string' });
    });
  }
  return found;
}

function forEachDescendant(root: TSESTree.Node, visit: (node: TSESTree.Node) => void): void {
  const walk = (node: TSESTree.Node): void => {
    visit(node);
    for (const [key, child] of Object.entries(node)) {
      if (key === 'parent') continue;
      if (Array.isArray(child)) {
        for (const item of child) if (item && typeof (item as TSESTree.Node).type === 'string') walk(item as TSESTree.Node);
      } else if (child && typeof child === 'object' && typeof (child as TSESTree.Node).type === 'string') {
        walk(child as TSESTree.Node);
      }
    }
  };
  walk(root);
}

/** A detection under construction. */
export interface PendingFinding {
  detection: Detection;
  exportName: string;
  /** Findings whose edits must land together (one binding's renames, or a subpath import and all it binds). */
  unit?: object;
  /** A finding with a reason blocks its unit, unless it says otherwise (one unsupported call does not). */
  blocksUnit?: boolean;
  /** A string naming the export (a spy, a mock factory key): `applySpyPolicy` decides whether it may be renamed. */
  stringReference?: boolean;
}

/**
 * The policies every import-origin kind shares, applied in order:
 * - a string reference (`jest.spyOn(ns, 'old')`, a mock factory key) names the export by its old name and must
 *   keep matching what the code under test calls, which may be outside the scope: it is never rewritten, and
 *   neither is any other reference of that export in the file, so a file is never half renamed;
 * - the findings of a unit are fixed together or not at all;
 * - every fixable finding carries all the other fixable findings of the library in the file as its ESLint fix
 *   group: they share import edits (a renamed element, an added `plainToInstance`, a dropped `serialize`), so
 *   one fix applies the same batch rewrite the CLI applies, instead of an order-dependent chain of passes.
 */
export function applySharedPolicies(findings: PendingFinding[], isFixableKind: (kind: KindId) => boolean): void {
  const fixable = (finding: PendingFinding): boolean => finding.detection.reason === undefined && isFixableKind(finding.detection.kind);
  const stringReferenced = new Set(findings.filter((finding) => finding.detection.reason === 'string-reference').map((finding) => finding.exportName));
  for (const finding of findings) {
    if (stringReferenced.has(finding.exportName) && fixable(finding)) finding.detection.reason = 'string-reference';
  }

  for (const members of groupBy(findings, (finding) => finding.unit).values()) {
    const blocker = members.find(
      (member) => member.detection.reason !== undefined && member.blocksUnit !== false && isFixableKind(member.detection.kind),
    );
    if (!blocker) continue;
    const reason: ReasonId = blocker.detection.reason === 'reexport' ? 'partial-reference' : blocker.detection.reason!;
    for (const member of members) {
      if (!fixable(member)) continue;
      member.detection.reason = reason;
      member.detection.reasonData = blocker.detection.reasonData;
    }
  }

  const batch = findings.filter(fixable);
  for (const member of batch) member.detection.group = batch.filter((other) => other !== member).map((other) => other.detection.node);
}

function groupBy<T>(items: T[], key: (item: T) => object | undefined): Map<object, T[]> {
  const groups = new Map<object, T[]>();
  for (const item of items) {
    const value = key(item);
    if (value) groups.set(value, [...(groups.get(value) ?? []), item]);
  }
  return groups;
}
