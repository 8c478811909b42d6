import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import path from 'node:path';
import ts = require('typescript'); // require: see src/project.ts
import { helperUseAt } from '../../transforms/deprecated-helper/call-site.js';
import { deprecatedNamesOf } from '../../transforms/deprecated-helper/index-names.js';
import { modulesReaching } from '../../transforms/deprecated-helper/module-path.js';
import type { Detector } from '../util/detector.js';
import { nameOf } from '../util/import-origins.js';
import { typeServicesOf } from '../util/type-services.js';
import { spiedReasonData } from '../util/spied-reason.js';
import { spyIndexFor } from '../util/spies.js';
import type { TestDouble } from '../util/spy-syntax.js';
import { SCRIPT_EXTENSION, specifierStems, toPosix } from '../project/paths.js';

/**
 * Uses of the repository's own `@deprecated` helpers (`deprecated-helper`). Only the type checker can say what a
 * name calls, but asking it about every call is slow: a callee is resolved only when its name is one the program
 * declares `@deprecated` (`deprecatedNamesOf`, one text search per program). Without a program nothing is found:
 * a name alone proves nothing.
 */
export const detectDeprecatedHelper: Detector = (context, report) => {
  const services = typeServicesOf(context);
  const program = context.sourceCode.parserServices?.program as ts.Program | null | undefined;
  const checker = services.checker;
  if (!checker || !program) return {};
  const deprecated = deprecatedNamesOf(program);
  if (deprecated.size === 0) return {};
  // The program's names, and this file's local names for them (`import { utcnow as now }`).
  let names: ReadonlySet<string> = deprecated;

  function judge(node: TSESTree.Node): void {
    const tsNode = services.tsNode(node);
    const use = tsNode && helperUseAt(checker!, tsNode, program ?? undefined);
    if (!use) return;
    // A test that spies on the helper, or mocks its module, would stop seeing these calls, one that spies on the
    // replacement would start: the call is left, with the test double named, until a human moves both (issue 10.1's
    // rule for the library renames).
    const doubles = use.fix ? testDoublesOf(context.cwd, program!, use.declaredNames, modulesReaching(checker!, tsNode.getSourceFile(), use.exportedFrom.file, use.exportedFrom.name)) : [];
    if (doubles.length > 0) {
      const reason = doubles[0]!.kind === 'member' ? 'spied' : 'module-mocked';
      report({ node, kind: 'deprecated-helper', data: { name: use.name, replacement: use.replacement }, reason, reasonData: spiedReasonData(doubles) });
      return;
    }
    report({
      node,
      kind: 'deprecated-helper',
      data: { name: use.name, replacement: use.replacement },
      ...(use.fix ? {} : { reason: use.reason, ...(use.difference ? { reasonData: { difference: use.difference } } : {}) }),
    });
  }

  return {
    Program(node: TSESTree.Program) {
      const aliases = node.body.flatMap((statement) =>
        statement.type === AST_NODE_TYPES.ImportDeclaration
          ? statement.specifiers.filter((specifier) => specifier.type === AST_NODE_TYPES.ImportSpecifier && deprecated.has(nameOf(specifier.imported))).map((specifier) => specifier.local.name)
          : [],
      );
      if (aliases.length > 0) names = new Set([...deprecated, ...aliases]);
    },
    'CallExpression, NewExpression'(node: TSESTree.CallExpression | TSESTree.NewExpression) {
      const name = calleeName(node.callee);
      if (name !== undefined && names.has(name)) judge(node);
    },
    Identifier(node: TSESTree.Identifier) {
      if (!names.has(node.name)) return;
      const value = uncalledValue(node);
      if (value) judge(value);
    },
  };
};

/**
 * The spies of the helper or the replacement by name, on any object but the platform's (a spec reaches a repository
 * function through namespaces, prototypes and instances that the lint of one file cannot follow), and the mocks of
 * the modules the call reaches it through (`modulesReaching`), each specifier resolved from its spec as the compiler
 * resolves it (else as a relative path).
 */
