import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UsageError } from '../src/errors.js';
import { findManifest, findRepoRoot } from '../src/manifest/find-manifest.js';
import { loadManifest } from '../src/manifest/load-manifest.js';
import { listScopes, MANIFEST_FILE_NAME, type Manifest } from '../src/manifest/manifest.js';
import { resolveScope } from '../src/manifest/resolve-scope.js';
import { parseScopeSpec } from '../src/manifest/scope-spec.js';

const tempDirs: string[] = [];
afterAll(() => tempDirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

function tempDir(): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'deprecfix-manifest-')));
  tempDirs.push(dir);
  return dir;
}

/** A directory with the given files (`path → content`); a `.git` directory unless `git: false`. */
function makeRepo(files: Record<string, string> = {}, { git = true } = {}): string {
  const root = tempDir();
  if (git) fs.mkdirSync(path.join(root, '.git'));
  for (const [file, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), content);
  }
  return root;
}

function writeManifest(root: string, content: string | object, name = MANIFEST_FILE_NAME): string {
  const file = path.join(root, name);
  fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return file;
}

function usageError(run: () => unknown): UsageError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return error as UsageError;
  }
  throw new Error('expected a UsageError');
}

/** A manifest object for the grammar tests; scope names in this order. */
function manifestOf(...names: string[]): Manifest {
  return { path: '/repo/deprecfix.manifest.json', format: 'json', scopes: names.map((name, index) => ({ name, entries: [], line: index + 3 })) };
}

describe('findRepoRoot', () => {
  it('finds the nearest ancestor with a .git directory', () => {
    const root = makeRepo({ 'a/b/c.ts': '' });
    expect(findRepoRoot(path.join(root, 'a/b'))).toBe(root);
    expect(findRepoRoot(root)).toBe(root);
  });

  it('accepts a .git file (worktrees, submodules) and prefers the nearest one', () => {
    const root = makeRepo({ 'sub/.git': 'gitdir: ../.git/modules/sub', 'sub/x/y.ts': '' });
    expect(findRepoRoot(path.join(root, 'sub/x'))).toBe(path.join(root, 'sub'));
  });

  it('returns undefined outside any repository', () => {
    expect(findRepoRoot(makeRepo({ 'a/b.ts': '' }, { git: false }))).toBeUndefined();
  });
});

describe('findManifest', () => {
  it('finds the manifest at the repository root from a subdirectory', () => {
    const root = makeRepo({ 'packages/api/src/a.ts': '' });
    const manifest = writeManifest(root, { version: 1, scopes: {} });
    expect(findManifest(path.join(root, 'packages/api/src'))).toBe(manifest);
  });

  it('prefers the nearest manifest', () => {
    const root = makeRepo({ 'packages/api/src/a.ts': '' });
    writeManifest(root, { version: 1, scopes: {} });
    const nearer = writeManifest(path.join(root, 'packages/api'), { version: 1, scopes: {} });
    expect(findManifest(path.join(root, 'packages/api/src'))).toBe(nearer);
  });

  it('stops at the repository root and says where it looked and how to create one', () => {
    const outer = makeRepo({}, { git: false });
    writeManifest(outer, { version: 1, scopes: {} }); // above the repository: must not be found
    const root = path.join(outer, 'repo');
    fs.mkdirSync(path.join(root, '.git'), { recursive: true });
    fs.mkdirSync(path.join(root, 'src'));
    const error = usageError(() => findManifest(path.join(root, 'src')));
    expect(error.message).toContain(`No ${MANIFEST_FILE_NAME} found in ${path.join(root, 'src')}`);
    expect(error.message).toContain(`up to the repository root ${root}`);
    expect(error.hint).toContain('git diff --name-only');
    expect(error.hint).toContain('--manifest <file>');
  });

  it('searches to the filesystem root outside git, and says so', () => {
    const dir = makeRepo({}, { git: false });
    const found = writeManifest(dir, { version: 1, scopes: {} });
    fs.mkdirSync(path.join(dir, 'deep/er'), { recursive: true });
    expect(findManifest(path.join(dir, 'deep/er'))).toBe(found);
    fs.rmSync(found);
    expect(usageError(() => findManifest(path.join(dir, 'deep/er'))).message).toContain('not inside a git repository');
  });

  it('resolves --manifest against cwd and rejects a missing one', () => {
    const root = makeRepo({ 'lists/touched.txt': 'src/a.ts\n' });
    expect(findManifest(path.join(root, 'lists'), 'touched.txt')).toBe(path.join(root, 'lists/touched.txt'));
    const error = usageError(() => findManifest(root, 'nope.json'));
    expect(error.message).toContain('nope.json not found');
    expect(error.message).toContain(path.join(root, 'nope.json'));
    expect(error.hint).toContain('--manifest');
  });
});

