import { createHash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Linter } from 'eslint';
import type { RuleName } from '../../rules/kinds.js';
import { TOOL_VERSION } from '../../rules/package.js';
import { toPosix } from '../../rules/project/paths.js';
import { cacheDir, readCacheFile, writeCacheFile } from '../cache.js';
import type { DeprecfixConfig } from '../config.js';
import type { Finding } from '../lint.js';
import { createRequire } from 'node:module';
import type ts from 'typescript';
import { typeScriptSide } from '../typescript-side.js';

/**
 * The content cache of the gate's lint results (`check.json` in `src/cache.ts`'s directory): each file's findings
 * under a key of everything they can depend on, so a cached count is the count a fresh lint would give. This module
 * owns the keys (deprecfix's own code, the TypeScript and ESLint versions, the rules; per file the hash of its text
 * and of everything it imports, through the program's import graph) and the record of each program's inputs that
 * lets an unchanged program be skipped; `./lint-repository.ts` decides which files are linted with which program.
 */

/** Bumped when the cache's layout or keys change meaning. */
const CACHE_FORMAT = 2;

export interface CacheEntry {
  key: string;
  findings: Finding[];
}

export interface CheckCache {
  format?: number;
  files: Record<string, CacheEntry>;
  /** Per tsconfig (`''`: the default project), what its program was built from, to skip building it again. */
  programs?: Record<string, ProgramRecord>;
}

/**
 * A program's inputs: everything deprecfix read (the repository's files and texts, the tsconfig's options and root
 * files) as one hash, and a size and mtime stamp of every file it read from elsewhere (lib files, declaration files
 * in node_modules) and of the node_modules directories a new package would appear in. When all are unchanged, the
 * program would be the same, and so are the dependency keys it gave each file.
 */
export interface ProgramRecord {
  inputs: string;
  stamps: Record<string, string>;
  dependencyKeys: Record<string, string>;
}

/**
 * Where the cache lives: one file, which every shard of the repository reads and adds to. `deprecfix history` keeps
 * its own (`name`), so walking old commits never evicts the gate's entries for the working tree.
 */
function lintCachePath(repoRoot: string, name = 'check.json'): string {
  return path.join(cacheDir(repoRoot), name);
}

/** The cache the last runs left, or an empty one when there is none of this format. */
export function readLintCache(repoRoot: string, name?: string): CheckCache {
  return readCacheFile<CheckCache>(lintCachePath(repoRoot, name), (candidate) => candidate.format === CACHE_FORMAT && typeof candidate.files === 'object') ?? { files: {} };
}

/** Stores this run's entries over the previous cache's. */
export function writeLintCache(
  repoRoot: string,
  previous: CheckCache,
  fresh: { files: Record<string, CacheEntry>; programs: Record<string, ProgramRecord> },
  exists: (file: string) => boolean,
  name?: string,
): void {
  // Keep other shards' entries for files that still exist; their keys decide whether they are still good.
  const kept = Object.fromEntries(Object.entries(previous.files).filter(([file]) => exists(file) && !(file in fresh.files)));
  const keptPrograms = Object.fromEntries(Object.entries(previous.programs ?? {}).filter(([groupId]) => !(groupId in fresh.programs)));
  writeCacheFile(lintCachePath(repoRoot, name), { format: CACHE_FORMAT, files: { ...kept, ...fresh.files }, programs: { ...keptPrograms, ...fresh.programs } });
}

/** TypeScript's version, from its package.json: a Python-only repository's gate never loads TypeScript itself. */
const typescriptVersion = (): string => (createRequire(import.meta.url)('typescript/package.json') as { version: string }).version;

/** What every file's findings depend on: deprecfix itself, TypeScript, ESLint, the rules and their options. */
export function staticCacheKey(rules: readonly RuleName[] | undefined, config: DeprecfixConfig): string {
  return sha1(JSON.stringify([CACHE_FORMAT, TOOL_VERSION, codeFingerprint(), typescriptVersion(), Linter.version, rules ?? 'all', config.rules, config.python, config.modelMethods ?? []]));
}

function stampOf(fileName: string): string {
  try {
    const stats = statSync(fileName);
    return `${stats.size}:${stats.mtimeMs}`;
  } catch {
    return 'missing';
  }
}

