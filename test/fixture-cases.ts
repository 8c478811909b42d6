/**
 * The fixture pairs, read in one place for every test that loops over them: `fixtures/<rule>/<case>/input.<ext>`
 * beside `output.<ext>`, and an optional `case.json` `{ "unsafeFixes"?: boolean, "versions"?: { <package>: <version> },
 * "options"?: [<rule options>], "files"?: { <repo path>: <text> }, "path"?: <where the input goes> }`.
 * Adding a case = adding a folder; the CLI test (`fixtures.test.ts`) and the ESLint test (`rules/eslint-fix.test.ts`)
 * both pick it up.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { RuleName } from '../rules/kinds.js';
import { packageRoot, tempDir } from './helpers.js';
import { CURRENT_VERSIONS } from './rules/rule-tester.js';

/** Package → version the library kinds are gated on; `null` = unknown. */
export type Versions = Record<string, string | null>;

export interface FixtureCase {
  /** The case folder's name, which is also the test's name. */
  name: string;
  /** Absolute path of the case folder. */
  dir: string;
  /** `input.ts`, `input.js`, … */
  inputFile: string;
  /** `output` with the input's extension. */
  outputFile: string;
  /** `.ts`, `.js`, … */
  extension: string;
  input: string;
  output: string;
  /** `CURRENT_VERSIONS` with the case's `versions` over them. */
  versions: Versions;
  /** Unsafe kinds are rewritten too (ESLint: their first suggestion is applied). */
  unsafeFixes: boolean;
  /** The rule's options (`[{ "style": "aware" }]`), given to the CLI through deprecfix.config.json. */
  options: Record<string, unknown>[];
  /** Other files of the repository, by repo-relative path (models defined elsewhere, a pyproject.toml). */
  files: Record<string, string>;
  /** Where the input goes in the repository (relative imports need the right package); default `src/input.<ext>`. */
  path: string;
  /** The reasons of the findings `fix` leaves in the input, when the case states them. */
  remaining?: string[];
}

interface CaseOptions {
  unsafeFixes?: boolean;
  versions?: Versions;
  options?: Record<string, unknown>[];
  files?: Record<string, string>;
  path?: string;
  remaining?: string[];
}

/** The fixture pairs of one rule, by name; with `prefixes`, only the cases whose name starts with one of them. */
export function fixtureCases(rule: RuleName, prefixes?: readonly string[]): FixtureCase[] {
  const root = path.join(packageRoot, 'fixtures', rule);
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .filter((name) => !prefixes || prefixes.some((prefix) => name.startsWith(prefix)))
    .sort()
    .flatMap((name) => {
      const dir = path.join(root, name);
      const inputFile = readdirSync(dir).find((file) => file.startsWith('input.'));
      if (!inputFile) return [];
      const extension = path.extname(inputFile);
      const outputFile = `output${extension}`;
      const optionsPath = path.join(dir, 'case.json');
      const options = existsSync(optionsPath) ? (JSON.parse(readFileSync(optionsPath, 'utf8')) as CaseOptions) : {};
      return [
        {
          name,
          dir,
          inputFile,
          outputFile,
          extension,
          input: readFileSync(path.join(dir, inputFile), 'utf8'),
          output: readFileSync(path.join(dir, outputFile), 'utf8'),
          versions: { ...CURRENT_VERSIONS, ...options.versions },
          unsafeFixes: options.unsafeFixes ?? false,
          options: options.options ?? [],
          files: options.files ?? {},
          path: options.path ?? `src/${inputFile}`,
          ...(options.remaining ? { remaining: options.remaining } : {}),
        },
      ];
    });
}

/**
 * A temporary repository for a case: its pins in package.json, a manifest scope holding the input, its other
 * `files`, its rule options in deprecfix.config.json, and `input` (default: the case's input) at the case's path.
 * Returns the repository's root.
 */
export function writeFixtureRepo(rule: RuleName, fixture: FixtureCase, input = fixture.input): string {
  const repo = tempDir();
  writeFileSync(path.join(repo, 'package.json'), JSON.stringify({ name: 'fixture', dependencies: fixture.versions }));
  writeFileSync(path.join(repo, 'deprecfix.manifest.json'), JSON.stringify({ version: 1, scopes: { cases: [fixture.path] } }));
  mkdirSync(path.join(repo, 'src'));
  for (const [file, text] of Object.entries(fixture.files)) {
    mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
    writeFileSync(path.join(repo, file), text);
  }
  if (fixture.options.length > 0) {
    writeFileSync(path.join(repo, 'deprecfix.config.json'), JSON.stringify({ rules: { [rule]: fixture.options[0] } }));
  }
  // Python projects pin pydantic 2 the way most do, unless the case brings its own project files.
  if (rule === 'py-pydantic-v1' && !('requirements.txt' in fixture.files)) writeFileSync(path.join(repo, 'requirements.txt'), 'pydantic==2.5.0\n');
  const target = path.join(repo, fixture.path);
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, input);
  return repo;
}
