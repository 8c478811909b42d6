import { JsonFields } from './json-fields.js';
import type { HistoryPoint, RuleCounts } from './history/point.js';

/**
 * The burn-down the HTML report draws: what it reads of `deprecfix history --format json` (the finding counts at
 * each commit of a range, in the scope and in the whole repository). `report --history <file>` reads a saved one
 * with `parseBurnDown`, which checks the fields the chart uses and names the first one that is wrong.
 */

export interface BurnDown {
  range: string;
  /** The scope's spec; null when the history had no `--scope` (in scope is then the whole repository). */
  scope: string | null;
  points: BurnDownPoint[];
}

/** What the chart reads of a `HistoryPoint`: the totals, not the counts by rule. */
export type BurnDownPoint = Omit<HistoryPoint, 'total' | 'inScope' | 'repository'> & {
  inScope: Pick<RuleCounts, 'total'>;
  repository: Pick<RuleCounts, 'total'>;
};

export const BURN_DOWN_HINT = 'pass the JSON that `deprecfix history --format json` printed';

export function parseBurnDown(text: string, file: string): BurnDown {
  const fields = new JsonFields(file, BURN_DOWN_HINT);
  const root = fields.object(fields.parse(text), 'the history');
  const listed = fields.array(root.points, 'points');
  if (listed.length === 0) fields.fail('points', 'is empty: the range has no commit to draw');
  const points = listed.map((value, index): BurnDownPoint => {
    const at = `points[${index}]`;
    const point = fields.object(value, at);
    const totals = (key: 'inScope' | 'repository') => ({ total: fields.count(fields.object(point[key], `${at}.${key}`).total, `${at}.${key}.total`) });
    // Absent, or empty: the point has none.
    const strings = (key: 'tags' | 'unparsed'): string[] => fields.optionalArray(point[key], `${at}.${key}`).map((item, i) => fields.string(item, `${at}.${key}[${i}]`));
    const tags = strings('tags');
    const unparsed = strings('unparsed');
    return {
      commit: fields.string(point.commit, `${at}.commit`),
      shortCommit: fields.string(point.shortCommit, `${at}.shortCommit`),
      date: fields.string(point.date, `${at}.date`),
      subject: fields.string(point.subject, `${at}.subject`),
      ...(tags.length > 0 ? { tags } : {}),
      inScope: totals('inScope'),
      repository: totals('repository'),
      ...(unparsed.length > 0 ? { unparsed } : {}),
    };
  });
  // `history` writes the scope as `{ spec, scopes, manifest, … }`, or null without --scope.
  const scope = root.scope === undefined || root.scope === null ? null : typeof root.scope === 'string' ? root.scope : fields.string(fields.object(root.scope, 'scope').spec, 'scope.spec');
  return { range: fields.string(root.range, 'range'), scope, points };
}
