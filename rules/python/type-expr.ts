/** Annotations and base-class expressions read into plain data, so module summaries can be cached without their ASTs. */
import { parsePython, type PyNode } from '../../transforms/python/syntax.js';
import { dottedPath, namedChildren, stringValue } from './syntax-readers.js';

/** An annotation or base-class expression, as plain data (summaries are cached without their ASTs). */
export type TypeExpr =
  | { t: 'name'; path: string[] }
  | { t: 'generic'; base: string[]; args: TypeExpr[] }
  | { t: 'union'; items: TypeExpr[] }
  | { t: 'none' }
  | { t: 'ellipsis' }
  | { t: 'unknown' };

/** Reads an annotation (a `type` node or an expression) into a TypeExpr; string annotations are parsed too. */
export function typeExprOf(text: string, node: PyNode | undefined): TypeExpr {
  if (!node) return { t: 'unknown' };
  switch (node.type) {
    case 'type':
    case 'parenthesized_expression': {
      const inner = namedChildren(node)[0];
      return inner ? typeExprOf(text, inner) : { t: 'unknown' };
    }
    case 'none':
      return { t: 'none' };
    case 'ellipsis':
      return { t: 'ellipsis' };
    case 'identifier':
    case 'attribute': {
      const parts = dottedPath(text, node);
      return parts ? { t: 'name', path: parts } : { t: 'unknown' };
    }
    case 'string': {
      const value = stringValue(text, node);
      if (value === undefined) return { t: 'unknown' };
      const parsed = parsePython(value.trim());
      const statement = parsed.ok ? namedChildren(parsed.ast) : [];
      const expression = statement.length === 1 && statement[0].type === 'expression_statement' ? namedChildren(statement[0]) : [];
      return expression.length === 1 ? typeExprOf(value.trim(), expression[0]) : { t: 'unknown' };
    }
    case 'subscript': {
      const base = node.fields.value ? dottedPath(text, node.fields.value) : undefined;
      if (!base) return { t: 'unknown' };
      const args = node.children.filter((child) => child.fieldName === 'subscript').map((child) => typeExprOf(text, child));
      return { t: 'generic', base, args };
    }
    case 'generic_type': {
      const [head, parameters] = namedChildren(node);
      const base = head ? dottedPath(text, head) : undefined;
      if (!base) return { t: 'unknown' };
      const args = parameters ? namedChildren(parameters).map((child) => typeExprOf(text, child)) : [];
      return { t: 'generic', base, args };
    }
    case 'binary_operator': {
      const { left, right } = node.fields;
      if (!left || !right || !text.slice(left.range[1], right.range[0]).includes('|')) return { t: 'unknown' };
      const items = [typeExprOf(text, left), typeExprOf(text, right)].flatMap((item) => (item.t === 'union' ? item.items : [item]));
      return { t: 'union', items };
    }
    default:
      return { t: 'unknown' };
  }
}
