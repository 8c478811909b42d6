import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts = require('typescript'); // require: see src/project.ts
import { moduleStem } from '../project/paths.js';
import { repositoryFiles } from '../project/repository-files.js';
import { escapeRegExp } from './regexp.js';
import { configuredMock, forEachObjectKey, MOCK_METHODS, MOCK_OBJECTS, scriptKindOf, SPY_NEEDLE, TEST_DOUBLE_NEEDLE, testDoublesIn, type TestDouble } from './spy-syntax.js';

/**
 * The repository index of spied library exports (issue 10.1). A spec that does `jest.spyOn(ct, 'plainToClass')`
 * observes every call of `plainToClass` in the code under test, which lives in other files: renaming those calls
 * without the spy makes it see nothing. A rule sees one file, so it asks this index which exports are spied on
 * anywhere in the repository, and which files reference them.
 *
 * A spy is any call that passes the module object and a string naming an export (`jest.spyOn(ns, 'name')`,
 * `vi.spyOn`, `sinon.stub(ns, 'name')`, `sinon.spy`, `sinon.replace`) — the same sites a rule holds as string
 * references in its own file — or a key of the object a `jest.mock`/`vi.mock` factory builds for the module. The
 * module object is a namespace import, `import x = require()`, `const x = require()` or an inline `require()`.
 *
 * Every source file of the repository root counts, in scope or not, test or not: git's view of it (tracked and
 * untracked, `.gitignore` honoured), never node_modules. Needles first: only a file that names a library as a
 * module and holds a spy word (`spyOn(`, `stub(`, `mock(`, …) is parsed for spies (TypeScript's parser, no
 * binding), and a file's references are parsed only when it names a spied export. Each file is cached on its
 * mtime and size; the file list is re-read when the index is older than `REFRESH_MS`, so an editor session sees
 * new spec files.
 *
 * The repository's own helpers (`deprecated-helper`) have no library to match: `spiesNamed` answers which spies and
 * module mocks name a member by its name alone, on any object or module, parsing only the spy-word files that hold it.
 */

/** The libraries whose exports the rules rename (the module roots; subpath imports count as the library). */
const LIBRARIES = ['class-transformer', 'date-fns-tz'] as const;
export type SpiedLibrary = (typeof LIBRARIES)[number];

export interface SpySite {
  library: SpiedLibrary;
  /** The export the spy names. */
  name: string;
  /** Repository-relative POSIX path. */
  file: string;
  /** 1-based. */
  line: number;
}

interface FileSummary {
  spies: Omit<SpySite, 'file'>[];
  /** `library\0name` of every export the file references (import element, namespace member, re-export). */
  references: string[];
}

const SOURCE = /\.(?:[cm]?[jt]s|[jt]sx)$/;
const REFRESH_MS = 5000;
/** A library's name as a module specifier (`'class-transformer'`, `"date-fns-tz/fp"`): only such files are indexed. */
const MODULE_NEEDLE = new RegExp(`['"\`](?:${LIBRARIES.join('|')})['"\`/]`);

const key = (library: string, name: string): string => `${library}\0${name}`;

function libraryOf(module: string): SpiedLibrary | undefined {
  return LIBRARIES.find((library) => module === library || module.startsWith(`${library}/`));
}

