/**
 * The touched-paths manifest (CONTRACT §3): find it, load it, and resolve a `--scope` spec into the exact set of
 * files deprecfix may rewrite. Everything a user can get wrong here is a `UsageError` (exit 2, nothing written)
 * that names the manifest file and line; a file deleted after its phase is only a warning.
 *
 * Reading order: types → finding the manifest → loading it (JSON and plain text) → the scope spec grammar →
 * resolving entries to files.
 */
import fs from 'node:fs';
import path from 'node:path';
import { getLocation, ParseErrorCode, parseTree, printParseErrorCode } from 'jsonc-parser';
import type { Node as JsonNode, ParseError, ParseOptions } from 'jsonc-parser';
import picomatch from 'picomatch';
import { globSync, isDynamicPattern } from 'tinyglobby';
import { UsageError } from './errors.js';
import { gitIgnoredTest, skipRule, skippedNote, type FilePolicy, type SkippedFile } from './files.js';
import { isSourceFile } from './languages.js';

export const MANIFEST_FILE_NAME = 'deprecfix.manifest.json';

/** The scope name a plain-text manifest (one path per line) is loaded under. */
export const TEXT_MANIFEST_SCOPE = 'default';

/** One line of a scope as written: a repo-relative POSIX path or glob, `!`-prefixed to exclude. */
export interface ManifestEntry {
  pattern: string;
  /** 1-based line in the manifest file, so warnings can say `manifest.json:LINE`. Entries are relative to the
   *  repository root, wherever the manifest file lives (CONTRACT §3). */
  line: number;
}

export interface ManifestScope {
  name: string;
  note?: string;
  entries: ManifestEntry[];
  line: number;
}

export interface Manifest {
  /** Absolute path of the manifest file. */
  path: string;
  format: 'json' | 'text';
  /** In file order: `all` and `a,b` specs resolve in this order. */
  scopes: ManifestScope[];
}

/** The resolved `--scope`: the one input of every later stage that decides which files may be written. */
export interface Scope {
  spec: string;
  scopes: string[];
  /** Repo-relative POSIX real paths (symlinks resolved) of the supported source files in scope; sorted, unique. */
  files: string[];
  /** Files the scope lists by name that deprecfix does not handle (README.md, package.json, …); sorted, unique. */
  unsupported: string[];
  /** Source files the scope reaches that the file policy leaves out (vendored, minified, generated, `ignores`). */
  skipped: SkippedFile[];
  warnings: string[];
  /** Not warnings: how many files the file policy left out, and how to include them. */
  notes: string[];
  manifestPath: string;
  repoRoot: string;
}

export interface ResolveScopeOptions {
  /** Entries are relative to this directory. Outside git, pass the directory the run treats as the root. */
  repoRoot: string;
  /** `--strict-manifest`: a missing file, an empty glob or a git-ignored file is an error rather than a warning. */
  strictManifest?: boolean;
  /** `ignores` and `include` from deprecfix.config.json (src/files.ts). */
  policy?: FilePolicy;
}

// ---------------------------------------------------------------------------------------------------------------
// Finding the manifest

/** Nearest ancestor of `startDir` (itself included) holding `.git` — a directory, or a file in worktrees. */
export function findRepoRoot(startDir: string): string | undefined {
  for (let dir = path.resolve(startDir); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, '.git'))) return dir;
    if (path.dirname(dir) === dir) return undefined;
  }
}