describe('loadManifest', () => {
  it('reads both scope forms, notes, entry lines and file order', () => {
    const root = makeRepo();
    const file = writeManifest(
      root,
      [
        '{',
        '  "version": 1,',
        '  "scopes": {',
        '    "phase10": ["backend/api/main.ts", "backend/worker/*.ts"],',
        '    "2": { "paths": [', // integer-like keys keep their place (JSON.parse would move them first)
        '      "backend/api/schemas.ts"',
        '    ], "note": "Todoist reconcile" },',
        '    "phase12": []',
        '  }',
        '}',
      ].join('\n'),
    );
    const manifest = loadManifest(file);
    expect(manifest.format).toBe('json');
    expect(manifest.path).toBe(file);
    expect(manifest.scopes).toEqual([
      {
        name: 'phase10',
        line: 4,
        entries: [
          { pattern: 'backend/api/main.ts', line: 4 },
          { pattern: 'backend/worker/*.ts', line: 4 },
        ],
      },
      { name: '2', line: 5, note: 'Todoist reconcile', entries: [{ pattern: 'backend/api/schemas.ts', line: 6 }] },
      { name: 'phase12', line: 8, entries: [] },
    ]);
    expect(listScopes(manifest)).toEqual([
      { name: 'phase10', entries: ['backend/api/main.ts', 'backend/worker/*.ts'] },
      { name: '2', note: 'Todoist reconcile', entries: ['backend/api/schemas.ts'] },
      { name: 'phase12', entries: [] },
    ]);
  });

  it('accepts a BOM and a $schema key', () => {
    const root = makeRepo();
    const file = writeManifest(root, '\uFEFF{ "$schema": "./schema.json", "version": 1, "scopes": { "a": ["x.ts"] } }');
    expect(listScopes(loadManifest(file))).toEqual([{ name: 'a', entries: ['x.ts'] }]);
  });

  it('reads a plain-text manifest as one scope named default', () => {
    const root = makeRepo();
    const file = writeManifest(
      root,
      '# git diff --name-only v1..v2\r\nbackend/api/main.ts\r\n\r\n  backend/worker/*.ts  # the workers\r\n!backend/worker/gen.ts\r\n',
      'touched.txt',
    );
    const manifest = loadManifest(file);
    expect(manifest.format).toBe('text');
    expect(manifest.scopes).toEqual([
      {
        name: 'default',
        line: 1,
        entries: [
          { pattern: 'backend/api/main.ts', line: 2 },
          { pattern: 'backend/worker/*.ts', line: 4 },
          { pattern: '!backend/worker/gen.ts', line: 5 },
        ],
      },
    ]);
  });

  // Each case: manifest text → what the message must say. Every message starts with `file:line:column`.
  const invalidJson: { name: string; text: string; message: string }[] = [
    { name: 'trailing comma', text: '{\n  "version": 1,\n  "scopes": { "a": ["x.ts",] }\n}', message: ":3:27: malformed JSON: trailing comma before ']'" },
    { name: 'missing comma', text: '{\n  "version": 1\n  "scopes": {}\n}', message: ":3:3: malformed JSON: expected ',' or '}'" },
    { name: 'comment', text: '{\n  // phases\n  "version": 1 }', message: ':2:3: malformed JSON: comments are not allowed' },
    { name: 'unquoted key', text: '{ version: 1 }', message: ':1:3: malformed JSON: expected a double-quoted property name, found "version"' },
    { name: 'unterminated string', text: '{ "version": 1, "scopes": { "a": ["x.ts', message: ':1:35: malformed JSON: unterminated string' },
    { name: 'line break in a string', text: '{ "a": "x\ny" }', message: ':1:10: malformed JSON: line break' },
    { name: 'bad literal', text: '{ "version": tru }', message: ':1:14: malformed JSON: expected a value, found "tru"' },
    { name: 'empty file', text: '', message: ':1:1: malformed JSON: expected a value, found the end of the file' },
    { name: 'second value', text: '{}\n{}', message: ':2:1: malformed JSON: unexpected "{" after the end' },
    { name: 'trailing comma in an object', text: '{ "version": 1,\n}', message: ":1:15: malformed JSON: trailing comma before '}'" },
    { name: 'block comment', text: '{ "version": 1 /* v1 */ }', message: ':1:16: malformed JSON: comments are not allowed' },
    { name: 'missing comma in an array', text: '{ "a": ["x.ts" "y.ts"] }', message: ":1:16: malformed JSON: expected ',' or ']' after an array element" },
    { name: 'bad escape', text: '{ "a": ["C:\\\\dir\\x.ts"] }', message: ':1:17: malformed JSON: invalid escape sequence \\x' },
    { name: 'tab in a string', text: '{ "a": "x\ty" }', message: ':1:10: malformed JSON: control character inside a string' },
    { name: 'missing colon', text: '{ "version" 1 }', message: ":1:13: malformed JSON: expected ':' after the property name" },
    { name: 'no-break space', text: '{\u00a0"version": 1 }', message: ':1:2: malformed JSON: unexpected "\\u00a0"' },
  ];
  it.each(invalidJson)('malformed JSON ($name) names file, line and column', ({ text, message }) => {
    const root = makeRepo();
    const file = writeManifest(root, text);
    const error = usageError(() => loadManifest(file));
    expect(error.message).toContain(`${file}${message}`);
    expect(error.hint).toContain('Fix the JSON syntax');
  });

  // The offset-keeping parser must accept exactly what JSON.parse accepts.
  const jsonTexts = [
    '{"version":1,"scopes":{}}', '{"a":[1,2.5,-0,1e5,1E-3,true,false,null,"\\u00e9\\n\\"\\\\\\/"]}', ' \t\r\n{}\n ',
    '{"a":01}', '{"a":1.}', '{"a":.5}', '{"a":+1}', '{"a":"\\x41"}', '{"a":"\\u12"}', '{"a":"\t"}', "{'a':1}",
    '{"a":1,}', '[1,]', '{"a"}', '{"a":1 "b":2}', '[', '{"a":NaN}', '{"a":-}', '"\\ud800"', '{"a":1}}',
    '{"a":1 /* c */}', '{"a":1e}', '{"a":-01}', '{"a":"\\\\x"}', '{"a":"\\\\\\x"}', '\u00a0{}', '{}\u000b', '{"a":[] "b":1}',
  ];
  it.each(jsonTexts)('agrees with JSON.parse on whether %j is JSON', (text) => {
    const root = makeRepo();
    const file = writeManifest(root, text);
    let rejected: boolean;
    try {
      loadManifest(file);
      rejected = false;
    } catch (error) {
      rejected = (error as Error).message.includes('malformed JSON');
    }
    expect(rejected).toBe(!isJson(text));
  });

  const invalidManifests: { name: string; text: string; message: string }[] = [
    { name: 'not an object', text: '["a.ts"]', message: ':1:1: the manifest must be a JSON object, found an array' },
    { name: 'missing version', text: '{ "scopes": {} }', message: ':1:1: missing "version": 1' },
    { name: 'wrong version', text: '{\n  "version": 2,\n  "scopes": {}\n}', message: ':2:14: unsupported manifest version 2' },
    { name: 'string version', text: '{ "version": "1", "scopes": {} }', message: ':1:14: unsupported manifest version "1"' },
    { name: 'unknown key', text: '{ "version": 1, "scope": {} }', message: ':1:17: unknown key "scope"' },
    { name: 'missing scopes', text: '{ "version": 1 }', message: ':1:1: missing "scopes"' },
    { name: 'scopes not an object', text: '{ "version": 1, "scopes": [] }', message: ':1:27: "scopes" must be an object, found an array' },
    { name: 'scope is a string', text: '{ "version": 1, "scopes": {\n "a": "x.ts" } }', message: ':2:7: scope a must be an array of paths or { "paths"' },
    { name: 'scope without paths', text: '{ "version": 1, "scopes": { "a": { "note": "n" } } }', message: ':1:34: scope a has no "paths" array' },
    { name: 'unknown scope key', text: '{ "version": 1, "scopes": { "a": { "paths": [], "notes": "n" } } }', message: ':1:49: scope a: unknown key "notes"' },
    { name: 'note not a string', text: '{ "version": 1, "scopes": { "a": { "paths": [], "note": 3 } } }', message: ':1:57: scope a: "note" must be a string' },
    { name: 'non-string entry', text: '{ "version": 1, "scopes": {\n  "phase10": [\n    "a.ts",\n    42\n  ] } }', message: ':4:5: phase10[1]: expected a path or glob string, found a number' },
    { name: 'empty entry', text: '{ "version": 1, "scopes": { "a": ["x.ts", ""] } }', message: ':1:43: scope a has an empty entry' },
    { name: 'empty scope name', text: '{ "version": 1, "scopes": { "": ["x.ts"] } }', message: ':1:29: empty scope name' },
    { name: 'comma in scope name', text: '{ "version": 1, "scopes": { "a,b": [] } }', message: ':1:29: scope name "a,b" contains a comma' },
    { name: 'reserved scope name', text: '{ "version": 1, "scopes": { "all": [] } }', message: ':1:29: scope name "all" is reserved' },
    { name: 'duplicate scope', text: '{ "version": 1, "scopes": {\n "a": [],\n "a": [] } }', message: ':3:2: duplicate key "a"' },
    {
      name: 'an excluded #Symbol entry',
      text: '{ "version": 1, "scopes": {\n  "phase12": ["!backend/api/main.ts#createTask"] } }',
      message: ':2:15: scope phase12 lists !backend/api/main.ts#createTask: a `#Symbol` entry cannot be excluded',
    },
  ];
  it.each(invalidManifests)('rejects $name with file and line', ({ text, message }) => {
    const root = makeRepo();
    const file = writeManifest(root, text);
    expect(usageError(() => loadManifest(file)).message).toContain(`${file}${message}`);
  });

  it('unquotes the paths git quotes in a text manifest', () => {
    const root = makeRepo();
    const file = writeManifest(root, '"caf\\303\\251.ts"\n"a\\"b.ts"\n"tab\\tx.ts"\nplain.ts\n', 'touched.txt');
    expect(listScopes(loadManifest(file))[0].entries).toEqual(['café.ts', 'a"b.ts', 'tab\tx.ts', 'plain.ts']);
  });

  it('reads #Symbol entries in a text manifest (a # after a file extension is not a comment)', () => {
    const root = makeRepo();
    const file = writeManifest(root, 'src/ok.ts\nsrc/main.ts#TaskService.create\nsrc/x.ts # a comment\n', 'touched.txt');
    expect(listScopes(loadManifest(file))[0].entries).toEqual(['src/ok.ts', 'src/main.ts#TaskService.create', 'src/x.ts']);
  });

  it('does not mistake a # in a file name for a symbol', () => {
    const root = makeRepo();
    const file = writeManifest(root, { version: 1, scopes: { a: ['notes/c#sharp.ts'] } });
    expect(listScopes(loadManifest(file))[0].entries).toEqual(['notes/c#sharp.ts']);
  });
});

