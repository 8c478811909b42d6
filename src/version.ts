import { createRequire } from 'node:module';

/** deprecfix's own version, from its package.json (two levels up from dist/src). */
export const TOOL_VERSION: string = (createRequire(import.meta.url)('../../package.json') as { version: string }).version;
