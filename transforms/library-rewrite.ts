import ts = require('typescript'); // require: see src/project.ts
import {
  exportBindingOf,
  exportBindingsOf,
  moduleObjectOf,
  moduleSpecifierOwner,
  moduleValueBinding,
  namedElementsOf,
  type ExportBinding,
  type ModuleValueBinding,
} from './bindings.js';
import type { TextEdit } from './edit.js';
import {
  containerEdits,
  emptyChange,
  joinedSpecifiers,
  normalizeEdits,
  planImportJoins,
  removeImport,
  renameReferenceToken,
  replaceModule,
  type ContainerChange,
} from './import-edits.js';
import { declarationScope, referencesOf, resolveName } from './scopes.js';

/**
 * Renaming a library's exports on the TypeScript AST, shared by the library rewriters (class-transformer,
 * date-fns-tz): references, namespace members, subpath imports, and the import declarations that follow them.
 */

/** What a library renamed, and where its subpath modules went. */
export interface LibraryRenames {
  /** The package name, e.g. `class-transformer`. */
  root: string;
  /** Old export name → new export name. */
  renames: Readonly<Record<string, string>>;
  /**
   * Where an import of a subpath moves (`undefined`: it stays). `defaultExport` is set when the old subpath's
   * module value (`module.exports = fn`, the default import) is that named export of the new module.
   */
  moveSubpath(module: string): { module: string; defaultExport?: string } | undefined;
}

type BindingDeclaration = ts.ImportSpecifier | ts.ImportClause | ts.BindingElement;

/**
 * Collects the edits of one library's sites in one file. Renaming a binding renames the references it was
 * given; the import element follows when no other reference is left, otherwise the new name is imported next
 * to the old one (a run limited to part of a file never breaks the rest). A moved subpath import is rewritten
 * as a unit: its path, its renamed names and their references.
 */
export class LibraryRewrite {
  private readonly edits: TextEdit[] = [];
  private readonly changes = new Map<ts.NamedImports | ts.ObjectBindingPattern, ContainerChange>();
  /** Per binding: references renamed to the new name, and references rewritten into something else. */
  private readonly renamed = new Map<BindingDeclaration, { binding: ExportBinding; name: string; refs: Set<ts.Identifier> }>();
  private readonly consumed = new Map<BindingDeclaration, { binding: ExportBinding; refs: Set<ts.Identifier> }>();
  /** Moved module literals → their new module. */
  private readonly movedModules = new Map<ts.StringLiteralLike, string>();
  /** Moved default imports that became one named specifier (`f` of `import f from 'pkg/f'` → `fromF as f`). */
  private readonly namedDefaults = new Map<ts.ImportClause, string>();
  private allBindings: ExportBinding[] | undefined;

  constructor(
    readonly sourceFile: ts.SourceFile,
    readonly library: LibraryRenames,
  ) {}

  /** Runs one site's registration; when it fails (returns a reason), nothing it registered is kept. */
  attempt(register: () => string | undefined): string | undefined {
    const saved = {
      edits: this.edits.length,
      changes: new Map([...this.changes].map(([container, change]) => [container, cloneChange(change)])),
      renamed: new Map([...this.renamed].map(([element, entry]) => [element, { ...entry, refs: new Set(entry.refs) }])),
      consumed: new Map([...this.consumed].map(([element, entry]) => [element, { ...entry, refs: new Set(entry.refs) }])),
      movedModules: new Map(this.movedModules),
      namedDefaults: new Map(this.namedDefaults),
    };
    const reason = register();
    if (reason !== undefined) {
      this.edits.length = saved.edits;
      replaceContents(this.changes, saved.changes);
      replaceContents(this.renamed, saved.renamed);
      replaceContents(this.consumed, saved.consumed);
      replaceContents(this.movedModules, saved.movedModules);
      replaceContents(this.namedDefaults, saved.namedDefaults);
    }
    return reason;
  }

  isLibraryModule(module: string): boolean {
    return module === this.library.root || module.startsWith(`${this.library.root}/`);
  }

  addEdit(edit: TextEdit): void {
    this.edits.push(edit);
  }

  /** The export binding a reference resolves to, when it is one of this library's. */
  bindingOfReference(id: ts.Identifier): ExportBinding | undefined {
    const binding = exportBindingOf(resolveName(id, id.text));
    return binding && this.isLibraryModule(binding.module.text) ? binding : undefined;
  }

