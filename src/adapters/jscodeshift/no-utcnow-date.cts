/**
 * `jscodeshift -t node_modules/deprecfix/dist/transforms/jscodeshift/no-utcnow-date.cjs --parser=tsx <files>`:
 * the safe rewrites of deprecfix/no-utcnow-date (`--unsafe-fixes=true`: the unsafe ones too), with the CLI's
 * rewrite code.
 */
import { jscodeshiftTransform } from './transform.cjs';

export const parser = 'tsx';

export default jscodeshiftTransform('no-utcnow-date');
