import type { Rule } from 'eslint';
import type { ReasonId } from '../kinds.js';
import { nodeText, type PyNode } from '../../transforms/python/syntax.js';
import { analyzeConfigClass, referencedConfigs } from './config.js';
import { reportPyFinding } from './report.js';
import type { TextEdit } from '../../transforms/edit.js';
import type { PyScopes } from '../../transforms/python/scopes.js';
import { configClassEdit, configDictName } from '../../transforms/python/pydantic-config.js';

/** What `py-pydantic-v1` knows about the file and the model when it meets a model's `class Config:`. */
export interface ConfigClassContext {
  text: string;
  /** Absolute path of the linted file. */
  file: string;
  /** The repository root whose `.py` files are searched for `Model.Config` references (undefined: none). */
  root: string | undefined;
  /** The pydantic gate (`below` never gets here). */
  gate: 'available' | 'unknown';
  /** `pydantic 2.13.4`, for repair messages. */
  versionText: string;
  /** The model, proven a pydantic 2 model: only `pydantic.BaseModel` roots, and whether it sets `model_config`. */
  model: { node: PyNode; plain: boolean; hasModelConfig: boolean };
  scopes: () => PyScopes;
}

/** Reports `pydantic-v1-config` for a model's `class Config:`, with its `model_config = ConfigDict(…)` rewrite. */
export function reportConfigClass(context: Rule.RuleContext, configClass: PyNode, env: ConfigClassContext): void {
  const { text, model } = env;
  const modelName = model.node.fields.name ? nodeText(text, model.node.fields.name) : '';
  const isReferenced = (): boolean => referencedConfigs(env.root, env.file, text).has(modelName);
  const found = analyzeConfigClass(text, configClass, { plainModel: model.plain, hasModelConfig: model.hasModelConfig, isReferenced });
  if (!found) return;
  let reason: ReasonId | undefined = env.gate === 'unknown' ? 'version-unknown' : found.reason;
  let edits: TextEdit[] | undefined;
  if (!reason && found.entries) {
    const name = configDictName(text, env.scopes());
    if ('reason' in name) reason = name.reason;
    else edits = [...name.edits, configClassEdit(text, configClass, name.expression, found.entries)];
  }
  reportPyFinding(context, {
    node: configClass,
    kind: 'pydantic-v1-config',
    ...(reason ? { reason } : {}),
    ...(found.unsafe && !reason ? { unsafe: true } : {}),
    ...(found.repairs && !reason ? { repairs: `${env.versionText} ignores ${found.repairs}` } : {}),
    data: { keys: found.ignored.map((key) => `\`${key}\``).join(', ') },
    ...(edits ? { edits } : {}),
  });
}
