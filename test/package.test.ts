/**
 * The published package as a consumer gets it: `npm pack` into a temporary directory, publint and
 * arethetypeswrong on the tarball, then a consumer project whose `node_modules/deprecfix` is the unpacked tarball
 * (its dependencies are links to this repository's `node_modules`, so no registry is needed): `import`,
 * `require`, the README's ESLint configs and a type-check without `@types/node`.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import { packageRoot, tempDir } from './helpers.js';

let tarball: string;
let consumer: string;
/** The unpacked package: `consumer/node_modules/deprecfix`. */
let unpacked: string;
let shipped: string[];

beforeAll(() => {
  const out = tempDir('deprecfix-pack-');
  // `npm test` has just built dist/; `prepack` would rebuild it under the feet of the other test files.
  const packed = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', out], { cwd: packageRoot, encoding: 'utf8' }),
  ) as { filename: string; files: { path: string }[] }[];
  tarball = path.join(out, packed[0].filename);
  shipped = packed[0].files.map((file) => file.path).sort();

  consumer = path.join(out, 'consumer');
  unpacked = path.join(consumer, 'node_modules', 'deprecfix');
  mkdirSync(unpacked, { recursive: true });
  execFileSync('tar', ['-xzf', tarball, '-C', unpacked, '--strip-components=1']);
  for (const entry of readdirSync(path.join(packageRoot, 'node_modules'))) {
    if (entry.startsWith('.')) continue;
    symlinkSync(path.join(packageRoot, 'node_modules', entry), path.join(consumer, 'node_modules', entry), 'dir');
  }
  // A default project: no "type", so `.js` files are CommonJS.
  writeFileSync(path.join(consumer, 'package.json'), '{ "name": "consumer", "version": "1.0.0", "private": true }\n');
  writeFileSync(path.join(consumer, 'legacy.py'), 'from datetime import datetime\n\nstamp = datetime.utcnow()\n');
});