/** What one file spies on and references, from TypeScript's parse tree (names only; no scopes, no types). */
export function summarizeSpies(fileName: string, text: string): FileSummary {
  const summary: FileSummary = { spies: [], references: [] };
  if (!MODULE_NEEDLE.test(text)) return summary;
  const sourceFile = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false, scriptKindOf(fileName));
  const lineOf = (node: ts.Node): number => sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile)).line + 1;
  const moduleObjects = new Map<string, SpiedLibrary>();
  const references = new Set<string>();
  /** Local names of imported exports (`import { plainToClass as p }`): `library\0name` by local name. */
  const importedAs = new Map<string, [SpiedLibrary, string]>();
  /** The libraries this file mocks whole, at the mock's line. */
  const mockedLibraries: [SpiedLibrary, number][] = [];

  /** The library a `require('m')` / `await import('m')` expression loads. */
  const loaded = (expression: ts.Expression): SpiedLibrary | undefined => {
    let inner = expression;
    while (ts.isParenthesizedExpression(inner) || ts.isAwaitExpression(inner)) inner = inner.expression;
    if (!ts.isCallExpression(inner) || inner.arguments.length !== 1 || !ts.isStringLiteralLike(inner.arguments[0])) return undefined;
    const isLoader = (ts.isIdentifier(inner.expression) && inner.expression.text === 'require') || inner.expression.kind === ts.SyntaxKind.ImportKeyword;
    return isLoader ? libraryOf(inner.arguments[0].text) : undefined;
  };
  const moduleObject = (expression: ts.Expression): SpiedLibrary | undefined =>
    ts.isIdentifier(expression) ? moduleObjects.get(expression.text) : loaded(expression);

  // First the bindings of the module object, wherever they are declared (a spy may precede a later `require`).
  const bind = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const library = libraryOf(node.moduleSpecifier.text);
      const bindings = node.importClause?.namedBindings;
      if (library && bindings && ts.isNamespaceImport(bindings)) moduleObjects.set(bindings.name.text, library);
      if (library && bindings && ts.isNamedImports(bindings)) {
        for (const element of bindings.elements) {
          references.add(key(library, (element.propertyName ?? element.name).text));
          importedAs.set(element.name.text, [library, (element.propertyName ?? element.name).text]);
        }
      }
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      const library = ts.isStringLiteral(node.moduleReference.expression) ? libraryOf(node.moduleReference.expression.text) : undefined;
      if (library) moduleObjects.set(node.name.text, library);
    } else if (ts.isVariableDeclaration(node) && node.initializer) {
      const library = loaded(node.initializer);
      if (library && ts.isIdentifier(node.name)) moduleObjects.set(node.name.text, library);
      if (library && ts.isObjectBindingPattern(node.name)) {
        for (const element of node.name.elements) {
          const name = element.propertyName ?? element.name;
          if (ts.isIdentifier(name) || ts.isStringLiteral(name)) references.add(key(library, name.text));
          if ((ts.isIdentifier(name) || ts.isStringLiteral(name)) && ts.isIdentifier(element.name)) importedAs.set(element.name.text, [library, name.text]);
        }
      }
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      const library = libraryOf(node.moduleSpecifier.text);
      if (library && node.exportClause && ts.isNamedExports(node.exportClause)) {
        for (const element of node.exportClause.elements) references.add(key(library, (element.propertyName ?? element.name).text));
      }
    }
    ts.forEachChild(node, bind);
  };
  bind(sourceFile);

  const use = (node: ts.Node): void => {
    if (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) {
      const library = moduleObject(node.expression);
      const name = ts.isPropertyAccessExpression(node) ? node.name.text : ts.isStringLiteralLike(node.argumentExpression) ? node.argumentExpression.text : undefined;
      if (library && name !== undefined) references.add(key(library, name));
    } else if (ts.isQualifiedName(node) && ts.isIdentifier(node.left) && moduleObjects.has(node.left.text)) {
      references.add(key(moduleObjects.get(node.left.text)!, node.right.text));
    } else if (ts.isCallExpression(node)) {
      spiesOfCall(node);
    }
    ts.forEachChild(node, use);
  };

  const spiesOfCall = (call: ts.CallExpression): void => {
    const callee = call.expression;
    const [module, factory] = call.arguments;
    if (module && ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && MOCK_OBJECTS.has(callee.expression.text) && MOCK_METHODS.has(callee.name.text)) {
      // `jest.mock('class-transformer', …)`, vitest's `vi.mock(import('class-transformer'), …)`
      const mocked = ts.isStringLiteralLike(module) ? libraryOf(module.text) : loaded(module);
      if (!mocked) return;
      mockedLibraries.push([mocked, lineOf(module)]);
      if (factory) forEachObjectKey(factory, (name, at) => summary.spies.push({ library: mocked, name, line: lineOf(at) }));
      return;
    }
    const library = call.arguments.map((argument) => moduleObject(argument)).find((found) => found !== undefined);
    if (library) {
      for (const argument of call.arguments) {
        if (ts.isStringLiteralLike(argument)) summary.spies.push({ library, name: argument.text, line: lineOf(argument) });
      }
      return;
    }
    const configured = configuredMock(call);
    // `jest.mocked(plainToClass)`, `(ct.plainToClass as jest.Mock).mockReturnValue(…)`
    const exported = !configured
      ? undefined
      : ts.isIdentifier(configured)
        ? importedAs.get(configured.text)
        : ts.isPropertyAccessExpression(configured) && moduleObject(configured.expression)
          ? ([moduleObject(configured.expression)!, configured.name.text] as [SpiedLibrary, string])
          : undefined;
    if (exported) summary.spies.push({ library: exported[0], name: exported[1], line: lineOf(configured!) });
  };
  use(sourceFile);

  // A mock of the whole library (an automock, `{ spy: true }`, a factory whatever it builds) answers every call of
  // the exports this spec names, asserts on or configures: renaming those calls elsewhere would move them to another
  // of the mock's functions.
  for (const [library, line] of mockedLibraries) {
    for (const reference of references) {
      const [referenced, name] = reference.split('\0') as [SpiedLibrary, string];
      if (referenced === library && !summary.spies.some((spy) => spy.library === library && spy.name === name)) summary.spies.push({ library, name, line });
    }
  }
  summary.references = [...references];
  return summary;
}

