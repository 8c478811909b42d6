/** The module index of the pydantic receiver proof (rules/python/model-index.ts): what it answers about paths. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ModelIndex } from '../rules/python/model-index.js';
import { tempDir, writeFiles } from './helpers.js';

describe('ModelIndex', () => {
  const root = writeFiles(tempDir(), {
    'app/models.py': 'from pydantic import BaseModel\n\n\nclass User(BaseModel):\n    name: str\n',
    'app/pkg/__init__.py': '',
    'app/broken.py': 'class (\n',
  });
  const at = (...parts: string[]) => path.join(root, ...parts);

  it('tells files, directories and missing paths apart, also a path through a file, without throwing', () => {
    const index = new ModelIndex(root);
    expect([index.exists(at('app/models.py')), index.exists(at('app/pkg/__init__.py')), index.exists(at('app/pkg')), index.exists(at('app/datetime.py'))]).toEqual([true, true, false, false]);
    expect([index.isDirectory(at('app/pkg')), index.isDirectory(at('app/models.py')), index.isDirectory(at('app/typing'))]).toEqual([true, false, false]);
    expect([index.exists(at('app/models.py/x.py')), index.isDirectory(at('app/models.py/x'))]).toEqual([false, false]);
    expect([index.exists(path.join(root, '..', 'outside.py')), index.isDirectory(path.dirname(root))]).toEqual([false, false]);
  });

  it('summarises a module that parses, and nothing for a missing, unparsable or directory path', () => {
    const index = new ModelIndex(root);
    expect(index.summaryOf(at('app/models.py'))?.bindings.get('User')?.kind).toBe('class');
    expect([index.summaryOf(at('app/missing.py')), index.summaryOf(at('app/models.py/x.py')), index.summaryOf(at('app/broken.py')), index.summaryOf(at('app/pkg'))]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });
});