  /**
   * A reference to a renamed export: an aliased import only changes its imported name (`{ new as local }`,
   * references untouched); a plain one renames the reference, and the element when nothing else needs it.
   * Returns a reason when the rename cannot be done.
   */
  renameReference(id: ts.Identifier): string | undefined {
    const module = moduleObjectOf(resolveName(id, id.text));
    if (module && this.isLibraryModule(module.text) && this.library.moveSubpath(module.text)?.defaultExport) return this.moveModule(module);
    const binding = this.bindingOfReference(id);
    if (!binding) return 'the name is not bound to an import of this library';
    const moved = this.moveBindingModule(binding);
    if (moved) return moved;
    if (binding.imported === 'default') return undefined; // handled by the module move
    const name = this.library.renames[binding.imported];
    if (name === undefined) return 'the imported name has no replacement';
    if (binding.importedName && binding.importedName.text !== binding.local.text) {
      this.change(binding.container!).renames.set(binding.element, name);
      return undefined;
    }
    return this.renameAll(binding, name, [id]);
  }

  /** A reference that the caller rewrites itself (e.g. a `serialize(…)` call); the element goes when unused. */
  consumeReference(id: ts.Identifier): string | undefined {
    const binding = this.bindingOfReference(id);
    if (!binding) return 'the name is not bound to an import of this library';
    const moved = this.moveBindingModule(binding);
    if (moved) return moved;
    const entry = this.consumed.get(binding.element) ?? { binding, refs: new Set<ts.Identifier>() };
    entry.refs.add(id);
    this.consumed.set(binding.element, entry);
    return undefined;
  }

  /**
   * The local name under which `exportName` of the library can be used at `at`: an existing import of it
   * (aliased or not) that is visible there, else the name itself, added to `next`'s element list. Undefined
   * when the name is taken by something else.
   */
  importedNameFor(exportName: string, at: ts.Node, next: ExportBinding): string | undefined {
    for (const binding of this.libraryBindings()) {
      if (binding.imported === exportName && resolveName(at, binding.local.text) === binding.element) return binding.local.text;
    }
    if (!next.container) return undefined;
    const taken = resolveName(at, exportName) ?? resolveName(next.local, exportName);
    if (taken) return undefined;
    const change = this.change(next.container);
    const addition = ts.isImportSpecifier(next.element) && next.element.isTypeOnly ? `type ${exportName}` : exportName;
    if (!change.additions.includes(addition)) change.additions.push(addition);
    return exportName;
  }

  /** Moves a subpath import (`class-transformer/ClassTransformer`) with everything it binds. */
  moveModule(literal: ts.StringLiteralLike): string | undefined {
    if (this.movedModules.has(literal)) return undefined;
    const target = this.library.moveSubpath(literal.text);
    if (!target) return undefined;
    this.movedModules.set(literal, target.module);
    this.edits.push(replaceModule(this.sourceFile, literal, target.module));
    const owner = moduleSpecifierOwner(literal);
    if (!owner || ts.isExportDeclaration(owner)) return undefined;

    const value = moduleValueBinding(owner);
    if (value && target.defaultExport) {
      const reason = this.convertModuleValue(value, target.defaultExport);
      if (reason) return reason;
    } else if (value?.kind === 'default') {
      return 'the package has no default export';
    }

    for (const element of namedElementsOf(owner)) {
      const binding = exportBindingOf(element);
      if (!binding) continue;
      if (binding.imported === 'default') {
        if (!target.defaultExport) return 'the subpath has no default export at its new place';
        this.change(binding.container!).renames.set(binding.element, target.defaultExport);
        continue;
      }
      const name = this.library.renames[binding.imported];
      if (name === undefined) continue;
      if (binding.importedName && binding.importedName.text !== binding.local.text) {
        this.change(binding.container!).renames.set(binding.element, name);
        continue;
      }
      const reason = this.renameAll(binding, name, referencesOf(this.sourceFile, binding.element, binding.local.text));
      if (reason) return reason;
    }
    return undefined;
  }