/** Every JS/TS source file of the repository (`repositoryFiles`), declarations aside. */
const listSourceFiles = (root: string): string[] => repositoryFiles(root, (file) => SOURCE.test(file) && !file.endsWith('.d.ts'));

interface CachedFile {
  mtimeMs: number;
  size: number;
  /** The text, kept only when it names a library as a module or holds a spy word (every other file is out of the index). */
  text?: string;
  /** Parsed on demand: only files that may spy (`SPY_NEEDLE`) or that name a spied export are. */
  summary?: FileSummary;
  /** Parsed on demand, for `membersSpied` and `moduleMocks`. */
  testDoubles?: Omit<TestDouble, 'file'>[];
}

/**
 * The spies and references of one repository root. Each refresh stats every file and reads the changed ones, but
 * parses only the files that may hold a spy; a file's references are parsed when an export it names is spied on.
 */
export class SpyIndex {
  private readonly files = new Map<string, CachedFile>();
  private spies = new Map<string, SpySite[]>();
  private readonly referencers = new Map<string, Set<string>>();
  private readonly doubles = new Map<string, TestDouble[]>();
  private builtAt = -Infinity;

  constructor(readonly root: string) {}

  /** The spies of an export anywhere in the repository, in path and line order. */
  spiesOf(library: string, name: string): readonly SpySite[] {
    this.refresh();
    return this.spies.get(key(library, name)) ?? [];
  }

  /** The files that reference an export (import it, use it as a namespace member, re-export it). */
  filesReferencing(library: string, name: string): ReadonlySet<string> {
    this.refresh();
    const wanted = key(library, name);
    let files = this.referencers.get(wanted);
    if (!files) {
      // Only files whose text holds the name can reference it: the others are not parsed.
      const candidates = [...this.files].filter(([, cached]) => cached.text?.includes(name));
      files = new Set(candidates.filter(([file]) => this.summaryOf(file)!.references.includes(wanted)).map(([file]) => file));
      this.referencers.set(wanted, files);
    }
    return files;
  }

  /**
   * The spies of a member named `name` on any object but the platform's, and the mocked functions of that name
   * configured by a test (`TestDouble`), in path and line order.
   */
  membersSpied(name: string): readonly TestDouble[] {
    return this.testDoubles(`member\0${name}`, new RegExp(`(?<![\\w$])${escapeRegExp(name)}(?![\\w$])`), (double) => double.kind === 'member' && double.name === name);
  }

  /**
   * The module mocks whose specifier ends in `stem` (`time` for `../lib/time.js`, `@app/lib/time`), in path and line
   * order: the caller resolves each to the file it mocks.
   */
  moduleMocks(stem: string): readonly TestDouble[] {
    const mayName = new RegExp(`['"\`](?:[^'"\`\\s]*/)?${escapeRegExp(stem)}(?:\\.[cm]?[jt]sx?)?['"\`]`);
    return this.testDoubles(`module\0${stem}`, mayName, (double) => double.kind === 'module' && moduleStem(double.name) === stem);
  }

  /** Test doubles, parsed only in the files whose text `mayHold` one that is `wanted`. */
  private testDoubles(key: string, mayHold: RegExp, wanted: (double: Omit<TestDouble, 'file'>) => boolean): readonly TestDouble[] {
    this.refresh();
    let found = this.doubles.get(key);
    if (!found) {
      found = [];
      for (const [file, cached] of this.files) {
        if (cached.text === undefined || !mayHold.test(cached.text)) continue;
        cached.testDoubles ??= testDoublesIn(file, cached.text);
        for (const double of cached.testDoubles) if (wanted(double)) found.push({ ...double, file });
      }
      found.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
      this.doubles.set(key, found);
    }
    return found;
  }

  /** The `library\0name` keys a file spies on or references, as last read from disk (undefined: not indexed). */
  keysOf(file: string): ReadonlySet<string> | undefined {
    this.refresh();
    const summary = this.summaryOf(file);
    return summary && keysOfSummary(summary);
  }

