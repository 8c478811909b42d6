/**
 * The Python syntax tree (CONTRACT §9, Python): tree-sitter-python parsed once into plain nodes that ESLint can
 * traverse and rules and rewrites can hold on to. `parse` must be synchronous for ESLint, so the WebAssembly parser
 * is initialised once, at module load (top-level await).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { SourceLocation } from '@eslint/plugin-kit';
import { Language, Parser, type Node as TreeNode, type Tree } from 'web-tree-sitter';

const require = createRequire(import.meta.url);
/** web-tree-sitter's Emscripten module: `Parser.init` fills in the object it is given (see `fastCursor`). */
const wasm: Partial<CursorExports> = {};
await Parser.init(wasm as object);
const python = await Language.load(require.resolve('tree-sitter-python/tree-sitter-python.wasm'));
const parser = new Parser();
parser.setLanguage(python);

/**
 * A node of the Python AST: tree-sitter's named nodes, with ESLint's `range` and `loc`. `loc` is computed on
 * demand from the file's line starts: ESLint asks for it only for reported nodes and directive comments.
 */
export class PyNode {
  /** Named children, in source order (comments included). */
  children: PyNode[] = NO_CHILDREN;
  /** Children by tree-sitter field name (`function`, `arguments`, `name`, `value`, …); repeated fields keep the first. */
  fields: Record<string, PyNode | undefined> = NO_FIELDS;

  constructor(
    readonly type: string,
    readonly range: [number, number],
    /** The field this node fills in its parent, if any. */
    readonly fieldName: string | undefined,
    readonly parent: PyNode | null,
    private readonly lines: LineStarts,
  ) {}

  get loc(): SourceLocation {
    return { start: this.lines.positionOf(this.range[0]), end: this.lines.positionOf(this.range[1]) };
  }
}

// Shared by every leaf; frozen so that no code can fill them in by mistake.
const NO_CHILDREN: PyNode[] = Object.freeze([]) as unknown as PyNode[];
const NO_FIELDS: Record<string, PyNode | undefined> = Object.freeze({});

/** Every named node type of the grammar, each traversed through `children`. */
const NODE_TYPES = JSON.parse(readFileSync(require.resolve('tree-sitter-python/src/node-types.json'), 'utf8')) as {
  type: string;
  named: boolean;
  fields?: object;
  children?: object;
  subtypes?: object;
}[];
export const VISITOR_KEYS: Record<string, string[]> = Object.fromEntries(
  [...NODE_TYPES.filter((entry) => entry.named).map((entry) => entry.type), 'ERROR', 'module'].map((type) => [type, ['children']]),
);

/** Per grammar symbol (the cursor's type id): its name, whether it is named, and whether it never has children. */
const TYPE_NAMES: string[] = Array.from({ length: python.types.length }, (_, id) => python.types[id] ?? 'ERROR');
const IS_NAMED: boolean[] = TYPE_NAMES.map((_, id) => python.nodeTypeIsNamed(id));
const LEAF_TYPES = new Set(NODE_TYPES.filter((entry) => entry.named && !entry.fields && !entry.children && !entry.subtypes).map((entry) => entry.type));
const IS_LEAF: boolean[] = TYPE_NAMES.map((name, id) => IS_NAMED[id] && LEAF_TYPES.has(name));
const FIELD_NAMES: (string | undefined)[] = python.fields.map((name) => name ?? undefined);

class LineStarts {
  private readonly starts = [0];

  constructor(text: string) {
    for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) this.starts.push(index + 1);
  }

  /** ESLint's position (1-based line, 0-based column) of a UTF-16 offset. */
  positionOf(offset: number): { line: number; column: number } {
    const starts = this.starts;
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (starts[middle] <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - starts[low] };
  }
}

/** What the conversion reads of a tree cursor (offsets in UTF-16 code units, as web-tree-sitter gives them). */
interface CursorOps {
  typeId(): number;
  fieldId(): number;
  start(): number;
  end(): number;
  gotoFirstChild(): boolean;
  gotoNextSibling(): boolean;
  gotoParent(): void;
  delete(): void;
}

/** The public TreeCursor: each read copies the cursor into WebAssembly memory and back (4 words, in JS). */
function publicCursor(tree: Tree): CursorOps {
  const cursor = tree.walk();
  return {
    typeId: () => cursor.nodeTypeId,
    fieldId: () => cursor.currentFieldId,
    start: () => cursor.startIndex,
    end: () => cursor.endIndex,
    gotoFirstChild: () => cursor.gotoFirstChild(),
    gotoNextSibling: () => cursor.gotoNextSibling(),
    gotoParent: () => void cursor.gotoParent(),
    delete: () => cursor.delete(),
  };
}

