/** The pydantic v1 model methods and attributes `py-pydantic-v1` looks for, and how its messages name their v2 replacements. */
import type { KindId } from '../kinds.js';
import { PYDANTIC_V2_NAMES } from '../../transforms/python/pydantic.js';

type Kind = Extract<KindId, 'pydantic-v1-method' | 'pydantic-v1-attribute'>;

export interface V1Member {
  kind: Kind;
  /** Instance API (`m.dict()`) or class API (`M.parse_obj(d)`, which an instance may call too). */
  on: 'instance' | 'class' | 'any';
  /**
   * Reported on an unproven receiver too (fix none): the name is pydantic's own. Generic names (`json`, `copy`,
   * `validate`, `schema`, `construct`) are not: `response.json()` and `dict.copy()` must stay silent.
   */
  reportUnproven: boolean;
}

export const V1_MEMBERS: Record<string, V1Member> = {
  dict: { kind: 'pydantic-v1-method', on: 'instance', reportUnproven: true },
  json: { kind: 'pydantic-v1-method', on: 'instance', reportUnproven: false },
  copy: { kind: 'pydantic-v1-method', on: 'instance', reportUnproven: false },
  parse_obj: { kind: 'pydantic-v1-method', on: 'class', reportUnproven: true },
  parse_raw: { kind: 'pydantic-v1-method', on: 'class', reportUnproven: true },
  parse_file: { kind: 'pydantic-v1-method', on: 'class', reportUnproven: true },
  from_orm: { kind: 'pydantic-v1-method', on: 'class', reportUnproven: true },
  construct: { kind: 'pydantic-v1-method', on: 'class', reportUnproven: false },
  validate: { kind: 'pydantic-v1-method', on: 'class', reportUnproven: false },
  schema: { kind: 'pydantic-v1-method', on: 'class', reportUnproven: false },
  schema_json: { kind: 'pydantic-v1-method', on: 'class', reportUnproven: true },
  update_forward_refs: { kind: 'pydantic-v1-method', on: 'class', reportUnproven: true },
  __fields__: { kind: 'pydantic-v1-attribute', on: 'any', reportUnproven: true },
  __fields_set__: { kind: 'pydantic-v1-attribute', on: 'instance', reportUnproven: true },
};

/** The replacement as the message shows it, for the methods whose rewrite is more than a rename. */
const REPLACEMENT_TEXT: Record<string, string> = {
  from_orm: 'model_validate(obj, from_attributes=True)',
  update_forward_refs: 'model_rebuild(force=True)',
  schema_json: 'json.dumps(Model.model_json_schema())',
  parse_file: 'model_validate_json(Path(path).read_text())',
};

/** Keywords of pydantic v1's `json()` that pydantic 2 removed, and that no other common `.json()` takes. */
export const REMOVED_JSON_KEYWORDS = ['encoder', 'models_as_dict'];

/**
 * The placeholders of a finding's message: the v1 name as written and its replacement — the call the fix writes when
 * it appends keywords (`model_dump(…, by_alias=False)` where the config sets `serialize_by_alias`).
 */
export function messageData(name: string, member: V1Member, called: boolean, appended?: { arguments: string[]; afterOthers: boolean }): Record<string, string> {
  const v2 = PYDANTIC_V2_NAMES[name];
  const replacement =
    REPLACEMENT_TEXT[name] ??
    (!v2 ? 'none' : member.kind !== 'pydantic-v1-method' ? v2 : appended ? `${v2}(${appended.afterOthers ? '…, ' : ''}${appended.arguments.join(', ')})` : `${v2}()`);
  return { name: member.kind === 'pydantic-v1-method' && called ? `${name}()` : name, replacement };
}
