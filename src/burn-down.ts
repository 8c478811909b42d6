import { JsonFields } from './json-fields.js';

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

export interface BurnDownPoint {
  commit: string;
  shortCommit: string;
  date: string;
  subject: string;
  /** Tags on the commit (`history --tags`): the chart labels the commit with the first. */
  tags?: string[];
  inScope: { total: number };
  repository: { total: number };
  /** Files that could not be parsed at this commit: the counts there are a floor. */
  unparsed?: string[];
}

const HINT = 'pass the JSON that `deprecfix history --format json` printed';

export function parseBurnDown(text: string, file: string): BurnDown {
  const fields = new JsonFields(file, HINT);
  const fail = (field: string, problem: string): never => fields.fail(field, problem);
  const object = (value: unknown, field: string) => fields.object(value, field);
  const string = (value: unknown, field: string) => fields.string(value, field);
  const count = (value: unknown, field: string) => fields.count(value, field);
  const data = fields.parse(text);

  const root = object(data, 'the history');
  if (!Array.isArray(root.points)) fail('points', 'must be an array');
  if ((root.points as unknown[]).length === 0) fail('points', 'is empty: the range has no commit to draw');
  const points = (root.points as unknown[]).map((value, index): BurnDownPoint => {
    const at = `points[${index}]`;
    const point = object(value, at);
    const totals = (key: 'inScope' | 'repository') => {
      const part = object(point[key], `${at}.${key}`);
      return { total: count(part.total, `${at}.${key}.total`) };
    };
    const strings = (key: 'tags' | 'unparsed'): string[] | undefined => {
      if (point[key] === undefined) return undefined;
      if (!Array.isArray(point[key])) fail(`${at}.${key}`, 'must be an array');
      return (point[key] as unknown[]).map((value, i) => string(value, `${at}.${key}[${i}]`));
    };
    const tags = strings('tags');
    const unparsed = strings('unparsed');
    return {
      commit: string(point.commit, `${at}.commit`),
      shortCommit: string(point.shortCommit, `${at}.shortCommit`),
      date: string(point.date, `${at}.date`),
      subject: string(point.subject, `${at}.subject`),
      ...(tags && tags.length > 0 ? { tags } : {}),
      inScope: totals('inScope'),
      repository: totals('repository'),
      ...(unparsed && unparsed.length > 0 ? { unparsed } : {}),
    };
  });
  // `history` writes the scope as `{ spec, scopes, manifest, … }`, or null without --scope.
  const scope = root.scope === undefined || root.scope === null ? null : typeof root.scope === 'string' ? root.scope : string(object(root.scope, 'scope').spec, 'scope.spec');
  return { range: string(root.range, 'range'), scope, points };
}