/** The `*_wasm` cursor exports of web-tree-sitter's module; each reads and updates the cursor in its transfer buffer. */
interface CursorExports {
  _ts_tree_cursor_current_node_type_id_wasm(tree: number): number;
  _ts_tree_cursor_current_field_id_wasm(tree: number): number;
  _ts_tree_cursor_start_index_wasm(tree: number): number;
  _ts_tree_cursor_end_index_wasm(tree: number): number;
  _ts_tree_cursor_goto_first_child_wasm(tree: number): number;
  _ts_tree_cursor_goto_next_sibling_wasm(tree: number): number;
  _ts_tree_cursor_goto_parent_wasm(tree: number): number;
  _ts_tree_cursor_delete_wasm(tree: number): void;
}

/**
 * The same cursor, driven through web-tree-sitter's WebAssembly exports directly. `tree.walk()` leaves the new
 * cursor in the module's transfer buffer and every `*_wasm` cursor function reads and writes it there, so a walk
 * that makes no other tree-sitter call in between can skip the JS copy in and out of that buffer, which is most of
 * the cost of the public cursor (the conversion ran 3× faster). This leans on web-tree-sitter's internals:
 * `FAST_CURSOR` is used only when it converts a sample exactly like the public cursor does.
 */
function fastCursor(tree: Tree): CursorOps {
  tree.walk(); // the JS cursor goes stale as soon as the walk moves: the buffer's cursor is deleted instead
  const exports = wasm as CursorExports;
  const address = (tree as unknown as Record<number, number>)[0];
  return {
    typeId: () => exports._ts_tree_cursor_current_node_type_id_wasm(address),
    fieldId: () => exports._ts_tree_cursor_current_field_id_wasm(address),
    start: () => exports._ts_tree_cursor_start_index_wasm(address),
    end: () => exports._ts_tree_cursor_end_index_wasm(address),
    gotoFirstChild: () => exports._ts_tree_cursor_goto_first_child_wasm(address) === 1,
    gotoNextSibling: () => exports._ts_tree_cursor_goto_next_sibling_wasm(address) === 1,
    gotoParent: () => void exports._ts_tree_cursor_goto_parent_wasm(address),
    delete: () => exports._ts_tree_cursor_delete_wasm(address),
  };
}

/**
 * Walks the tree once with a cursor (far cheaper than tree-sitter's node objects) and keeps the named nodes as
 * plain objects; anonymous tokens (punctuation, keywords) are skipped by their type id.
 */
function convert(tree: Tree, text: string, walk: (tree: Tree) => CursorOps, outline = false): PyNode {
  const lines = new LineStarts(text);
  const cursor = walk(tree);
  const build = (parent: PyNode | null, fieldName: string | undefined, typeId: number): PyNode => {
    const node = new PyNode(TYPE_NAMES[typeId], [cursor.start(), cursor.end()], fieldName, parent, lines);
    // An outline keeps a function's body node, empty: what a module defines never depends on what its functions do.
    const skipped = outline && fieldName === 'body' && parent?.type === 'function_definition';
    if (!IS_LEAF[typeId] && !skipped && cursor.gotoFirstChild()) {
      const children: PyNode[] = [];
      let fields: Record<string, PyNode | undefined> | undefined;
      do {
        const childType = cursor.typeId();
        if (!IS_NAMED[childType]) continue;
        const field = FIELD_NAMES[cursor.fieldId()];
        const child = build(node, field, childType);
        children.push(child);
        if (field) {
          fields ??= {};
          fields[field] ??= child;
        }
      } while (cursor.gotoNextSibling());
      cursor.gotoParent();
      node.children = children;
      if (fields) node.fields = fields;
    }
    return node;
  };
  try {
    return build(null, undefined, cursor.typeId());
  } finally {
    cursor.delete();
  }
}

/** Whether two conversions agree on every node's type, range, field and children. */
function sameTree(a: PyNode, b: PyNode): boolean {
  return (
    a.type === b.type &&
    a.range[0] === b.range[0] &&
    a.range[1] === b.range[1] &&
    a.fieldName === b.fieldName &&
    a.children.length === b.children.length &&
    a.children.every((child, index) => sameTree(child, b.children[index]))
  );
}

/** Exercises fields, nesting, strings with escapes and interpolation, non-BMP text and comments. */
const CURSOR_SAMPLE = [
  'from datetime import datetime as dt, timezone  # é😀',
  'class M(BaseModel, extra="allow"):',
  '    @property',
  '    def f(self, *a, k: int = 1, **kw) -> dict[str, int]:',
  '        return {"k": f"{k!r:>3}\\n", **self.dict(exclude={"x"})} if a else [x for x in a if x]',
  'lambda: dt.utcnow()[1:2].x',
  '',
].join('\n');

