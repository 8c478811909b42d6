/**
 * What the report shows of a run's rewrites (`describeRunRewrites`): the whole lines each rewritten site touches, as
 * the file was before the run and as the run left it, with their indentation relative to each other kept (a
 * Python block read without it is another program).
 */
import { describe, expect, it } from 'vitest';
import { describeRunRewrites, type RewritePass } from '../src/rewrite-entries.js';
import type { Finding } from '../src/lint.js';

const FILE = 'app/dump.py';
const finding = (line: number, fix: Finding['fix'] = 'safe'): Finding => ({
  file: FILE,
  line,
  column: 1,
  endLine: line,
  endColumn: 1,
  ruleId: 'deprecfix/py-pydantic-v1',
  kind: 'pydantic-v1-method',
  message: '',
  fix,
});

/** A pass that replaces `old` (the first one at or after `from`) in `before` with `neu`, the site being `site` there. */
function pass(before: string, line: number, site: string, old: string, neu: string, fix: Finding['fix'] = 'safe'): RewritePass {
  const start = before.indexOf(site);
  const at = before.indexOf(old, start);
  const sites = [{ start, end: start + site.length, kind: 'pydantic-v1-method' }];
  return { file: FILE, findings: [finding(line, fix)], sites, rewritten: sites, before, after: before.slice(0, at) + neu + before.slice(at + old.length), edits: [{ start: at, end: at + old.length, text: neu }] };
}

describe('describeRunRewrites', () => {
  it('keeps the relative indentation of a multi-line site and drops only the indentation its lines share', () => {
    const before = 'def dump(m):\n    return cast(\n        m.copy(\n            update={"a": 1},\n        ),\n    )\n';
    const [entry] = describeRunRewrites([pass(before, 3, 'm.copy(\n            update={"a": 1},\n        )', 'copy(', 'model_copy(')]);
    expect(entry).toMatchObject({ line: 3, before: 'm.copy(\n    update={"a": 1},\n),', after: 'm.model_copy(\n    update={"a": 1},\n),' });
  });

  it('shows a one-line site without its indentation', () => {
    const [entry] = describeRunRewrites([pass('def dump(m):\n    return m.dict()\n', 2, 'm.dict()', 'dict', 'model_dump')]);
    expect(entry).toMatchObject({ before: 'return m.dict()', after: 'return m.model_dump()' });
  });

  it('reads a nested site rewritten in a later pass from the original and the final text, not from a pass between', () => {
    // pass 1 repairs the outer call (adding a keyword after the inner one), pass 2 renames the inner call
    const original = 'r = Out.from_orm(\n    a.copy(\n        update={},\n    ),\n)\n';
    const outer = pass(original, 1, 'Out.from_orm(\n    a.copy(\n        update={},\n    ),\n)', '),\n)', '), from_attributes=True,\n)', 'repair');
    outer.edits = [...outer.edits, { start: original.indexOf('from_orm'), end: original.indexOf('from_orm') + 'from_orm'.length, text: 'model_validate' }].sort((a, b) => a.start - b.start);
    outer.after = original.replace('from_orm', 'model_validate').replace('),\n)', '), from_attributes=True,\n)');
    const inner = pass(outer.after, 2, 'a.copy(\n        update={},\n    )', 'copy(', 'model_copy(');
    const final = 'r = Out.model_validate(\n    a.model_copy(\n        update={},\n    ), from_attributes=True,\n)\n';
    expect(inner.after).toBe(final);
    const entries = describeRunRewrites([outer, inner]);
    expect(entries.map(({ line, before, after }) => ({ line, before, after }))).toEqual([
      { line: 1, before: original.trimEnd(), after: final.trimEnd() },
      { line: 2, before: 'a.copy(\n    update={},\n),', after: 'a.model_copy(\n    update={},\n), from_attributes=True,' },
    ]);
  });
});
