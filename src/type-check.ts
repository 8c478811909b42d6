import { readFileSync } from 'node:fs';
import path from 'node:path';
import type ts from 'typescript';
import { projectCompiler, type ProjectCompiler } from './compiler.js';
import type { Progress } from './progress.js';
import { moduleStem, specifierStems, toPosix } from '../rules/project/paths.js';
import { createProgram, fileDiagnostics, projectSettings, type SourceFileCache } from './project.js';
import { listRepoFiles } from './files.js';
import { programRoots } from './program-roots.js';
import { changedFaces } from './declaration-face.js';
import { verifyRewrites, type RewriteChecker, type Verification } from './verify.js';

/**
 * The TypeScript side of §7.6: programs of the project's own compiler (src/compiler.ts) with the texts as read
 * ("before") and as rewritten ("after"), judging the rewritten files and every repository file that imports one
 * whose declarations the rewrite changed — in scope or not, since an importer outside the scope can break and
 * cannot be edited.
 */
export interface TypeCheck extends Required<RewriteChecker> {
  compiler: ProjectCompiler;
}

export interface TypeCheckInput {
  repoRoot: string;
  /** The scoped TypeScript/JavaScript files (repository-relative) with their current texts. */
  files: ReadonlyMap<string, { absPath: string; text: string }>;
  /** The rewritten ones among them, with their texts as read. */
  originals: ReadonlyMap<string, string>;
  /** Files deprecfix's own compiler already parsed this run (reused when the project's compiler is ours). */
  cache?: SourceFileCache;
  /**
   * The run's own program over the current texts (the one the rewritten files were re-linted in), when deprecfix's
   * compiler is the project's: judging in it reuses its parse, binding and the types the re-lint already resolved.
   */
  program?: () => ts.Program;
}

/**
 * Verifies the rewritten TypeScript/JavaScript files (src/verify.ts) with the project's compiler. An installed
 * compiler that fails on deprecfix's use of its API (a version we did not foresee) is replaced, with a warning, by
 * ours with its version's defaults.
 */
export function verifyTypeScriptRewrites(input: TypeCheckInput, progress?: Progress): { rollbacks: Verification[]; warnings: string[] } {
  const verify = (compiler: ProjectCompiler): Verification[] => {
    const typeCheck = createTypeCheck(input, compiler);
    const files = typeCheck.files();
    progress?.start('Type-checking rewritten files and their importers', files.length);
    const asked = new Set<string>();
    return verifyRewrites(input.originals.keys(), {
      ...typeCheck,
      files: () => files,
      diagnostics: (file) => {
        if (!asked.has(file)) asked.add(file), progress?.tick();
        return typeCheck.diagnostics(file);
      },
    });
  };
  const compiler = projectCompiler(input.repoRoot);
  if (compiler.origin !== 'installed') return { rollbacks: verify(compiler), warnings: [] };
  try {
    return { rollbacks: verify(compiler), warnings: [] };
  } catch (error) {
    const fallback = projectCompiler(input.repoRoot, { installed: false });
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return {
      rollbacks: verify(fallback),
      warnings: [`the project's TypeScript ${compiler.version} failed to type-check the rewrites (${reason}); deprecfix's TypeScript ${fallback.ts.version} judged them with TypeScript ${compiler.version.split('.')[0]}'s defaults`],
    };
  }
}