  /** All edits, or undefined when two of them collide (the caller then skips every site). */
  finish(): TextEdit[] | undefined {
    for (const { binding, name, refs } of this.renamed.values()) {
      for (const ref of refs) this.edits.push(renameReferenceToken(this.sourceFile, ref, name));
      const remaining = this.remainingReferences(binding, refs);
      const reuse = this.reusableBinding(binding, name);
      if (remaining.length === 0) {
        if (reuse) this.change(binding.container!).removals.add(binding.element);
        else this.change(binding.container!).renames.set(binding.element, name);
      } else if (!reuse) {
        const addition = ts.isImportSpecifier(binding.element) && binding.element.isTypeOnly ? `type ${name}` : name;
        const change = this.change(binding.container!);
        if (!change.additions.includes(addition)) change.additions.push(addition);
      }
    }
    for (const { binding, refs } of this.consumed.values()) {
      if (binding.container && this.remainingReferences(binding, refs).length === 0) this.change(binding.container).removals.add(binding.element);
    }
    this.dropDuplicateDeclarations();
    this.joinMovedImports();
    for (const [container, change] of this.changes) this.edits.push(...containerEdits(this.sourceFile, container, change));
    return normalizeEdits(this.edits);
  }

  /**
   * A moved import whose new module the file already imports from (same kind) joins that declaration: its
   * specifiers, as they will read, are added to the other list and the declaration goes with its line.
   */
  private joinMovedImports(): void {
    const movedTo = new Map<ts.ImportDeclaration, string>();
    for (const [literal, module] of this.movedModules) if (ts.isImportDeclaration(literal.parent)) movedTo.set(literal.parent, module);
    for (const [declaration, host] of planImportJoins(this.sourceFile, movedTo, this.namedDefaults)) {
      const bindings = declaration.importClause?.namedBindings;
      const own = bindings && ts.isNamedImports(bindings) ? bindings : undefined;
      const specifiers = joinedSpecifiers(this.sourceFile, declaration, own && this.changes.get(own), this.namedDefaults.get(declaration.importClause!));
      const additions = this.change(host).additions;
      for (const specifier of specifiers) if (!additions.includes(specifier)) additions.push(specifier);
      if (own) this.changes.delete(own);
      const start = declaration.getStart(this.sourceFile);
      const end = declaration.getEnd();
      for (let index = this.edits.length - 1; index >= 0; index--) {
        const edit = this.edits[index]!;
        if (edit.start >= start && edit.end <= end) this.edits.splice(index, 1);
      }
      this.edits.push(removeImport(this.sourceFile, declaration));
    }
  }

  /**
   * A name may be wanted twice in one scope: `plainToClass` renamed to `plainToInstance` while `deserialize(…)`
   * needs `plainToInstance` too. The renamed element declares it; the addition is dropped.
   */
  private dropDuplicateDeclarations(): void {
    const declared = new Map<ts.Node, Set<string>>();
    const namesIn = (container: ts.Node): Set<string> => {
      const scope = declarationScope(container);
      let names = declared.get(scope);
      if (!names) declared.set(scope, (names = new Set()));
      return names;
    };
    for (const [container, change] of this.changes) {
      for (const [element, name] of change.renames) {
        const written = (element as ts.ImportSpecifier | ts.BindingElement).propertyName;
        const local = (element as ts.ImportSpecifier | ts.BindingElement).name;
        if (!written || (ts.isIdentifier(local) && written.getText(this.sourceFile) === local.text)) namesIn(container).add(name);
      }
    }
    for (const [container, change] of this.changes) {
      const names = namesIn(container);
      change.additions = change.additions.filter((addition) => {
        const name = addition.replace(/^type /, '');
        if (names.has(name)) return false;
        names.add(name);
        return true;
      });
    }
  }

  private renameAll(binding: ExportBinding, name: string, refs: ts.Identifier[]): string | undefined {
    if (!binding.container) return 'a default import cannot be renamed in place';
    if (refs.some(isPlainExportSpecifier)) return 'the name is re-exported as it is';
    const reuse = this.reusableBinding(binding, name);
    for (const ref of refs) {
      const taken = resolveName(ref, name);
      if (taken && taken !== reuse?.element) return `\`${name}\` already names something else here`;
    }
    if (!reuse && resolveName(binding.local, name)) return `\`${name}\` already names something else here`;
    const entry = this.renamed.get(binding.element) ?? { binding, name, refs: new Set<ts.Identifier>() };
    for (const ref of refs) entry.refs.add(ref);
    this.renamed.set(binding.element, entry);
    return undefined;
  }

