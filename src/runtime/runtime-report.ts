import { diffLines } from 'diff';
import type { Finding } from '../lint.js';
import type { RolledBack, SuiteRun } from './runtime-phase.js';
import type { RuntimeWarning } from './warnings.js';

/**
 * The report's `runtime` section (CONTRACT §12.3): what the project's own tests emitted before and after the
 * rewrite, site by site, with each site matched to the finding at its line — so "high-traffic" is measured — and
 * the sites no finding covers listed apart as other runtime deprecations. A site is the first frame in the
 * repository's code; after a rewrite its line is found again through a line diff of the file.
 */

export interface RuntimeRunSummary {
  /** 0 green; the first failing command's code; null when it was killed. */
  exitCode: number | null;
  durationMs: number;
  warnings: { total: number; byCategory: Record<string, number>; bySite: Record<string, number> };
}

export interface RuntimeRunEntry {
  purpose: 'before' | 'after' | 'bisect' | 'final';
  command: string;
  exitCode: number | null;
  signal?: string;
  timedOut: boolean;
  durationMs: number;
  /** Bisection runs: the rewritten files restored for this run. */
  withheld?: string[];
  outputTail: string;
}

export interface RuntimeSite {
  /** Where it fired (the line before the rewrite); absent when no frame was in the repository. */
  file?: string;
  line?: number;
  runtime: 'python' | 'node';
  category: string;
  code?: string;
  message: string;
  before: number;
  after: number;
  /** The finding at that line, when one covers it. */
  finding?: { ruleId: string; kind: string; fixed: boolean };
}

export interface RuntimeSection {
  /** The test commands joined as a shell runs them in turn. */
  command: string;
  commands: string[];
  before: RuntimeRunSummary;
  /** The tree as left: after the rewrite and any rollback. Absent when nothing ran after (dry run, red baseline). */
  after?: RuntimeRunSummary;
  rolledBack: RolledBack[];
  /** The bisection ran out of `--test-runs` before every rewrite was cleared. */
  exhausted: boolean;
  /** Every run, in order, each with its exact command, exit code, duration and the tail of its output. */
  runs: RuntimeRunEntry[];
  /** Sites a finding covers, hottest first. */
  sites: RuntimeSite[];
  /** Sites no rule covers: a library's own deprecation, a deprecation deprecfix has no rule for. */
  other: RuntimeSite[];
  /** The last run's output tail. */
  outputTail: string;
}

export interface RuntimeInputs {
  commands: readonly string[];
  before: SuiteRun;
  /** The runs after the rewrite (the "after" run and bisection runs), and the one that describes the final tree. */
  suites: readonly SuiteRun[];
  final?: SuiteRun;
  rolledBack: readonly RolledBack[];
  exhausted: boolean;
  findingsBefore: readonly Finding[];
  findingsAfter: readonly Finding[];
  /** The texts of each file that stayed rewritten: before and after, to find a site's line again. */
  rewritten: ReadonlyMap<string, { before: string; after: string }>;
}

export function buildRuntimeSection(inputs: RuntimeInputs): RuntimeSection {
  const lineMaps = new Map([...inputs.rewritten].map(([file, texts]) => [file, lineMap(texts.before, texts.after)]));
  const afterLine = (file: string | undefined, line: number | undefined): number | undefined =>
    file === undefined || line === undefined ? line : lineMaps.has(file) ? lineMaps.get(file)!.get(line) : line;
  const afterHits = new Map((inputs.final?.warnings ?? []).map((warning) => [siteKey(warning, warning.line), warning]));
  const fixedFiles = new Set(inputs.rewritten.keys());

  const matchedAfter = new Set<string>();
  const sites: RuntimeSite[] = [];
  const other: RuntimeSite[] = [];
  for (const warning of inputs.before.warnings) {
    const key = siteKey(warning, afterLine(warning.file, warning.line));
    const after = afterHits.get(key);
    if (after) matchedAfter.add(key);
    const finding = coveringFinding(inputs.findingsBefore, warning);
    const remains = finding ? coveringFinding(inputs.findingsAfter, { file: warning.file, line: afterLine(warning.file, warning.line) }) : undefined;
    const site = siteOf(warning, warning.hits, after?.hits ?? 0, finding && { ruleId: finding.ruleId, kind: finding.kind, fixed: fixedFiles.has(finding.file) && !remains });
    (finding ? sites : other).push(site);
  }
  for (const warning of inputs.final?.warnings ?? []) {
    if (matchedAfter.has(siteKey(warning, warning.line))) continue;
    const finding = coveringFinding(inputs.findingsAfter, warning);
    const site = siteOf(warning, 0, warning.hits, finding && { ruleId: finding.ruleId, kind: finding.kind, fixed: false });
    (finding ? sites : other).push(site);
  }
  const byHeat = (a: RuntimeSite, b: RuntimeSite) => b.before + b.after - (a.before + a.after) || (a.file ?? '').localeCompare(b.file ?? '') || (a.line ?? 0) - (b.line ?? 0);
  const suites = [inputs.before, ...inputs.suites];
  const runs = suites.flatMap((suite) => suite.runs.map((run): RuntimeRunEntry => ({
    purpose: run.purpose,
    command: run.command,
    exitCode: run.exitCode,
    ...(run.signal ? { signal: run.signal } : {}),
    timedOut: run.timedOut,
    durationMs: run.durationMs,
    ...(run.withheld ? { withheld: run.withheld } : {}),
    outputTail: run.outputTail,
  })));
  return {
    command: inputs.commands.join(' && '),
    commands: [...inputs.commands],
    before: summaryOf(inputs.before),
    ...(inputs.final ? { after: summaryOf(inputs.final) } : {}),
    rolledBack: [...inputs.rolledBack],
    exhausted: inputs.exhausted,
    runs,
    sites: sites.sort(byHeat),
    other: other.sort(byHeat),
    outputTail: runs.at(-1)?.outputTail ?? '',
  };
}

