/**
 * `pydantic-v1-config`: a pydantic 2 model's v1 `class Config:` that sets keys pydantic 2 renamed or removed.
 * pydantic 2 still reads `class Config` (deprecated), but it ignores those keys, with only a `UserWarning` ("Valid
 * config keys have changed in V2") at import time: `orm_mode = True` is kept as written and has no effect, so
 * `from_orm()` raises `PydanticUserError`. (Measured on pydantic 2.13.4; the key lists are its
 * `V2_RENAMED_KEYS` / `V2_REMOVED_KEYS`, as in the migration guide's "Changes to config".)
 *
 * The rewrite to `model_config = ConfigDict(…)` with the pydantic 2 names makes the keys effective again — a
 * behaviour change by definition, graded per key:
 * - repair: keys whose absence makes calls fail that the code makes (`orm_mode`, `allow_population_by_field_name`);
 * - unsafe: keys that change the values or the validation of calls that work today (`anystr_strip_whitespace`,
 *   `validate_all`, `max_anystr_length`, …);
 * - none: removed keys with no direct replacement (`allow_mutation` → `frozen` is inverted and also makes instances
 *   hashable; `copy_on_model_validation`, `getter_dict`, …), a Config class that is more than plain assignments
 *   (bases, methods, comments), a library base other than `pydantic.BaseModel` (BaseSettings takes
 *   `SettingsConfigDict`), or a model that also sets `model_config`.
 */
import { readdirSync, readFileSync, type Dirent } from 'node:fs';
import path from 'node:path';
import type { ReasonId } from '../kinds.js';
import { nodeText, type PyNode } from '../../transforms/python/syntax.js';
import { namedChildren } from './syntax-readers.js';

/** pydantic 2.13's `ConfigDict` keys: moved into `model_config` unchanged. */
const V2_KEYS = new Set([
  'alias_generator', 'allow_inf_nan', 'arbitrary_types_allowed', 'cache_strings', 'coerce_numbers_to_str', 'defer_build',
  'extra', 'field_title_generator', 'from_attributes', 'frozen', 'hide_input_in_errors', 'ignored_types', 'json_encoders',
  'json_schema_extra', 'json_schema_mode_override', 'json_schema_serialization_defaults_required', 'loc_by_alias',
  'model_title_generator', 'plugin_settings', 'polymorphic_serialization', 'populate_by_name', 'protected_namespaces',
  'regex_engine', 'revalidate_instances', 'schema_generator', 'ser_json_bytes', 'ser_json_inf_nan', 'ser_json_temporal',
  'ser_json_timedelta', 'serialize_by_alias', 'str_max_length', 'str_min_length', 'str_strip_whitespace', 'str_to_lower',
  'str_to_upper', 'strict', 'title', 'url_preserve_empty_path', 'use_attribute_docstrings', 'use_enum_values',
  'val_json_bytes', 'val_temporal_unit', 'validate_assignment', 'validate_by_alias', 'validate_by_name', 'validate_default',
  'validate_return', 'validation_error_cause',
]);

interface Rename {
  to: string;
  /** What the ignored key breaks today (repair), or why making it effective changes working code (unsafe). */
  grade: 'repair' | 'unsafe';
  effect: string;
}

/**
 * pydantic's `V2_RENAMED_KEYS`. `allow_population_by_field_name` goes to `populate_by_name`, which every pydantic 2
 * has (2.11 renamed it again, to `validate_by_name`, and still accepts it).
 */
const RENAMED: Record<string, Rename> = {
  orm_mode: { to: 'from_attributes', grade: 'repair', effect: '`from_orm()` raises PydanticUserError and attribute objects fail validation' },
  allow_population_by_field_name: {
    to: 'populate_by_name',
    grade: 'repair',
    effect: 'input by field name fails validation, or is dropped for a field with a default',
  },
  anystr_lower: { to: 'str_to_lower', grade: 'unsafe', effect: 'strings are no longer lowered' },
  anystr_upper: { to: 'str_to_upper', grade: 'unsafe', effect: 'strings are no longer uppercased' },
  anystr_strip_whitespace: { to: 'str_strip_whitespace', grade: 'unsafe', effect: 'whitespace is no longer stripped' },
  max_anystr_length: { to: 'str_max_length', grade: 'unsafe', effect: 'the length limit is not checked' },
  min_anystr_length: { to: 'str_min_length', grade: 'unsafe', effect: 'the length limit is not checked' },
  validate_all: { to: 'validate_default', grade: 'unsafe', effect: 'defaults are not validated' },
  schema_extra: { to: 'json_schema_extra', grade: 'unsafe', effect: 'the JSON schema lacks the extra' },
  keep_untouched: { to: 'ignored_types', grade: 'unsafe', effect: 'those types become fields' },
};

/** Removed keys whose v1 value asked for what pydantic 2 always does: dropping them changes nothing. */
const DROPPABLE: Record<string, string> = { smart_union: 'True', underscore_attrs_are_private: 'True' };

/** pydantic's `V2_REMOVED_KEYS`: ignored, with no key that means the same. */
const REMOVED = new Set([
  'allow_mutation', 'error_msg_templates', 'fields', 'getter_dict', 'smart_union', 'underscore_attrs_are_private',
  'json_loads', 'json_dumps', 'copy_on_model_validation', 'post_init_call',
]);

export interface ConfigEntry {
  key: string;
  /** The value's source text, as written. */
  value: string;
}

