import noDeprecatedHelper from './no-deprecated-helper.js';
import noLegacySerialization from './no-legacy-serialization.js';
import noUtcnowDate from './no-utcnow-date.js';

/** The TS/JS half of the plugin's rules (they load TypeScript and typescript-eslint); see `python-rules.ts`. */
export const typescriptRules = {
  'no-utcnow-date': noUtcnowDate,
  'no-legacy-serialization': noLegacySerialization,
  'no-deprecated-helper': noDeprecatedHelper,
};
