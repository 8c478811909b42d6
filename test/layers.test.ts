/**
 * The dependency rule of ARCHITECTURE.md: every import points down the stack, and no modules import each other
 * in a loop. Imports are read with TypeScript's own pre-processor (`ts.preProcessFile`), which sees what the
 * compiler sees — `import type`, `export … from`, `import x = require()`, `import()` — with no dependency to add
 * and no configuration that could drift from the compiler's.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { packageRoot, tempDir } from './helpers.js';

/** Bottom first. A file belongs to the first layer, from the top, whose patterns match it. */
const LAYERS: { name: string; files: string[] }[] = [
  { name: 'project facts', files: ['rules/project/**', 'rules/package.ts'] },
  { name: 'transforms', files: ['transforms/**'] },
  { name: 'rules', files: ['rules/**'] },
  { name: 'pipeline', files: ['src/**'] },
  { name: 'adapters', files: ['src/cli.ts', 'src/cli/**', 'src/adapters/**', 'src/index.ts'] },
];

const SOURCE_DIRS = ['src', 'rules', 'transforms'];
/** Source lines a module may have: a reader holds one responsibility at a time. */
const MAX_LINES = 400;
/** Longer by design: one cohesive table (the catalogue every layer reads). */
const ONE_TABLE = new Set(['rules/kinds.ts']);

type ImportGraph = Map<string, string[]>;

function sourceFiles(root: string): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const relative = `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(relative);
      else if (/\.[cm]?ts$/.test(entry.name) && !entry.name.endsWith('.d.ts')) files.push(relative);
    }
  };
  for (const dir of SOURCE_DIRS) walk(dir);
  return files.sort();
}

/** Repo-relative file → the repo's own files it imports (packages and builtins are not layers). */
function importGraph(root: string): ImportGraph {
  const files = sourceFiles(root);
  const known = new Set(files);
  const resolve = (from: string, specifier: string): string | undefined => {
    if (!specifier.startsWith('.')) return undefined;
    const target = path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier));
    const candidates = [target.replace(/\.js$/, '.ts'), target.replace(/\.cjs$/, '.cts'), target.replace(/\.mjs$/, '.mts'), `${target}.ts`, target];
    const found = candidates.find((candidate) => known.has(candidate));
    if (!found) throw new Error(`${from}: cannot resolve '${specifier}'`);
    return found;
  };
  return new Map(
    files.map((file) => {
      const { importedFiles } = ts.preProcessFile(readFileSync(path.join(root, file), 'utf8'), true, true);
      return [file, [...new Set(importedFiles.flatMap((imported) => resolve(file, imported.fileName) ?? []))]];
    }),
  );
}

function layerOf(file: string): number {
  for (let layer = LAYERS.length - 1; layer >= 0; layer--) {
    if (picomatch.isMatch(file, LAYERS[layer].files)) return layer;
  }
  throw new Error(`${file} is in no layer: add it to LAYERS and ARCHITECTURE.md`);
}

/** Every import that points up a layer, as `importer → imported (lower layer → higher layer)`. */
function upwardImports(graph: ImportGraph): string[] {
  return [...graph].flatMap(([file, imports]) =>
    imports
      .filter((imported) => layerOf(imported) > layerOf(file))
      .map((imported) => `${file} → ${imported} (${LAYERS[layerOf(file)].name} → ${LAYERS[layerOf(imported)].name})`),
  );
}

/** The import loops: strongly connected components of more than one file (Tarjan), each sorted. */
function importLoops(graph: ImportGraph): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const loops: string[][] = [];
  const visit = (file: string) => {
    index.set(file, counter);
    low.set(file, counter++);
    stack.push(file);
    onStack.add(file);
    for (const imported of graph.get(file) ?? []) {
      if (!index.has(imported)) {
        visit(imported);
        low.set(file, Math.min(low.get(file)!, low.get(imported)!));
      } else if (onStack.has(imported)) low.set(file, Math.min(low.get(file)!, index.get(imported)!));
    }
    if (low.get(file) !== index.get(file)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== file);
    if (component.length > 1) loops.push(component.sort());
  };
  for (const file of graph.keys()) if (!index.has(file)) visit(file);
  return loops;
}

describe('the layers of ARCHITECTURE.md', () => {
  const graph = importGraph(packageRoot);

  it('hold every source file', () => {
    expect([...graph.keys()].filter((file) => {
      try {
        layerOf(file);
        return false;
      } catch {
        return true;
      }
    })).toEqual([]);
  });

  it('are imported downwards only', () => {
    expect(upwardImports(graph)).toEqual([]);
  });

  it('have no import loops', () => {
    expect(importLoops(graph)).toEqual([]);
  });

  it(`keep every module under ${MAX_LINES} lines, but for one cohesive table`, () => {
    const long = [...graph.keys()]
      .filter((file) => !ONE_TABLE.has(file))
      .map((file) => ({ file, lines: readFileSync(path.join(packageRoot, file), 'utf8').split('\n').length - 1 }))
      .filter(({ lines }) => lines > MAX_LINES);
    expect(long).toEqual([]);
  });

  it('catch an upward import and a loop in a repository that has them (the check can fail)', () => {
    const root = tempDir('deprecfix-layers-');
    const write = (file: string, text: string) => {
      mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      writeFileSync(path.join(root, file), text);
    };
    write('transforms/edit.ts', "import type { KindId } from '../rules/kinds.js';\nexport type Kind = KindId;\n");
    write('rules/kinds.ts', "export type KindId = 'a';\n");
    write('rules/project/paths.ts', "export const root = '.';\n");
    write('rules/index.ts', "import { root } from './project/paths.js';\nimport { run } from '../src/fix.js';\nexport const plugin = [root, run];\n");
    write('src/fix.ts', "export const run = () => import('./report.js');\n");
    write('src/report.ts', "export { run } from './fix.js';\n");
    const fixture = importGraph(root);
    expect(upwardImports(fixture)).toEqual(['rules/index.ts → src/fix.ts (rules → pipeline)', 'transforms/edit.ts → rules/kinds.ts (transforms → rules)']);
    expect(importLoops(fixture)).toEqual([['src/fix.ts', 'src/report.ts']]);
  });
});