  /** A binding's module is a subpath that moves: the whole import moves with it. */
  private moveBindingModule(binding: ExportBinding): string | undefined {
    return this.library.moveSubpath(binding.module.text) ? this.moveModule(binding.module) : undefined;
  }

  /**
   * `import f from 'pkg/oldName'` / `const f = require('pkg/oldName')`: the old subpath's module value is a
   * function that the new module exports by name, so the binding becomes `{ newName }` (references renamed)
   * or, when it had another local name or the new name is taken, `{ newName as f }`.
   */
  private convertModuleValue(value: ModuleValueBinding, exportName: string): string | undefined {
    if (value.kind === 'namespace') return 'a namespace import of a function module cannot become a named import';
    if (value.kind === 'import-equals') return '`import x = require()` cannot bind a named export';
    if (value.kind === 'expression') return 'the module value is used directly';
    const local = value.local;
    const refs = referencesOf(this.sourceFile, local.parent, local.text);
    const canRename =
      local.text === this.oldNameOf(exportName) &&
      !refs.some(isPlainExportSpecifier) &&
      refs.every((ref) => !resolveName(ref, exportName)) &&
      !resolveName(local, exportName);
    const [open, close] = this.braceSpacing();
    let specifier: string;
    if (canRename) {
      for (const ref of refs) this.edits.push(renameReferenceToken(this.sourceFile, ref, exportName));
      specifier = exportName;
    } else {
      specifier = `${exportName}${value.kind === 'default' ? ' as ' : ': '}${local.text}`;
    }
    if (value.kind === 'default' && ts.isImportClause(local.parent)) this.namedDefaults.set(local.parent, specifier);
    this.edits.push({ start: local.getStart(this.sourceFile), end: local.getEnd(), text: `{${open}${specifier}${close}}` });
    return undefined;
  }

  private oldNameOf(exportName: string): string | undefined {
    return Object.keys(this.library.renames).find((old) => this.library.renames[old] === exportName);
  }

  /** `{ a }` or `{a}`, as the file's existing named imports are written. */
  private braceSpacing(): [string, string] {
    for (const statement of this.sourceFile.statements) {
      const bindings = ts.isImportDeclaration(statement) ? statement.importClause?.namedBindings : undefined;
      if (bindings && ts.isNamedImports(bindings) && bindings.elements.length > 0) {
        const text = bindings.getText(this.sourceFile);
        return [/^\{\s/.test(text) ? ' ' : '', /\s\}$/.test(text) ? ' ' : ''];
      }
    }
    return [' ', ' '];
  }

  /** An element of this library that already imports `name` under that same local name. */
  private reusableBinding(binding: ExportBinding, name: string): ExportBinding | undefined {
    const declaration = resolveName(binding.local, name);
    const existing = exportBindingOf(declaration);
    if (existing && existing.imported === name && existing.local.text === name && this.isLibraryModule(existing.module.text)) return existing;
    return undefined;
  }

  private remainingReferences(binding: ExportBinding, handled: Set<ts.Identifier>): ts.Identifier[] {
    const consumed = this.consumed.get(binding.element)?.refs;
    const renamed = this.renamed.get(binding.element)?.refs;
    return referencesOf(this.sourceFile, binding.element, binding.local.text).filter(
      (ref) => !handled.has(ref) && !consumed?.has(ref) && !renamed?.has(ref),
    );
  }

  private libraryBindings(): ExportBinding[] {
    this.allBindings ??= exportBindingsOf(this.sourceFile, (module) => this.isLibraryModule(module));
    return this.allBindings;
  }

  private change(container: ts.NamedImports | ts.ObjectBindingPattern): ContainerChange {
    let change = this.changes.get(container);
    if (!change) this.changes.set(container, (change = emptyChange()));
    return change;
  }
}

function cloneChange(change: ContainerChange): ContainerChange {
  return { renames: new Map(change.renames), removals: new Set(change.removals), additions: [...change.additions] };
}

function replaceContents<K, V>(target: Map<K, V>, source: Map<K, V>): void {
  target.clear();
  for (const [key, value] of source) target.set(key, value);
}

/** `export { name }`: renaming the reference would rename the export. */
function isPlainExportSpecifier(ref: ts.Identifier): boolean {
  return ts.isExportSpecifier(ref.parent) && !ref.parent.propertyName;
}
