import type { KindId } from '../kinds.js';
import type { Detector } from './detector.js';
import { findModuleUses, type ModuleUses } from './import-origins.js';
import { applySharedPolicies, type PendingFinding } from './library-references.js';
import type { RuleContext } from './report.js';
import { applySpyPolicy } from './spy-policy.js';
import { libraryGate } from './versions.js';
import type { GatedPackage } from '../project/npm-versions.js';

/**
 * The frame every import-origin detector shares: find the uses of the library (root and subpaths), apply its
 * version gate (below: nothing to report; unknown: report without a fix), let the library collect its findings,
 * apply the spy policy (a spy and the calls it observes move together, across files) and the shared policies
 * (never half a rename), and report.
 */
export function libraryDetector(
  pkg: GatedPackage,
  collect: (context: RuleContext, uses: ModuleUses) => PendingFinding[],
  fixable: (kind: KindId) => boolean,
  /** The exports with a plain rename (old → new): a spied one may move together with its spies. */
  renames: Readonly<Record<string, string>>,
): Detector {
  const isLibraryModule = (module: string): boolean => module === pkg || module.startsWith(`${pkg}/`);
  return (context, report) => ({
    Program() {
      if (!context.sourceCode.text.includes(pkg)) return;
      const uses = findModuleUses(context, isLibraryModule);
      if (uses.sources.length === 0 && uses.mocks.length === 0) return;
      const gate = libraryGate(context, pkg);
      if (gate === 'below') return;
      const findings = collect(context, uses);
      applySpyPolicy(context, pkg, findings, renames, fixable);
      applySharedPolicies(findings, fixable);
      for (const { detection } of findings) {
        if (gate === 'unknown') {
          detection.reason = 'version-unknown';
          delete detection.group;
        }
        report(detection);
      }
    },
  });
}
