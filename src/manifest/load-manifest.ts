/**
 * Loading a manifest: `.json` files are the scoped form (json-manifest.ts), anything else is one path or glob per
 * line, loaded as a single scope. Everything a user can get wrong here is a `UsageError` (exit 2, nothing written)
 * that names the manifest file and line.
 */
import fs from 'node:fs';
import path from 'node:path';
import { UsageError } from '../errors.js';
import { checkEntry, type ManifestEntry } from './entry.js';
import { readJsonScopes } from './json-manifest.js';
import { displayPath, TEXT_MANIFEST_SCOPE, type Manifest, type ManifestScope } from './manifest.js';

export function loadManifest(manifestPath: string): Manifest {
  const absolutePath = path.resolve(manifestPath);
  let text: string;
  try {
    text = fs.readFileSync(absolutePath, 'utf8').replace(/^\uFEFF/, '');
  } catch (error) {
    throw new UsageError(`Cannot read manifest ${displayPath(absolutePath)}: ${(error as Error).message}`);
  }
  const scopes = absolutePath.toLowerCase().endsWith('.json')
    ? readJsonScopes(text, displayPath(absolutePath))
    : readTextScopes(text, displayPath(absolutePath));
  return { path: absolutePath, format: absolutePath.toLowerCase().endsWith('.json') ? 'json' : 'text', scopes };
}

/**
 * Blank lines and `#` comments (a whole line, or after whitespace) are skipped; every other line is an entry.
 * Git quotes unusual paths in `git diff --name-only` (`"caf\303\251.ts"`); those are unquoted.
 */
function readTextScopes(text: string, file: string): ManifestScope[] {
  const entries: ManifestEntry[] = [];
  text.split(/\r?\n/).forEach((rawLine, index) => {
    const line = rawLine.trim();
    const pattern = /^"(?:[^"\\]|\\.)*"$/.test(line) ? unquoteGitPath(line) : line.replace(/(^|\s)#.*$/, '').trim();
    if (pattern === '') return;
    const entry = { pattern, line: index + 1 };
    checkEntry(entry, `${file}:${entry.line}`, 'the manifest');
    entries.push(entry);
  });
  return [{ name: TEXT_MANIFEST_SCOPE, entries, line: 1 }];
}

/** Git's C-style quoting: `\"`, `\\`, `\t`, `\n` and octal bytes of the UTF-8 name. */
function unquoteGitPath(quoted: string): string {
  const bytes: number[] = [];
  const simple: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };
  for (const [, octal, escaped, plain] of quoted.slice(1, -1).matchAll(/\\([0-7]{3})|\\(.)|([^\\]+)/gsu)) {
    if (octal) bytes.push(parseInt(octal, 8));
    else bytes.push(...Buffer.from(plain ?? simple[escaped] ?? escaped, 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}