export interface ConfigFinding {
  /** The keys pydantic 2 ignores, in source order. */
  ignored: string[];
  reason?: ReasonId;
  unsafe?: boolean;
  /** For a repair: what fails today, without the version (`ignores \`orm_mode\` (…)`). */
  repairs?: string;
  /** The `ConfigDict(…)` keywords, when the class can be rewritten. */
  entries?: ConfigEntry[];
}

/**
 * Reads a `class Config:` nested in a model; undefined when it sets no key pydantic 2 ignores (a class-based config
 * with pydantic 2 keys only works as written: not this kind's business).
 */
export function analyzeConfigClass(
  text: string,
  configClass: PyNode,
  options: { plainModel: boolean; hasModelConfig: boolean; isReferenced: () => boolean },
): ConfigFinding | undefined {
  const body = configClass.fields.body;
  const statements = body ? namedChildren(body) : [];
  const assignments: ConfigEntry[] = [];
  let plain = !configClass.fields.superclasses && body !== undefined;
  for (const statement of statements) {
    const assignment = statement.type === 'expression_statement' && namedChildren(statement).length === 1 ? namedChildren(statement)[0] : undefined;
    const target = assignment?.type === 'assignment' && !assignment.fields.type ? assignment.fields.left : undefined;
    const value = assignment?.fields.right;
    if (assignment && target?.type === 'identifier' && value && value.type !== 'assignment') {
      assignments.push({ key: nodeText(text, target), value: nodeText(text, value) });
    } else if (statement.type !== 'pass_statement') {
      plain = false; // a method, a docstring, a comment, `a = b = 1`: not a list of keys
    }
  }
  // a comment in the class would be lost by the rewrite
  if (hasComment(configClass)) plain = false;
  const ignored = assignments.map((entry) => entry.key).filter((key) => Object.hasOwn(RENAMED, key) || REMOVED.has(key));
  if (ignored.length === 0) return undefined;

  const finding: ConfigFinding = { ignored };
  const removed = assignments.filter((entry) => REMOVED.has(entry.key) && DROPPABLE[entry.key] !== entry.value);
  const unknown = assignments.filter((entry) => !V2_KEYS.has(entry.key) && !Object.hasOwn(RENAMED, entry.key) && !REMOVED.has(entry.key));
  if (!plain || removed.length > 0 || unknown.length > 0 || !options.plainModel || options.hasModelConfig) {
    finding.reason = 'config-not-rewritable';
    return finding;
  }
  if (options.isReferenced()) {
    finding.reason = 'config-referenced';
    return finding;
  }
  const renamed = assignments.filter((entry) => Object.hasOwn(RENAMED, entry.key));
  finding.entries = assignments
    .filter((entry) => !Object.hasOwn(DROPPABLE, entry.key))
    .map((entry) => ({ key: RENAMED[entry.key]?.to ?? entry.key, value: entry.value }));
  // two spellings of one key (`orm_mode` beside `from_attributes`): which one wins is not for us to pick
  if (new Set(finding.entries.map((entry) => entry.key)).size !== finding.entries.length) {
    delete finding.entries;
    finding.reason = 'config-not-rewritable';
    return finding;
  }
  if (renamed.some((entry) => RENAMED[entry.key].grade === 'unsafe')) finding.unsafe = true;
  const repairs = renamed.filter((entry) => RENAMED[entry.key].grade === 'repair');
  if (repairs.length > 0) finding.repairs = repairs.map((entry) => `\`${entry.key}\` (${RENAMED[entry.key].effect})`).join(', ');
  return finding;
}

function hasComment(node: PyNode): boolean {
  return node.children.some((child) => child.type === 'comment' || hasComment(child));
}

/** Directories never scanned for `Model.Config` references: environments, dependencies, VCS data. */
const SKIPPED_DIRS = new Set(['.git', '.hg', '.venv', 'venv', 'env', 'node_modules', 'site-packages', '__pycache__', '.tox', '.nox', 'build', 'dist']);
const CONFIG_REFERENCE = /\b([A-Za-z_]\w*)\s*\.\s*Config\b/g;
const referencesByRoot = new Map<string, Set<string>>();

/**
 * The classes whose `Config` is referenced as `Model.Config` (v1's `class Config(Base.Config):`) in the repository's
 * Python files, read once per root and run, plus in the linted file's current text: replacing such a model's
 * `class Config` would break the reference at import time.
 */
export function referencedConfigs(root: string | undefined, currentFile: string, currentText: string): Set<string> {
  const names = new Set<string>();
  const collect = (text: string): void => {
    for (const match of text.matchAll(CONFIG_REFERENCE)) names.add(match[1]);
  };
  collect(currentText);
  if (root === undefined) return names;
  let repository = referencesByRoot.get(root);
  if (!repository) {
    repository = new Set();
    const found = repository;
    const walk = (dir: string): void => {
      let entries: Dirent[];
      try {
        entries = readdirSync(dir, { withFileTypes: true });
      } catch {
        return;
      }
      for (const entry of entries) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) {
          if (!SKIPPED_DIRS.has(entry.name)) walk(full);
        } else if (entry.isFile() && entry.name.endsWith('.py') && full !== currentFile) {
          try {
            const text = readFileSync(full, 'utf8');
            if (text.includes('Config')) for (const match of text.matchAll(CONFIG_REFERENCE)) found.add(match[1]);
          } catch {
            // unreadable: no information
          }
        }
      }
    };
    walk(root);
    referencesByRoot.set(root, repository);
  }
  for (const name of repository) names.add(name);
  return names;
}

/** For tests: forget the scanned references. */
export function clearConfigReferenceCache(): void {
  referencesByRoot.clear();
}
