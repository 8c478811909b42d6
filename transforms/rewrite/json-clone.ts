import type { Rewriter } from '../edit.js';

// Placeholder: not implemented yet.
export const rewriteJsonClone: Rewriter = (_sourceFile, sites) => ({
  edits: [],
  rewritten: [],
  skipped: sites.map((site) => ({ site, reason: 'not implemented' })),
});