function testDoublesOf(root: string, program: ts.Program, names: readonly string[], modules: readonly string[]): TestDouble[] {
  const index = spyIndexFor(root);
  const targets = new Set(modules.map((module) => toPosix(module).replace(SCRIPT_EXTENSION, '')));
  let resolved = resolvedMocks.get(program);
  if (!resolved) resolvedMocks.set(program, (resolved = new Map()));
  const mocksIt = (mock: TestDouble): boolean => {
    const key = `${mock.file}\0${mock.name}`;
    let candidate = resolved.get(key);
    if (candidate === undefined) {
      const spec = path.resolve(root, mock.file);
      const file = ts.resolveModuleName(mock.name, spec, program.getCompilerOptions(), ts.sys).resolvedModule?.resolvedFileName;
      resolved.set(key, (candidate = toPosix(file ?? path.resolve(path.dirname(spec), mock.name)).replace(SCRIPT_EXTENSION, '')));
    }
    return targets.has(candidate) || targets.has(`${candidate}/index`);
  };
  // A mock's specifier has one stem, so no mock is found twice; in path and line order across the stems.
  const mocks = [...new Set([...targets].flatMap(specifierStems))].flatMap((stem) => index.moduleMocks(stem)).filter(mocksIt);
  return [...names.flatMap((name) => index.membersSpied(name)), ...mocks.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line))];
}

/** Each mock's module, resolved once a program. */
const resolvedMocks = new WeakMap<ts.Program, Map<string, string>>();

function calleeName(callee: TSESTree.Expression): string | undefined {
  if (callee.type === AST_NODE_TYPES.Identifier) return callee.name;
  if (callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed && callee.property.type === AST_NODE_TYPES.Identifier) return callee.property.name;
  return undefined;
}

/**
 * The helper passed around as a value rather than called (`arr.map(utcnow)`, `const f = utcnow`, `{ now: utcnow }`,
 * `utcnow.call(x)`): the expression naming it, or undefined for a call, a declaration, an import or a type.
 */
function uncalledValue(identifier: TSESTree.Identifier): TSESTree.Expression | undefined {
  const parent = identifier.parent;
  const value: TSESTree.Expression =
    parent?.type === AST_NODE_TYPES.MemberExpression && parent.property === identifier && !parent.computed ? parent : identifier;
  if (value === identifier && parent?.type === AST_NODE_TYPES.MemberExpression && parent.property === identifier) return undefined;
  const holder = value.parent;
  switch (holder?.type) {
    case AST_NODE_TYPES.CallExpression:
    case AST_NODE_TYPES.NewExpression:
      return holder.arguments.includes(value as TSESTree.CallExpressionArgument) ? value : undefined;
    case AST_NODE_TYPES.VariableDeclarator:
      return holder.init === value ? value : undefined;
    case AST_NODE_TYPES.AssignmentExpression:
    case AST_NODE_TYPES.AssignmentPattern:
      return holder.right === value ? value : undefined;
    case AST_NODE_TYPES.Property:
      return holder.value === value && holder.parent?.type === AST_NODE_TYPES.ObjectExpression ? value : undefined;
    case AST_NODE_TYPES.ArrowFunctionExpression:
      return holder.body === value ? value : undefined;
    case AST_NODE_TYPES.ConditionalExpression:
      return holder.test === value ? undefined : value;
    case AST_NODE_TYPES.ArrayExpression:
    case AST_NODE_TYPES.ReturnStatement:
    case AST_NODE_TYPES.LogicalExpression:
      return value;
    case AST_NODE_TYPES.MemberExpression: {
      const method = !holder.computed && holder.object === value && holder.property.type === AST_NODE_TYPES.Identifier ? holder.property.name : undefined;
      return method === 'call' || method === 'apply' || method === 'bind' ? value : undefined;
    }
    default:
      return undefined;
  }
}
