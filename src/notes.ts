import { REASONS, type KindId } from '../rules/kinds.js';
import type { Finding } from './lint.js';

/** The library each version-gated kind depends on (CONTRACT §5). */
const GATED_PACKAGE: Partial<Record<KindId, string>> = {
  'class-transformer-rename': 'class-transformer',
  'class-transformer-serialize': 'class-transformer',
  'class-transformer-from-exist': 'class-transformer',
  'date-fns-tz-rename': 'date-fns-tz',
};

/** One line per library whose version could not be determined, said once however many findings it affects. */
export function versionNotes(findings: readonly Finding[]): string[] {
  const affected = new Map<string, number>();
  for (const finding of findings) {
    const pkg = GATED_PACKAGE[finding.kind];
    if (pkg && finding.reason === REASONS['version-unknown']) affected.set(pkg, (affected.get(pkg) ?? 0) + 1);
  }
  return [...affected].map(
    ([pkg, count]) =>
      `${pkg}: the version this project uses could not be determined (no node_modules/${pkg}, lockfile entry or package.json range that decides it), ` +
      `so ${count} finding${count === 1 ? '' : 's'} of it ${count === 1 ? 'is' : 'are'} reported without a fix. Install dependencies or pin ${pkg} to enable the rewrites.`,
  );
}
