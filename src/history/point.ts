/**
 * One commit's counts in `deprecfix history`: its own module, importing nothing, so the burn-down the HTML report
 * reads (src/burn-down.ts) derives its shape from this one without importing the history stage (which imports the
 * gate, which imports the printers).
 */

export interface RuleCounts {
  total: number;
  /** Every rule that ran, 0 included, so each series of a chart has a value at every commit. */
  byRule: Record<string, number>;
}

/** One commit's counts: the shape the burn-down charts (Markdown here, the HTML report) are drawn from. */
export interface HistoryPoint {
  commit: string;
  shortCommit: string;
  date: string;
  subject: string;
  tags?: string[];
  /** The headline: `inScope.total`. */
  total: number;
  inScope: RuleCounts;
  repository: RuleCounts;
  /** Files that could not be parsed at this commit: their findings are unknown, so the counts are a floor. */
  unparsed?: string[];
}