export function programRecord(inputs: string, dependencyKeys: Record<string, string>, program: ts.Program, isRepositoryFile: (fileName: string) => boolean): ProgramRecord {
  const external = program.getSourceFiles().map((sourceFile) => sourceFile.fileName).filter((fileName) => !isRepositoryFile(fileName));
  const moduleDirs = new Set<string>();
  for (const fileName of program.getRootFileNames()) {
    for (let dir = path.dirname(fileName); path.dirname(dir) !== dir; dir = path.dirname(dir)) moduleDirs.add(path.join(dir, 'node_modules'));
  }
  for (const dir of [...moduleDirs]) moduleDirs.add(path.join(dir, '@types'));
  return { inputs, stamps: Object.fromEntries([...external, ...moduleDirs].map((fileName) => [fileName, stampOf(fileName)])), dependencyKeys };
}

/** The cached record when the program it describes would be built again unchanged. */
export function unchangedProgram(record: ProgramRecord | undefined, inputs: string): ProgramRecord | undefined {
  if (record?.inputs !== inputs) return undefined;
  return Object.entries(record.stamps).every(([fileName, stamp]) => stampOf(fileName) === stamp) ? record : undefined;
}

let fingerprint: string | undefined;

/**
 * deprecfix's own rule code, by file name, size and modification time: a rebuilt checkout (same version number,
 * different rules) must not reuse findings its old rules produced.
 */
function codeFingerprint(): string {
  if (fingerprint) return fingerprint;
  // This file is <root>/src/check/*.{ts,js}: three levels below the root that holds rules/ and src/.
  const root = path.dirname(path.dirname(path.dirname(fileURLToPath(import.meta.url))));
  const parts: string[] = [];
  for (const dir of ['rules', 'src']) {
    let names: string[] = [];
    try {
      names = readdirSync(path.join(root, dir), { recursive: true, encoding: 'utf8' });
    } catch {
      continue;
    }
    for (const name of names.sort()) {
      if (!/\.(?:js|ts|wasm)$/.test(name)) continue;
      const stats = statSync(path.join(root, dir, name));
      parts.push(`${dir}/${name}\0${stats.size}\0${stats.mtimeMs}`);
    }
  }
  return (fingerprint = sha1(parts.join('\n')));
}

/** TypeScript's internal view of the program's resolutions (stable since TS 5.0; checked before use). */
interface ProgramResolutions {
  forEachResolvedModule?(callback: (resolution: { resolvedModule?: { resolvedFileName: string } }, name: string, mode: unknown, filePath: string) => void): void;
  forEachResolvedTypeReferenceDirective?(
    callback: (resolution: { resolvedTypeReferenceDirective?: { resolvedFileName?: string } }, name: string, mode: unknown, filePath: string) => void,
  ): void;
}

/**
 * Per file, a hash of its text and everything it (transitively) imports; plus one hash of every file that
 * declares globals, which can change any file's types. Import cycles are hashed as one unit (Tarjan's strongly
 * connected components), so the work is linear in the program's size.
 */
