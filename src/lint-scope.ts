import path from 'node:path';
import type { SourceFileCache, SourceProject } from './project.js';
import { programRoots } from './program-roots.js';
import type { Progress } from './progress.js';
import { readSource, type SourceText } from './write.js';
import { isPythonFile } from './languages.js';
import type { RepositoryScripts, RunNeedles } from './run-needles.js';
import type { UnresolvedImport } from './unresolved-imports.js';
import { findingFilter } from './needle-filter.js';
import { typeScriptSide, type TypeScriptSide } from './typescript-side.js';
import { enabledRules, largeFileDetail, lintFiles, type Failure, type LintOptions, type LintResult } from './lint.js';

/**
 * A scope's files read once and linted, the TS/JS ones in one program: the common start of `fix`, `scan` and
 * `history`. Later passes re-lint rewritten texts through the same program (`lint`).
 */
export type LoadedSource = SourceText & { absPath: string };

/** The scoped files read once, in one program, and linted: the common start of `fix` and `scan`. */
export interface LintedScope {
  sources: Map<string, LoadedSource>;
  /** The TypeScript/JavaScript files, in one program. */
  project: SourceProject;
  /** A file's current text (what was read, or its in-memory rewrite). */
  textOf(file: string): string;
  setText(file: string, text: string): void;
  lint(files: Iterable<string>): LintResult;
  first: LintResult;
  /** The repository's TS/JS files as this run read them (when the scope holds one): later scans reuse them. */
  scripts?: RepositoryScripts;
  /** Imports of declared dependencies the program could not resolve (`src/unresolved-imports.ts`). */
  unresolved: UnresolvedImport[];
}

export function lintScope(
  repoRoot: string,
  files: readonly string[],
  options: Pick<LintOptions, 'rules' | 'config' | 'rewriteSet' | 'prefilter' | 'needles'>,
  progress?: Progress,
  /** Parsed files shared with other programs of the process (`history`: the lib files, unchanged files). */
  sourceFileCache?: SourceFileCache,
): LintedScope {
  const sources = new Map<string, LoadedSource>();
  const readFailures: Failure[] = [];
  for (const file of files) {
    const absPath = path.join(repoRoot, file);
    try {
      sources.set(file, { ...readSource(absPath), absPath });
    } catch (error) {
      readFailures.push({ file, stage: 'parse', message: `cannot read: ${(error as Error).message}` });
    }
  }
  const typescript = [...sources.values()].filter(({ absPath }) => !isPythonFile(absPath));
  const { project, needles, scripts } =
    typescript.length > 0 ? typescriptProject(typeScriptSide(), repoRoot, sources, typescript, options, sourceFileCache) : { project: NO_PROJECT, needles: options.needles ?? {}, scripts: undefined };
  // Python files live outside the TypeScript program; their current text is kept here.
  const pythonTexts = new Map([...sources].filter(([file]) => isPythonFile(file)).map(([file, source]) => [file, source.text]));
  const textOf = (file: string): string => pythonTexts.get(file) ?? project.text(sources.get(file)!.absPath);
  const setText = (file: string, text: string): void => {
    if (pythonTexts.has(file)) pythonTexts.set(file, text);
    else project.setText(sources.get(file)!.absPath, text);
  };
  const lint = (targets: Iterable<string>): LintResult => {
    const inputs = [...targets].map((file) => ({ file, absPath: sources.get(file)!.absPath, text: textOf(file) }));
    progress?.start('Linting', inputs.length);
    const program = typescript.length > 0 ? project.program() : undefined;
    return lintFiles(inputs, { repoRoot, program, ...options, needles }, () => progress?.tick(), (input) => progress?.working(largeFileDetail(input)));
  };
  const first = lint(sources.keys());
  first.failures.unshift(...readFailures);
  const unresolved = typescript.length > 0 ? typeScriptSide().unresolvedDependencies(project.program().getCompilerOptions(), typescript, repoRoot) : [];
  return { sources, project, textOf, setText, lint, first, scripts, unresolved };
}

/**
 * The program of the scope's TS/JS files. It starts from the files that may hold a finding, the only ones linted with
 * it (src/program-roots.ts), and the files where a configured model method may be overridden (read, never linted).
 */
function typescriptProject(
  side: TypeScriptSide,
  repoRoot: string,
  sources: ReadonlyMap<string, LoadedSource>,
  typescript: readonly LoadedSource[],
  options: Pick<LintOptions, 'rules' | 'config' | 'prefilter' | 'needles'>,
  sourceFileCache: SourceFileCache | undefined,
): { project: SourceProject; needles: RunNeedles; scripts: RepositoryScripts } {
  const scripts = side.repositoryScripts(repoRoot, options.config);
  const scanned = options.needles ? undefined : side.repositoryNeedles(enabledRules(options), options.config, scripts);
  const needles = options.needles ?? scanned!.needles;
  const mayHaveFindings = options.prefilter === false ? () => true : findingFilter(enabledRules(options), needles);
  const overrideNames = scanned?.overrideNames ?? Object.values(needles).flat();
  const overrideFiles = side.filesNaming(scripts, new Set(sources.keys()), overrideNames);
  const held = typescript.map(({ absPath, text }) => ({ absPath, text }));
  const roots = [...programRoots(held, (file) => mayHaveFindings(file.text)), ...overrideFiles.map((file) => file.absPath)];
  return { project: side.createSourceProject(repoRoot, [...held, ...overrideFiles], roots, sourceFileCache), needles, scripts };
}

/** A scope without TS/JS files has no program: nothing asks this one for one. */
const NO_PROJECT: SourceProject = {
  program: () => {
    throw new Error('internal error: a program was asked for a scope without TS/JS files');
  },
  text: () => '',
  setText: () => {
    throw new Error('internal error: a TS/JS text was set in a scope without TS/JS files');
  },
  programWith: () => {
    throw new Error('internal error: a program was asked for a scope without TS/JS files');
  },
  diagnostics: () => [],
  cache: new Map(),
};