/** `--manifest` if given, else `deprecfix.manifest.json` from `cwd` upward, stopping at the repository root. */
export function findManifest(cwd: string, explicitPath?: string): string {
  if (explicitPath !== undefined) {
    const resolved = path.resolve(cwd, explicitPath);
    if (!isFile(resolved)) {
      throw new UsageError(
        `Manifest ${explicitPath} not found (looked for ${resolved}).`,
        'Check the --manifest path; it is resolved against --cwd.',
      );
    }
    return resolved;
  }

  const repoRoot = findRepoRoot(cwd);
  const start = path.resolve(cwd);
  for (let dir = start; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, MANIFEST_FILE_NAME);
    if (isFile(candidate)) return candidate;
    if (dir === repoRoot || path.dirname(dir) === dir) break;
  }

  const searched = repoRoot
    ? `in ${start} or any parent up to the repository root ${repoRoot}`
    : `in ${start} or any parent up to the filesystem root (not inside a git repository)`;
  throw new UsageError(
    `No ${MANIFEST_FILE_NAME} found ${searched}.`,
    `Create ${MANIFEST_FILE_NAME} at the repository root, e.g. ` +
      `{ "version": 1, "scopes": { "phase10": ["src/api/**/*.ts"] } }; ` +
      'or pass a list of paths with `--manifest <file>`, e.g. `git diff --name-only main > changed.txt` then `--manifest changed.txt`.',
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Loading: `.json` files are the scoped form, anything else is one path or glob per line (a single scope).

export function loadManifest(manifestPath: string): Manifest {
  const absolutePath = path.resolve(manifestPath);
  let text: string;
  try {
    text = fs.readFileSync(absolutePath, 'utf8').replace(/^\uFEFF/, '');
  } catch (error) {
    throw new UsageError(`Cannot read manifest ${displayPath(absolutePath)}: ${(error as Error).message}`);
  }
  const scopes = absolutePath.toLowerCase().endsWith('.json')
    ? readJsonScopes(text, displayPath(absolutePath))
    : readTextScopes(text, displayPath(absolutePath));
  return { path: absolutePath, format: absolutePath.toLowerCase().endsWith('.json') ? 'json' : 'text', scopes };
}

/**
 * Blank lines and `#` comments (a whole line, or after whitespace) are skipped; every other line is an entry.
 * Git quotes unusual paths in `git diff --name-only` (`"caf\303\251.ts"`); those are unquoted.
 */
function readTextScopes(text: string, file: string): ManifestScope[] {
  const entries: ManifestEntry[] = [];
  text.split(/\r?\n/).forEach((rawLine, index) => {
    const line = rawLine.trim();
    const pattern = /^"(?:[^"\\]|\\.)*"$/.test(line) ? unquoteGitPath(line) : line.replace(/(^|\s)#.*$/, '').trim();
    if (pattern === '') return;
    const entry = { pattern, line: index + 1 };
    checkEntry(entry, `${file}:${entry.line}`, 'the manifest');
    entries.push(entry);
  });
  return [{ name: TEXT_MANIFEST_SCOPE, entries, line: 1 }];
}