const FAST_CURSOR = ((): boolean => {
  const names: (keyof CursorExports)[] = [
    '_ts_tree_cursor_current_node_type_id_wasm', '_ts_tree_cursor_current_field_id_wasm', '_ts_tree_cursor_start_index_wasm',
    '_ts_tree_cursor_end_index_wasm', '_ts_tree_cursor_goto_first_child_wasm', '_ts_tree_cursor_goto_next_sibling_wasm',
    '_ts_tree_cursor_goto_parent_wasm', '_ts_tree_cursor_delete_wasm',
  ];
  if (!names.every((name) => typeof wasm[name] === 'function')) return false;
  const tree = parser.parse(CURSOR_SAMPLE);
  if (!tree) return false;
  try {
    return sameTree(convert(tree, CURSOR_SAMPLE, fastCursor), convert(tree, CURSOR_SAMPLE, publicCursor));
  } catch {
    return false;
  } finally {
    tree.delete();
  }
})();

/** For tests: which cursor the conversion uses, and the conversion through the public cursor to compare with. */
export const cursorInternals = {
  fast: FAST_CURSOR,
  parseWithPublicCursor(text: string): PyNode | undefined {
    const tree = parser.parse(text);
    if (!tree) return undefined;
    try {
      return convert(tree, text, publicCursor);
    } finally {
      tree.delete();
    }
  },
};

/** The first syntax error of a tree: an ERROR node or a MISSING token, in source order. */
function firstSyntaxError(node: TreeNode): TreeNode | undefined {
  if (node.isError || node.isMissing) return node;
  if (!node.hasError) return undefined;
  for (let index = 0; index < node.childCount; index++) {
    const found = firstSyntaxError(node.child(index)!);
    if (found) return found;
  }
  return undefined;
}

export type ParseResult = { ok: true; ast: PyNode } | { ok: false; errors: { message: string; line: number; column: number }[] };

/** Parses Python text; a syntax error fails the file (it is reported and skipped, never rewritten). */
export function parsePython(text: string): ParseResult {
  const parsed = parsePythonRecovering(text);
  if (!parsed.ast) return { ok: false, errors: [parsed.error!] };
  return parsed.error ? { ok: false, errors: [parsed.error] } : { ok: true, ast: parsed.ast };
}

/**
 * `parsePython` without what is inside function bodies (each `def`'s body is an empty block; the syntax check is
 * still the whole file's): the outline a module summary reads, at a fraction of the conversion's cost.
 */
export function parsePythonOutline(text: string): ParseResult {
  const parsed = parsePythonRecovering(text, true);
  if (!parsed.ast) return { ok: false, errors: [parsed.error!] };
  return parsed.error ? { ok: false, errors: [parsed.error] } : { ok: true, ast: parsed.ast };
}

/**
 * Whether Python text parses without a syntax error, as `parsePython` judges it, without building the tree: what a
 * file that cannot hold a finding still costs (its syntax error is reported all the same).
 */
export function parsesCleanly(text: string): boolean {
  const tree = parser.parse(text);
  if (!tree) return false;
  try {
    return firstSyntaxError(tree.rootNode) === undefined;
  } finally {
    tree.delete();
  }
}

/**
 * Parses Python text and keeps tree-sitter's error recovery: the tree of a file with a syntax error (its broken part
 * an ERROR node) together with the first error. For readers that only locate things (the symbol table of a manifest
 * entry), never for rewrites.
 */
export function parsePythonRecovering(text: string, outline = false): { ast?: PyNode; error?: { message: string; line: number; column: number } } {
  const tree = parser.parse(text);
  if (!tree) return { error: { message: 'the Python parser gave up', line: 1, column: 1 } };
  try {
    const found = firstSyntaxError(tree.rootNode);
    const what = found && (found.isMissing ? `missing ${found.type}` : `unexpected ${JSON.stringify(text.slice(found.startIndex, found.startIndex + 20).split('\n')[0])}`);
    const error = found && { message: `invalid syntax (${what})`, line: found.startPosition.row + 1, column: found.startPosition.column + 1 };
    return { ast: convert(tree, text, FAST_CURSOR ? fastCursor : publicCursor, outline), error };
  } finally {
    tree.delete();
  }
}

/** A node's source text ('' for an absent node). */
export function nodeText(text: string, node: PyNode | undefined): string {
  return node ? text.slice(node.range[0], node.range[1]) : '';
}

/** A dotted name as Python reads it (`a . b` is `a.b`). */
export function dottedText(text: string, node: PyNode | undefined): string {
  return nodeText(text, node).replace(/\s+/g, '');
}
