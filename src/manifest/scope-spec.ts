/**
 * The `--scope` spec: `name` · `a,b,c` · `prefixN-M` / `prefixN-prefixM` · `all`, read against a manifest's scope
 * names (in file order). An unknown name is a `UsageError` with the closest known name as a suggestion.
 */
import { editDistance } from '../edit-distance.js';
import { UsageError } from '../errors.js';
import { displayPath, type Manifest } from './manifest.js';

export function parseScopeSpec(spec: string, manifest: Manifest): string[] {
  const known = manifest.scopes.map((scope) => scope.name);
  const selected = new Set<string>();
  const parts = spec.split(',').map((part) => part.trim());
  if (parts.some((part) => part === '')) {
    throw new UsageError(`Empty scope name in --scope "${spec}".`, `Known scopes: ${listNames(known)}.`);
  }

  for (const part of parts) {
    // A scope literally named `hot-fix` or `phase10-12` wins over the range reading.
    if (known.includes(part)) selected.add(part);
    else if (part === 'all') known.forEach((name) => selected.add(name));
    else {
      const range = parseRange(part);
      if (!range) throw unknownScope(part, known, manifest);
      const missing = range.filter((name) => !known.includes(name));
      if (missing.length > 0) {
        throw new UsageError(
          `Scope range ${part} includes ${listNames(missing, 5)}, ` +
            `which ${missing.length === 1 ? 'is' : 'are'} not in ${displayPath(manifest.path)}.`,
          `Every member of a range must exist. Known scopes: ${listNames(known)}.`,
        );
      }
      range.forEach((name) => selected.add(name));
    }
  }
  return known.filter((name) => selected.has(name));
}

/** `phase10-12` or `phase10-phase12` → phase10, phase11, phase12; `phase08-10` keeps the zero padding. */
function parseRange(part: string): string[] | undefined {
  const match = /^(.*?)(\d+)-(.+)$/.exec(part);
  if (!match) return undefined;
  const [, prefix, fromDigits, rest] = match;
  const toDigits = rest.startsWith(prefix) ? rest.slice(prefix.length) : rest; // `phase10-phase12` or `phase10-12`
  if (!/^\d+$/.test(toDigits)) return undefined;
  const from = Number(fromDigits);
  const to = Number(toDigits);
  if (to < from) {
    throw new UsageError(
      `Scope range ${part} ends before it starts (${to} < ${from}).`,
      `Write it as ${prefix}${toDigits}-${fromDigits}.`,
    );
  }
  const width = fromDigits.startsWith('0') ? fromDigits.length : 0;
  return Array.from({ length: to - from + 1 }, (_, index) => prefix + String(from + index).padStart(width, '0'));
}

function unknownScope(part: string, known: string[], manifest: Manifest): UsageError {
  const suggestion = closestName(part, known);
  return new UsageError(
    `Unknown scope ${part} in ${displayPath(manifest.path)}.${suggestion ? ` Did you mean ${suggestion}?` : ''}`,
    `Known scopes: ${listNames(known)}. Specs: name, a,b,c, prefixN-M, all.`,
  );
}

function closestName(name: string, candidates: string[]): string | undefined {
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = candidate.toLowerCase() === name.toLowerCase() ? 0 : editDistance(name, candidate);
    if (distance <= Math.max(1, Math.floor(name.length / 3)) && (!best || distance < best.distance)) {
      best = { candidate, distance };
    }
  }
  return best?.candidate;
}

function listNames(names: string[], limit = 20): string {
  if (names.length === 0) return '(none)';
  const shown = names.slice(0, limit).join(', ');
  return names.length > limit ? `${shown} and ${names.length - limit} more` : shown;
}
