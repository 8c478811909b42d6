/**
 * The jscodeshift transforms (CONTRACT §11), run with jscodeshift's own `applyTransform` — in process on the
 * rewrite code (`src/adapters/jscodeshift/rewrite-file.ts`), and as the built modules users pass to `-t`, which run it
 * in a worker thread. Without a TypeScript program, only the kinds whose fix needs no type are rewritten: the
 * import-origin renames, the unsafe clone, `new Date(…)` receivers.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FileInfo, TransformFamily, TransformOptions } from '../src/adapters/jscodeshift/transform.cjs';
import { rewriteFile } from '../src/adapters/jscodeshift/rewrite-file.js';
import { fixtureCases, type FixtureCase } from './fixture-cases.js';
import { CURRENT_VERSIONS } from './rules/rule-tester.js';
import { packageRoot, tempDir } from './helpers.js';

interface TransformModule {
  default: (file: FileInfo, api: unknown, options: TransformOptions) => string | undefined | Promise<string | undefined>;
  parser?: string;
}

const require = createRequire(import.meta.url);
/** jscodeshift's test helper: calls the module's default export and trims what it returns ('' for undefined). */
const { applyTransform } = require('jscodeshift/dist/testUtils') as {
  applyTransform: (module: TransformModule, options: TransformOptions | null, input: FileInfo) => string | Promise<string>;
};

/** The rewrite code as a transform module, in this process (no worker thread, so the TypeScript sources run). */
function inProcessModule(family: TransformFamily): TransformModule {
  return { default: (file, _api, options) => rewriteFile(family, file, options.unsafeFixes === true), parser: 'tsx' };
}

/** Resolved as users resolve it: through the package's `exports` (`deprecfix/transforms/<family>`). */
const builtModulePath = (family: TransformFamily) => require.resolve(`deprecfix/transforms/${family}`);

/** What users pass to `jscodeshift -t` (built by `npm test` before vitest runs). */
function builtModule(family: TransformFamily): TransformModule {
  const modulePath = builtModulePath(family);
  if (!existsSync(modulePath)) throw new Error(`${modulePath} is missing: run \`npm run build\` first`);
  return require(modulePath) as TransformModule;
}

/** A project with the library pins of `versions` (what the version gates read) and the file at `relativePath`. */
function projectWith(relativePath: string, versions: Record<string, string | null> = CURRENT_VERSIONS, files: Record<string, string> = {}): string {
  const repo = tempDir('deprecfix-jscodeshift-');
  writeFileSync(path.join(repo, 'package.json'), JSON.stringify({ name: 'fixture', dependencies: versions }));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
    writeFileSync(path.join(repo, file), text);
  }
  const target = path.join(repo, relativePath);
  mkdirSync(path.dirname(target), { recursive: true });
  return target;
}

/**
 * The fixture pairs whose fixes need no type: the import-origin kinds (as in `rules/eslint-fix.test.ts`), and
 * cases whose receivers are `new Date()`, literals or imports.
 */
const UNTYPED_PREFIXES = ['class-transformer-', 'date-fns-tz-', 'json-roundtrip-clone', 'fake-utc-offset-now', 'buffer-constructor-imported'];

const FAMILIES: TransformFamily[] = ['no-utcnow-date', 'no-legacy-serialization'];

describe.each(FAMILIES)('fixtures/%s through jscodeshift without type information', (family) => {
  const cases = fixtureCases(family, UNTYPED_PREFIXES);
  const fileOf = (fixture: FixtureCase, source: string): FileInfo => ({
    path: writeInput(projectWith(fixture.path, fixture.versions, fixture.files), source),
    source,
  });
  it('has cases', () => expect(cases.length).toBeGreaterThan(0));
  it.each(cases.map((fixture) => [fixture.name, fixture] as const))('%s', async (_name, fixture) => {
    const options = { unsafeFixes: fixture.unsafeFixes };
    expect(await applyTransform(inProcessModule(family), options, fileOf(fixture, fixture.input))).toBe(fixture.output.trim());
    // Idempotent: the output has nothing left to rewrite, and comes back as it is (jscodeshift's "unmodified").
    expect(rewriteFile(family, fileOf(fixture, fixture.output), fixture.unsafeFixes)).toBe(fixture.output);
  });
});

function writeInput(target: string, source: string): string {
  writeFileSync(target, source);
  return target;
}

/** Inline pairs: `[name, family, input, output, options]`; `output === input` means "unmodified". */
const INLINE_CASES: [string, TransformFamily, string, string, TransformOptions][] = [
  ['a new Date receiver is a Date without types', 'no-utcnow-date', 'export const at = new Date(ms).toGMTString();\n', 'export const at = new Date(ms).toUTCString();\n', {}],
  [
    'a Date receiver only the type checker proves stays (reason unresolved-type)',
    'no-utcnow-date',
    'export const at = (d: Date) => d.toGMTString();\n',
    'export const at = (d: Date) => d.toGMTString();\n',
    {},
  ],
  [
    'nothing deprecated: response.json() and a local classToPlain',
    'no-legacy-serialization',
    'const classToPlain = (o: object) => o;\nexport async function load(r: Response) {\n  return classToPlain(await r.json());\n}\n',
    'const classToPlain = (o: object) => o;\nexport async function load(r: Response) {\n  return classToPlain(await r.json());\n}\n',
    {},
  ],
  ['an unsafe fix is left without unsafeFixes', 'no-legacy-serialization', 'export const copy = JSON.parse(JSON.stringify(state));\n', 'export const copy = JSON.parse(JSON.stringify(state));\n', {}],
  [
    'a rename nested in an unsafe clone: both, in two passes',
    'no-legacy-serialization',
    "import { classToPlain } from 'class-transformer';\nexport const copy = JSON.parse(JSON.stringify(classToPlain(user)));\n",
    "import { instanceToPlain } from 'class-transformer';\nexport const copy = structuredClone(instanceToPlain(user));\n",
    { unsafeFixes: true },
  ],
  [
    'below the version gate nothing is renamed',
    'no-legacy-serialization',
    "import { classToPlain } from 'class-transformer';\nexport const plain = classToPlain(user);\n",
    "import { classToPlain } from 'class-transformer';\nexport const plain = classToPlain(user);\n",
    { versions: { 'class-transformer': '0.3.1' } },
  ],
];

