import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type ts from 'typescript';

/**
 * Whether a TypeScript project (a `tsconfig.json` or `jsconfig.json` in the file's directory or above, or a project
 * one of them references) contains a file: where typescript-eslint's project service finds the file, so the plugin's
 * configs ask for type information there and nowhere else. Outside every project the service throws ("was not found
 * by the project service") and `allowDefaultProject` takes at most 8 files and no `**`, which a real repository's
 * `scripts/` and config files exceed; those files are linted without types, where the kinds that need a type to
 * be safe say `unresolved type`.
 */
export function isInTypeScriptProject(file: string): boolean {
  const absPath = path.resolve(file);
  for (let dir = path.dirname(absPath); ; dir = path.dirname(dir)) {
    for (const name of ['tsconfig.json', 'jsconfig.json']) {
      const config = path.join(dir, name);
      if (existsSync(config) && projectFiles(config).has(absPath)) return true;
    }
    if (path.dirname(dir) === dir || existsSync(path.join(dir, '.git'))) return false;
  }
}

/** A config's files (its references' included), parsed once per process: an editor's ESLint server asks per file. */
const filesByConfig = new Map<string, Set<string>>();

function projectFiles(config: string, seen = new Set<string>()): Set<string> {
  const known = filesByConfig.get(config);
  if (known) return known;
  const files = new Set<string>();
  if (seen.has(config)) return files;
  seen.add(config);
  const typescript = loadTypeScript();
  const parsed = typescript.getParsedCommandLineOfConfigFile(config, undefined, {
    ...typescript.sys,
    onUnRecoverableConfigFileDiagnostic: () => undefined,
  });
  for (const fileName of parsed?.fileNames ?? []) files.add(path.resolve(fileName));
  for (const reference of parsed?.projectReferences ?? []) {
    const referenced = typescript.resolveProjectReferencePath(reference);
    if (existsSync(referenced)) for (const fileName of projectFiles(referenced, seen)) files.add(fileName);
  }
  filesByConfig.set(config, files);
  return files;
}

// `require`, not `import`: Node's ESM loader would scan all of typescript.js for export names (see src/project.ts);
// and only when a config asks, so loading the plugin stays cheap.
function loadTypeScript(): typeof ts {
  return createRequire(import.meta.url)('typescript') as typeof ts;
}
