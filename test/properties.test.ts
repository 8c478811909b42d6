/**
 * Property tests (issue 11, "Proofs"): every fixture input, edited in ways that keep its meaning (test/mutations.ts),
 * goes through the real `fix` pipeline in a temporary repository, and the outcome must
 *  (a) parse (TypeScript's parser; for Python tree-sitter, and CPython's compiler when python3 is on the PATH),
 *  (b) be a fixed point: a second run changes nothing,
 *  (c) differ from the input only inside the allowed ranges (`allowedRanges` below says exactly which), and
 *  (d) for TS/JS, have no more TypeScript diagnostics than the input, judged by a program of its own (strict, Node's
 *      types, `checkJs`) rather than the pipeline's type-check, which is the thing under test.
 * `npm test` runs a bounded number of cases; `npm run fuzz` runs many more (DEPRECFIX_FUZZ_RUNS cases per rule).
 * A failure prints fast-check's seed and path; DEPRECFIX_FUZZ_SEED and DEPRECFIX_FUZZ_PATH replay it.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import ts = require('typescript');
import { describe, expect, it } from 'vitest';
import type { RuleName } from '../rules/kinds.js';
import { parsePython, type PyNode } from '../transforms/python/syntax.js';
import { loadConfig } from '../src/config.js';
import { runFix } from '../src/fix.js';
import { type Finding } from '../src/lint.js';
import { lintScope } from '../src/lint-scope.js';
import { isSelected, offsetOf } from '../src/plan.js';
import { fixtureCases, writeFixtureRepo, type FixtureCase } from './fixture-cases.js';
import { mutate, type Mutation } from './mutations.js';

/** Cases per rule: small in `npm test` (about a second each), as many as asked in `npm run fuzz`. */
const RUNS: Record<RuleName, number> = { 'no-utcnow-date': 7, 'no-legacy-serialization': 7, 'no-deprecated-helper': 7, 'py-utcnow': 10, 'py-pydantic-v1': 10 };
const runsOf = (rule: RuleName): number => Number(process.env.DEPRECFIX_FUZZ_RUNS) || RUNS[rule];

const mutations: fc.Arbitrary<Mutation> = fc.record({
  rename: fc.boolean(),
  renameMask: fc.nat(),
  wrap: fc.boolean(),
  comments: fc.array(fc.nat(), { maxLength: 4 }),
  blankLines: fc.array(fc.nat(), { maxLength: 3 }),
  unicode: fc.boolean(),
  tabs: fc.boolean(),
  crlf: fc.boolean(),
  shebang: fc.boolean(),
  bom: fc.boolean(),
});

for (const rule of ['no-utcnow-date', 'no-legacy-serialization', 'no-deprecated-helper', 'py-utcnow', 'py-pydantic-v1'] satisfies RuleName[]) {
  describe(`properties of ${rule} rewrites`, () => {
    const cases = fixtureCases(rule);
    const runs = runsOf(rule);
    it(`hold for ${runs} mutated fixture inputs`, { timeout: 30_000 + runs * 10_000 }, async () => {
      let rewritten = 0;
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...cases), mutations, async (fixture, mutation) => {
          if (await checkProperties(rule, fixture, mutation)) rewritten++;
        }),
        {
          numRuns: runs,
          ...(process.env.DEPRECFIX_FUZZ_SEED ? { seed: Number(process.env.DEPRECFIX_FUZZ_SEED) } : {}),
          ...(process.env.DEPRECFIX_FUZZ_PATH ? { path: process.env.DEPRECFIX_FUZZ_PATH } : {}),
        },
      );
      console.info(`${rule}: ${runs} property cases, ${rewritten} with a rewrite`);
      // The mutations keep findings findable: a harness whose inputs were never rewritten would prove nothing.
      expect(rewritten).toBeGreaterThan(0);
    });
  });
}

const BOM = '\uFEFF';