describe('jscodeshift transforms: inline cases', () => {
  it.each(INLINE_CASES)('%s', async (_name, family, input, output, { versions, ...options }) => {
    const file = { path: writeInput(projectWith('src/input.ts', versions as Record<string, string> | undefined), input), source: input };
    expect(await applyTransform(inProcessModule(family), options, file)).toBe(output.trim());
  });

  it('keeps the BOM and the CRLF line endings', () => {
    const input = "\uFEFFimport { serialize } from 'class-transformer';\r\nexport const text = serialize(user);\r\n";
    const file = { path: writeInput(projectWith('src/input.ts'), input), source: input };
    expect(rewriteFile('no-legacy-serialization', file, false)).toBe(
      "\uFEFFimport { instanceToPlain } from 'class-transformer';\r\nexport const text = JSON.stringify(instanceToPlain(user));\r\n",
    );
  });

  it('skips files the rules do not lint', () => {
    expect(rewriteFile('no-utcnow-date', { path: 'scripts/job.py', source: 'datetime.utcnow()\n' }, false)).toBeUndefined();
    expect(rewriteFile('no-utcnow-date', { path: 'types/date.d.ts', source: 'declare const d: Date;\n' }, false)).toBeUndefined();
  });

  it('throws on a file that does not parse, naming the file and line', () => {
    const file = { path: writeInput(projectWith('src/broken.ts'), 'export const = ;\n'), source: 'export const = ;\n' };
    expect(() => rewriteFile('no-utcnow-date', file, false)).toThrow(/src\/broken\.ts:1: Parsing error/);
  });
});

describe('the built transform modules (what `jscodeshift -t` loads)', () => {
  it.each(FAMILIES)('%s exports the transform and parser "tsx"', (family) => {
    const module = builtModule(family);
    expect(typeof module.default).toBe('function');
    expect(module.parser).toBe('tsx');
    // The package must not need jscodeshift at runtime: the transform only reads file.path and file.source.
    const sources = ['transform.cjs', `${family}.cjs`, 'worker.js', 'rewrite-file.js'].map((name) =>
      readFileSync(path.join(path.dirname(builtModulePath(family)), name), 'utf8'),
    );
    expect(sources.filter((source) => /require\(["']jscodeshift|from ["']jscodeshift/.test(source))).toEqual([]);
  });

  it('rewrite in their worker thread, with the CLI spelling of --unsafe-fixes=true', async () => {
    const input = "import { classToPlain } from 'class-transformer';\nexport const copy = JSON.parse(JSON.stringify(classToPlain(user)));\n";
    const file = { path: writeInput(projectWith('src/input.ts'), input), source: input };
    const module = builtModule('no-legacy-serialization');
    expect(await applyTransform(module, {}, file)).toBe("import { instanceToPlain } from 'class-transformer';\nexport const copy = JSON.parse(JSON.stringify(instanceToPlain(user)));");
    expect(await applyTransform(module, { 'unsafe-fixes': true }, file)).toBe("import { instanceToPlain } from 'class-transformer';\nexport const copy = structuredClone(instanceToPlain(user));");
  });

  it('report a file that does not parse as an error', async () => {
    const file = { path: writeInput(projectWith('src/broken.ts'), 'export const = ;\n'), source: 'export const = ;\n' };
    await expect(applyTransform(builtModule('no-utcnow-date'), {}, file)).rejects.toThrow(/Parsing error/);
  });

  it('run under the jscodeshift CLI as documented (with its default Babel require hook)', () => {
    const fixture = fixtureCases('no-legacy-serialization', ['class-transformer-rename-named'])[0];
    const target = writeInput(projectWith('src/users.ts'), fixture.input);
    const untouched = writeInput(path.join(path.dirname(target), 'clean.ts'), 'export const now = () => new Date();\n');
    const jscodeshift = path.join(packageRoot, 'node_modules', 'jscodeshift', 'bin', 'jscodeshift.js');
    const run = spawnSync(process.execPath, [jscodeshift, '-t', builtModulePath('no-legacy-serialization'), '--parser=tsx', path.dirname(target)], {
      cwd: path.dirname(path.dirname(target)),
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    expect(run.stdout).toMatch(/0 errors/);
    expect(run.stdout).toMatch(/1 unmodified/);
    expect(run.stdout).toMatch(/1 ok/);
    expect(readFileSync(target, 'utf8')).toBe(fixture.output);
    expect(readFileSync(untouched, 'utf8')).toBe('export const now = () => new Date();\n');
  });
});
