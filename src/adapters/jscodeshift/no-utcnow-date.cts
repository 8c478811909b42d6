/**
 * `jscodeshift -t "$(node -p "require.resolve('deprecfix/transforms/no-utcnow-date')")" --parser=tsx <files>`:
 * the safe rewrites of deprecfix/no-utcnow-date (`--unsafe-fixes=true`: the unsafe ones too), with the CLI's
 * rewrite code.
 */
import { jscodeshiftTransform } from './transform.cjs';

const transform = jscodeshiftTransform('no-utcnow-date');
const parser = 'tsx';

/**
 * `module.exports = { default, parser }`: what jscodeshift reads (`module.default`, `module.parser`), and a shape
 * whose named exports Node's CommonJS lexer sees, so an ESM `import` gets what the declarations say.
 */
export = { default: transform, parser };