/** Runs one mutated case and checks (a)–(d); returns whether anything was rewritten. */
async function checkProperties(rule: RuleName, fixture: FixtureCase, mutation: Mutation): Promise<boolean> {
  const python = fixture.extension === '.py';
  let input = mutate(fixture.input, python, mutation);
  // The mutation itself must give a valid program, or the properties below would judge the harness.
  expect(syntaxErrors(input.replace(BOM, ''), fixture.extension), 'the mutated input parses').toEqual([]);
  const repo = writeFixtureRepo(rule, fixture, input);
  const target = path.join(repo, fixture.path);
  const findings = lintScope(repo, [fixture.path], { config: loadConfig(repo, undefined, repo), rewriteSet: [fixture.path] }).first.findings;

  const fix = () => runFix({ cwd: repo, scope: 'all', dryRun: false, unsafeFixes: fixture.unsafeFixes, allowDirty: true, repoTotals: false });
  const first = await fix();
  const written = readFileSync(target, 'utf8');
  if (written === input) return false;
  // The BOM is kept; the findings' positions and the checks below are on the text after it.
  expect(written.startsWith(BOM), 'the BOM is kept').toBe(input.startsWith(BOM));
  const output = written.replace(BOM, '');
  input = input.replace(BOM, '');

  // (a) the output parses
  expect(syntaxErrors(output, fixture.extension), '(a) the output parses').toEqual([]);
  // (b) idempotent
  const second = await fix();
  expect(second.changes.map((change) => change.file), '(b) a second run changes nothing').toEqual([]);
  expect(readFileSync(target, 'utf8')).toBe(written);
  // (c) no byte outside the allowed ranges
  const allowed = allowedRanges(input, python, findings.filter((finding) => isSelected(finding, fixture.unsafeFixes)));
  expect(changesOutside(input, output, allowed), '(c) changes outside the findings and the import block').toEqual([]);
  // (d) no new TypeScript diagnostics
  if (!python) {
      const before = typeScriptDiagnostics(repo, fixture.path, input);
    const after = typeScriptDiagnostics(repo, fixture.path, output);
      expect(after.length, `(d) diagnostics before:\n${before.join('\n')}\nafter:\n${after.join('\n')}`).toBeLessThanOrEqual(before.length);
  }
  // A rollback is the safety net working, not a broken property; it is worth a look all the same.
  for (const failure of first.report.failures) console.info(`${fixture.name}: ${failure.stage}: ${failure.message}`);
  return true;
}

// ---------------------------------------------------------------- (a) parsing

let python3: boolean | undefined;

function syntaxErrors(text: string, extension: string): string[] {
  if (extension === '.py') {
    const parsed = parsePython(text);
    if (!parsed.ok) return parsed.errors.map((error) => `tree-sitter ${error.line}:${error.column}: ${error.message}`);
    python3 ??= spawnSync('python3', ['--version'], { stdio: 'ignore' }).status === 0;
    if (!python3) return [];
    const compiled = spawnSync('python3', ['-c', 'import sys; compile(sys.stdin.buffer.read(), "<input>", "exec")'], { input: text, encoding: 'utf8' });
    return compiled.status === 0 ? [] : [`python3: ${compiled.stderr.trim().split('\n').at(-1)}`];
  }
  const sourceFile = ts.createSourceFile(`input${extension}`, text, ts.ScriptTarget.Latest, false, extension === '.js' ? ts.ScriptKind.JS : ts.ScriptKind.TS);
  const diagnostics = (sourceFile as unknown as { parseDiagnostics: readonly ts.Diagnostic[] }).parseDiagnostics;
  return diagnostics.map((diagnostic) => `TS${diagnostic.code} at ${diagnostic.start}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ')}`);
}

// ---------------------------------------------------------------- (c) where the rewrite may write

type Range = [start: number, end: number];

/**
 * Where a rewrite may change the input: the range of every finding selected for rewriting (the node the rule
 * reported, which holds every token its rewrite edits; `withCancelledAddition` is the one exception), and the import
 * block — every import declaration (`typeScriptImports`, `pythonImports`) with its line break, plus the point just
 * after the last one (or the file's start), where an import is added.
 * A range's end is inclusive for insertions (text added right after a call is still that call's rewrite).
 */
