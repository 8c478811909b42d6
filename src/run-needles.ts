import path from 'node:path';
import ts = require('typescript'); // require: see src/project.ts
import type { Program } from 'typescript';
import type { KindId, RuleName } from '../rules/kinds.js';
import { modelMethodNames } from '../rules/no-legacy-serialization.js';
import { deprecatedNamesOf, forEachDeprecatedHelper } from '../transforms/deprecated-helper/index-names.js';
import { replacementNameOf } from '../transforms/deprecated-helper/replacement.js';
import { modelMethodsOf, type DeprecfixConfig } from './config.js';
import { listRepoFiles } from './files.js';
import { isPythonFile } from './languages.js';
import { readSource } from './write.js';

/** Needle words by kind, for the kinds whose findings no fixed text marks (`findingFilter` in `lint.ts`). */
export type RunNeedles = Partial<Record<KindId, readonly string[]>>;

/**
 * The words only the run knows: a call of a deprecated helper holds the helper's name, never its `@deprecated` tag,
 * so that kind's words are the names the program declares `@deprecated` (none without a program: the kind needs
 * types); `model-method-rename`'s are the configured old method names. Only the enabled rules' kinds are looked at.
 */
export function runNeedles(program: Program | undefined, rules: readonly RuleName[], config: DeprecfixConfig | undefined): RunNeedles {
  return {
    ...(rules.includes('no-deprecated-helper') ? { 'deprecated-helper': program ? [...deprecatedNamesOf(program)] : [] } : {}),
    ...modelNeedles(rules, config),
  };
}

/**
 * The same words before any program exists, for choosing its roots (`lintScope`): the names the repository's own
 * TS/JS files declare `@deprecated` (a text search for the tag, then a parse of those files only; a helper may be
 * declared outside the scope). `overrideNames`: the method names a subclass could override to make a rename change
 * behaviour (the configured model methods, the deprecated methods and the replacements their tags name), whose files
 * the program must hold wherever they are.
 */
export function repositoryNeedles(rules: readonly RuleName[], config: DeprecfixConfig | undefined, scripts: RepositoryScripts): { needles: RunNeedles; overrideNames: string[] } {
  const model = modelNeedles(rules, config);
  if (!rules.includes('no-deprecated-helper')) return { needles: model, overrideNames: [...(model['model-method-rename'] ?? [])] };
  const { names, overridable } = deprecatedDeclarations(scripts());
  return {
    needles: { 'deprecated-helper': [...names], ...model },
    overrideNames: [...new Set([...(model['model-method-rename'] ?? []), ...overridable])],
  };
}

function modelNeedles(rules: readonly RuleName[], config: DeprecfixConfig | undefined): RunNeedles {
  const modelMethods = rules.includes('no-legacy-serialization') ? modelMethodsOf(config) : [];
  return modelMethods.length > 0 ? { 'model-method-rename': modelMethodNames(modelMethods) } : {};
}

/** A repository TS/JS file as the scans below read it. */
export interface RepositoryScript {
  file: string;
  absPath: string;
  text: string;
}

/** The repository's TS/JS files (the file policy's list), read once, when first asked: the scans share them. */
export type RepositoryScripts = () => readonly RepositoryScript[];

export function repositoryScripts(repoRoot: string, config: DeprecfixConfig | undefined): RepositoryScripts {
  let scripts: RepositoryScript[] | undefined;
  return () =>
    (scripts ??= listRepoFiles(repoRoot, config ?? {}, (file) => !isPythonFile(file)).files.flatMap((file) => {
      const absPath = path.join(repoRoot, file);
      try {
        return [{ file, absPath, text: readSource(absPath).text }];
      } catch {
        return []; // unreadable: not the scans' business
      }
    }));
}

/** The names `scripts` declare `@deprecated`, and the files that hold the tag with their texts (for a cache key). */
export function deprecatedDeclarations(scripts: readonly RepositoryScript[]): DeprecatedDeclarations {
  // Asked by the scope's lint and again by the repository totals, of the same files read once: parsed once.
  const known = declarationsOf.get(scripts);
  if (known) return known;
  const found: DeprecatedDeclarations = { names: new Set(), overridable: new Set(), declaring: scripts.filter(({ text }) => text.includes('@deprecated')) };
  for (const { file, text } of found.declaring) {
    forEachDeprecatedHelper(ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true), (declaration, tag) => {
      found.names.add(declaration.name.text);
      if (!ts.isMethodDeclaration(declaration)) return;
      found.overridable.add(declaration.name.text);
      const replacement = replacementNameOf(tag);
      if (replacement) found.overridable.add(replacement.split(/[.#]/).at(-1)!);
    });
  }
  declarationsOf.set(scripts, found);
  return found;
}

interface DeprecatedDeclarations {
  /** Every name the repository declares `@deprecated` (functions, methods, classes, function constants). */
  names: Set<string>;
  /**
   * The deprecated methods' names and the replacements their tags name: a subclass that overrides one makes the
   * rename change what runs (`helper-overridden`), so the files naming them join the program. A function's or a
   * class's name is not: nothing overrides it, and a file that merely mentions it costs a parse for nothing.
   */
  overridable: Set<string>;
  declaring: RepositoryScript[];
}

const declarationsOf = new WeakMap<readonly RepositoryScript[], DeprecatedDeclarations>();

/** The repository's TS/JS files outside `exclude` whose text names one of `names` as a word (none read without names). */
export function filesNaming(scripts: RepositoryScripts, exclude: ReadonlySet<string>, names: readonly string[]): { absPath: string; text: string }[] {
  if (names.length === 0) return [];
  const declares = new RegExp(`(?<![\\w$])(?:${names.map((name) => name.replace(/[$]/g, '\\$')).join('|')})(?![\\w$])`);
  return scripts()
    .filter(({ file, text }) => !exclude.has(file) && declares.test(text))
    .map(({ absPath, text }) => ({ absPath, text }));
}

/**
 * The repository's other TS/JS files that name a configured old model method (`modelMethods`): a subclass there may
 * override it, and `model-method-rename` refuses calls an override may reach only if the program holds that file.
 * They join the program (read, never linted or written); without `modelMethods`, none.
 */
export function modelOverrideFiles(scripts: RepositoryScripts, config: DeprecfixConfig | undefined, exclude: ReadonlySet<string>): { absPath: string; text: string }[] {
  return filesNaming(scripts, exclude, config?.rules['no-legacy-serialization'] === 'off' ? [] : modelMethodNames(modelMethodsOf(config)));
}
