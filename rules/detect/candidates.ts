import type { KindId } from '../kinds.js';
import type { CandidateTest } from '../util/candidate.js';
import { bufferConstructorCandidate, bufferSliceCandidate } from './buffer.js';
import { fakeUtcCandidates } from './fake-utc.js';
import { jsonCloneCandidate } from './json-clone.js';
import { legacyUrlCandidate } from './legacy-url.js';
import { transformCallbackCandidate } from './transform-callback.js';

/**
 * The kinds whose needle is common text (`slice`, `Transform`, `toISOString`, `parse`) and whose detector can tell cheaply,
 * from the program's SourceFile and checker, that it has nothing to report in a file (`rules/util/candidate.ts`).
 * The lint stage lints a needle file only when some kind whose needle it holds has no test here or passes it.
 */
export const CANDIDATE_TESTS: Partial<Record<KindId, CandidateTest>> = {
  'buffer-constructor': bufferConstructorCandidate,
  'buffer-slice': bufferSliceCandidate,
  ...fakeUtcCandidates,
  'class-transformer-transform-callback': transformCallbackCandidate,
  'json-roundtrip-clone': jsonCloneCandidate,
  'legacy-url-parse': legacyUrlCandidate,
};
