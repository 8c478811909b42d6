import { Linter } from 'eslint';
import type { Program } from 'typescript';
import { PYTHON_FILES, SOURCE_FILES } from '../rules/file-globs.js';
import { pythonLanguage, pythonRules } from '../rules/python-rules.js';
import { messageWithoutSafety, parseMessageId, PLUGIN_PREFIX, reasonOfMessage, repairOfMessage, RULES, type FixSafety, type KindId, type RuleName } from '../rules/kinds.js';
import { TOOL_VERSION } from '../rules/package.js';
import { formatSize } from './files.js';
import { preparedConfig } from './eslint-config-array.js';
import { toPosix } from '../rules/project/paths.js';
import { printablePath } from '../rules/project/paths.js';
import { isPythonFile } from './languages.js';
import { checkPythonSyntax, type SyntaxCheckMode } from './python-syntax-check.js';
import type { TextEdit } from '../transforms/edit.js';
import { modelMethodsOf, type DeprecfixConfig } from './config.js';
import { UsageError } from './errors.js';
import type { RunNeedles } from './run-needles.js';
import { findingFilter } from './needle-filter.js';
import { parseDiagnosticsOf } from './parse-diagnostics.js';

export { findingFilter };
import { typeScriptSide, type TypeScriptSide } from './typescript-side.js';

/** A file a stage could not process: it is skipped, the rest of the run goes on (exit 3). Later stages add their own. */
export interface Failure {
  file: string;
  line?: number;
  /** `test`: a rewrite rolled back because the project's tests failed with it (`fix --test`). */
  stage: 'parse' | 'rewrite' | 'type-check' | 'write' | 'test';
  message: string;
}

/** One ESLint message from a deprecfix rule (CONTRACT §4). Positions are ESLint's: 1-based lines and columns. */
export interface Finding {
  /** Repository-relative POSIX path. */
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** `deprecfix/<rule>`. */
  ruleId: string;
  kind: KindId;
  message: string;
  fix: FixSafety;
  reason?: string;
  /** For `fix: "repair"`: the failure on the installed version that the rewrite repairs. */
  repairs?: string;
}

export interface LintInput {
  /** Absolute path: matched against the config and looked up in the program. */
  absPath: string;
  /** Repository-relative POSIX path, as findings name it. */
  file: string;
  /** The text to lint, without BOM; must equal the program's text of the file when a program is given. */
  text: string;
}

export interface LintResult {
  findings: Finding[];
  /**
   * The edit ESLint's fix (safe, repair) or first suggestion (unsafe) carries for a finding. Python findings are rewritten
   * with exactly these edits; TypeScript findings go through the transforms, which share the rules' code.
   */
  edits: Map<Finding, TextEdit>;
  /** Files ESLint could not parse; their findings are unknown. */
  failures: Failure[];
}

export interface LintOptions {
  repoRoot: string;
  /** The program that holds every file to lint; without one the rules see no types. */
  program?: Program;
  /** Rule names to run (`no-utcnow-date`); default all. */
  rules?: readonly RuleName[];
  /** `deprecfix.config.json`: rules turned off or given options, Python project facts. */
  config?: DeprecfixConfig;
  /**
   * The repository-relative files rewritten together in this run (`settings.deprecfix.rewriteSet`): a spied export
   * is renamed with its spies only when every file involved is among them. Unset: a spied export is always held.
   */
  rewriteSet?: readonly string[];
  /**
   * `false`: lint every file, also those no needle of an enabled kind marks (`findingFilter`). Only the precision test
   * (test/needle-prefilter.test.ts) turns it off, to prove the prefilter drops no finding; every prefilter honours it.
   */
  prefilter?: boolean;
  /**
   * Needle words of the kinds no fixed text marks (names a kind learns from the configuration or the repository,
   * `src/run-needles.ts`): a file holding one is linted, and is a root of the program. Unset: from the program.
   */
  needles?: RunNeedles;
  /** The TypeScript side, by a caller that imported it itself; else the one the run loaded (src/typescript-side.ts). */
  typescript?: TypeScriptSide;
  /** Where the syntax check of the Python files no needle marks runs (src/python-syntax-check.ts); default `auto`. */
  syntaxCheck?: SyntaxCheckMode;
}

