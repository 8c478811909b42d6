import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Project, ts, type SourceFile } from 'ts-morph';

/**
 * The one TypeScript program of a run: the scoped files (with the text deprecfix read, so BOMs and line endings
 * are exactly what gets linted) plus whatever they import, resolved from disk. The ESLint rules get it through
 * typescript-eslint's `programs` option, the transforms through ts-morph, and the type-check after rewriting
 * asks it for diagnostics — no file is parsed twice for the same text.
 */
export interface SourceProject {
  project: Project;
  /** The current program; rebuilt by ts-morph after a file's text changes. */
  program(): ts.Program;
  sourceFile(absPath: string): SourceFile;
  /** Replaces a file's text (a rewrite, or a rollback). */
  setText(absPath: string, text: string): void;
  /** Syntactic and semantic diagnostics of one file, as stable strings (code and message, no positions). */
  diagnostics(absPath: string): string[];
}

const OWN_TYPES = (() => {
  try {
    return path.dirname(path.dirname(createRequire(import.meta.url).resolve('@types/node/package.json')));
  } catch {
    return undefined;
  }
})();

export function createSourceProject(repoRoot: string, files: readonly { absPath: string; text: string }[]): SourceProject {
  const project = new Project({ ...projectSettings(repoRoot), skipAddingFilesFromTsConfig: true });
  for (const file of files) project.createSourceFile(file.absPath, file.text, { overwrite: true });
  return {
    project,
    program: () => project.getProgram().compilerObject,
    sourceFile: (absPath) => project.getSourceFileOrThrow(absPath),
    // Not replaceWithText: ts-morph's manipulation normalises line endings to LF; recreating keeps CRLF files intact.
    setText: (absPath, text) => {
      project.createSourceFile(absPath, text, { overwrite: true });
    },
    diagnostics: (absPath) => {
      const program = project.getProgram().compilerObject;
      const sourceFile = program.getSourceFile(absPath);
      if (!sourceFile) return [];
      return [...program.getSyntacticDiagnostics(sourceFile), ...program.getSemanticDiagnostics(sourceFile)].map(
        (diagnostic) => `TS${diagnostic.code}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ')}`,
      );
    },
  };
}

/** The project's own tsconfig when it has one at the root; else options that suit any TS/JS code base. */
function projectSettings(repoRoot: string): ConstructorParameters<typeof Project>[0] {
  const tsConfigFilePath = path.join(repoRoot, 'tsconfig.json');
  // JS files are linted too, and nothing is ever emitted.
  const always: ts.CompilerOptions = { allowJs: true, noEmit: true, skipLibCheck: true };
  // Node's Buffer can only be proven when @types/node is visible; a project that has not installed it borrows ours.
  const hasNodeTypes = existsSync(path.join(repoRoot, 'node_modules', '@types', 'node'));
  const nodeTypes: ts.CompilerOptions = hasNodeTypes || !OWN_TYPES ? {} : { typeRoots: [OWN_TYPES], types: ['node'] };
  if (existsSync(tsConfigFilePath)) {
    return { tsConfigFilePath, compilerOptions: { ...always, ...nodeTypes } };
  }
  return {
    compilerOptions: {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      lib: ['lib.es2023.d.ts', 'lib.dom.d.ts'],
      strict: true,
      jsx: ts.JsxEmit.Preserve,
      experimentalDecorators: true,
      ...always,
      ...nodeTypes,
    },
  };
}
