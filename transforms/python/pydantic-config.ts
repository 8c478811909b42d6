/**
 * `class Config:` → `model_config = ConfigDict(…)` (`deprecfix/py-pydantic-v1`, kind `pydantic-v1-config`): the
 * class statement is replaced by one assignment whose keywords keep each value's text as written; `ConfigDict` is
 * named as the file already imports it (`from pydantic import ConfigDict as CD`, `import pydantic`), else added to
 * the file's `from pydantic import …` in its style, else imported on a line of its own after the last import.
 * The rule decides whether and how safely; this module only says how.
 */
import type { PyNode } from './syntax.js';
import type { TextEdit } from '../edit.js';
import { addNameToFromImport, importedElements, importedNameOf } from './imports.js';
import type { PyScopes } from './scopes.js';

/** Lines longer than this are written one keyword per line (black's and ruff's default is 88). */
const MAX_LINE = 88;

export type ConfigDictName = { expression: string; edits: TextEdit[] } | { reason: 'name-conflict' | 'unsupported-form' };

/** How the file can name `pydantic.ConfigDict` at module level, and the import edit that takes. */
export function configDictName(text: string, scopes: PyScopes): ConfigDictName {
  const module = scopes.module;
  const runtime = (name: string) => (module.bindings.get(name) ?? []).filter((binding) => !binding.typeCheckingOnly);
  for (const [name, bindings] of module.bindings) {
    const imports = bindings.filter((binding) => binding.kind === 'import' && !binding.conditional && !binding.typeCheckingOnly);
    if (imports.length === 0 || imports.length !== runtime(name).length) continue;
    if (imports.every((binding) => binding.origin?.module === 'pydantic' && binding.origin.name === 'ConfigDict')) return { expression: name, edits: [] };
  }
  for (const [name, bindings] of module.bindings) {
    const imports = bindings.filter((binding) => binding.kind === 'import' && !binding.conditional && !binding.typeCheckingOnly);
    if (imports.length > 0 && imports.length === runtime(name).length && imports.every((binding) => binding.origin?.module === 'pydantic' && binding.origin.name === undefined)) {
      return { expression: `${name}.ConfigDict`, edits: [] };
    }
  }
  if (module.bindings.has('ConfigDict') || module.wildcards.length > 0) return { reason: 'name-conflict' };
  const statements = moduleStatements(module.node);
  const fromPydantic = statements.find(
    (statement) =>
      statement.type === 'import_from_statement' &&
      statement.fields.module_name &&
      text.slice(statement.fields.module_name.range[0], statement.fields.module_name.range[1]) === 'pydantic' &&
      importedElements(statement).length > 0 &&
      !importedElements(statement).some((element) => importedNameOf(text, element) === 'ConfigDict'),
  );
  if (fromPydantic) return { expression: 'ConfigDict', edits: addNameToFromImport(text, fromPydantic, 'ConfigDict') };
  const lastImport = statements.filter((statement) => statement.type === 'import_statement' || statement.type === 'import_from_statement').at(-1);
  if (!lastImport) return { reason: 'unsupported-form' };
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  return { expression: 'ConfigDict', edits: [{ start: lastImport.range[1], end: lastImport.range[1], text: `${eol}from pydantic import ConfigDict` }] };
}

/** Replaces the `class Config:` statement by `model_config = <name>(key=value, …)`. */
export function configClassEdit(text: string, configClass: PyNode, name: string, entries: readonly { key: string; value: string }[]): TextEdit {
  const lineStart = text.lastIndexOf('\n', configClass.range[0] - 1) + 1;
  const indent = text.slice(lineStart, configClass.range[0]);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const keywords = entries.map((entry) => `${entry.key}=${entry.value}`);
  const oneLine = `model_config = ${name}(${keywords.join(', ')})`;
  const fits = keywords.every((keyword) => !keyword.includes('\n')) && indent.length + oneLine.length <= MAX_LINE;
  const replacement = fits
    ? oneLine
    : `model_config = ${name}(${eol}${keywords.map((keyword) => `${indent}    ${keyword},${eol}`).join('')}${indent})`;
  return { start: configClass.range[0], end: configClass.range[1], text: replacement };
}

function moduleStatements(module: PyNode): PyNode[] {
  return module.children.filter((child) => child.type !== 'comment');
}