  /** Every spied `library\0name` key with its spies. */
  spied(): ReadonlyMap<string, readonly SpySite[]> {
    this.refresh();
    return this.spies;
  }

  private refresh(): void {
    if (Date.now() - this.builtAt < REFRESH_MS) return;
    const listed = new Set(listSourceFiles(this.root));
    for (const file of this.files.keys()) if (!listed.has(file)) this.files.delete(file);
    const spies = new Map<string, SpySite[]>();
    for (const file of listed) {
      const cached = this.read(file);
      if (cached?.text === undefined || !SPY_NEEDLE.test(cached.text)) continue;
      for (const spy of this.summaryOf(file)!.spies) {
        const list = spies.get(key(spy.library, spy.name));
        if (list) list.push({ ...spy, file });
        else spies.set(key(spy.library, spy.name), [{ ...spy, file }]);
      }
    }
    for (const list of spies.values()) list.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
    this.spies = spies;
    this.referencers.clear();
    this.doubles.clear();
    this.builtAt = Date.now();
  }

  /** The file's entry, re-read when its mtime or size changed; undefined when it cannot be read. */
  private read(file: string): CachedFile | undefined {
    const absolute = path.join(this.root, file);
    try {
      const stats = statSync(absolute);
      const cached = this.files.get(file);
      if (cached && cached.mtimeMs === stats.mtimeMs && cached.size === stats.size) return cached;
      const text = readFileSync(absolute, 'utf8');
      const entry: CachedFile = { mtimeMs: stats.mtimeMs, size: stats.size, text: MODULE_NEEDLE.test(text) || TEST_DOUBLE_NEEDLE.test(text) ? text : undefined };
      this.files.set(file, entry);
      return entry;
    } catch {
      this.files.delete(file);
      return undefined;
    }
  }

  private summaryOf(file: string): FileSummary | undefined {
    const cached = this.files.get(file);
    if (cached?.text === undefined) return cached && { spies: [], references: [] };
    cached.summary ??= summarizeSpies(file, cached.text);
    return cached.summary;
  }
}

function keysOfSummary(summary: FileSummary): Set<string> {
  return new Set([...summary.references, ...summary.spies.map((spy) => key(spy.library, spy.name))]);
}

/** A spied export that a run would leave half renamed, and the rewritten files that dropped its old name. */
export interface HalfRenamedSpy {
  spy: SpySite;
  dropped: string[];
  /** A file that still names it the old way (held for another reason, rolled back, or outside the run). */
  stillNamedIn: string;
}

/**
 * The pipeline's check after its rewrites (the rule decides per file, and cannot see a reference in another file
 * held for another reason or rolled back by the type-check): a spied export that some rewritten files no longer
 * name while another file of its group (its spies and the files that reference it) still does. `after` maps each
 * rewritten file to its new text; every other file is as on disk.
 */
export function halfRenamedSpies(root: string, after: ReadonlyMap<string, string>): HalfRenamedSpy[] {
  // A file that renamed a library export still names the library (its import, its mock): without one, no index.
  if (![...after.values()].some((text) => LIBRARIES.some((library) => text.includes(library)))) return [];
  const index = spyIndexFor(root);
  const keysAfter = new Map([...after].filter(([file]) => SOURCE.test(file)).map(([file, text]) => [file, keysOfSummary(summarizeSpies(file, text))]));
  const found: HalfRenamedSpy[] = [];
  for (const [spiedKey, spies] of index.spied()) {
    const [library, name] = spiedKey.split('\0') as [string, string];
    const group = new Set([...spies.map((spy) => spy.file), ...index.filesReferencing(library, name)]);
    const dropped = [...group].filter((file) => keysAfter.has(file) && !keysAfter.get(file)!.has(spiedKey)).sort();
    const stillNamedIn = [...group].find((file) => (keysAfter.get(file) ?? index.keysOf(file))?.has(spiedKey));
    if (dropped.length > 0 && stillNamedIn !== undefined) found.push({ spy: spies[0]!, dropped, stillNamedIn });
  }
  return found;
}

const indexes = new Map<string, SpyIndex>();

/** The index of one repository root (ESLint's cwd; the repository root in the CLI), shared by every linted file. */
export function spyIndexFor(root: string): SpyIndex {
  let index = indexes.get(root);
  if (!index) indexes.set(root, (index = new SpyIndex(root)));
  return index;
}

/** For tests: forget every index. */
export function clearSpyIndexCache(): void {
  indexes.clear();
}
