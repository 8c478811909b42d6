/**
 * Issue 11 item 7: a rule's options are validated when deprecfix.config.json loads, against the rule's own
 * `meta.schema` (through ESLint), so a typo is a configuration error (exit 2) with the key path and the allowed
 * values, not a crash blamed on a source file.
 */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { UsageError } from '../src/errors.js';
import { runCli, tempDir, writeFiles, git } from './helpers.js';

const load = (text: string) => loadConfig(writeFiles(tempDir(), { 'deprecfix.config.json': text }), undefined, '/');
const errorOf = (text: string): UsageError => {
  try {
    load(text);
  } catch (error) {
    return error as UsageError;
  }
  throw new Error('no error');
};

describe('rule options in deprecfix.config.json', () => {
  it('valid options load', () => {
    expect(load('{ "rules": { "py-utcnow": { "style": "aware" }, "no-utcnow-date": "off" } }').rules).toEqual({ 'py-utcnow': { style: 'aware' }, 'no-utcnow-date': 'off' });
  });

  it.each([
    ['{"rules":{"py-utcnow":{"style":"awsome"}}}', ':1:32: "rules.py-utcnow.style" is "awsome"; allowed values: "naive", "aware"'],
    ['{"rules":{"py-utcnow":{"styles":"aware"}}}', ':1:24: "rules.py-utcnow" has an unknown option "styles" (did you mean "style"?); allowed options: "style"'],
    ['{"rules":{"no-utcnow-date":{"strict":true}}}', ':1:28: "rules.no-utcnow-date" takes no options; use "on" or "off"'],
  ])('%s is a configuration error with the key path and the allowed values', (text, message) => {
    const error = errorOf(text);
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toContain(message);
  });

  it('the CLI exits 2 before linting anything, naming the config file', () => {
    const repo = writeFiles(tempDir(), {
      'app.py': 'import datetime\nnow = datetime.datetime.utcnow()\n',
      'deprecfix.config.json': '{"rules":{"py-utcnow":{"style":"awsome"}}}',
      'deprecfix.manifest.json': '{ "version": 1, "scopes": { "p": ["app.py"] } }',
    });
    git(repo, 'init', '-q');
    for (const args of [['scan', 'app.py'], ['fix', '--scope', 'p']]) {
      const run = runCli(args, repo);
      expect(run.status).toBe(2);
      expect(run.stderr).toContain('deprecfix.config.json:1:32: "rules.py-utcnow.style" is "awsome"; allowed values: "naive", "aware"');
      expect(run.stderr).not.toContain('internal error');
    }
  });
});
