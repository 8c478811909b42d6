/**
 * The pydantic v1 → v2 rewrites (CONTRACT §9, `deprecfix/py-pydantic-v1`), as minimal text edits over the Python
 * AST: the method or attribute name is replaced, a renamed keyword keeps its value and position, and an added
 * argument goes after the last one. Nothing else of the call is touched — receivers, other arguments, comments
 * and line breaks stay as written — so nested findings (`User.parse_obj(d).json()`) compose. The rule decides
 * whether a site is rewritten and how safe that is; these functions only say how.
 */
import type { TextEdit } from '../edit.js';
import type { PyNode } from './syntax.js';

/** pydantic v1 name → its pydantic 2 replacement (pydantic's migration guide, "Changes to pydantic.BaseModel"). */
export const PYDANTIC_V2_NAMES: Record<string, string> = {
  dict: 'model_dump',
  json: 'model_dump_json',
  parse_obj: 'model_validate',
  parse_raw: 'model_validate_json',
  validate: 'model_validate',
  from_orm: 'model_validate',
  construct: 'model_construct',
  copy: 'model_copy',
  schema: 'model_json_schema',
  update_forward_refs: 'model_rebuild',
  __fields__: 'model_fields',
  __fields_set__: 'model_fields_set',
};

/** What to change at one site. */
export interface PydanticRewrite {
  /** The `attribute` node (`receiver.name`) whose name is replaced. */
  member: PyNode;
  /** The new name (`model_dump`). */
  name: string;
  /** Keyword arguments renamed in place (`skip_defaults=` → `exclude_unset=`). */
  renameKeywords?: { keyword: PyNode; name: string }[];
  /** Arguments added after the last one (`from_attributes=True`), with the call's argument list. */
  append?: { argumentList: PyNode; arguments: string[] };
}

/** The edits of one rewrite of `text`, in source order. */
export function pydanticEdits(text: string, rewrite: PydanticRewrite): TextEdit[] {
  const edits: TextEdit[] = [];
  const name = rewrite.member.fields.attribute;
  if (!name) return [];
  edits.push({ start: name.range[0], end: name.range[1], text: rewrite.name });
  for (const { keyword, name: newName } of rewrite.renameKeywords ?? []) {
    const keywordName = keyword.fields.name;
    if (keywordName) edits.push({ start: keywordName.range[0], end: keywordName.range[1], text: newName });
  }
  if (rewrite.append && rewrite.append.arguments.length > 0) edits.push(appendArguments(text, rewrite.append.argumentList, rewrite.append.arguments));
  return edits.sort((a, b) => a.start - b.start);
}

/**
 * `f(a)` → `f(a, x=1)`; `f()` → `f(x=1)`. A call laid out one argument a line with a trailing comma (black's magic
 * comma) gets a line of its own, indented like the line its last argument starts on, ending like the file's lines:
 * `f(\n    a,  # note\n)` → `f(\n    a,  # note\n    x=1,\n)`.
 */
function appendArguments(text: string, argumentList: PyNode, added: string[]): TextEdit {
  const last = argumentList.children.filter((child) => child.type !== 'comment').at(-1);
  const joined = added.join(', ');
  if (!last) {
    const open = argumentList.range[0] + 1;
    return { start: open, end: open, text: joined };
  }
  const exploded = /^[ \t]*,[ \t]*(?:#[^\r\n]*)?(\r?\n)/.exec(text.slice(last.range[1], argumentList.range[1]));
  const indent = text.slice(text.lastIndexOf('\n', last.range[0] - 1) + 1, last.range[0]);
  // (the last argument must start its line: `f(a, b=[\n    1,\n],\n)` is not one argument a line)
  if (!exploded || !/^[ \t]*$/.test(indent)) return { start: last.range[1], end: last.range[1], text: `, ${joined}` };
  const at = last.range[1] + exploded[0].length;
  return { start: at, end: at, text: `${indent}${joined},${exploded[1]}` };
}