/** Git's C-style quoting: `\"`, `\\`, `\t`, `\n` and octal bytes of the UTF-8 name. */
function unquoteGitPath(quoted: string): string {
  const bytes: number[] = [];
  const simple: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };
  for (const [, octal, escaped, plain] of quoted.slice(1, -1).matchAll(/\\([0-7]{3})|\\(.)|([^\\]+)/gsu)) {
    if (octal) bytes.push(parseInt(octal, 8));
    else bytes.push(...Buffer.from(plain ?? simple[escaped] ?? escaped, 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

function readJsonScopes(text: string, file: string): ManifestScope[] {
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
function checkScopeName(name: string, where: string): void {
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

/** `file.ts#Symbol` / `file.ts#Class.method`: narrowing to a symbol is specified (CONTRACT §3) but not built yet. */
const SYMBOL_SUFFIX = /^(.+\.[A-Za-z0-9]+)#([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)$/;

function checkEntry(entry: ManifestEntry, where: string, owner: string): void {
  const pattern = entry.pattern.startsWith('!') ? entry.pattern.slice(1) : entry.pattern;
  if (pattern.trim() === '') {
    throw new UsageError(`${where}: ${owner} has an empty entry "${entry.pattern}"`, 'Remove it or write a path.');
  }
  const symbol = SYMBOL_SUFFIX.exec(pattern);
  if (symbol) {
    throw new UsageError(
      `${where}: ${owner} lists ${entry.pattern}: \`#Symbol\` entries are not supported yet`,
      `List the whole file (${symbol[1]}) instead; deprecfix will rewrite every finding in it.`,
    );
  }
}

// ---------------------------------------------------------------------------------------------------------------
// JSON with source offsets, from jsonc-parser (VS Code's JSON parser) in strict mode. JSON.parse can't say where each
// entry is (for `manifest.json:LINE` warnings), reorders integer-like keys, silently keeps the last of duplicate keys,
// and in Node 20 omits the error position for some errors. The tests check that this accepts and rejects the same
// texts as JSON.parse.

const STRICT_JSON: ParseOptions = { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false };

/**
 * The first syntax error as a sentence, at the offset a person would look at. jsonc-parser's codes say what it wanted
 * (`ValueExpected`) but not why, so the two commonest hand-editing mistakes — a trailing comma and a comment — and
 * the problems inside a string are recognised from the text at the error offset.
 */
export function jsonSyntaxProblem(text: string, errors: ParseError[]): { offset: number; problem: string } {
  const [{ error, offset, length }, next] = errors;
  const token = text.slice(offset, offset + length);
  const found = offset >= text.length ? 'the end of the file' : token.startsWith('"') ? token : visible(token);
  switch (error) {
    case ParseErrorCode.ValueExpected:
    case ParseErrorCode.PropertyNameExpected: {
      const comma = /,[ \t\r\n]*$/.exec(text.slice(0, offset));
      if (comma && (token === ']' || token === '}')) {
        return { offset: comma.index, problem: `trailing comma before '${token}'` };
      }
      break;
    }
    case ParseErrorCode.InvalidCommentToken:
      return { offset, problem: 'comments are not allowed in JSON' };
    case ParseErrorCode.UnexpectedEndOfString: // the string token stops before a line break, or at the end of the file
      return offset + length < text.length
        ? { offset: offset + length, problem: 'line break inside a string (write it as \\n)' }
        : { offset, problem: 'unterminated string' };
    case ParseErrorCode.InvalidCharacter:
      return {
        offset: offset + Math.max(0, token.search(/[\x00-\x1f]/)),
        problem: 'control character inside a string (escape it)',
      };
    case ParseErrorCode.InvalidEscapeCharacter:
    case ParseErrorCode.InvalidUnicode: {
      // Walk the escapes in order, so `\\x` (an escaped backslash, then x) is not mistaken for `\x`.
      const escapes = token.matchAll(/\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}|(u[0-9a-fA-F]{0,3}|.?))/gsu);
      const bad = [...escapes].find((match) => match[1] !== undefined);
      return { offset: offset + (bad?.index ?? 0), problem: `invalid escape sequence \\${bad?.[1] ?? ''}` };
    }
    case ParseErrorCode.UnexpectedEndOfNumber:
    case ParseErrorCode.InvalidNumberFormat:
      return { offset, problem: `incomplete number ${token}` };
    case ParseErrorCode.EndOfFileExpected:
      return { offset, problem: `unexpected ${found} after the end of the JSON value` };
    case ParseErrorCode.InvalidSymbol: {
      // Not a JSON token at all (`tru`, `NaN`, `'a'`, an unquoted key). jsonc-parser skips it and then reports what it
      // wanted at the next token, which is what was wanted here.
      const wanted = next && /^[ \t\r\n]*$/.test(text.slice(offset + length, next.offset)) && expectation(text, next);
      return { offset, problem: wanted ? `${wanted}, found ${found}` : `unexpected ${found}` };
    }
  }
  return { offset, problem: `${expectation(text, errors[0]) || printParseErrorCode(error)}, found ${found}` };
}

/** Quoted, with invisible characters (a pasted no-break space, a stray BOM) spelled as `\uXXXX`. */
function visible(token: string): string {
  const hex = (char: string) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
  return JSON.stringify(token).replace(/[\s\u200b-\u200d\u2060\ufeff]/g, hex);
}

function expectation(text: string, { error, offset }: ParseError): string {
  switch (error) {
    case ParseErrorCode.ValueExpected:
      return 'expected a value';
    case ParseErrorCode.PropertyNameExpected:
      return 'expected a double-quoted property name';
    case ParseErrorCode.ColonExpected:
      return "expected ':' after the property name";
    case ParseErrorCode.CommaExpected:
      // The location's path ends in an index inside an array and in a property name inside an object.
      return typeof getLocation(text, offset).path.at(-1) === 'number'
        ? "expected ',' or ']' after an array element"
        : "expected ',' or '}' after a property value";
    case ParseErrorCode.CloseBraceExpected:
      return "expected '}'";
    case ParseErrorCode.CloseBracketExpected:
      return "expected ']'";
  }
  return '';
}

interface JsonMember {
  key: string;
  keyOffset: number;
  value: JsonNode;
}

/** An object's members by key, in file order, failing on a duplicate (jsonc-parser keeps both, JSON.parse the last). */
function membersByKey(node: JsonNode, fail: (offset: number, problem: string) => never): Map<string, JsonMember> {
  const byKey = new Map<string, JsonMember>();
  for (const property of node.children ?? []) {
    const [keyNode, value] = property.children as [JsonNode, JsonNode];
    const key = keyNode.value as string;
    if (byKey.has(key)) fail(keyNode.offset, `duplicate key "${key}"`);
    byKey.set(key, { key, keyOffset: keyNode.offset, value });
  }
  return byKey;
}

function describeNode(node: JsonNode): string {
  return node.type === 'array' || node.type === 'object' ? `an ${node.type}` : `a ${node.type}`;
}

function nodeText(text: string, node: JsonNode): string {
  return node.type === 'string' || node.type === 'number'
    ? text.slice(node.offset, node.offset + node.length)
    : describeNode(node);
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lastBreak = before.lastIndexOf('\n');
  return { line: before.split('\n').length, column: offset - lastBreak };
}

// ---------------------------------------------------------------------------------------------------------------
// The scope spec: `name` · `a,b,c` · `prefixN-M` / `prefixN-prefixM` · `all`.

export function parseScopeSpec(spec: string, manifest: Manifest): string[] {
  const known = manifest.scopes.map((scope) => scope.name);
  const selected = new Set<string>();
  const parts = spec.split(',').map((part) => part.trim());
  if (parts.some((part) => part === '')) {
    throw new UsageError(`Empty scope name in --scope "${spec}".`, `Known scopes: ${listNames(known)}.`);
  }

  for (const part of parts) {
    // A scope literally named `hot-fix` or `phase10-12` wins over the range reading.
    if (known.includes(part)) selected.add(part);
    else if (part === 'all') known.forEach((name) => selected.add(name));
    else {
      const range = parseRange(part);
      if (!range) throw unknownScope(part, known, manifest);
      const missing = range.filter((name) => !known.includes(name));
      if (missing.length > 0) {
        throw new UsageError(
          `Scope range ${part} includes ${listNames(missing, 5)}, ` +
            `which ${missing.length === 1 ? 'is' : 'are'} not in ${displayPath(manifest.path)}.`,
          `Every member of a range must exist. Known scopes: ${listNames(known)}.`,
        );
      }
      range.forEach((name) => selected.add(name));
    }
  }
  return known.filter((name) => selected.has(name));
}

/** `phase10-12` or `phase10-phase12` → phase10, phase11, phase12; `phase08-10` keeps the zero padding. */
function parseRange(part: string): string[] | undefined {
  const match = /^(.*?)(\d+)-(.+)$/.exec(part);
  if (!match) return undefined;
  const [, prefix, fromDigits, rest] = match;
  const toDigits = rest.startsWith(prefix) ? rest.slice(prefix.length) : rest; // `phase10-phase12` or `phase10-12`
  if (!/^\d+$/.test(toDigits)) return undefined;
  const from = Number(fromDigits);
  const to = Number(toDigits);
  if (to < from) {
    throw new UsageError(
      `Scope range ${part} ends before it starts (${to} < ${from}).`,
      `Write it as ${prefix}${toDigits}-${fromDigits}.`,
    );
  }
  const width = fromDigits.startsWith('0') ? fromDigits.length : 0;
  return Array.from({ length: to - from + 1 }, (_, index) => prefix + String(from + index).padStart(width, '0'));
}

function unknownScope(part: string, known: string[], manifest: Manifest): UsageError {
  const suggestion = closestName(part, known);
  return new UsageError(
    `Unknown scope ${part} in ${displayPath(manifest.path)}.${suggestion ? ` Did you mean ${suggestion}?` : ''}`,
    `Known scopes: ${listNames(known)}. Specs: name, a,b,c, prefixN-M, all.`,
  );
}

function closestName(name: string, candidates: string[]): string | undefined {
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = candidate.toLowerCase() === name.toLowerCase() ? 0 : editDistance(name, candidate);
    if (distance <= Math.max(1, Math.floor(name.length / 3)) && (!best || distance < best.distance)) {
      best = { candidate, distance };
    }
  }
  return best?.candidate;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

function listNames(names: string[], limit = 20): string {
  if (names.length === 0) return '(none)';
  const shown = names.slice(0, limit).join(', ');
  return names.length > limit ? `${shown} and ${names.length - limit} more` : shown;
}

// ---------------------------------------------------------------------------------------------------------------
// Resolving a scope to files.
//
// Each scope is resolved on its own and the results are united: a scope's `!pattern` entries exclude files from
// that scope's own entries only, whatever their position in the list (so `phase12: ["!gen/**"]` never removes a
// file that `phase10` lists). An exclude is matched against a file's listed repo-relative path and its real path
// (symlinks followed), and a directory exclude covers everything under it.
//
// The repository's files are the ones `check` lints (src/files.ts): a file git ignores is never in a scope — git could
// not restore it — and naming one literally is a warning (an error with --strict-manifest); vendored, minified and
// generated files are left out with a note.
//
// An entry that names an existing file or directory is literal even if it contains glob characters (Next.js
// `app/(auth)/page.tsx`, `pages/[id].tsx`); otherwise a dynamic pattern is a glob. Files are reported under their
// real path, so one file reached through a symlinked directory is listed (and written) once.

/** Globs and directory entries never reach into these; literal files inside them are skipped with a warning. */
const NEVER_SCANNED = ['node_modules', '.git'];
const NEVER_SCANNED_GLOBS = NEVER_SCANNED.map((dir) => `**/${dir}/**`);

export function resolveScope(manifest: Manifest, spec: string, options: ResolveScopeOptions): Scope {
  const repoRoot = path.resolve(options.repoRoot);
  const realRoot = fs.realpathSync(repoRoot);
  const manifestName = displayPath(manifest.path, repoRoot);
  const scopeNames = parseScopeSpec(spec, manifest);

  const files = new Set<string>();
  const unsupported = new Set<string>();
  const skipped = new Map<string, SkippedFile>();
  const warnings: string[] = [];
  const isGitIgnored = gitIgnoredTest(repoRoot);
  const skipReason = skipRule(repoRoot, options.policy ?? {});
  const missing: string[] = []; // also in `warnings`; errors with --strict-manifest
  const warnMissing = (message: string) => {
    warnings.push(message);
    missing.push(message);
  };

  for (const scope of manifest.scopes.filter((candidate) => scopeNames.includes(candidate.name))) {
    const owner = manifest.format === 'text' ? 'the manifest' : scope.name;
    const where = (entry: ManifestEntry) => `${manifestName}:${entry.line}: ${owner} lists ${entry.pattern}`;
    if (scope.entries.length === 0) warnings.push(`${manifestName}:${scope.line}: ${owner} lists no paths`);

    const includes = scope.entries.filter((entry) => !entry.pattern.startsWith('!'));
    const excludePatterns = scope.entries
      .filter((entry) => entry.pattern.startsWith('!'))
      .map((entry) => repoRelativePattern(entry.pattern.slice(1), where(entry), repoRoot));
    const isExcluded =
      excludePatterns.length === 0
        ? () => false
        : picomatch([...excludePatterns, ...excludePatterns.map((pattern) => `${pattern}/**`)], { dot: true });

    for (const entry of includes) {
      const pattern = repoRelativePattern(entry.pattern, where(entry), repoRoot);
      // A path that exists is taken literally even when it looks like a glob: `app/(auth)/page.tsx`, `pages/[id].tsx`.
      const target = literalTarget(pattern, repoRoot);
      const isGlob = target === 'missing' && isDynamicPattern(pattern);
      if (target === 'missing' && !isGlob) {
        warnMissing(`${where(entry)}, which does not exist (deleted after the phase?)`);
        continue;
      }
      if (!isGlob) {
        if (pattern.split('/').some((segment) => NEVER_SCANNED.includes(segment))) {
          warnings.push(`${where(entry)}, which is inside node_modules or .git; deprecfix never rewrites there`);
          continue;
        }
        // Checked here too, so a symlinked directory leaving the root is an error even when it is empty.
        realRepoPath(path.join(repoRoot, pattern), realRoot, where(entry));
      }

      const candidates =
        target === 'file' ? [pattern] : isGlob ? globFiles(pattern, repoRoot) : directoryFiles(pattern, repoRoot);
      if (candidates.length === 0) {
        warnMissing(`${where(entry)}, which ${isGlob ? 'matches no files' : 'is an empty directory'}`);
        continue;
      }
      let matchedSource = false;
      let gitIgnored = 0;
      for (const listed of candidates) {
        if (isExcluded(listed)) continue; // before the symlink check, so `!` can also exclude a link that leaves
        // Kept under its real path, so a file reached twice through a symlinked directory is written once.
        const file = realRepoPath(path.join(repoRoot, listed), realRoot, where(entry));
        if (isExcluded(file)) continue;
        if (isSourceFile(file) && isGitIgnored(file)) {
          gitIgnored++;
        } else if (isSourceFile(file)) {
          matchedSource = true;
          if (files.has(file) || skipped.has(file)) continue;
          const reason = skipReason(file);
          if (reason) skipped.set(file, { file, reason });
          else files.add(file);
        } else if (target === 'file') {
          unsupported.add(file);
        }
      }
      if (target === 'file' && gitIgnored > 0) {
        warnMissing(`${where(entry)}, which git ignores (.gitignore): deprecfix does not rewrite ignored files, as git could not restore them`);
      } else if (target !== 'file' && !matchedSource && gitIgnored > 0) {
        warnMissing(`${where(entry)}, whose files git ignores (.gitignore)`);
      } else if (target !== 'file' && !matchedSource && candidates.some((listed) => !isExcluded(listed))) {
        // A glob or directory picks the source files it finds; say so when it finds none, as the entry is likely wrong.
        warnings.push(`${where(entry)}, which matches no supported source files`);
      }
    }
  }

  if (missing.length > 0 && options.strictManifest) {
    throw new UsageError(
      missing.join('\n'),
      'Remove or correct these entries in the manifest, or run without --strict-manifest to treat them as warnings.',
    );
  }
  const skippedFiles = [...skipped.values()].sort((a, b) => compareCodeUnits(a.file, b.file));
  const note = skippedNote(skippedFiles, 'in the scope');
  return {
    spec,
    scopes: scopeNames,
    files: [...files].sort(compareCodeUnits),
    unsupported: [...unsupported].sort(compareCodeUnits),
    skipped: skippedFiles,
    warnings,
    notes: note ? [note] : [],
    manifestPath: manifest.path,
    repoRoot,
  };
}

/** `./src//a.ts` → `src/a.ts`, `/abs/repo/src/a.ts` → `src/a.ts`; absolute paths outside the root and `..` that climbs out of it are errors. */
function repoRelativePattern(pattern: string, where: string, repoRoot: string): string {
  const outside = (why: string): never => {
    throw new UsageError(
      `${where}, which ${why} outside the repository root ${repoRoot}`,
      'Manifest entries are paths relative to the repository root, in POSIX form (src/api/main.ts).',
    );
  };
  if (/^(?:[A-Za-z]:)?[\\/]/.test(pattern)) {
    // An absolute path inside the repository (pasted from an editor or `realpath`) means its repo-relative path.
    const inside = path.isAbsolute(pattern) ? insideRoot(pattern, repoRoot) : undefined;
    if (inside === undefined) outside('is an absolute path');
    pattern = inside!;
  }
  const normalized = path.posix.normalize(pattern).replace(/\/+$/, '');
  if (normalized === '..' || normalized.startsWith('../')) outside('climbs (..)');
  return normalized === '' ? '.' : normalized;
}

/** The repo-relative POSIX form of an absolute path inside the root (as given, or with symlinks resolved); else undefined. */
function insideRoot(absolutePath: string, repoRoot: string): string | undefined {
  const roots = [repoRoot];
  try {
    roots.push(fs.realpathSync(repoRoot));
  } catch {
    // the root exists; resolveScope has already read it
  }
  for (const root of roots) {
    const relative = path.relative(root, absolutePath);
    if (relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative)) return relative.split(path.sep).join('/') || '.';
  }
  return undefined;
}

function literalTarget(pattern: string, repoRoot: string): 'file' | 'directory' | 'missing' {
  try {
    return fs.statSync(path.join(repoRoot, pattern)).isDirectory() ? 'directory' : 'file';
  } catch {
    return 'missing'; // includes a dangling symlink
  }
}

/** The repo-relative POSIX real path: symlinks are followed, so the real path is what must stay in the repository. */
function realRepoPath(absolutePath: string, realRoot: string, where: string): string {
  const realPath = fs.realpathSync(absolutePath);
  const relative = path.relative(realRoot, realPath);
  if (relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) {
    throw new UsageError(
      `${where}, which resolves outside the repository root ${realRoot} (through a symlink to ${realPath})`,
      'deprecfix only rewrites files inside the repository; list the real file in its own repository instead.',
    );
  }
  return relative === '' ? '.' : relative.split(path.sep).join('/');
}

function globFiles(pattern: string, repoRoot: string): string[] {
  return globSync(pattern, {
    cwd: repoRoot,
    dot: true,
    expandDirectories: false,
    onlyFiles: true,
    ignore: NEVER_SCANNED_GLOBS,
  });
}

/**
 * Every file under a literal directory. picomatch's `**` does not match a line break in a name, so files whose path
 * holds one (legal on POSIX, listed by `git ls-files -z`) are added from a walk of the directory.
 */
function directoryFiles(directory: string, repoRoot: string): string[] {
  const files = globFiles(directoryGlob(directory), repoRoot);
  const absDirectory = path.join(repoRoot, directory);
  const entries = fs.readdirSync(absDirectory, { recursive: true, withFileTypes: true });
  for (const entry of entries) {
    const relative = path.relative(repoRoot, path.join(entry.parentPath ?? entry.path, entry.name)).split(path.sep).join('/');
    if (!/[\r\n]/.test(relative) || !entry.isFile()) continue;
    if (relative.split('/').some((segment) => NEVER_SCANNED.includes(segment))) continue;
    files.push(relative);
  }
  return files;
}

/** The glob of every file under a literal directory, whose name may contain glob characters. */
function directoryGlob(directory: string): string {
  return directory === '.' ? '**' : `${directory.replace(/[*?[\]{}()!+@\\]/g, '\\$&')}/**`;
}

/** Locale-independent order, so the file list (and everything downstream) is identical on every machine. */
function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// ---------------------------------------------------------------------------------------------------------------

/** For `deprecfix manifest list`. */
export function listScopes(manifest: Manifest): { name: string; note?: string; entries: string[] }[] {
  return manifest.scopes.map(({ name, note, entries }) => ({
    name,
    ...(note !== undefined && { note }),
    entries: entries.map((entry) => entry.pattern),
  }));
}

/** Relative to `base` when the file is under it (short messages), else absolute. */
function displayPath(file: string, base = process.cwd()): string {
  const relative = path.relative(base, file);
  const outside = relative === '' || relative.startsWith('..') || path.isAbsolute(relative);
  return outside ? file : relative.split(path.sep).join('/');
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}
