import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * A team's own model methods (`modelMethods` in the config, CONTRACT §9 `model-method-rename`): on the class `class`
 * exported by `module`, the old method names and the new ones they are deprecated for. deprecfix trusts the entry:
 * on that class, `dict()` does what `toPlain()` does.
 */
export interface ModelMethodConfig {
  class: string;
  /** Repository-relative (`./src/models/base`) or a bare specifier (`@acme/models`, a `paths` alias). */
  module: string;
  /** Old method name → new method name. */
  methods: Record<string, string>;
}

const EXTENSIONS = ['.ts', '.tsx', '.d.ts', '.mts', '.cts', '.d.mts', '.d.cts', '.js', '.jsx', '.mjs', '.cjs'];

/**
 * The file a repository-relative configured module names, resolved against `root` the way an import would be
 * (extension optional, `index.*`, `.js` naming its `.ts`). Apart from `model-methods.ts` (which resolves bare
 * specifiers with TypeScript) so that reading the config never loads TypeScript.
 */
export function modelModuleFile(module: string, root: string): string | undefined {
  const base = path.resolve(root, module);
  const stem = base.replace(/\.[mc]?js$/, '');
  const candidates = [base, ...[base, stem].flatMap((file) => EXTENSIONS.map((extension) => file + extension)), ...EXTENSIONS.map((extension) => path.join(base, `index${extension}`))];
  return candidates.find((candidate) => /\.[cm]?[jt]sx?$/.test(candidate) && existsSync(candidate));
}
