/**
 * The symbol table of a Python file: `def` and `async def` (nested ones by dotted path), classes, methods, properties
 * (`@property` a getter, `@x.setter` a setter), and lambdas assigned to a name. A `@overload` signature joins the
 * definition that follows it.
 */
import { lineStarts, lineOf } from '../plan.js';
import { nodeText, parsePythonRecovering, type PyNode } from '../../transforms/python/syntax.js';
import type { SymbolEntry, SymbolKind, SymbolTableResult } from './symbol.js';

export function pythonSymbols(text: string): SymbolTableResult {
  const parsed = parsePythonRecovering(text);
  if (!parsed.ast) return { symbols: [], syntaxError: parsed.error };
  const starts = lineStarts(text);
  const symbols: SymbolEntry[] = [];
  let pendingOverload: { entry: SymbolEntry; container: string } | undefined;

  const add = (name: string, kind: SymbolKind, rangeNode: PyNode, overload: boolean, container: string) => {
    const [start, end] = rangeNode.range;
    const endLine = lineOf(text, Math.max(0, end - 1), starts);
    if (pendingOverload && pendingOverload.container === container && pendingOverload.entry.name === name) {
      pendingOverload.entry.end = end;
      pendingOverload.entry.endLine = endLine;
      if (!overload) pendingOverload = undefined;
      return;
    }
    const entry: SymbolEntry = { name, kind, start, end, startLine: lineOf(text, start, starts), endLine };
    symbols.push(entry);
    pendingOverload = overload ? { entry, container } : undefined;
  };

  const visit = (node: PyNode, prefix: string, inClass: boolean): void => {
    const qualified = (name: string) => (prefix ? `${prefix}.${name}` : name);
    const definition = node.type === 'decorated_definition' ? node.fields.definition : node;
    if (definition && (definition.type === 'function_definition' || definition.type === 'class_definition') && definition.fields.name) {
      const name = qualified(nodeText(text, definition.fields.name));
      const decorators = node === definition ? [] : node.children.filter((child) => child.type === 'decorator').map((child) => nodeText(text, child).slice(1).replace(/\s+/g, ''));
      if (definition.type === 'class_definition') {
        add(name, 'class', node, false, prefix);
        for (const child of definition.fields.body?.children ?? []) visit(child, name, true);
        return;
      }
      add(name, inClass ? methodKind(decorators, nodeText(text, definition.fields.name)) : 'function', node, decorators.some(isOverload), prefix);
      for (const child of definition.fields.body?.children ?? []) visit(child, name, false);
      return;
    }
    // `handler = lambda event: …` (a module or class attribute) is a function to its reader.
    if (node.type === 'expression_statement' && node.children.length === 1 && node.children[0].type === 'assignment') {
      const { left, right } = node.children[0].fields;
      if (left?.type === 'identifier' && right?.type === 'lambda') {
        add(qualified(nodeText(text, left)), inClass ? 'method' : 'function', node, false, prefix);
        return;
      }
    }
    // `if`/`try`/`with` blocks and the rest: definitions inside them belong to the same container.
    for (const child of node.children) visit(child, prefix, inClass);
  };

  for (const child of parsed.ast.children) visit(child, '', false);
  return parsed.error ? { symbols, syntaxError: parsed.error } : { symbols };
}

function methodKind(decorators: readonly string[], name: string): SymbolKind {
  if (decorators.some((decorator) => /^(?:functools\.)?(?:property|cached_property)$/.test(decorator))) return 'getter';
  if (decorators.includes(`${name}.setter`)) return 'setter';
  return name === '__init__' ? 'constructor' : 'method';
}

function isOverload(decorator: string): boolean {
  return /^(?:typing\.|typing_extensions\.)?overload$/.test(decorator);
}

const IMPORT_STATEMENTS = new Set(['import_statement', 'import_from_statement', 'future_import_statement', 'comment']);

/** The end offset of the module's leading imports (a docstring, `__future__` and other imports); 0 when none lead. */
export function pythonImportsEnd(text: string): number {
  const { ast } = parsePythonRecovering(text);
  let end = 0;
  for (const [index, statement] of (ast?.children ?? []).entries()) {
    const docstring = index === 0 && statement.type === 'expression_statement' && statement.children[0]?.type === 'string';
    if (!IMPORT_STATEMENTS.has(statement.type) && !docstring) break;
    end = statement.range[1];
  }
  return end;
}
