// What every benchmark generator shares: a seeded PRNG, name casing, and writing a file map as a committed git
// repository (deprecfix finds its root, manifest and clean state there).
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** A small deterministic PRNG (mulberry32): the same seed gives the same sequence on every machine. */
export function random(seed) {
  let state = (seed * 2654435761) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `audit-log` → `AuditLog`. */
export const pascal = (name) => name.split(/[-_]/).map((word) => word[0].toUpperCase() + word.slice(1)).join('');
/** `audit-log` → `auditLog`. */
export const camel = (name) => {
  const p = pascal(name);
  return p[0].toLowerCase() + p.slice(1);
};
/** `audit-log` → `audit_log`. */
export const snake = (name) => name.replaceAll('-', '_');

export function json(value) {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/**
 * Writes `files` (relative path → text) into a fresh `dir`, adds directory symlinks (`links`: relative path →
 * absolute target), and commits everything not ignored as one commit on `main`.
 */
export function writeRepo(dir, files, links = {}) {
  rmSync(dir, { recursive: true, force: true });
  for (const [relative, text] of Object.entries(files)) {
    const target = path.join(dir, relative);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, text);
  }
  for (const [relative, target] of Object.entries(links)) {
    mkdirSync(path.dirname(path.join(dir, relative)), { recursive: true });
    symlinkSync(target, path.join(dir, relative), 'dir');
  }
  const git = (...args) => execFileSync('git', args, { cwd: dir, stdio: 'ignore' });
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('-c', 'user.name=bench', '-c', 'user.email=bench@example.invalid', '-c', 'commit.gpgsign=false', 'commit', '-q', '-m', 'generated');
}

/** The typed-ESLint peer's flat config: one pass of `@typescript-eslint/no-deprecated`, written into each generated repository. */
export const ESLINT_NO_DEPRECATED_CONFIG = `// One typed pass of @typescript-eslint/no-deprecated: what a team would run instead of deprecfix.
import tseslint from 'typescript-eslint';

export default [
  {
    files: ['**/*.ts'],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { '@typescript-eslint': tseslint.plugin },
    rules: { '@typescript-eslint/no-deprecated': 'warn' },
  },
];
`;
