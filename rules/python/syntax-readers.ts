/**
 * Small readers of the Python syntax tree that the model summaries and the receiver proof share (a node's text is
 * `nodeText` of the tree itself): its children without comments, string literals, dotted names and decorators.
 */
import { nodeText, type PyNode } from '../../transforms/python/syntax.js';

/** Named children without comments. */
export function namedChildren(node: PyNode): PyNode[] {
  return node.children.filter((child) => child.type !== 'comment');
}

/** The value of a plain string literal (no interpolation), else undefined. */
export function stringValue(text: string, node: PyNode): string | undefined {
  if (node.type !== 'string') return undefined;
  const parts = node.children.filter((child) => child.type !== 'string_start' && child.type !== 'string_end');
  if (parts.some((part) => part.type !== 'string_content')) return undefined;
  return parts.map((part) => nodeText(text, part)).join('');
}

/** `a.b.c` → `['a', 'b', 'c']` for identifiers and attribute chains; undefined for anything else. */
export function dottedPath(text: string, node: PyNode): string[] | undefined {
  if (node.type === 'identifier') return [nodeText(text, node)];
  if (node.type === 'attribute' && node.fields.object && node.fields.attribute) {
    const object = dottedPath(text, node.fields.object);
    return object ? [...object, nodeText(text, node.fields.attribute)] : undefined;
  }
  if (node.type === 'dotted_name') return namedChildren(node).map((part) => nodeText(text, part));
  return undefined;
}

/** The function_definition of a (possibly decorated) definition, with its decorators. */
export function unwrapDecorated(node: PyNode): { definition: PyNode; decorators: PyNode[] } {
  if (node.type !== 'decorated_definition') return { definition: node, decorators: [] };
  return { definition: node.fields.definition ?? node, decorators: node.children.filter((child) => child.type === 'decorator') };
}

/** Names a decorator refers to: `@classmethod` → `classmethod`, `@validator("x")` → `validator`, `@a.b` → `b`. */
export function decoratorName(text: string, decorator: PyNode): string | undefined {
  let expression: PyNode | undefined = namedChildren(decorator)[0];
  if (expression?.type === 'call') expression = expression.fields.function;
  const parts = expression ? dottedPath(text, expression) : undefined;
  return parts?.at(-1);
}