export function dependencyHashes(program: ts.Program, knownHash: (sourceFile: ts.SourceFile) => string | undefined): { of(fileName: string): string; ambient: string } {
  const typescript = typeScriptSide().ts;
  const sourceFiles = program.getSourceFiles().filter((sourceFile) => !program.isSourceFileDefaultLibrary(sourceFile));
  const byPath = new Map<string, ts.SourceFile>();
  for (const sourceFile of sourceFiles) {
    byPath.set(sourceFile.fileName, sourceFile);
    const internalPath = (sourceFile as { path?: string }).path;
    if (internalPath) byPath.set(internalPath, sourceFile);
  }
  const edges = new Map<ts.SourceFile, Set<ts.SourceFile>>(sourceFiles.map((sourceFile) => [sourceFile, new Set()]));
  const addEdge = (from: string, to: string | undefined): void => {
    const source = byPath.get(from);
    const target = to === undefined ? undefined : (byPath.get(toPosix(to)) ?? program.getSourceFile(to));
    if (source && target && edges.has(target)) edges.get(source)!.add(target);
  };
  const ambient = new Set<ts.SourceFile>();
  const resolutions = program as unknown as ProgramResolutions;
  if (typeof resolutions.forEachResolvedModule !== 'function' || typeof resolutions.forEachResolvedTypeReferenceDirective !== 'function') {
    // Without the resolutions every file may depend on every other: hash them all together (always correct).
    for (const sourceFile of sourceFiles) ambient.add(sourceFile);
  } else {
    resolutions.forEachResolvedModule((resolution, _name, _mode, filePath) => addEdge(filePath, resolution.resolvedModule?.resolvedFileName));
    resolutions.forEachResolvedTypeReferenceDirective((resolution, _name, _mode, filePath) => {
      const target = resolution.resolvedTypeReferenceDirective?.resolvedFileName;
      addEdge(filePath, target);
      // Automatic @types and `/// <reference types>` declare globals for everyone.
      const sourceFile = target ? program.getSourceFile(target) : undefined;
      if (sourceFile && edges.has(sourceFile)) ambient.add(sourceFile);
    });
  }
  let bound = false;
  for (const sourceFile of sourceFiles) {
    for (const reference of sourceFile.referencedFiles) {
      const base = path.resolve(path.dirname(sourceFile.fileName), reference.fileName);
      const target = [base, `${base}.ts`, `${base}.d.ts`].map((candidate) => program.getSourceFile(candidate)).find(Boolean);
      if (target) addEdge(sourceFile.fileName, target.fileName);
    }
    if (!typescript.isExternalModule(sourceFile) && /\.[cm]?jsx?$/.test(sourceFile.fileName) && !bound) {
      // Whether a JS file is a CommonJS module (not a script declaring globals) is known only after binding.
      program.getTypeChecker();
      bound = true;
    }
    const commonJs = (sourceFile as { commonJsModuleIndicator?: unknown }).commonJsModuleIndicator !== undefined;
    const script = !typescript.isExternalModule(sourceFile) && !commonJs && !sourceFile.fileName.endsWith('.json');
    if (script || /\bdeclare\s+(?:global|module)\b|\bexport\s+as\s+namespace\b/.test(sourceFile.text)) ambient.add(sourceFile);
  }

  // The module format is the file's too: a package.json `type` can make the same text ESM or CommonJS.
  const ownHash = (sourceFile: ts.SourceFile): string => `${sourceFile.fileName}\0${sourceFile.impliedNodeFormat ?? ''}\0${knownHash(sourceFile) ?? sha1(sourceFile.text)}`;
  const deep = stronglyConnectedHashes(sourceFiles, edges, ownHash);
  // Which lib files are in is global too (a `/// <reference lib="dom" />` in one file gives every file the DOM);
  // their text comes with the TypeScript version, which is in the static key.
  const libs = program.getSourceFiles().filter((sourceFile) => program.isSourceFileDefaultLibrary(sourceFile)).map((sourceFile) => sourceFile.fileName);
  const ambientHash = sha1([...[...ambient].map((sourceFile) => deep.get(sourceFile)!).sort(), '->', ...libs.sort()].join('\0'));
  return {
    of: (fileName) => {
      const sourceFile = byPath.get(fileName) ?? program.getSourceFile(fileName);
      // A file that is not in the program is linted with a parse error; its own text is all there is to key on.
      return sourceFile ? deep.get(sourceFile)! : sha1(`missing\0${fileName}`);
    },
    ambient: ambientHash,
  };
}

/** Tarjan's algorithm, iterative (import chains can be thousands deep); components come out dependencies first. */
function stronglyConnectedHashes<T>(nodes: readonly T[], edges: ReadonlyMap<T, ReadonlySet<T>>, ownHash: (node: T) => string): Map<T, string> {
  const index = new Map<T, number>();
  const low = new Map<T, number>();
  const onStack = new Set<T>();
  const stack: T[] = [];
  const hashes = new Map<T, string>();
  let counter = 0;
  for (const root of nodes) {
    if (index.has(root)) continue;
    const work: { node: T; children: Iterator<T> }[] = [];
    const visit = (node: T): void => {
      index.set(node, counter);
      low.set(node, counter++);
      stack.push(node);
      onStack.add(node);
      work.push({ node, children: (edges.get(node) ?? new Set<T>()).values() });
    };
    visit(root);
    while (work.length > 0) {
      const frame = work[work.length - 1];
      const next = frame.children.next();
      if (!next.done) {
        const child = next.value;
        if (!index.has(child)) visit(child);
        else if (onStack.has(child)) low.set(frame.node, Math.min(low.get(frame.node)!, index.get(child)!));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(frame.node)!));
      if (low.get(frame.node) !== index.get(frame.node)) continue;
      const component: T[] = [];
      let member: T;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== frame.node);
      const inside = new Set(component);
      const dependencies = new Set<string>();
      for (const node of component) for (const target of edges.get(node) ?? []) if (!inside.has(target)) dependencies.add(hashes.get(target)!);
      const hash = sha1([...component.map(ownHash).sort(), '->', ...[...dependencies].sort()].join('\0'));
      for (const node of component) hashes.set(node, hash);
    }
  }
  return hashes;
}

export function sha1(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}
