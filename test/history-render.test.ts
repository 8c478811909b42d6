import { describe, expect, it } from 'vitest';
import type { HistoryResult } from '../src/history/history.js';
import { renderHistory } from '../src/history/render.js';

/** The renderers of `deprecfix history`, from a result alone. */

const counts = (total: number) => ({ total, byRule: { 'deprecfix/no-utcnow-date': total } });

function result(points: Partial<HistoryResult['points'][number]>[]): HistoryResult {
  return {
    range: 'v1..v2',
    scope: { spec: 'p', scopes: ['p'], manifest: 'deprecfix.manifest.json', manifestFrom: 'working tree' },
    points: points.map((point, index) => ({
      commit: `${index}`.repeat(40),
      shortCommit: `${index}`.repeat(7),
      date: '2026-12-06T10:00:00+00:00',
      subject: `commit ${index}`,
      total: 0,
      inScope: counts(0),
      repository: counts(0),
      ...point,
    })),
    stats: { commits: points.length, fromCache: 0, filesLinted: 0 },
  };
}

describe('history renderers', () => {
  it('keeps a table cell whole when a subject has a pipe, a backslash or HTML, and marks unparsed files', () => {
    const markdown = renderHistory(result([{ subject: 'a | b <script> c\\d', total: 2, inScope: counts(2), repository: counts(5), unparsed: ['src/x.ts'] }]), 'markdown');
    expect(markdown).toContain('| `0000000` | 2026-12-06 | a \\| b &lt;script&gt; c\\\\d | 2 | 5 (1 unparsed) |');
    expect(markdown).toContain('- `0000000`: `src/x.ts`');
  });

  it('gives the chart a y-axis of at least 1 and a headline with the sign of the change', () => {
    const flat = renderHistory(result([{}, {}]), 'markdown');
    expect(flat).toContain('y-axis "findings" 0 --> 1');
    expect(flat).toContain('0 → 0 (±0) over 2 commits');
    const up = renderHistory(result([{ total: 1, inScope: counts(1), repository: counts(1) }, { total: 3, inScope: counts(3), repository: counts(4) }]), 'markdown');
    expect(up).toContain('1 → 3 (+2) over 2 commits');
    expect(up).toContain('    line [1, 3]\n    line [1, 4]\n');
  });

  it('says so when the range has no commits, and draws no chart', () => {
    const empty = renderHistory(result([]), 'markdown');
    expect(empty).toContain('no commits in the range');
    expect(empty).not.toContain('mermaid');
    expect(renderHistory(result([]), 'pretty')).toContain('no commits in the range');
  });

  it('writes code spans as GitHub shows them: no entity inside, a pipe escaped in a table, a backtick fenced', () => {
    const markdown = renderHistory(result([{ tags: ['release<2>', 'a|b'], subject: 'use `a<b>` *now*', unparsed: ['src/<gen>.ts', 'src/`odd`.ts'] }]), 'markdown');
    // Inside a code span GitHub shows `&lt;` as it is: the text goes in raw.
    expect(markdown).toContain('| `0000000` `release<2>` `a\\|b` | 2026-12-06 | use `a<b>` \\*now\\* |');
    expect(markdown).toContain('- `0000000`: `src/<gen>.ts`, ``src/`odd`.ts``');
    expect(markdown).not.toContain('&lt;2');
  });

  it('prints tags in the pretty table and the Markdown rows', () => {
    const tagged = result([{ tags: ['v1.2.0'] }]);
    expect(renderHistory(tagged, 'pretty')).toContain('commit 0 (v1.2.0)');
    expect(renderHistory(tagged, 'markdown')).toContain('| `0000000` `v1.2.0` |');
  });
});
