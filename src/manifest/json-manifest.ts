/**
 * The JSON manifest: `{ "version": 1, "scopes": { name: [paths] | { paths, note } } }`, validated with the file,
 * line and column of every problem (read with source offsets by src/strict-json.ts).
 */
import { parseTree, type ParseError } from 'jsonc-parser';
import { UsageError } from '../errors.js';
import { describeNode, jsonSyntaxProblem, lineAndColumn, membersByKey, nodeText, STRICT_JSON } from '../strict-json.js';
import { checkEntry, type ManifestEntry } from './entry.js';
import type { ManifestScope } from './manifest.js';

export function readJsonScopes(text: string, file: string): ManifestScope[] {
  const lineOf = (offset: number) => lineAndColumn(text, offset).line;
  function at(offset: number): string {
    const { line, column } = lineAndColumn(text, offset);
    return `${file}:${line}:${column}`;
  }
  function fail(offset: number, problem: string): never {
    throw new UsageError(`${at(offset)}: ${problem}`, MANIFEST_SHAPE_HINT);
  }

  const errors: ParseError[] = [];
  const root = parseTree(text, errors, STRICT_JSON);
  if (errors.length > 0 || !root) {
    const { offset, problem } = jsonSyntaxProblem(text, errors);
    throw new UsageError(
      `${at(offset)}: malformed JSON: ${problem}`,
      `Fix the JSON syntax of ${file} (JSON allows no comments and no trailing commas).`,
    );
  }

  if (root.type !== 'object') fail(root.offset, `the manifest must be a JSON object, found ${describeNode(root)}`);
  const top = membersByKey(root, fail);
  for (const { key, keyOffset } of top.values()) {
    if (!['version', 'scopes', '$schema'].includes(key)) {
      fail(keyOffset, `unknown key "${key}" (a manifest has "version" and "scopes")`);
    }
  }

  const version = top.get('version')?.value ?? fail(root.offset, 'missing "version": 1');
  if (version.type !== 'number' || version.value !== 1) {
    fail(version.offset, `unsupported manifest version ${nodeText(text, version)} (this deprecfix reads "version": 1)`);
  }

  const scopes = top.get('scopes')?.value ?? fail(root.offset, 'missing "scopes" (an object of scope name → paths)');
  if (scopes.type !== 'object') fail(scopes.offset, `"scopes" must be an object, found ${describeNode(scopes)}`);

  return [...membersByKey(scopes, fail).values()].map(({ key: name, keyOffset, value }): ManifestScope => {
    checkScopeName(name, at(keyOffset));

    // `name: [...]` or `name: { paths: [...], note }`
    let paths = value;
    let note: string | undefined;
    if (value.type === 'object') {
      const members = membersByKey(value, fail);
      for (const { key, keyOffset: offset } of members.values()) {
        if (key !== 'paths' && key !== 'note') {
          fail(offset, `scope ${name}: unknown key "${key}" (expected "paths" and "note")`);
        }
      }
      const noteNode = members.get('note')?.value;
      if (noteNode && noteNode.type !== 'string') fail(noteNode.offset, `scope ${name}: "note" must be a string`);
      note = noteNode?.value as string | undefined;
      paths = members.get('paths')?.value ?? fail(value.offset, `scope ${name} has no "paths" array`);
    }
    if (paths.type !== 'array') {
      fail(
        paths.offset,
        `scope ${name} must be an array of paths or { "paths": [...], "note": "..." }, found ${describeNode(paths)}`,
      );
    }

    const entries = (paths.children ?? []).map((item, index): ManifestEntry => {
      if (item.type !== 'string') {
        fail(item.offset, `${name}[${index}]: expected a path or glob string, found ${describeNode(item)}`);
      }
      const entry = { pattern: item.value as string, line: lineOf(item.offset) };
      checkEntry(entry, at(item.offset), `scope ${name}`);
      return entry;
    });
    return { name, ...(note !== undefined && { note }), entries, line: lineOf(keyOffset) };
  });
}

const MANIFEST_SHAPE_HINT =
  'A manifest looks like ' +
  '{ "version": 1, "scopes": { "phase10": ["src/a.ts", "src/jobs/*.ts", "!src/generated/**"] } }.';

/** Names must be writable in a `--scope` spec: no commas or spaces, and not the keyword `all`. */
export function checkScopeName(name: string, where: string): void {
  const problem =
    name.trim() === ''
      ? 'empty scope name'
      : /[,\s]/.test(name)
        ? `scope name "${name}" contains a comma or whitespace, so --scope cannot name it`
        : name === 'all'
          ? 'scope name "all" is reserved (--scope all means every scope)'
          : undefined;
  if (problem) throw new UsageError(`${where}: ${problem}`, 'Rename the scope.');
}