/**
 * Lints files with the deprecfix rules through ESLint's Linter, in memory: the fix stage re-lints rewritten text
 * before anything is written. Inline `eslint-disable` comments are honoured as in plain ESLint.
 */
export function lintFiles(inputs: readonly LintInput[], options: LintOptions, onFile?: () => void, onLargeFile?: (input: LintInput) => void): LintResult {
  const linter = new Linter({ cwd: options.repoRoot });
  const ruleNames = enabledRules(options);
  // The TypeScript side only when a TS/JS file is linted (src/typescript-side.ts): a Python-only run never loads it.
  const typescript = options.typescript ?? (options.program || inputs.some((input) => !isPythonFile(input.file)) ? typeScriptSide() : undefined);
  const modelMethods = ruleNames.includes('no-legacy-serialization') ? modelMethodsOf(options.config) : [];
  if (typescript && options.program && modelMethods.length > 0) checkModelClasses(typescript, options.program, modelMethods, options.repoRoot);
  const levels = (language: 'ts/js' | 'python'): Linter.RulesRecord =>
    Object.fromEntries(
      ruleNames
        .filter((name) => RULES[name].language === language)
        .map((name) => {
          const setting = options.config?.rules[name];
          // The config's top-level `modelMethods` is this rule's option (src/config.ts `modelMethodsOf`).
          const ruleOptions = name === 'no-legacy-serialization' && modelMethods.length > 0 ? { ...(typeof setting === 'object' ? setting : {}), modelMethods } : setting;
          const level: Linter.RuleEntry = typeof ruleOptions === 'object' ? ['warn', ruleOptions] : 'warn';
          return [`${PLUGIN_PREFIX}/${name}`, level];
        }),
    );
  const plugin = {
    meta: { name: 'deprecfix', version: TOOL_VERSION, namespace: PLUGIN_PREFIX },
    rules: { ...typescript?.typescriptRules, ...pythonRules },
    languages: { python: pythonLanguage },
  };
  const config = preparedConfig([
    {
      plugins: { [PLUGIN_PREFIX]: plugin as never },
      linterOptions: { reportUnusedDisableDirectives: 'off' },
      settings: ruleSettings(options),
    },
    ...(typescript
      ? [
          {
            files: SOURCE_FILES,
            languageOptions: {
              parser: typescript.tsParser as never,
              // `lib: []`: the scope manager would otherwise declare every lib global in every file (~0.3 ms a file); the
              // rules treat an unresolved name as the global, exactly as they treat a lib variable, so nothing changes.
              parserOptions: { ...(options.program ? { programs: [options.program] } : {}), lib: [] },
            },
            rules: levels('ts/js'),
          },
        ]
      : []),
    { files: PYTHON_FILES, language: `${PLUGIN_PREFIX}/python`, rules: levels('python') },
  ], options.repoRoot);
  const result: LintResult = { findings: [], edits: new Map(), failures: [] };
  const words = options.needles ?? typescript?.runNeedles(options.program, ruleNames, options.config) ?? {};
  const needleFilter = options.prefilter === false ? () => true : findingFilter(ruleNames, words);
  // With a program, a needle file is linted only where a kind whose needle it holds could report (src/candidates.ts).
  const isCandidate = options.prefilter === false || !options.program || !typescript ? () => true : typescript.candidateFilter(options.program, ruleNames, words);
  const mayHaveFindings = (input: LintInput): boolean => needleFilter(input.text) && isCandidate(input);
  const pythonMayHaveFindings = options.prefilter === false ? () => true : findingFilter(ruleNames, {}, 'python');
  const lintOne = (input: LintInput): FileOutcome => {
    const outcome: FileOutcome = { findings: [], failures: [] };
    if (input.text.length >= LARGE_FILE_CHARS) onLargeFile?.(input);
    for (const message of withoutSecondNames(verifySafely(linter, input, config))) {
      if (isLintFailure(message)) {
        outcome.failures.push({ file: input.file, line: message.line, stage: 'parse', message: message.message });
        continue;
      }
      const finding = toFinding(input.file, message);
      if (!finding) continue;
      outcome.findings.push(finding);
      const fix = finding.fix === 'safe' || finding.fix === 'repair' ? message.fix : finding.fix === 'unsafe' ? message.suggestions?.[0]?.fix : undefined;
      if (fix) result.edits.set(finding, { start: fix.range[0], end: fix.range[1], text: fix.text });
    }
    return outcome;
  };
  // A Python file no needle marks is linted only when it fails the syntax check (ESLint then words the error), which
  // runs beside this lint in a worker when there are many (src/python-syntax-check.ts): those files come last, and
  // their outcome goes back in its place.
  const syntaxOnly: LintInput[] = [];
  // per input: its place among the texts the syntax check is given, or -1
  const syntaxSlots = inputs.map((input) => (isPythonFile(input.file) && !pythonMayHaveFindings(input.text) ? syntaxOnly.push(input) - 1 : -1));
  const outcomes: FileOutcome[] = [];
  const syntax = checkPythonSyntax(syntaxOnly.map((input) => input.text), options.syntaxCheck);
  try {
    inputs.forEach((input, at) => {
      if (syntaxSlots[at] >= 0) return;
      if (!isPythonFile(input.file) && !mayHaveFindings(input)) {
        // Not linted; a syntax error is still reported, as ESLint would report it.
        const syntaxError = typescript ? syntaxErrorOf(typescript, options.program, input) : undefined;
        outcomes[at] = { findings: [], failures: syntaxError ? [syntaxError] : [] };
      } else {
        outcomes[at] = lintOne(input);
      }
      onFile?.();
    });
    inputs.forEach((input, at) => {
      if (syntaxSlots[at] < 0) return;
      outcomes[at] = syntax.parsesCleanly(syntaxSlots[at]) ? { findings: [], failures: [] } : lintOne(input);
      onFile?.();
    });
  } finally {
    syntax.close();
  }
  for (const outcome of outcomes) {
    result.findings.push(...outcome.findings);
    result.failures.push(...outcome.failures);
  }
  return result;
}

