/**
 * `import deprecfix from "deprecfix"` is the ESLint plugin (CONTRACT §9); the named exports are the programmatic
 * API of the CLI's pipeline.
 */
export { default, rules } from '../rules/index.js';
export { KINDS, REASONS, RULES, type FixSafety, type KindId, type RuleName } from '../rules/kinds.js';
export { runFix, type FixOptions, type FixOutcome } from './fix.js';
export { runScan, type ScanRequest, type ScanResult } from './scan.js';
export { rewriteSites } from '../rules/rewriters.js';
export { transformSourceFile, type MorphSourceFile } from './adapters/ts-morph.js';
export type { TransformResult } from '../transforms/apply-rewriters.js';
export type { Site, TextEdit } from '../transforms/edit.js';
export type { Finding } from './lint.js';
export type { Report } from './report.js';
export type { Scope } from './manifest/resolve-scope.js';