describe('parseScopeSpec', () => {
  const manifest = manifestOf('phase9', 'phase10', 'phase11', 'phase12', 'hot-fix', 'phase14-15', 'v08', 'v09', 'v10');
  const cases: { spec: string; scopes: string[] }[] = [
    { spec: 'phase10', scopes: ['phase10'] },
    { spec: 'phase12,phase10', scopes: ['phase10', 'phase12'] }, // manifest order
    { spec: ' phase11 , phase10 ', scopes: ['phase10', 'phase11'] },
    { spec: 'phase10-12', scopes: ['phase10', 'phase11', 'phase12'] },
    { spec: 'phase10-phase12', scopes: ['phase10', 'phase11', 'phase12'] },
    { spec: 'phase9-10', scopes: ['phase9', 'phase10'] },
    { spec: 'phase11-11', scopes: ['phase11'] },
    { spec: 'phase10-11,phase11-12,phase10', scopes: ['phase10', 'phase11', 'phase12'] }, // duplicates removed
    { spec: 'hot-fix', scopes: ['hot-fix'] },
    { spec: 'phase14-15', scopes: ['phase14-15'] }, // an existing name wins over the range reading
    { spec: 'v08-10', scopes: ['v08', 'v09', 'v10'] }, // zero padding kept
    { spec: 'all', scopes: manifest.scopes.map((scope) => scope.name) },
    { spec: 'phase12,all', scopes: manifest.scopes.map((scope) => scope.name) },
  ];
  it.each(cases)('$spec → $scopes', ({ spec, scopes }) => {
    expect(parseScopeSpec(spec, manifest)).toEqual(scopes);
  });

  const errors: { spec: string; message: string; hint?: string }[] = [
    { spec: 'phase13', message: 'Unknown scope phase13 in /repo/deprecfix.manifest.json.', hint: 'Known scopes: phase9, phase10, phase11, phase12, hot-fix' },
    { spec: 'phse12', message: 'Unknown scope phse12 in /repo/deprecfix.manifest.json. Did you mean phase12?' },
    { spec: 'Phase10', message: 'Did you mean phase10?' },
    { spec: 'release', message: 'Unknown scope release in /repo/deprecfix.manifest.json.', hint: 'Known scopes:' },
    { spec: 'phase10-13', message: 'Scope range phase10-13 includes phase13, which is not in /repo/deprecfix.manifest.json.', hint: 'Every member of a range must exist' },
    { spec: 'phase1-3', message: 'includes phase1, phase2, phase3, which are not in' },
    { spec: 'phase12-10', message: 'Scope range phase12-10 ends before it starts (10 < 12).', hint: 'phase10-12' },
    { spec: 'phase10-beta12', message: 'Unknown scope phase10-beta12' },
    { spec: 'phase10,,phase11', message: 'Empty scope name in --scope "phase10,,phase11".' },
    { spec: '', message: 'Empty scope name in --scope ""' },
  ];
  it.each(errors)('rejects $spec', ({ spec, message, hint }) => {
    const error = usageError(() => parseScopeSpec(spec, manifest));
    expect(error.message).toContain(message);
    if (hint) expect(error.hint).toContain(hint);
  });

  it('says when the manifest has no scopes at all', () => {
    expect(usageError(() => parseScopeSpec('phase10', manifestOf())).hint).toContain('Known scopes: (none)');
  });
});

