import pyPydanticV1 from './py-pydantic-v1.js';
import pyUtcnow from './py-utcnow.js';

/**
 * The Python half of the plugin's rules, apart from the TS/JS half (`typescript-rules.ts`): a run that lints only
 * Python files loads these and never TypeScript or typescript-eslint. `index.ts` joins both halves into the plugin.
 */
export const pythonRules = {
  'py-utcnow': pyUtcnow,
  'py-pydantic-v1': pyPydanticV1,
};

export { pythonLanguage } from './python/language.js';