function allowedRanges(text: string, python: boolean, findings: readonly Finding[]): Range[] {
  const ranges: Range[] = findings.map((finding) => {
    const range: Range = [offsetOf(text, finding.line, finding.column), offsetOf(text, finding.endLine, finding.endColumn)];
    return finding.kind === 'annexb-getyear' ? withCancelledAddition(text, range) : range;
  });
  const imports = python ? pythonImports(text) : typeScriptImports(text);
  for (const [start, end] of imports) ranges.push([start, text[end] === '\r' ? end + 2 : text[end] === '\n' ? end + 1 : end]);
  const last = imports.at(-1);
  if (!last) ranges.push([0, 0]);
  return ranges;
}

/**
 * `d.getYear() + 1900` becomes `d.getFullYear()`: the getYear rewrite folds a `+ 1900` around the reported call
 * (either operand order), so that addition is the rewrite's range. This is the one rewrite that edits outside the
 * reported node.
 */
function withCancelledAddition(text: string, [start, end]: Range): Range {
  const sourceFile = ts.createSourceFile('input.ts', text, ts.ScriptTarget.Latest, true);
  let call: ts.Node | undefined;
  const visit = (node: ts.Node): void => {
    if (node.getStart(sourceFile) === start && node.end === end && ts.isCallExpression(node)) call = node;
    else if (node.getStart(sourceFile) <= start && end <= node.end) ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  const parent = call?.parent;
  if (!parent || !ts.isBinaryExpression(parent) || parent.operatorToken.kind !== ts.SyntaxKind.PlusToken) return [start, end];
  const other = parent.left === call ? parent.right : parent.left;
  return ts.isNumericLiteral(other) && Number(other.text) === 1900 ? [parent.getStart(sourceFile), parent.end] : [start, end];
}

/**
 * The TS/JS import block: `import`s, `import x = require()`, `const … = require()`, and destructurings of a
 * whole-module binding (`const { a } = ns` after `import * as ns`), which the renames treat as imports — the last
 * two at any depth (a function may require or destructure its own; the rename edits the binding where it is).
 */
function typeScriptImports(text: string): Range[] {
  const sourceFile = ts.createSourceFile('input.ts', text, ts.ScriptTarget.Latest, true);
  const isRequire = (expression: ts.Expression) => ts.isCallExpression(expression) && expression.expression.getText(sourceFile) === 'require';
  const modules = new Set<string>();
  for (const statement of sourceFile.statements) {
    if (ts.isImportDeclaration(statement) && statement.importClause?.namedBindings && ts.isNamespaceImport(statement.importClause.namedBindings)) {
      modules.add(statement.importClause.namedBindings.name.text);
    }
    if (ts.isImportEqualsDeclaration(statement)) modules.add(statement.name.text);
    if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        if (ts.isIdentifier(declaration.name) && declaration.initializer && isRequire(declaration.initializer)) modules.add(declaration.name.text);
      }
    }
  }
  const isImportLike = (expression: ts.Expression | undefined) => !!expression && (isRequire(expression) || (ts.isIdentifier(expression) && modules.has(expression.text)));
  const ranges: Range[] = [];
  const visit = (node: ts.Node): void => {
    const isImport =
      ts.isImportDeclaration(node) ||
      ts.isImportEqualsDeclaration(node) ||
      (ts.isVariableStatement(node) && node.declarationList.declarations.some((declaration) => isImportLike(declaration.initializer)));
    if (isImport) ranges.push([node.getStart(sourceFile), node.end]);
    else ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return ranges;
}

/** Python: every `import` and `from … import`, at any depth (a function's own import is where its names come from). */
function pythonImports(text: string): Range[] {
  const parsed = parsePython(text);
  if (!parsed.ok) return [];
  const ranges: Range[] = [];
  const visit = (node: PyNode): void => {
    if (['import_statement', 'import_from_statement', 'future_import_statement'].includes(node.type)) ranges.push([node.range[0], node.range[1]]);
    else node.children.forEach(visit);
  };
  visit(parsed.ast);
  return ranges;
}

