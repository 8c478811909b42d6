/**
 * `jscodeshift -t node_modules/deprecfix/dist/transforms/jscodeshift/no-legacy-serialization.cjs --parser=tsx <files>`:
 * the safe rewrites of deprecfix/no-legacy-serialization (`--unsafe-fixes=true`: the unsafe ones too), with the
 * CLI's rewrite code.
 */
import { jscodeshiftTransform } from './transform.cjs';

export const parser = 'tsx';

export default jscodeshiftTransform('no-legacy-serialization');