/** What linting one file gave (its edits go straight into the result's map). */
interface FileOutcome {
  findings: Finding[];
  failures: Failure[];
}

/**
 * One call, one finding: a configured model method whose JSDoc also says `@deprecated {@link toPlain}` is found by
 * `model-method-rename` and `deprecated-helper` alike. The configured entry is the team's explicit word (and its
 * override search the same), so the `deprecated-helper` message at the same range is dropped.
 */
function withoutSecondNames(messages: Linter.LintMessage[]): Linter.LintMessage[] {
  return withoutSecondFindings(messages, (message) => message.messageId?.split('/')[0]);
}

/** The same for findings of separate lint runs (the out-of-scope totals lint the two rules apart). */
export function withoutSecondFindings<T extends { line: number; column: number; endLine?: number; endColumn?: number }>(items: T[], kindOf: (item: T) => string | undefined): T[] {
  const at = (item: T) => `${(item as { file?: string }).file ?? ''}:${item.line}:${item.column}:${item.endLine}:${item.endColumn}`;
  const modelSites = new Set(items.filter((item) => kindOf(item) === 'model-method-rename').map(at));
  if (modelSites.size === 0) return items;
  return items.filter((item) => !(kindOf(item) === 'deprecated-helper' && modelSites.has(at(item))));
}

/** From this size on a file takes seconds to lint (measured: ~3 s a MiB), so progress names it before it starts. */
const LARGE_FILE_CHARS = 256 * 1024;

/** What the progress line says about a large file. */
export function largeFileDetail(input: LintInput): string {
  return `${printablePath(input.file)} (${formatSize(input.text.length)})`;
}

/** The rules' `settings` as a run gives them: the config's Python facts, and the files rewritten together. */
export function ruleSettings(options: Pick<LintOptions, 'config' | 'rewriteSet'>): Record<string, unknown> {
  return { [PLUGIN_PREFIX]: { python: options.config?.python ?? {}, ...(options.rewriteSet ? { rewriteSet: options.rewriteSet } : {}) } };
}