/** How often the runtime warned at a finding's lines: its `runtimeHits` (before the rewrite, or as left). */
export function runtimeHitsOf(finding: Pick<Finding, 'file' | 'line' | 'endLine'>, warnings: readonly RuntimeWarning[]): number {
  let hits = 0;
  for (const warning of warnings) {
    if (warning.file === finding.file && warning.line !== undefined && warning.line >= finding.line && warning.line <= (finding.endLine ?? finding.line)) hits += warning.hits;
  }
  return hits;
}

function summaryOf(suite: SuiteRun): RuntimeRunSummary {
  const byCategory: Record<string, number> = {};
  const bySite: Record<string, number> = {};
  let total = 0;
  for (const warning of suite.warnings) {
    total += warning.hits;
    byCategory[warning.category] = (byCategory[warning.category] ?? 0) + warning.hits;
    const site = warning.file === undefined ? '(outside the repository)' : `${warning.file}:${warning.line}`;
    bySite[site] = (bySite[site] ?? 0) + warning.hits;
  }
  return { exitCode: suite.exitCode, durationMs: suite.durationMs, warnings: { total, byCategory, bySite } };
}

function siteKey(warning: RuntimeWarning, line: number | undefined): string {
  return JSON.stringify([warning.runtime, warning.category, warning.code ?? '', warning.message, warning.file ?? '', line ?? 0]);
}

function siteOf(warning: RuntimeWarning, before: number, after: number, finding: RuntimeSite['finding']): RuntimeSite {
  return {
    ...(warning.file !== undefined ? { file: warning.file, line: warning.line } : {}),
    runtime: warning.runtime,
    category: warning.category,
    ...(warning.code ? { code: warning.code } : {}),
    message: warning.message,
    before,
    after,
    ...(finding ? { finding } : {}),
  };
}

function coveringFinding(findings: readonly Finding[], at: { file?: string; line?: number }): Finding | undefined {
  if (at.file === undefined || at.line === undefined) return undefined;
  return findings.find((finding) => finding.file === at.file && at.line! >= finding.line && at.line! <= (finding.endLine ?? finding.line));
}

/** Before line → after line for the lines a rewrite kept or changed in place (1-based). */
function lineMap(before: string, after: string): Map<number, number> {
  const map = new Map<number, number>();
  let oldLine = 1;
  let newLine = 1;
  const parts = diffLines(before, after);
  for (let index = 0; index < parts.length; index++) {
    const part = parts[index];
    const count = part.count ?? 0;
    const next = parts[index + 1];
    if (part.removed && next?.added) {
      // A changed line keeps its place: line k of the old block is line k of the new one.
      const added = next.count ?? 0;
      for (let offset = 0; offset < Math.min(count, added); offset++) map.set(oldLine + offset, newLine + offset);
      oldLine += count;
      newLine += added;
      index++;
    } else if (part.removed) oldLine += count;
    else if (part.added) newLine += count;
    else {
      for (let offset = 0; offset < count; offset++) map.set(oldLine + offset, newLine + offset);
      oldLine += count;
      newLine += count;
    }
  }
  return map;
}