export function createTypeCheck(input: TypeCheckInput, compiler = projectCompiler(input.repoRoot)): TypeCheck {
  const { repoRoot, originals } = input;
  const { options, declarationFiles } = projectSettings(repoRoot, compiler);
  const absOf = (file: string) => toPosix(path.join(repoRoot, file));
  const fileOf = (absPath: string) => toPosix(path.relative(repoRoot, absPath));
  const current = new Map([...input.files].map(([file, entry]) => [toPosix(entry.absPath), entry.text]));
  const rewrittenTexts = new Map([...originals.keys()].map((file) => [file, input.files.get(file)!.text]));
  const setText = (file: string, text: string): void => {
    if (current.get(absOf(file)) === text) return;
    current.set(absOf(file), text);
    changed = true;
  };
  const { sys } = compiler.ts;
  const moduleHost = {
    fileExists: sys.fileExists,
    readFile: (name: string) => current.get(toPosix(name)) ?? sys.readFile(name),
    directoryExists: sys.directoryExists,
    realpath: sys.realpath,
  };
  const resolutionCache = compiler.ts.createModuleResolutionCache(repoRoot, (name) => name, options);

  /** Repository files (not declaration files, not node_modules) a file imports, resolved as the compiler does. */
  const importsByFile = new Map<string, { text: string; imports: string[] }>();
  const importsOf = (file: string, text: string): string[] => {
    const known = importsByFile.get(file);
    if (known?.text === text) return known.imports;
    const imports = compiler.ts
      .preProcessFile(text, true, true)
      .importedFiles.map(({ fileName }) => compiler.ts.resolveModuleName(fileName, absOf(file), options, moduleHost, resolutionCache).resolvedModule)
      .filter((resolved) => resolved && !resolved.isExternalLibraryImport && !/\.d\.[cm]?ts$/.test(resolved.resolvedFileName))
      .map((resolved) => fileOf(resolved!.resolvedFileName));
    importsByFile.set(file, { text, imports });
    return imports;
  };

  // Programs start from the files they are asked about; what those import is loaded as the compiler resolves it, and
  // a scoped file that may declare globals stays a root (src/program-roots.ts), so each file sees what it sees in
  // the project.
  const scoped = [...input.files.values()].map(({ absPath, text }) => ({ absPath: toPosix(absPath), text }));
  const rootsFor = (files: Iterable<string>): string[] => {
    const asked = new Set([...files].map(absOf));
    return [...new Set([...programRoots(scoped, (file) => asked.has(file.absPath)), ...asked, ...declarationFiles])];
  };
  const cache: SourceFileCache = compiler.origin === 'installed' ? new Map() : (input.cache ?? new Map());
  const textsAsRead = () => new Map([...current, ...[...originals].map(([file, text]) => [absOf(file), text] as const)]);

  // Importers see a rewritten file only through its declarations: where those are unchanged (a call renamed inside a
  // body), no importer can gain a diagnostic, and only the file itself is judged (src/declaration-face.ts).
  const faceChanged = changedFaces([...originals].map(([file, before]) => ({ fileName: file, before, after: rewrittenTexts.get(file)! })));
  const importers = findImporters(repoRoot, faceChanged, (file) => current.get(absOf(file)) ?? readText(absOf(file)), importsOf);
  const files = [...originals.keys(), ...[...importers].filter((file) => !originals.has(file))];
  const shared = sharedProgram(input, compiler, options, files.map(absOf));
  // Every program judged has the same roots: with the run's program, its roots, so that the texts as read (and after a
  // rollback) are judged against the same globals as the rewrite (a root's package import may declare some).
  const rootNames = shared?.getRootFileNames() ?? rootsFor(files);
  const build = (texts: ReadonlyMap<string, string>, oldProgram?: ts.Program) =>
    createProgram({ rootNames, options, texts, cache, oldProgram, compiler: compiler.ts });

  let after = shared;
  let changed = !after;
  const programNow = (): ts.Program => {
    // Rebuilt after a text changed, reusing the unchanged files of the last one.
    if (changed) after = build(current, after);
    changed = false;
    return after!;
  };
  let before: ts.Program | undefined;
  const programAsRead = () => (before ??= build(textsAsRead()));

  return {
    compiler,
    files: () => files,
    diagnostics: (file) => fileDiagnostics(programNow(), absOf(file), compiler.ts),
    diagnosticsBefore: (file) => fileDiagnostics(programAsRead(), absOf(file), compiler.ts),
    restore: (file) => setText(file, originals.get(file)!),
    reapply: (file) => setText(file, rewrittenTexts.get(file)!),
    dependencies: (file) => {
      // Nearest first: the rewritten files it imports, then those they import, and so on. (Through imports only: a
      // rewritten script's globals are not followed.)
      const seen = new Set([file]);
      const found: string[] = [];
      for (let layer = [file]; layer.length > 0; ) {
        const next: string[] = [];
        for (const importer of layer) {
          for (const imported of importsOf(importer, current.get(absOf(importer)) ?? readText(absOf(importer)))) {
            if (seen.has(imported)) continue;
            seen.add(imported);
            next.push(imported);
            if (originals.has(imported)) found.push(imported);
          }
        }
        layer = next;
      }
      return found;
    },
  };
}

/**
 * The run's program, when its judgement is the project compiler's: the same compiler (ours, with no other version's
 * defaults) and options, and every file to judge in it. Its roots (the files that may hold a finding) are kept for
 * every program the type-check builds, the texts as read included, so before and after see the same globals.
 */
function sharedProgram(input: TypeCheckInput, compiler: ProjectCompiler, options: ts.CompilerOptions, judged: readonly string[]): ts.Program | undefined {
  if (!input.program || compiler.origin !== 'bundled') return undefined;
  const program = input.program();
  if (JSON.stringify(program.getCompilerOptions()) !== JSON.stringify(options)) return undefined;
  return judged.every((absPath) => program.getSourceFile(absPath)) ? program : undefined;
}

/**
 * Repository files that import a rewritten file. Cheap first: only a file with a string literal that names a
 * rewritten module (its file name without extension, or an index file's directory) is parsed for imports and
 * resolved.
 */
function findImporters(
  repoRoot: string,
  rewritten: readonly string[],
  textOf: (file: string) => string,
  importsOf: (file: string, text: string) => string[],
): Set<string> {
  if (rewritten.length === 0) return new Set();
  const targets = new Set(rewritten);
  const stems = new Set(rewritten.flatMap(specifierStems));
  const namesRewritten = (text: string): boolean => {
    for (const [, specifier] of text.matchAll(/['"`]([^'"`\s]{1,300})['"`]/g)) if (stems.has(moduleStem(specifier))) return true;
    return false;
  };
  const importers = new Set<string>();
  for (const file of listRepoFiles(repoRoot).files) {
    if (file.endsWith('.py') || targets.has(file)) continue;
    const text = textOf(file);
    if (namesRewritten(text) && importsOf(file, text).some((imported) => targets.has(imported))) importers.add(file);
  }
  return importers;
}


function readText(absPath: string): string {
  try {
    return readFileSync(absPath, 'utf8');
  } catch {
    return '';
  }
}
