/**
 * `deprecfix manifest record <scope> --git <range>` (CONTRACT §3): fills a scope of the JSON manifest with what a git
 * range changed (changed-entries.ts), creating the manifest when there is none. Existing scopes and entries are kept
 * (the recorded scope becomes the union, without duplicates); a new scope goes where its name sorts among the others.
 *
 * The file is edited by text ranges found with jsonc-parser's `parseTree`, not re-serialised and not with jsonc's
 * `modify`: `modify` runs its formatter over the neighbourhood of an edit and reflows the previous scope's one-line
 * array, while a manifest is a reviewed file whose other scopes must keep their bytes. Only the recorded scope's
 * array is written, in 2-space JSON (one entry a line), with the file's own line endings.
 */
import fs from 'node:fs';
import path from 'node:path';
import { applyEdits, findNodeAtLocation, parseTree, type Edit, type Node as JsonNode } from 'jsonc-parser';
import { loadConfig } from '../config.js';
import { UsageError } from '../errors.js';
import type { SkippedFile } from '../files.js';
import { rangeSides } from '../git-diff.js';
import { changedEntries, sameEntry } from './changed-entries.js';
import { findManifest, findRepoRoot } from './find-manifest.js';
import { checkScopeName, readJsonScopes } from './json-manifest.js';
import { displayPath, MANIFEST_FILE_NAME } from './manifest.js';

export interface RecordRequest {
  cwd: string;
  scope: string;
  /** `A..B`, `A...B`, or `A` alone (= `A..HEAD`). */
  range: string;
  symbols?: boolean;
  dryRun?: boolean;
  /** `--manifest`: a JSON manifest to fill (created when missing). */
  manifest?: string;
  config?: string;
}

export interface RecordOutcome {
  manifestPath: string;
  /** The manifest as it is (or, with dryRun, would be) after recording. */
  text: string;
  created: boolean;
  /** Whether the file was written (not with dryRun, nor when nothing changed). */
  written: boolean;
  /** Entries added to the scope, in the order written. */
  added: string[];
  /** Entries the range stands for that the scope already had. */
  alreadyListed: string[];
  skipped: SkippedFile[];
  unsupported: string[];
  notes: string[];
}

const NEW_MANIFEST = '{\n  "version": 1,\n  "scopes": {}\n}\n';
const INDENT = '  ';

export function recordManifest(request: RecordRequest): RecordOutcome {
  const cwd = path.resolve(request.cwd);
  const repoRoot = findRepoRoot(cwd);
  if (!repoRoot) throw new UsageError(`${cwd} is not inside a git repository`, 'manifest record --git reads the history of a git repository; run it inside one or pass --cwd.');
  checkScopeName(request.scope, `scope ${JSON.stringify(request.scope)}`);
  const manifestPath = manifestToRecord(cwd, repoRoot, request.manifest);
  const created = !fs.existsSync(manifestPath);
  const raw = created ? NEW_MANIFEST : fs.readFileSync(manifestPath, 'utf8');
  const bom = raw.startsWith('\uFEFF') ? '\uFEFF' : '';
  const original = raw.slice(bom.length);
  // Validates the whole manifest first: a malformed one is exit 2 with its line and column, and is not touched.
  const scopes = readJsonScopes(original, displayPath(manifestPath));
  const existing = scopes.find((scope) => scope.name === request.scope)?.entries.map((entry) => entry.pattern) ?? [];

  const policy = loadConfig(repoRoot, request.config, cwd);
  const changed = changedEntries(repoRoot, rangeSides(request.range), { policy, symbols: request.symbols });
  const added: string[] = [];
  const alreadyListed: string[] = [];
  for (const entry of changed.entries) {
    const wholeFile = entry.includes('#') ? entry.slice(0, entry.lastIndexOf('#')) : undefined;
    // A file already listed whole covers its symbols.
    if ([...existing, ...added].some((listed) => sameEntry(listed, entry) || (wholeFile !== undefined && sameEntry(listed, wholeFile)))) alreadyListed.push(entry);
    else added.push(entry);
  }

  const scopeIsNew = !scopes.some((scope) => scope.name === request.scope);
  const text = bom + (added.length === 0 && !scopeIsNew ? original : setScopeEntries(original, request.scope, [...existing, ...added]));
  const written = !request.dryRun && (created || text !== raw);
  if (written) writeFileAtomically(manifestPath, text);
  return { manifestPath, text, created, written, added, alreadyListed, ...pick(changed) };
}

