import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { UsageError } from './errors.js';
import type { ProjectCompiler, TypeScript } from './compiler.js';
import { toPosix } from '../rules/project/paths.js';
// `require`, not `import`: Node's ESM loader would scan all 9 MB of typescript.js for export names (~0.5 s a run).
import ts = require('typescript');

/**
 * TypeScript programs, built with the same `typescript` that typescript-eslint loads, so the rules and the
 * rewriters share one compiler and one parse of every file. (ts-morph bundles a second TypeScript: building the run's
 * program with it loaded and parsed everything twice; see the README.) The type-check after rewriting builds its
 * programs here too, with the project's own compiler when it has one (src/compiler.ts).
 */

/** Source files already parsed, shared by every program of a run (and by a program and its rebuilds). */
export type SourceFileCache = Map<string, ts.SourceFile>;

export interface ProgramRequest {
  rootNames: readonly string[];
  options: ts.CompilerOptions;
  /** Texts deprecfix holds in memory (read once, or rewritten), by POSIX absolute path; they win over the disk. */
  texts: ReadonlyMap<string, string>;
  cache: SourceFileCache;
  /** The program this one replaces: TypeScript reuses its structure when only file texts changed. */
  oldProgram?: ts.Program;
  /** The compiler to build it with (the project's own, for the type-check after rewriting); default deprecfix's. */
  compiler?: TypeScript;
}

/**
 * A program whose files come from `texts` or the disk. A source file is reused from the cache when the options
 * that shape a parse agree (as TypeScript's language service shares files between projects) and its text is
 * unchanged, so lib and `@types` files are parsed once per run, not once per tsconfig or per rebuild.
 */
export function createProgram(request: ProgramRequest): ts.Program {
  const { options, texts, cache, compiler = ts } = request;
  const host = compiler.createCompilerHost(options, true);
  const readFile = host.readFile.bind(host);
  host.readFile = (fileName) => texts.get(toPosix(fileName)) ?? readFile(fileName);
  const getSourceFile = host.getSourceFile.bind(host);
  const optionsKey = JSON.stringify(sourceFileOptions(compiler).map((name) => options[name] ?? null));
  host.getSourceFile = (fileName, languageVersionOrOptions, onError, shouldCreateNewSourceFile) => {
    const shape =
      typeof languageVersionOrOptions === 'object'
        ? [languageVersionOrOptions.languageVersion, languageVersionOrOptions.impliedNodeFormat, languageVersionOrOptions.jsDocParsingMode]
        : [languageVersionOrOptions];
    const posix = toPosix(fileName);
    const key = `${posix}\0${JSON.stringify(shape)}\0${optionsKey}`;
    const cached = shouldCreateNewSourceFile ? undefined : cache.get(key);
    if (cached && cached.text === (texts.get(posix) ?? cached.text)) return cached;
    const sourceFile = getSourceFile(fileName, languageVersionOrOptions, onError, shouldCreateNewSourceFile);
    if (sourceFile) cache.set(key, sourceFile);
    return sourceFile;
  };
  return compiler.createProgram({ rootNames: request.rootNames, options, host, oldProgram: request.oldProgram });
}

/**
 * Syntactic and semantic diagnostics of one file as stable strings (code and message, no positions), so that the
 * same error before and after a rewrite compares equal wherever it moved. A message's elaborations ("Type 'B' is
 * not assignable…") follow on lines of their own.
 */
export function fileDiagnostics(program: ts.Program, absPath: string, compiler: TypeScript = ts): string[] {
  const sourceFile = program.getSourceFile(toPosix(absPath));
  if (!sourceFile) return [];
  return [...program.getSyntacticDiagnostics(sourceFile), ...program.getSemanticDiagnostics(sourceFile)].map(
    (diagnostic) => `TS${diagnostic.code}: ${compiler.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`,
  );
}

const sourceFileOptionsByCompiler = new WeakMap<TypeScript, string[]>();

