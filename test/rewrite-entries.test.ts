/**
 * What the report shows of one rewrite (`describeRewrites`): the whole lines a rewritten site touches, before and
 * after, with their indentation relative to each other kept (a Python block read without it is another program).
 */
import { describe, expect, it } from 'vitest';
import { describeRewrites } from '../src/rewrite-entries.js';
import type { Finding } from '../src/lint.js';

const finding = (line: number): Finding => ({
  file: 'app/dump.py',
  line,
  column: 9,
  endLine: line + 2,
  endColumn: 10,
  ruleId: 'deprecfix/py-pydantic-v1',
  kind: 'pydantic-v1-method',
  message: '',
  fix: 'safe',
});

describe('describeRewrites', () => {
  it('keeps the relative indentation of a multi-line site and drops only the indentation its lines share', () => {
    const before = 'def dump(m):\n    return cast(\n        m.copy(\n            update={"a": 1},\n        ),\n    )\n';
    const start = before.indexOf('m.copy(');
    const end = before.indexOf('),') + 1;
    const at = before.indexOf('copy(');
    const edits = [{ start: at, end: at + 'copy'.length, text: 'model_copy' }];
    const after = before.replace('m.copy(', 'm.model_copy(');
    const site = { start, end, kind: 'pydantic-v1-method' };
    const [entry] = describeRewrites('app/dump.py', [finding(3)], [site], [site], before, after, edits);
    expect(entry).toMatchObject({ line: 3, before: 'm.copy(\n    update={"a": 1},\n),', after: 'm.model_copy(\n    update={"a": 1},\n),' });
  });

  it('shows a one-line site without its indentation', () => {
    const before = 'def dump(m):\n    return m.dict()\n';
    const start = before.indexOf('m.dict()');
    const site = { start, end: start + 'm.dict()'.length, kind: 'pydantic-v1-method' };
    const edits = [{ start: start + 2, end: start + 6, text: 'model_dump' }];
    const [entry] = describeRewrites('app/dump.py', [finding(2)], [site], [site], before, before.replace('dict', 'model_dump'), edits);
    expect(entry).toMatchObject({ before: 'return m.dict()', after: 'return m.model_dump()' });
  });
});
