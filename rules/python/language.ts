/**
 * `deprecfix/python`: an ESLint language over the Python syntax tree of `transforms/python/syntax.ts`
 * (CONTRACT §9, Python): ESLint's view of a file (text, AST, comments, `# eslint-disable…` directives) and the
 * `Language` object the plugin registers.
 */
import { ConfigCommentParser, Directive, TextSourceCodeBase, VisitNodeStep, type SourceLocation } from '@eslint/plugin-kit';
import { parsePython, PyNode, VISITOR_KEYS, type ParseResult } from '../../transforms/python/syntax.js';

const commentParser = new ConfigCommentParser();

/** ESLint's view of one Python file: text, AST, comments, and `# eslint-disable…` directives. */
export class PythonSourceCode extends TextSourceCodeBase<{
  LangOptions: Record<string, never>;
  RootNode: PyNode;
  SyntaxElementWithLoc: PyNode;
  ConfigNode: PyNode;
}> {
  private collected: PyNode[] | undefined;

  constructor({ text, ast }: { text: string; ast: PyNode }) {
    super({ text, ast });
  }

  /** Every comment, in source order: a walk of the whole tree, made only when asked. */
  get comments(): PyNode[] {
    if (this.collected) return this.collected;
    const comments: PyNode[] = [];
    const collect = (node: PyNode): void => {
      if (node.type === 'comment') comments.push(node);
      node.children.forEach(collect);
    };
    collect(this.ast);
    return (this.collected = comments);
  }

  override getParent(node: PyNode): PyNode | undefined {
    return node.parent ?? undefined;
  }

  /** `# eslint-disable…` comments, read like ESLint reads `//` comments in JavaScript. */
  getInlineConfigNodes(): PyNode[] {
    // ESLint asks on every file; most hold no directive, and then the tree need not be walked for comments.
    if (!this.text.includes('eslint-')) return [];
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

  /**
   * The enter and exit steps of every node, made as ESLint asks for them: it walks them once per file, so each
   * step is garbage as soon as it is applied instead of a file's worth of steps surviving collections.
   */
  override *traverse(): Iterable<VisitNodeStep> {
    const path: PyNode[] = [this.ast];
    const nextChild: number[] = [0];
    yield new VisitNodeStep({ target: this.ast, phase: 1, args: [this.ast, null] });
    while (path.length > 0) {
      const depth = path.length - 1;
      const node = path[depth];
      const index = nextChild[depth]++;
      if (index < node.children.length) {
        const child = node.children[index];
        yield new VisitNodeStep({ target: child, phase: 1, args: [child, node] });
        path.push(child);
        nextChild.push(0);
      } else {
        path.pop();
        nextChild.pop();
        yield new VisitNodeStep({ target: node, phase: 2, args: [node, node.parent] });
      }
    }
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
