// The ruff peer for P5, through ruff's WebAssembly build (@astral-sh/ruff-wasm-nodejs): native ruff is not on
// npm or in Debian here. `node ruff-wasm.mjs <package-dir>` checks every git-tracked *.py file of the current
// directory with `--select DTZ003,UP` (datetime.utcnow and pyupgrade, the nearest ruff has to deprecfix's Python
// kinds) and prints { files, diagnostics, byCode } as JSON. One thread, like the CLI's `--no-cache` on one core
// would be; WebAssembly is slower than the native binary, so this is a lower bound of ruff's speed.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const [packageDir] = process.argv.slice(2);
const require = createRequire(path.join(path.resolve(packageDir), 'package.json'));
const { Workspace, PositionEncoding } = require('@astral-sh/ruff-wasm-nodejs');

const workspace = new Workspace({ 'target-version': 'py311', lint: { select: ['DTZ003', 'UP'] } }, PositionEncoding.Utf16);
const files = execFileSync('git', ['ls-files', '*.py'], { encoding: 'utf8' }).split('\n').filter(Boolean);
const byCode = {};
let diagnostics = 0;
for (const file of files) {
  for (const diagnostic of workspace.check(readFileSync(file, 'utf8'))) {
    diagnostics++;
    byCode[diagnostic.code] = (byCode[diagnostic.code] ?? 0) + 1;
  }
}
console.log(JSON.stringify({ files: files.length, diagnostics, byCode }));