describe('resolveScope', () => {
  const repoFiles = {
    'backend/api/main.ts': '',
    'backend/api/schemas.ts': '',
    'backend/api/generated/client.ts': '',
    'backend/api/types.d.ts': '',
    'backend/api/README.md': '',
    'backend/worker/b.ts': '',
    'backend/worker/a.mjs': '',
    'backend/worker/jobs/deep.ts': '',
    'backend/worker/node_modules/dep/index.ts': '',
    'frontend/app.tsx': '',
    'frontend/node_modules/lib/x.js': '',
    'frontend/.config/tool.js': '',
    'app/(auth)/login/page.tsx': '',
    'pages/[id].tsx': '',
    'README.md': '',
  };

  function resolve(scopes: object | string, spec: string, options: { strictManifest?: boolean; files?: Record<string, string> } = {}) {
    const root = makeRepo(options.files ?? repoFiles);
    const file = typeof scopes === 'string' ? writeManifest(root, scopes, 'touched.txt') : writeManifest(root, { version: 1, scopes });
    return { root, scope: resolveScope(loadManifest(file), spec, { repoRoot: root, strictManifest: options.strictManifest }) };
  }

  const selections: { name: string; scopes: object; spec?: string; files: string[]; unsupported?: string[] }[] = [
    { name: 'literal files', scopes: { p: ['backend/api/main.ts', './backend/worker//b.ts'] }, files: ['backend/api/main.ts', 'backend/worker/b.ts'] },
    { name: 'a glob', scopes: { p: ['backend/worker/*'] }, files: ['backend/worker/a.mjs', 'backend/worker/b.ts'] },
    { name: 'a globstar never enters node_modules', scopes: { p: ['backend/worker/**'] }, files: ['backend/worker/a.mjs', 'backend/worker/b.ts', 'backend/worker/jobs/deep.ts'] },
    {
      name: 'a literal directory (trailing slash too)',
      scopes: { p: ['frontend/', 'backend/worker/jobs'] },
      files: ['backend/worker/jobs/deep.ts', 'frontend/.config/tool.js', 'frontend/app.tsx'],
    },
    {
      name: '! excludes from its own scope, whatever the order',
      scopes: { p: ['!backend/api/generated', 'backend/api/*.ts', 'backend/api/generated/client.ts', '!backend/api/s*.ts'] },
      files: ['backend/api/main.ts'],
    },
    {
      name: '! does not exclude what another scope lists',
      scopes: { p10: ['backend/api/generated/client.ts'], p12: ['backend/api/**', '!backend/api/generated/**'] },
      spec: 'p10,p12',
      files: ['backend/api/generated/client.ts', 'backend/api/main.ts', 'backend/api/schemas.ts'],
    },
    {
      name: 'listed files deprecfix does not handle',
      scopes: { p: ['README.md', 'backend/api/types.d.ts', 'backend/api/main.ts', 'backend/api/*'] },
      files: ['backend/api/main.ts', 'backend/api/schemas.ts'],
      unsupported: ['README.md', 'backend/api/types.d.ts'],
    },
    {
      name: 'existing paths that look like globs are literal',
      scopes: { p: ['app/(auth)/login/page.tsx', 'pages/[id].tsx', 'app/(auth)'] },
      files: ['app/(auth)/login/page.tsx', 'pages/[id].tsx'],
    },
    { name: 'the repository root as a directory', scopes: { p: ['.', '!backend', '!frontend', '!app'] }, files: ['pages/[id].tsx'] },
    { name: 'a scope union in sorted order', scopes: { b: ['frontend/app.tsx', 'backend/worker/b.ts'], a: ['backend/api/main.ts'] }, spec: 'all', files: ['backend/api/main.ts', 'backend/worker/b.ts', 'frontend/app.tsx'] },
  ];
  it.each(selections)('selects $name', ({ scopes, spec, files, unsupported = [] }) => {
    const { scope } = resolve(scopes, spec ?? Object.keys(scopes).join(','));
    expect(scope.files).toEqual(files);
    expect(scope.unsupported).toEqual(unsupported);
    expect(scope.warnings).toEqual([]);
  });

  it('returns the spec, the scopes, the manifest and the root', () => {
    const { root, scope } = resolve({ phase10: ['backend/api/main.ts'], phase11: ['frontend/app.tsx'] }, 'phase10-11');
    expect(scope).toEqual({
      spec: 'phase10-11',
      scopes: ['phase10', 'phase11'],
      files: ['backend/api/main.ts', 'frontend/app.tsx'],
      symbols: new Map(),
      unsupported: [],
      skipped: [],
      warnings: [],
      notes: [],
      manifestPath: path.join(root, MANIFEST_FILE_NAME),
      repoRoot: root,
    });
  });

  it('is deterministic: sorted by code unit, unique, whatever the file system order', () => {
    const files = { 'b/Z.ts': '', 'b/a.ts': '', 'a/b.ts': '', 'a-b/c.ts': '', 'B.ts': '', 'a.ts': '' };
    const { scope } = resolve({ p: ['**/*.ts', 'a.ts', 'b/a.ts'], q: ['b'] }, 'p,q', { files });
    expect(scope.files).toEqual(['B.ts', 'a-b/c.ts', 'a.ts', 'a/b.ts', 'b/Z.ts', 'b/a.ts']);
  });

  it('reads a text manifest (git diff --name-only) as the default scope', () => {
    const { scope } = resolve('backend/api/main.ts\nREADME.md\nbackend/old.ts\n', 'default');
    expect(scope.files).toEqual(['backend/api/main.ts']);
    expect(scope.unsupported).toEqual(['README.md']);
    expect(scope.warnings).toEqual(['touched.txt:3: the manifest lists backend/old.ts, which does not exist (deleted after the phase?)']);
  });

  it('warns about a deleted file and an empty glob, naming scope, entry and line', () => {
    const { scope } = resolve(
      { phase10: ['backend/api/main.ts', 'backend/old.ts'], phase11: ['backend/legacy/*.ts'], phase12: [] },
      'phase10-12',
    );
    expect(scope.files).toEqual(['backend/api/main.ts']);
    // JSON.stringify(…, null, 2) puts each entry on its own line: phase10's at 5–6, phase11's at 9, phase12 at 11.
    expect(scope.warnings).toEqual([
      'deprecfix.manifest.json:6: phase10 lists backend/old.ts, which does not exist (deleted after the phase?)',
      'deprecfix.manifest.json:9: phase11 lists backend/legacy/*.ts, which matches no files',
      'deprecfix.manifest.json:11: phase12 lists no paths',
    ]);
  });

  it('makes those warnings one error with --strict-manifest', () => {
    const error = usageError(() =>
      resolve({ phase10: ['backend/api/main.ts', 'backend/old.ts'], phase11: ['backend/legacy/*.ts'] }, 'all', { strictManifest: true }),
    );
    expect(error.message).toBe(
      'deprecfix.manifest.json:6: phase10 lists backend/old.ts, which does not exist (deleted after the phase?)\n' +
        'deprecfix.manifest.json:9: phase11 lists backend/legacy/*.ts, which matches no files',
    );
    expect(error.hint).toContain('without --strict-manifest');
  });

  it('only resolves the scopes the spec names', () => {
    const { scope } = resolve({ p: ['backend/api/main.ts'], broken: ['gone.ts'] }, 'p');
    expect(scope.warnings).toEqual([]);
  });

  it('warns when a glob finds files but none it can handle', () => {
    const { scope } = resolve({ docs: ['**/*.md'] }, 'docs');
    expect(scope.files).toEqual([]);
    expect(scope.warnings).toEqual(['deprecfix.manifest.json:5: docs lists **/*.md, which matches no supported source files']);
  });

  it('skips a literal path inside node_modules with a warning', () => {
    const { scope } = resolve({ p: ['frontend/node_modules/lib/x.js'] }, 'p');
    expect(scope.files).toEqual([]);
    expect(scope.warnings[0]).toContain('lists frontend/node_modules/lib/x.js, which is inside node_modules or .git');
  });

  const escapes: { name: string; entry: string; why: string }[] = [
    { name: 'a .. escape', entry: '../other/a.ts', why: 'climbs (..)' },
    { name: 'a .. escape in the middle', entry: 'backend/../../a.ts', why: 'climbs (..)' },
    { name: 'a .. glob', entry: '../**/*.ts', why: 'climbs (..)' },
    { name: 'an excluded .. path', entry: '!../x/**', why: 'climbs (..)' },
    { name: 'an absolute path', entry: '/etc/passwd', why: 'is an absolute path' },
    { name: 'a Windows absolute path', entry: 'C:\\src\\a.ts', why: 'is an absolute path' },
  ];
  it.each(escapes)('rejects $name', ({ entry, why }) => {
    const error = usageError(() => resolve({ p: ['backend/api/main.ts', entry] }, 'p'));
    expect(error.message).toContain(`deprecfix.manifest.json:6: p lists ${entry}, which ${why} outside the repository root /`);
    expect(error.hint).toContain('relative to the repository root');
  });

  it('allows .. that stays inside the root', () => {
    expect(resolve({ p: ['backend/worker/../api/main.ts'] }, 'p').scope.files).toEqual(['backend/api/main.ts']);
  });

  describe('symlinks', () => {
    function repoWithLinks() {
      const outside = makeRepo({ 'evil.ts': '', 'lib/x.ts': '' }, { git: false });
      const root = makeRepo({ 'src/a.ts': '', 'lib/real.ts': '' });
      fs.symlinkSync(path.join(outside, 'evil.ts'), path.join(root, 'src/evil.ts'));
      fs.symlinkSync(path.join(outside, 'lib'), path.join(root, 'vendored'));
      fs.symlinkSync(path.join(root, 'lib'), path.join(root, 'src/lib'));
      return { root, outside };
    }
    function resolveIn(root: string, entries: string[]) {
      const file = writeManifest(root, { version: 1, scopes: { p: entries } });
      return resolveScope(loadManifest(file), 'p', { repoRoot: root });
    }

    const cases: { name: string; entry: string; target: string }[] = [
      { name: 'a literal file symlink', entry: 'src/evil.ts', target: 'evil.ts' },
      { name: 'a literal directory symlink', entry: 'vendored', target: 'lib' },
      { name: 'a file under a symlinked directory', entry: 'vendored/x.ts', target: 'lib/x.ts' },
      { name: 'a glob result', entry: 'src/*.ts', target: 'evil.ts' },
    ];
    it.each(cases)('rejects $name leaving the root', ({ entry, target }) => {
      const { root, outside } = repoWithLinks();
      const error = usageError(() => resolveIn(root, [entry]));
      expect(error.message).toContain(`deprecfix.manifest.json:5: p lists ${entry}, which resolves outside the repository root ${root}`);
      expect(error.message).toContain(`symlink to ${path.join(outside, target)}`);
    });

    it('accepts symlinks that stay inside the root, under their real path', () => {
      const { root } = repoWithLinks();
      expect(resolveIn(root, ['src/lib', 'src/a.ts']).files).toEqual(['lib/real.ts', 'src/a.ts']);
    });

    it('lists a file reached twice through a symlinked directory once', () => {
      const { root } = repoWithLinks();
      expect(resolveIn(root, ['lib/**', 'src/lib/*.ts', 'src/a.ts']).files).toEqual(['lib/real.ts', 'src/a.ts']);
    });

    it('excludes by the listed path or the real path', () => {
      const { root } = repoWithLinks();
      expect(resolveIn(root, ['src/**/*.ts', '!src/evil.ts', '!lib/**']).files).toEqual(['src/a.ts']);
    });
  });
});

