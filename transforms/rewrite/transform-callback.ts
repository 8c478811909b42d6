import ts = require('typescript'); // require: see src/project.ts
import type { FileRewrite, Rewriter } from '../edit.js';
import { findSiteNode } from './shape.js';

/** class-transformer's `@Transform` callback change: the module, and the first version that passes one object. */
export const TRANSFORM_CALLBACK = {
  module: 'class-transformer',
  since: '0.3.2',
  /** The positional parameters of 0.3.1 and before, in order, and the object key each became. */
  keys: ['value', 'obj', 'type'],
} as const;

/**
 * A positional `@Transform` callback → one destructured parameter: `(value) => …` → `({ value }) => …`,
 * `v => …` → `({ value: v }) => …`, `function (v, o, t) {…}` → `function ({ value: v, obj: o, type: t }) {…}`. With
 * annotations the object type is spelled out (`(v: string)` → `({ value: v }: { value: string })`), which the
 * library's `TransformFnParams` is assignable to. Only the parameter list changes; the body keeps its names. The
 * detector (`rules/detect/transform-callback.ts`) has checked the form; anything else is skipped.
 */
export const rewriteTransformCallback: Rewriter = (sourceFile, sites) => {
  const result: FileRewrite = { edits: [], rewritten: [], skipped: [] };
  const text = sourceFile.text;
  for (const site of sites) {
    const callback = findSiteNode(sourceFile, site, (node): node is ts.ArrowFunction | ts.FunctionExpression => ts.isArrowFunction(node) || ts.isFunctionExpression(node));
    const params = callback?.parameters ?? [];
    const plain = params.every((param) => ts.isIdentifier(param.name) && !param.dotDotDotToken && !param.initializer && !param.questionToken);
    if (!callback || params.length === 0 || params.length > TRANSFORM_CALLBACK.keys.length || !plain) {
      result.skipped.push({ site, reason: 'not an inline callback with plain positional parameters' });
      continue;
    }
    const start = params[0].getStart(sourceFile);
    const end = params[params.length - 1].getEnd();
    // a comment between the parameters would be lost
    if (!/^[\s,]*$/.test(params.slice(1).map((param, index) => text.slice(params[index].getEnd(), param.getStart(sourceFile))).join(''))) {
      result.skipped.push({ site, reason: 'a comment between the parameters' });
      continue;
    }
    const names = params.map((param, index) => {
      const name = (param.name as ts.Identifier).text;
      const key = TRANSFORM_CALLBACK.keys[index];
      return name === key ? key : `${key}: ${name}`;
    });
    const types = params.map((param, index) => (param.type ? `${TRANSFORM_CALLBACK.keys[index]}: ${param.type.getText(sourceFile)}` : undefined));
    const annotation = types.every((type) => type !== undefined) ? `: { ${types.join('; ')} }` : '';
    const pattern = `{ ${names.join(', ')} }${annotation}`;
    // `v => …` has no parentheses to put the pattern in
    const parenthesized = text.slice(callback.getStart(sourceFile), start).includes('(');
    result.edits.push({ start, end, text: parenthesized ? pattern : `(${pattern})` });
    result.rewritten.push(site);
  }
  return result;
};
