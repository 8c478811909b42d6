import path from 'node:path';
import { findRepoRoot } from '../manifest/find-manifest.js';
import { startProvenance, type RunProvenance } from '../provenance.js';
import { loadScope, splitBySymbols } from '../scope.js';
import { readSource } from '../write.js';
import { runSuite, type SuiteRun } from './runtime-phase.js';
import type { RuntimeWarning } from './warnings.js';

/**
 * `deprecfix warnings [--scope S] -- <cmd>` (CONTRACT §12.4): the runtime half of a scan. Runs the command once with
 * capture and sorts what it emitted by site, inside the scope or not — the same measurement `fix --test` makes,
 * without rewriting anything.
 */

export interface MeasureRequest {
  cwd: string;
  command: string;
  scope?: string;
  manifest?: string;
  config?: string;
  timeoutMs: number;
  argv?: readonly string[];
}

export interface Measurement {
  repoRoot: string;
  suite: SuiteRun;
  /** With a scope: the warnings at its files; without: every warning. Hottest first. */
  warnings: RuntimeWarning[];
  /** With a scope: the warnings elsewhere (another file, a library, no repository frame). */
  outside: RuntimeWarning[];
  run: RunProvenance;
}

export async function measureWarnings(request: MeasureRequest): Promise<Measurement> {
  const cwd = path.resolve(request.cwd);
  const scope = request.scope ? loadScope({ cwd, scope: request.scope, manifest: request.manifest, config: request.config }) : undefined;
  const repoRoot = scope?.repoRoot ?? findRepoRoot(cwd) ?? cwd;
  const provenance = startProvenance({ argv: request.argv, cwd, repoRoot, manifestPath: scope?.manifestPath, withPython: true });
  await provenance.taken;
  const suite = await runSuite('before', { commands: [request.command], repoRoot, timeoutMs: request.timeoutMs, maxRuns: 1, capture: true });
  const files = scope ? new Set(scope.files) : undefined;
  const inFiles = (warning: RuntimeWarning) => !files || (warning.file !== undefined && files.has(warning.file));
  // A file narrowed by `path#Symbol` entries: only the warnings whose frame lies in a listed symbol.
  const bySymbol = splitBySymbols(scope ?? { symbols: new Map() }, suite.warnings.filter(inFiles), (file) => readSource(path.join(repoRoot, file)).text);
  const outsideSymbols = new Set(bySymbol.outside);
  return {
    repoRoot,
    suite,
    warnings: bySymbol.inScope,
    outside: suite.warnings.filter((warning) => !inFiles(warning) || outsideSymbols.has(warning)),
    run: await provenance.finish(),
  };
}