/** The compiler options that change how a file is parsed or bound (the compiler's own list when it exposes it). */
function sourceFileOptions(compiler: TypeScript): string[] {
  const known = sourceFileOptionsByCompiler.get(compiler);
  if (known) return known;
  const listed = (compiler as unknown as { sourceFileAffectingCompilerOptions?: { name: string }[] }).sourceFileAffectingCompilerOptions;
  const names = [
    ...new Set([
      // `strict` sets `alwaysStrict` when that is not given, and strict mode changes binding.
      'strict',
      ...(listed?.map((option) => option.name) ?? [
        'target',
        'module',
        'jsx',
        'importHelpers',
        'alwaysStrict',
        'noFallthroughCasesInSwitch',
        'moduleResolution',
        'jsxImportSource',
        'allowUnusedLabels',
        'allowUnreachableCode',
        'moduleDetection',
      ]),
    ]),
  ];
  sourceFileOptionsByCompiler.set(compiler, names);
  return names;
}

/** For a repository without a tsconfig.json: what suits any TS/JS code base. */
export const DEFAULT_COMPILER_OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  strict: true,
  jsx: ts.JsxEmit.Preserve,
  experimentalDecorators: true,
  skipLibCheck: true,
};

export interface ParsedTsconfig {
  options: ts.CompilerOptions;
  /** The files the tsconfig includes, as POSIX absolute paths. */
  fileNames: string[];
  includes: Set<string>;
}

export function parseTsconfig(repoRoot: string, configPath: string, compiler: TypeScript = ts): ParsedTsconfig {
  let problem: ts.Diagnostic | undefined;
  const parsed = compiler.getParsedCommandLineOfConfigFile(configPath, {}, {
    ...compiler.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      problem = diagnostic;
    },
  });
  if (!parsed || problem) {
    const message = problem ? compiler.flattenDiagnosticMessageText(problem.messageText, ' ') : 'cannot be read';
    throw new UsageError(`${path.relative(repoRoot, configPath) || configPath}: ${message}`, 'fix the tsconfig.json: deprecfix lints with the types it describes, as ESLint does');
  }
  const fileNames = parsed.fileNames.map(toPosix);
  return { options: parsed.options, fileNames, includes: new Set(fileNames) };
}

/**
 * The one TypeScript program of a `fix` or `scan` run: the scoped files (with the text deprecfix read, so BOMs and
 * line endings are exactly what gets linted), the root tsconfig's declaration files, and whatever they import. The
 * ESLint rules get it through typescript-eslint's `programs` option, the rewriters use it directly; after texts
 * change it is rebuilt once, reusing every unchanged file.
 */
export interface SourceProject {
  program(): ts.Program;
  text(absPath: string): string;
  /** Replaces a file's text (a rewrite, or a rollback); the next `program()` sees it. */
  setText(absPath: string, text: string): void;
  /** A separate program with these texts (by absolute path) in place of the current ones; the current one stays. */
  programWith(texts: ReadonlyMap<string, string>): ts.Program;
  /** Syntactic and semantic diagnostics of one file, as stable strings (code and message, no positions). */
  diagnostics(absPath: string, program?: ts.Program): string[];
  /** The run's parsed files, for another program of deprecfix's compiler (the type-check after rewriting). */
  cache: SourceFileCache;
}

const OWN_TYPES = (() => {
  try {
    return path.dirname(path.dirname(createRequire(import.meta.url).resolve('@types/node/package.json')));
  } catch {
    return undefined;
  }
})();

/**
 * deprecfix's own TypeScript lib files and borrowed `@types/node` never change while it runs: parsed (and bound) once
 * per process and shared by every project, as a language service's document registry shares them. A run parses them
 * once anyway; the tests and API users that lint many small repositories in one process parse them once in all.
 */
const OWN_LIBRARY_DIRS = [path.dirname(createRequire(import.meta.url).resolve('typescript')), OWN_TYPES].filter((dir): dir is string => !!dir).map((dir) => `${toPosix(dir)}/`);
const ownLibraryFiles: SourceFileCache = new Map();
const isOwnLibrary = (key: string): boolean => OWN_LIBRARY_DIRS.some((dir) => key.startsWith(dir));