function node(args: string[], cwd = consumer) {
  const run = spawnSync(process.execPath, args, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

describe('the packed files', () => {
  it('are the built code, the rule docs, the Python capture hook, the config schema, README, SECURITY.md and package.json: no source maps, no demo', () => {
    expect(shipped.filter((file) => !/^(dist\/.*\.(js|cjs|d\.ts|d\.cts)|rules\/[\w-]+\.md|src\/runtime\/python\/\w+\.py|schema\/deprecfix\.config\.schema\.json|README\.md|SECURITY\.md|package\.json)$/.test(file))).toEqual([]);
    expect(shipped).toContain('schema/deprecfix.config.schema.json');
    expect(shipped.filter((file) => file.endsWith('.map'))).toEqual([]);
    expect(shipped.filter((file) => /demo/.test(file))).toEqual([]);
    expect(shipped).toEqual(expect.arrayContaining(['dist/src/cli/main.js', 'dist/src/index.d.ts', 'SECURITY.md']));
    // The capture copies its Python sources from the package (src/runtime/python-capture.ts).
    expect(shipped).toEqual(expect.arrayContaining(['src/runtime/python/deprecfix_capture.py', 'src/runtime/python/deprecfix_pytest.py', 'src/runtime/python/sitecustomize.py']));
  });

  it('reference only files that ship (relative imports and source-map comments)', () => {
    const dangling: string[] = [];
    for (const file of shipped.filter((name) => /\.(js|cjs|d\.ts|d\.cts)$/.test(name))) {
      const text = readFileSync(path.join(unpacked, file), 'utf8');
      if (/^\/\/# sourceMappingURL=/m.test(text)) dangling.push(`${file}: sourceMappingURL`);
      for (const match of text.matchAll(/(?:from\s+|import\(\s*|require\(\s*)['"](\.{1,2}\/[^'"]+)['"]/g)) {
        const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), match[1]));
        const candidates = file.endsWith('.d.ts') ? [target, target.replace(/\.js$/, '.d.ts')] : [target];
        if (!candidates.some((candidate) => shipped.includes(candidate))) dangling.push(`${file}: ${match[1]}`);
      }
    }
    expect(dangling).toEqual([]);
  });

  it('give the installed Python capture its hook files (it copies them from the package)', () => {
    const script = [
      `import { preparePythonCapture } from ${JSON.stringify(path.join(unpacked, 'dist', 'src', 'runtime', 'python-capture.js'))};`,
      "import { readdirSync } from 'node:fs';",
      "const capture = preparePythonCapture(process.cwd(), {});",
      "console.log(readdirSync(capture.env.PYTHONPATH).sort().join(' '));",
      'capture.dispose();',
    ].join('\n');
    const run = node(['--input-type=module', '-e', script]);
    expect(run).toEqual({ status: 0, output: 'deprecfix_capture.py deprecfix_pytest.py sitecustomize.py\n' });
  });

  it('run no script when a consumer installs the package', () => {
    const scripts = (JSON.parse(readFileSync(path.join(unpacked, 'package.json'), 'utf8')) as { scripts?: Record<string, string> }).scripts ?? {};
    expect(Object.keys(scripts).filter((name) => ['preinstall', 'install', 'postinstall', 'prepare'].includes(name))).toEqual([]);
  });
});

describe('package linters on the tarball', () => {
  it('publint reports nothing, suggestions included', async () => {
    const tarballBytes = readFileSync(tarball);
    const { messages, pkg } = await publint({
      pack: { tarball: tarballBytes.buffer.slice(tarballBytes.byteOffset, tarballBytes.byteOffset + tarballBytes.byteLength) as ArrayBuffer },
      level: 'suggestion',
      strict: true,
    });
    expect(messages.map((message) => formatMessage(message, pkg) ?? message.code)).toEqual([]);
  });

  const attw = path.join(packageRoot, 'node_modules', '@arethetypeswrong', 'cli', 'dist', 'index.js');

  it('arethetypeswrong passes for ESM consumers (the esm-only profile: node16 from ESM, bundlers)', () => {
    const run = node([attw, tarball, '--profile', 'esm-only', '--format', 'ascii', '--no-emoji'], packageRoot);
    expect(run.status, run.output).toBe(0);
  });

  it('arethetypeswrong strict finds only the two problems the README explains (ESM-only; no node10 subpaths)', () => {
    const run = node([attw, tarball, '--format', 'ascii', '--no-emoji', '--ignore-rules', 'cjs-resolves-to-esm', 'no-resolution'], packageRoot);
    expect(run.status, run.output).toBe(0);
  });
});

describe('a consumer project', () => {
  it('imports the plugin, whose Python language is ready to parse', () => {
    const script = [
      "const { default: plugin, runFix } = await import('deprecfix');",
      "const { default: same } = await import('deprecfix/eslint-plugin');",
      "const parsed = plugin.languages.python.parse({ body: 'x = 1\\n' });",
      "console.log(JSON.stringify({ same: plugin === same, configs: Object.keys(plugin.configs), runFix: typeof runFix, ok: parsed.ok }));",
    ].join('\n');
    const run = node(['--input-type=module', '-e', script]);
    expect(run.status, run.output).toBe(0);
    expect(JSON.parse(run.output)).toEqual({ same: true, configs: ['recommended', 'strict'], runFix: 'function', ok: true });
  });

  it('resolves deprecfix/config-schema.json to the shipped schema, which the config path in the README reaches too', () => {
    const script = [
      "import { createRequire } from 'node:module';",
      "import { readFileSync } from 'node:fs';",
      "const viaExport = createRequire(import.meta.url + '/')('deprecfix/config-schema.json');",
      "const viaPath = JSON.parse(readFileSync('./node_modules/deprecfix/schema/deprecfix.config.schema.json', 'utf8'));",
      "console.log(JSON.stringify({ same: JSON.stringify(viaExport) === JSON.stringify(viaPath), draft: viaPath.$schema }));",
    ].join('\n');
    const run = node(['--input-type=module', '-e', script]);
    expect(run.status, run.output).toBe(0);
    expect(JSON.parse(run.output)).toEqual({ same: true, draft: 'http://json-schema.org/draft-07/schema#' });
  });

  it('runs every public entry point: the bin, the jscodeshift transforms by their published names, transformSourceFile', () => {
    const manifest = JSON.parse(readFileSync(path.join(unpacked, 'package.json'), 'utf8')) as { bin: Record<string, string> };
    const bin = node([path.join(unpacked, manifest.bin.deprecfix), 'scan', 'legacy.py', '--format', 'json']);
    expect(JSON.parse(bin.output).findings.map((finding: { kind: string }) => finding.kind)).toEqual(['utcnow']);

    const dir = path.join(consumer, 'entry-points');
    mkdirSync(dir);
    const input = 'export const stamp = new Date().toGMTString();\n';
    writeFileSync(path.join(dir, 'input.ts'), input);
    const transform = node(['-p', "require.resolve('deprecfix/transforms/no-utcnow-date')"]).output.trim();
    expect(path.relative(unpacked, transform)).toMatch(/^dist\//);
    const jscodeshift = node([path.join(consumer, 'node_modules', 'jscodeshift', 'bin', 'jscodeshift.js'), '-t', transform, '--parser=tsx', 'input.ts'], dir);
    expect(jscodeshift.status, jscodeshift.output).toBe(0);
    expect(readFileSync(path.join(dir, 'input.ts'), 'utf8')).toBe('export const stamp = new Date().toUTCString();\n');

    const script = [
      "import { Project } from 'ts-morph';",
      "import { transformSourceFile } from 'deprecfix';",
      "const file = new Project({ useInMemoryFileSystem: true }).createSourceFile('a.ts', \"import { parse } from 'node:url';\\nparse('http://x');\\n\");",
      "const start = file.getFullText().indexOf(\"parse('\");",
      "const result = transformSourceFile(file, [{ kind: 'json-roundtrip-clone', start, end: start + 16 }]);",
      'console.log(JSON.stringify(result.skipped.map((entry) => entry.reason)));',
    ].join('\n');
    const tsMorph = node(['--input-type=module', '-e', script]);
    expect(tsMorph.status, tsMorph.output).toBe(0);
    expect(JSON.parse(tsMorph.output)).toEqual([expect.any(String)]);
  });

  it('cannot require() it: ESM-only, and Node says to use import()', () => {
    const run = node(['-e', "try { require('deprecfix'); console.log('loaded') } catch (error) { console.log(error.code, error.message) }"]);
    expect(run.output).toMatch(/^(ERR_REQUIRE_ASYNC_MODULE|ERR_REQUIRE_ESM) /);
    expect(run.output).toMatch(/import\(\)/);
  });

  const eslint = (config: string) => node([path.join(consumer, 'node_modules', 'eslint', 'bin', 'eslint.js'), '--config', config, 'legacy.py']);

  it.each([
    ['eslint.config.mjs', "import deprecfix from 'deprecfix';\n\nexport default [...deprecfix.configs.recommended];\n"],
    ['eslint.config.js', "module.exports = import('deprecfix').then(({ default: deprecfix }) => [...deprecfix.configs.recommended]);\n"],
  ])("lints with the README's %s in a CommonJS project", (file, text) => {
    writeFileSync(path.join(consumer, file), text);
    const run = eslint(file);
    expect(run.output).toMatch(/3:\d+\s+warning\s+`datetime\.utcnow\(\)` is deprecated.*deprecfix\/py-utcnow/);
    expect(run.status, run.output).toBe(0);
  });

  it('type-checks against the published declarations without @types/node (types: [], skipLibCheck: false)', () => {
    const dir = path.join(consumer, 'typed');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'package.json'), '{ "type": "module", "private": true }\n');
    const entry = path.join(dir, 'index.ts');
    writeFileSync(
      entry,
      [
        "import deprecfix, { KINDS, REASONS, RULES, rewriteSites, rules, runFix, runScan, transformSourceFile } from 'deprecfix';",
        "import type { Finding, FixOptions, FixOutcome, Report, ScanRequest, ScanResult, Scope, Site, TextEdit } from 'deprecfix';",
        "import plugin from 'deprecfix/eslint-plugin';",
        'export const values = [deprecfix, KINDS, REASONS, RULES, rewriteSites, rules, runFix, runScan, transformSourceFile, plugin];',
        'export type Types = [Finding, FixOptions, FixOutcome, Report, ScanRequest, ScanResult, Scope, Site, TextEdit];',
        '',
      ].join('\n'),
    );
    const program = ts.createProgram([entry], {
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      target: ts.ScriptTarget.ES2022,
      types: [],
      skipLibCheck: false,
      strict: true,
      noEmit: true,
    });
    // Our files only: checking every declaration file of ESLint and TypeScript costs half a minute, and is theirs.
    const ours = program.getSourceFiles().filter((file) => file.fileName === entry || file.fileName.startsWith(`${unpacked}/`));
    expect(ours.map((file) => path.relative(unpacked, file.fileName))).toContain('dist/src/progress.d.ts');
    const diagnostics = [
      ...program.getOptionsDiagnostics(),
      ...program.getGlobalDiagnostics(),
      ...ours.flatMap((file) => [...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file)]),
    ];
    const host = { getCanonicalFileName: (name: string) => name, getCurrentDirectory: () => dir, getNewLine: () => '\n' };
    expect(ts.formatDiagnostics(diagnostics, host)).toBe('');
  });
});