function pick(changed: ReturnType<typeof changedEntries>) {
  return { skipped: changed.skipped, unsupported: changed.unsupported, notes: changed.notes };
}

/** `--manifest` (must be JSON; created when missing), else the manifest found from cwd upward, else a new one at the repository root. */
function manifestToRecord(cwd: string, repoRoot: string, explicit: string | undefined): string {
  if (explicit !== undefined) {
    const resolved = path.resolve(cwd, explicit);
    if (!resolved.toLowerCase().endsWith('.json')) {
      throw new UsageError(
        `--manifest ${explicit}: manifest record writes a JSON manifest (named scopes); a plain list of paths has no scopes to record into`,
        'Pass a .json file (it is created when missing), or use `git diff --name-only A..B > paths.txt` for a plain list.',
      );
    }
    return resolved;
  }
  try {
    return findManifest(cwd);
  } catch (error) {
    if (error instanceof UsageError) return path.join(repoRoot, MANIFEST_FILE_NAME);
    throw error;
  }
}

/** The manifest text with `scopes[name]` (its array, or the `paths` of its object form) set to `entries`. */
export function setScopeEntries(text: string, name: string, entries: readonly string[]): string {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const root = parseTree(text)!;
  const scopes = findNodeAtLocation(root, ['scopes'])!;
  const scope = findNodeAtLocation(root, ['scopes', name]);
  const target = scope?.type === 'object' ? findNodeAtLocation(scope, ['paths']) : scope;
  let edit: Edit;
  if (target) {
    // The member holding the array: its line's indentation is the array's.
    edit = { offset: target.offset, length: target.length, content: formatArray(entries, lineIndent(text, target.parent!.offset), eol) };
  } else {
    const members = scopes.children ?? [];
    const value = (indent: string) => `${JSON.stringify(name)}: ${formatArray(entries, indent, eol)}`;
    if (members.length === 0) {
      const outer = lineIndent(text, scopes.parent!.offset);
      edit = { offset: scopes.offset, length: scopes.length, content: `{${eol}${outer}${INDENT}${value(outer + INDENT)}${eol}${outer}}` };
    } else {
      const indent = lineIndent(text, members[0].offset);
      // Numbers in names sort as numbers: phase13 goes after phase12, not before phase9 (the range grammar's order).
      const before = members.findIndex((member) => keyOf(member).localeCompare(name, 'en', { numeric: true }) > 0);
      edit =
        before >= 0
          ? { offset: members[before].offset, length: 0, content: `${value(indent)},${eol}${indent}` }
          : { offset: members.at(-1)!.offset + members.at(-1)!.length, length: 0, content: `,${eol}${indent}${value(indent)}` };
    }
  }
  const result = applyEdits(text, [edit]);
  return result.endsWith('\n') ? result : result + eol;
}

function keyOf(member: JsonNode): string {
  return member.children![0].value as string;
}

function formatArray(entries: readonly string[], indent: string, eol: string): string {
  if (entries.length === 0) return '[]';
  return `[${eol}${entries.map((entry) => `${indent}${INDENT}${JSON.stringify(entry)}`).join(`,${eol}`)}${eol}${indent}]`;
}

/** The whitespace that starts the line holding `offset`. */
function lineIndent(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))![0];
}

function writeFileAtomically(file: string, text: string): void {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  let mode: number | undefined;
  try {
    mode = fs.statSync(file).mode & 0o777;
  } catch {
    // a new manifest
  }
  fs.writeFileSync(temp, text, mode === undefined ? {} : { mode });
  fs.renameSync(temp, file);
}