/**
 * The parts of `before` outside every allowed range that `after` does not keep verbatim and in order. `after` passes
 * when it can be written as `kept₀ X₁ kept₁ … Xₙ keptₙ`, where the kept parts are `before` outside the (merged)
 * ranges and each X is anything: the rewrite may have replaced each range with any text, and nothing else. (A
 * character diff cannot decide this: it may place an inserted `)` after the call's own `)` rather than before it.)
 */
function changesOutside(before: string, after: string, allowed: readonly Range[]): string[] {
  const merged: Range[] = [];
  for (const [start, end] of [...allowed].sort((a, b) => a[0] - b[0] || a[1] - b[1])) {
    const last = merged.at(-1);
    if (last && start < last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  const kept: Range[] = [];
  let from = 0;
  for (const [start, end] of merged) {
    kept.push([from, start]);
    from = Math.max(from, end);
  }
  kept.push([from, before.length]);
  const describe = ([start, end]: Range, what: string) => `${what} (line ${before.slice(0, start).split('\n').length}): ${JSON.stringify(before.slice(start, end))}`;
  const first = kept[0];
  const last = kept.at(-1)!;
  if (merged.length === 0) return after === before ? [] : [describe(first, 'changed text with no allowed range')];
  if (!after.startsWith(before.slice(...first))) return [describe(first, 'the text before the first allowed range changed')];
  let position = first[1] - first[0];
  for (const segment of kept.slice(1, -1)) {
    const found = after.indexOf(before.slice(...segment), position);
    if (found === -1) return [describe(segment, 'changed text outside the allowed ranges')];
    position = found + segment[1] - segment[0];
  }
  if (kept.length > 1 && (!after.endsWith(before.slice(...last)) || after.length - (last[1] - last[0]) < position)) {
    return [describe(last, 'the text after the last allowed range changed')];
  }
  return [];
}

// ---------------------------------------------------------------- (d) TypeScript diagnostics

const NODE_TYPES = path.dirname(path.dirname(createRequire(import.meta.url).resolve('@types/node/package.json')));

/** The judge's options: strict, Node's types, JavaScript checked too, nothing emitted. */
const JUDGE_OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  strict: true,
  experimentalDecorators: true,
  allowJs: true,
  checkJs: true,
  noEmit: true,
  skipLibCheck: true,
  typeRoots: [NODE_TYPES],
  types: ['node'],
};

/** lib and @types files, parsed once for every program of the run. */
const sharedFiles = new Map<string, ts.SourceFile>();

/** Syntactic and semantic diagnostics of `file` with `text`, in a program of the repository's other files. */
function typeScriptDiagnostics(repo: string, file: string, text: string): string[] {
  const absPath = path.join(repo, file).split(path.sep).join('/');
  const host = ts.createCompilerHost(JUDGE_OPTIONS, true);
  const getSourceFile = host.getSourceFile.bind(host);
  host.readFile = ((readFile) => (name: string) => (name === absPath ? text : readFile(name)))(host.readFile.bind(host));
  host.getSourceFile = (name, languageVersion, onError) => {
    if (name === absPath) return ts.createSourceFile(name, text, languageVersion, true);
    if (name.startsWith(repo.split(path.sep).join('/'))) return getSourceFile(name, languageVersion, onError);
    const known = sharedFiles.get(name);
    if (known) return known;
    const parsed = getSourceFile(name, languageVersion, onError);
    if (parsed) sharedFiles.set(name, parsed);
    return parsed;
  };
  const program = ts.createProgram({ rootNames: [absPath], options: JUDGE_OPTIONS, host });
  const sourceFile = program.getSourceFile(absPath)!;
  return [...program.getSyntacticDiagnostics(sourceFile), ...program.getSemanticDiagnostics(sourceFile)].map(
    (diagnostic) => `TS${diagnostic.code}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ')}`,
  );
}
