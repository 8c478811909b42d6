import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import type { ReasonId } from '../kinds.js';
import { readReferences, renameConflict, type ExportBinding, type ModuleSource, type ModuleUses } from '../util/import-origins.js';
import { referencesOfExports, type LibraryReference, type PendingFinding } from '../util/library-references.js';
import type { RuleContext } from '../util/report.js';
import { libraryDetector } from '../util/library-detector.js';
import { libraryVersionText } from '../util/versions.js';
import { DATE_FNS_TZ } from '../../transforms/rewrite/date-fns-tz.js';

/**
 * `date-fns-tz-rename`: `zonedTimeToUtc` / `utcToZonedTime` (and the `fp` `…WithOptions` variants), renamed to
 * `fromZonedTime` / `toZonedTime` in date-fns-tz 3.0.0, which removed the old names: on 3.x every old reference
 * is broken code that the rename repairs. Matched by import origin (named, aliased, namespace, require,
 * destructuring, the old function subpaths such as `date-fns-tz/zonedTimeToUtc`) and gated on ≥ 3.0.0.
 * Every rename is therefore a repair (`KINDS`), and each finding says what fails without it.
 */

/** What the old code does on the installed 3.x: the export (or subpath module) is gone. */
function repairOf(context: RuleContext, name: string): string {
  return `${libraryVersionText(context, 'date-fns-tz')} no longer has \`${name}\` (the import is undefined or fails to resolve, so the code raises)`;
}

const RENAMES = DATE_FNS_TZ.renames;

export const detectDateFnsTz = libraryDetector(
  'date-fns-tz',
  (context, uses) => [
    ...referencesOfExports(uses, (name) => RENAMES[name] !== undefined).map((reference) => findingOf(context, uses, reference)),
    ...uses.sources.flatMap((source) => functionModuleFindings(uses, source)),
  ].map((finding) => {
    finding.detection.repairs = repairOf(context, finding.detection.data?.name ?? finding.exportName);
    return finding;
  }),
  () => true,
  RENAMES,
);

function findingOf(context: RuleContext, uses: ModuleUses, reference: LibraryReference): PendingFinding {
  const name = reference.exportName;
  const moved = reference.source && DATE_FNS_TZ.moveSubpath(reference.source.module) ? reference.source.literal : undefined;
  const finding: PendingFinding = {
    detection: { node: reference.node, kind: 'date-fns-tz-rename', data: { name, replacement: RENAMES[name]! } },
    exportName: name,
    unit: moved,
  };
  if (reference.via === 'string') finding.stringReference = true;
  if (reference.via === 'reexport') {
    if (!reference.renamedOnExport) finding.detection.reason = 'reexport';
    if (reference.binding) finding.unit = moved ?? reference.binding;
  }
  if (reference.via === 'binding') {
    finding.unit = moved ?? reference.binding;
    finding.detection.reason = renameConflict(context, uses, reference.binding!, RENAMES[name]!);
  }
  return finding;
}

/**
 * An old function subpath (`date-fns-tz/zonedTimeToUtc`, whose module value was the function): the literal is
 * a finding, and so is every reference of the function bound from it (a default import, `{ default as f }`,
 * `const f = require(…)`). They move together to `date-fns-tz/fromZonedTime`, where the function is a named
 * export.
 */
function functionModuleFindings(uses: ModuleUses, source: ModuleSource): PendingFinding[] {
  const target = DATE_FNS_TZ.moveSubpath(source.module);
  if (!target?.defaultExport) return [];
  const oldName = Object.keys(RENAMES).find((old) => RENAMES[old] === target.defaultExport)!;
  const unit = source.literal;
  const findings: PendingFinding[] = [
    {
      detection: { node: source.literal, kind: 'date-fns-tz-rename', data: { name: source.module, replacement: target.module } },
      exportName: oldName,
      unit,
      blocksUnit: true,
    },
  ];
  const reference = (node: PendingFinding['detection']['node']): PendingFinding => ({
    detection: { node, kind: 'date-fns-tz-rename', data: { name: oldName, replacement: target.defaultExport! } },
    exportName: oldName,
    unit,
  });

  let reason: ReasonId | undefined;
  if (source.owner.type === AST_NODE_TYPES.ExportNamedDeclaration || source.owner.type === AST_NODE_TYPES.ExportAllDeclaration) reason = 'reexport';
  const defaults: ExportBinding[] = uses.exports.filter((binding) => binding.source === source && binding.imported === 'default');
  for (const binding of defaults) findings.push(...readReferences(binding.variable).map(reference));
  for (const object of uses.objects.filter((candidate) => candidate.source === source)) {
    // Only `const f = require(…)` holds the function itself; a namespace or an inline use cannot become a named import.
    if (object.kind !== 'value' || !object.variable) reason ??= 'unsupported-form';
    else findings.push(...readReferences(object.variable).map(reference));
  }
  const bound = uses.exports.some((binding) => binding.source === source) || uses.objects.some((object) => object.source === source);
  if (!bound) reason ??= 'unsupported-form'; // loaded for its side effects, or its promise used directly
  findings[0]!.detection.reason = reason;
  return findings;
}