describe('resolveScope and the files git ignores', () => {
  /** A real git repository: `gen/` and `*.local.ts` ignored, `tracked/forced.ts` ignored but committed with -f. */
  function ignoringRepo(): string {
    const root = makeRepo(
      { '.gitignore': 'gen/\n*.local.ts\ntracked/\n', 'src/a.ts': '', 'src/b.local.ts': '', 'gen/x.ts': '', 'tracked/forced.ts': '' },
      { git: false },
    );
    execFileSync('git', ['init', '-q'], { cwd: root });
    execFileSync('git', ['add', '-f', 'tracked/forced.ts'], { cwd: root });
    return root;
  }
  const resolveWith = (root: string, paths: string[], strictManifest = false) =>
    resolveScope(loadManifest(writeManifest(root, { version: 1, scopes: { p: paths } })), 'p', { repoRoot: root, strictManifest });

  it('globs and directories never pick an ignored file; a tracked file stays in, as git lists it', () => {
    const root = ignoringRepo();
    const scope = resolveWith(root, ['**/*.ts']);
    expect(scope.files).toEqual(['src/a.ts', 'tracked/forced.ts']);
    expect(scope.warnings).toEqual([]);
    expect(resolveWith(root, ['src', 'tracked']).files).toEqual(['src/a.ts', 'tracked/forced.ts']);
  });

  it('warns about an ignored file named literally, and a directory whose files git ignores; --strict-manifest refuses them', () => {
    const root = ignoringRepo();
    const scope = resolveWith(root, ['src/a.ts', 'src/b.local.ts', 'gen']);
    expect(scope.files).toEqual(['src/a.ts']);
    expect(scope.warnings).toEqual([
      expect.stringMatching(/^deprecfix\.manifest\.json:\d+: p lists src\/b\.local\.ts, which git ignores \(\.gitignore\): deprecfix does not rewrite ignored files/),
      expect.stringMatching(/^deprecfix\.manifest\.json:\d+: p lists gen, whose files git ignores \(\.gitignore\)$/),
    ]);
    expect(usageError(() => resolveWith(root, ['src/a.ts', 'src/b.local.ts'], true)).message).toContain('p lists src/b.local.ts, which git ignores');
  });
});

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
