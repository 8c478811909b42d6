/** The config normalised once per run (src/eslint-config-array.ts) lints exactly like the plain config array. */
import path from 'node:path';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { preparedConfig } from '../src/eslint-config-array.js';
import plugin, { PYTHON_FILES } from '../rules/index.js';

const cwd = path.resolve('/repo');
const config = (level: Linter.RuleEntry): Linter.Config[] => [
  { plugins: { deprecfix: plugin as never } },
  { files: ['**/*.js'], rules: { 'no-var': 'warn' } },
  { files: PYTHON_FILES, language: 'deprecfix/python', rules: { 'deprecfix/py-utcnow': level } },
];
const files = [
  ['a.js', 'var x = new Date().getYear();\n'],
  ['app/a.py', 'from datetime import datetime\n\nstamp = datetime.utcnow()\n'],
  ['app/b.py', 'from datetime import datetime\n\nstamp = datetime.utcfromtimestamp(0)\n'],
  ['app/broken.py', 'def f(:\n    pass\n'],
  ['a.md', '# not configured\n'],
] as const;

describe('preparedConfig', () => {
  it('is ESLint’s normalised config array (its internals were found), not the plain array it falls back to', () => {
    const plain = config('warn');
    const prepared = preparedConfig(plain, cwd);
    expect(prepared).not.toBe(plain);
    expect(typeof (prepared as unknown as { getConfig?: unknown }).getConfig).toBe('function');
  });

  it('gives every file the messages the plain array gives, reused across files and runs', () => {
    for (const level of ['warn', ['warn', { style: 'aware' }]] as Linter.RuleEntry[]) {
      const linter = new Linter({ cwd });
      const prepared = preparedConfig(config(level), cwd);
      for (const [file, text] of [...files, ...files]) {
        const filename = path.join(cwd, file);
        expect(linter.verify(text, prepared, { filename })).toEqual(linter.verify(text, config(level), { filename }));
      }
    }
  });

  it('rejects invalid rule options when a file is linted, as the plain array does', () => {
    const linter = new Linter({ cwd });
    const invalid = config(['warn', { style: 'sideways' }]);
    const filename = path.join(cwd, 'app/a.py');
    expect(() => linter.verify('x = 1\n', invalid, { filename })).toThrow(/"sideways" should be equal to one of the allowed values/);
    expect(() => linter.verify('x = 1\n', preparedConfig(invalid, cwd), { filename })).toThrow(/"sideways" should be equal to one of the allowed values/);
  });
});
