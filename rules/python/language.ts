/**
 * `deprecfix/python`: an ESLint language over tree-sitter-python (CONTRACT §9, Python). ESLint's `parse` must be
 * synchronous, so the WebAssembly parser is initialised once, at module load (top-level await). The tree-sitter
 * tree is converted once into plain nodes that ESLint can traverse and rules can hold on to.
 */
import { ConfigCommentParser, Directive, TextSourceCodeBase, VisitNodeStep, type SourceLocation } from '@eslint/plugin-kit';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Language, Parser, type Node as TreeNode, type Tree } from 'web-tree-sitter';

const require = createRequire(import.meta.url);
await Parser.init();
const python = await Language.load(require.resolve('tree-sitter-python/tree-sitter-python.wasm'));
const parser = new Parser();
parser.setLanguage(python);

/** A node of the Python AST: tree-sitter's named nodes, with ESLint's `range` and `loc`. */
export interface PyNode {
  type: string;
  range: [number, number];
  loc: SourceLocation;
  /** Named children, in source order (comments included). */
  children: PyNode[];
  /** Children by tree-sitter field name (`function`, `arguments`, `name`, `value`, …); repeated fields keep the first. */
  fields: Record<string, PyNode | undefined>;
  /** The field this node fills in its parent, if any. */
  fieldName?: string;
  parent: PyNode | null;
}

/** Every named node type of the grammar, each traversed through `children`. */
const NODE_TYPES: string[] = (
  JSON.parse(readFileSync(require.resolve('tree-sitter-python/src/node-types.json'), 'utf8')) as { type: string; named: boolean }[]
)
  .filter((entry) => entry.named)
  .map((entry) => entry.type);
export const VISITOR_KEYS: Record<string, string[]> = Object.fromEntries([...NODE_TYPES, 'ERROR', 'module'].map((type) => [type, ['children']]));

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) starts.push(index + 1);
  return starts;
}

/** ESLint's position (1-based line, 0-based column) of a UTF-16 offset. */
function positionOf(starts: number[], offset: number): { line: number; column: number } {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (starts[middle] <= offset) low = middle;
    else high = middle - 1;
  }
  return { line: low + 1, column: offset - starts[low] };
}

/**
 * Walks the tree once with a cursor (far cheaper than tree-sitter's node objects, each of which crosses into
 * WebAssembly) and keeps the named nodes as plain objects.
 */
function convert(tree: Tree, text: string): PyNode {
  const starts = lineStarts(text);
  const cursor = tree.walk();
  const build = (parent: PyNode | null, fieldName: string | null): PyNode => {
    const start = cursor.startIndex;
    const end = cursor.endIndex;
    const node: PyNode = {
      type: cursor.nodeType,
      range: [start, end],
      loc: { start: positionOf(starts, start), end: positionOf(starts, end) },
      children: [],
      fields: {},
      ...(fieldName ? { fieldName } : {}),
      parent,
    };
    if (cursor.gotoFirstChild()) {
      do {
        if (!cursor.nodeIsNamed) continue;
        const field = cursor.currentFieldName;
        const child = build(node, field);
        node.children.push(child);
        if (field && !node.fields[field]) node.fields[field] = child;
      } while (cursor.gotoNextSibling());
      cursor.gotoParent();
    }
    return node;
  };
  try {
    return build(null, null);
  } finally {
    cursor.delete();
  }
}

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
  const tree = parser.parse(text);
  if (!tree) return { ok: false, errors: [{ message: 'the Python parser gave up', line: 1, column: 1 }] };
  try {
    const error = firstSyntaxError(tree.rootNode);
    if (error) {
      const what = error.isMissing ? `missing ${error.type}` : `unexpected ${JSON.stringify(text.slice(error.startIndex, error.startIndex + 20).split('\n')[0])}`;
      return {
        ok: false,
        errors: [{ message: `invalid syntax (${what})`, line: error.startPosition.row + 1, column: error.startPosition.column + 1 }],
      };
    }
    return { ok: true, ast: convert(tree, text) };
  } finally {
    tree.delete();
  }
}