/** The own library files from the process-wide cache, the others from the caller's (`history` shares one per range). */
class SharedLibraryCache extends Map<string, ts.SourceFile> {
  constructor(private readonly others: SourceFileCache = new Map()) {
    super();
  }
  override get(key: string): ts.SourceFile | undefined {
    return isOwnLibrary(key) ? ownLibraryFiles.get(key) : this.others.get(key);
  }
  override set(key: string, sourceFile: ts.SourceFile): this {
    if (isOwnLibrary(key)) ownLibraryFiles.set(key, sourceFile);
    else this.others.set(key, sourceFile);
    return this;
  }
}

/**
 * `files`: every file whose text deprecfix holds (the scope). `roots`: the absolute paths the program starts from
 * (src/program-roots.ts), by default all of `files`; the others enter it only when a root imports them, with their
 * held text. `sourceFiles`: parsed files to share with other projects over the same texts (`history`).
 */
export function createSourceProject(
  repoRoot: string,
  files: readonly { absPath: string; text: string }[],
  roots?: readonly string[],
  sourceFiles?: SourceFileCache,
): SourceProject {
  const { options, declarationFiles } = projectSettings(repoRoot);
  const texts = new Map(files.map((file) => [toPosix(file.absPath), file.text]));
  const rootNames = [...new Set([...(roots?.map(toPosix) ?? texts.keys()), ...declarationFiles])];
  const cache: SourceFileCache = new SharedLibraryCache(sourceFiles);
  let current: ts.Program | undefined;
  let stale = true;
  const program = (): ts.Program => {
    if (stale) current = createProgram({ rootNames, options, texts, cache, oldProgram: current });
    stale = false;
    return current!;
  };
  return {
    program,
    text: (absPath) => texts.get(toPosix(absPath)) ?? '',
    setText: (absPath, text) => {
      if (texts.get(toPosix(absPath)) === text) return;
      texts.set(toPosix(absPath), text);
      stale = true;
    },
    programWith: (replaced) => {
      const merged = new Map(texts);
      for (const [absPath, text] of replaced) merged.set(toPosix(absPath), text);
      return createProgram({ rootNames, options, texts: merged, cache, oldProgram: current });
    },
    diagnostics: (absPath, of = program()) => fileDiagnostics(of, absPath),
    cache,
  };
}

/**
 * The project's own tsconfig when it has one at the root (its options, and its declaration files, which may declare
 * globals the scoped files use); else options that suit any TS/JS code base. JS files are linted too and nothing is
 * ever emitted.
 *
 * For linting (no `compiler`), Node's Buffer can only be proven when @types/node is visible: a project that has not
 * installed it borrows ours. For the type-check after rewriting (the project's `compiler`), the tsconfig is read by
 * that compiler, the options its version assumes are made explicit, and nothing is borrowed: a diagnostic that only
 * exists under deprecfix's @types/node is not the project's.
 */
export function projectSettings(repoRoot: string, compiler?: ProjectCompiler): { options: ts.CompilerOptions; declarationFiles: string[] } {
  const tsconfig = path.join(repoRoot, 'tsconfig.json');
  const parsed = existsSync(tsconfig) ? parseTsconfig(repoRoot, tsconfig, compiler?.ts) : undefined;
  const base: ts.CompilerOptions = { ...(parsed?.options ?? DEFAULT_COMPILER_OPTIONS), allowJs: true, noEmit: true, skipLibCheck: true };
  const declarationFiles = parsed?.fileNames.filter((fileName) => /\.d\.[cm]?ts$/.test(fileName)) ?? [];
  if (compiler) return { options: { ...base, ...compiler.defaults(base) }, declarationFiles };
  const hasNodeTypes = existsSync(path.join(repoRoot, 'node_modules', '@types', 'node'));
  const nodeTypes: ts.CompilerOptions = hasNodeTypes || !OWN_TYPES ? {} : { typeRoots: [OWN_TYPES], types: ['node'] };
  return { options: { ...base, ...nodeTypes }, declarationFiles };
}