/** The rules a run enables: the requested ones (default all) less those the config turns off. */
export function enabledRules(options: Pick<LintOptions, 'rules' | 'config'>): RuleName[] {
  return (options.rules ?? (Object.keys(RULES) as RuleName[])).filter((name) => options.config?.rules[name] !== 'off');
}

/**
 * The configured model classes must exist where the config says (a module in the program without the class is a
 * configuration error, exit 2, before any file is linted — not an internal error in every file that calls `dict()`).
 */
function checkModelClasses(typescript: TypeScriptSide, program: Program, modelMethods: Parameters<TypeScriptSide['resolveModelClasses']>[1], repoRoot: string): void {
  try {
    typescript.resolveModelClasses(program, modelMethods, repoRoot);
  } catch (error) {
    if (error instanceof typescript.ModelConfigError) throw new UsageError(error.message, 'fix "modelMethods" in deprecfix.config.json: the module must export the class');
    throw error;
  }
}

/**
 * The first error of TypeScript's parser, which typescript-eslint reports as ESLint's parse error: from the program,
 * which parsed the file anyway, or else from a parse of its own (TypeScript's parser alone is a fraction of a lint).
 */
function syntaxErrorOf({ ts }: TypeScriptSide, program: Program | undefined, input: LintInput): Failure | undefined {
  // JSDoc is not parsed: its errors are never parse diagnostics, and skipping it makes the parse cheaper.
  const sourceFile =
    program?.getSourceFile(toPosix(input.absPath)) ??
    ts.createSourceFile(input.absPath, input.text, { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone });
  const [diagnostic] = parseDiagnosticsOf(sourceFile);
  if (!diagnostic) return undefined;
  const line = sourceFile.getLineAndCharacterOfPosition(diagnostic.start ?? 0).line + 1;
  const text = typeof diagnostic.messageText === 'string' ? diagnostic.messageText : diagnostic.messageText.messageText;
  return { file: input.file, line, stage: 'parse', message: `Parsing error: ${text}` };
}

/**
 * Whether ESLint could not lint the file, so its findings are unknown: the parser failed (ESLint's parser service
 * words every parse error "Parsing error: …"), a rule crashed (`verifySafely`), or no configuration matched (a
 * rule-less message at line 0). Other rule-less messages leave the file linted and are not deprecfix's business:
 * ESLint 10 reports `/* eslint-env *\/` and malformed inline configs as *fatal* although it linted the file.
 */
function isLintFailure(message: Linter.LintMessage): boolean {
  if (message.ruleId !== null) return false;
  if (message.line === 0) return true;
  return message.fatal === true && /^(?:Parsing error|internal error): /.test(message.message);
}

function verifySafely(linter: Linter, input: LintInput, config: Linter.Config[]): Linter.LintMessage[] {
  try {
    return linter.verify(input.text, config, { filename: input.absPath });
  } catch (error) {
    // A rule crash must not lose the rest of the run: report it against the file like a parse failure.
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return [{ ruleId: null, fatal: true, severity: 2, line: 1, column: 1, message: `internal error: ${message}` } as Linter.LintMessage];
  }
}

function toFinding(file: string, message: Linter.LintMessage): Finding | undefined {
  if (!message.ruleId?.startsWith(`${PLUGIN_PREFIX}/`) || !message.messageId) return undefined;
  const parsed = parseMessageId(message.messageId);
  if (!parsed) return undefined;
  // The message carries the reason with its placeholders filled (`spied on as 'plainToClass' in test/a.spec.ts:12`).
  const reason = parsed.fix === 'none' ? (reasonOfMessage(message.message) ?? parsed.reason) : undefined;
  return {
    file,
    line: message.line,
    column: message.column,
    endLine: message.endLine ?? message.line,
    endColumn: message.endColumn ?? message.column,
    ruleId: message.ruleId,
    kind: parsed.kind,
    message: messageWithoutSafety(message.message),
    fix: parsed.fix,
    ...(reason ? { reason } : {}),
    ...(parsed.fix === 'repair' ? { repairs: repairOfMessage(message.message) ?? 'the old code fails on the installed version' } : {}),
  };
}