const commentParser = new ConfigCommentParser();

/** ESLint's view of one Python file: text, AST, comments, and `# eslint-disable…` directives. */
export class PythonSourceCode extends TextSourceCodeBase<{
  LangOptions: Record<string, never>;
  RootNode: PyNode;
  SyntaxElementWithLoc: PyNode;
  ConfigNode: PyNode;
}> {
  readonly comments: PyNode[];
  #steps: VisitNodeStep[] | undefined;

  constructor({ text, ast }: { text: string; ast: PyNode }) {
    super({ text, ast });
    this.comments = [];
    const collect = (node: PyNode): void => {
      if (node.type === 'comment') this.comments.push(node);
      node.children.forEach(collect);
    };
    collect(ast);
  }

  override getParent(node: PyNode): PyNode | undefined {
    return node.parent ?? undefined;
  }

  /** `# eslint-disable…` comments, read like ESLint reads `//` comments in JavaScript. */
  getInlineConfigNodes(): PyNode[] {
    return this.comments.filter((comment) => /^\s*eslint-(?:disable|enable)/.test(this.commentValue(comment)));
  }

  getDisableDirectives(): { problems: { ruleId: null; message: string; loc: SourceLocation }[]; directives: Directive[] } {
    const directives: Directive[] = [];
    const problems: { ruleId: null; message: string; loc: SourceLocation }[] = [];
    for (const comment of this.getInlineConfigNodes()) {
      const parsed = commentParser.parseDirective(this.commentValue(comment));
      if (!parsed) continue;
      const { label, value, justification } = parsed;
      if (label === 'eslint-disable-line' && comment.loc.start.line !== comment.loc.end.line) {
        problems.push({ ruleId: null, message: `${label} comment should not span multiple lines.`, loc: comment.loc });
        continue;
      }
      if (['eslint-disable', 'eslint-enable', 'eslint-disable-next-line', 'eslint-disable-line'].includes(label)) {
        directives.push(new Directive({ type: label.slice('eslint-'.length) as 'disable', node: comment, value, justification }));
      }
    }
    return { problems, directives };
  }

  /** Python files configure rules in the ESLint config only: `# eslint rule: …` comments are not read. */
  applyInlineConfig(): { configs: never[]; problems: never[] } {
    return { configs: [], problems: [] };
  }

  override traverse(): Iterable<VisitNodeStep> {
    if (!this.#steps) {
      const steps: VisitNodeStep[] = [];
      const visit = (node: PyNode): void => {
        steps.push(new VisitNodeStep({ target: node, phase: 1, args: [node, node.parent] }));
        node.children.forEach(visit);
        steps.push(new VisitNodeStep({ target: node, phase: 2, args: [node, node.parent] }));
      };
      visit(this.ast);
      this.#steps = steps;
    }
    return this.#steps.values();
  }

  private commentValue(comment: PyNode): string {
    return this.text.slice(comment.range[0] + 1, comment.range[1]);
  }
}

/** The ESLint `Language` object (ESLint ≥ 9.7 `languages` API). */
export const pythonLanguage = {
  fileType: 'text' as const,
  lineStart: 1 as const,
  columnStart: 0 as const,
  nodeTypeKey: 'type',
  visitorKeys: VISITOR_KEYS,
  defaultLanguageOptions: {},
  validateLanguageOptions(): void {},
  parse(file: { body: string | Uint8Array }): ParseResult {
    return parsePython(typeof file.body === 'string' ? file.body : new TextDecoder().decode(file.body));
  },
  createSourceCode(file: { body: string | Uint8Array }, result: { ast: PyNode }): PythonSourceCode {
    return new PythonSourceCode({ text: typeof file.body === 'string' ? file.body : new TextDecoder().decode(file.body), ast: result.ast });
  },
};
