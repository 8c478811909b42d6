import type { DiagnosticWithLocation, SourceFile } from 'typescript';

/**
 * The errors TypeScript's parser found in a file: `parseDiagnostics` (internal and stable; typescript-estree reads
 * it too), not the program's syntactic diagnostics, which add JS-file checks ESLint does not make. A type-only
 * import: a module that asks loads no TypeScript through this one.
 */
export function parseDiagnosticsOf(sourceFile: SourceFile): readonly DiagnosticWithLocation[] {
  return (sourceFile as unknown as { parseDiagnostics?: readonly DiagnosticWithLocation[] }).parseDiagnostics ?? [];
}
