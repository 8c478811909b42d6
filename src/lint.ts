import { Linter } from 'eslint';
import tsParser from '@typescript-eslint/parser';
import type { Program } from 'typescript';
import ts = require('typescript'); // require: see src/project.ts
import plugin, { PYTHON_FILES, SOURCE_FILES } from '../rules/index.js';
import { KINDS, messageWithoutSafety, parseMessageId, PLUGIN_PREFIX, reasonOfMessage, repairOfMessage, RULES, type FixSafety, type KindId, type KindInfo, type RuleName } from '../rules/kinds.js';
import path from 'node:path';
import { formatSize } from './files.js';
import { preparedConfig } from './eslint-config-array.js';
import { toPosix } from '../rules/project/paths.js';
import { printablePath } from '../rules/project/paths.js';
import { createSourceProject, type SourceFileCache, type SourceProject } from './project.js';
import { programRoots } from './program-roots.js';
import type { Progress } from './progress.js';
import { readSource, type SourceText } from './write.js';
import { isPythonFile } from './languages.js';
import { checkPythonSyntax, type SyntaxCheckMode } from './python-syntax-check.js';
import type { TextEdit } from '../transforms/edit.js';
import { modelMethodsOf, type DeprecfixConfig } from './config.js';
import { modelMethodNames } from '../rules/no-legacy-serialization.js';
import { ModelConfigError, resolveModelClasses } from '../transforms/model-methods.js';
import { UsageError } from './errors.js';
import { filesNaming, repositoryNeedles, repositoryScripts, runNeedles, type RepositoryScripts, type RunNeedles } from './run-needles.js';

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
  const modelMethods = ruleNames.includes('no-legacy-serialization') ? modelMethodsOf(options.config) : [];
  if (options.program && modelMethods.length > 0) checkModelClasses(options.program, modelMethods, options.repoRoot);
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
  const config = preparedConfig([
    {
      plugins: { [PLUGIN_PREFIX]: plugin as never },
      linterOptions: { reportUnusedDisableDirectives: 'off' },
      settings: { [PLUGIN_PREFIX]: { python: options.config?.python ?? {}, ...(options.rewriteSet ? { rewriteSet: options.rewriteSet } : {}) } },
    },
    {
      files: SOURCE_FILES,
      languageOptions: {
        parser: tsParser as never,
        // `lib: []`: the scope manager would otherwise declare every lib global in every file (~0.3 ms a file); the
        // rules treat an unresolved name as the global, exactly as they treat a lib variable, so nothing changes.
        parserOptions: { ...(options.program ? { programs: [options.program] } : {}), lib: [] },
      },
      rules: levels('ts/js'),
    },
    { files: PYTHON_FILES, language: `${PLUGIN_PREFIX}/python`, rules: levels('python') },
  ], options.repoRoot);
  const result: LintResult = { findings: [], edits: new Map(), failures: [] };
  const words = options.needles ?? runNeedles(options.program, ruleNames, options.config);
  const mayHaveFindings = options.prefilter === false ? () => true : findingFilter(ruleNames, words);
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
      if (!isPythonFile(input.file) && !mayHaveFindings(input.text)) {
        // Not linted; a syntax error is still reported, as ESLint would report it.
        const syntaxError = syntaxErrorOf(options.program, input);
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

/**
 * A cheap test that a text of one language may hold a finding of the enabled rules: it contains some kind's needle
 * (the name its detector matches). In TS/JS only an escape (`\u0067etYear`, `'\x63lass-transformer'`) could spell a
 * name without its letters, so a text with one is always linted; a Python name has no escapes. `words`: a kind's
 * needles given by the run (`src/run-needles.ts`); a kind with neither is looked for in every file.
 */
export function findingFilter(
  rules: readonly RuleName[],
  words: Partial<Record<KindId, readonly string[]>> = {},
  language: 'ts/js' | 'python' = 'ts/js',
): (text: string) => boolean {
  const kinds = (Object.keys(KINDS) as KindId[]).filter((kind) => rules.includes(KINDS[kind].rule) && RULES[KINDS[kind].rule].language === language);
  const needles = kinds.map((kind): readonly string[] | undefined => {
    const info: KindInfo = KINDS[kind];
    const given = words[kind]?.map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    // A kind its options configure has no needle when they configure nothing: it is off.
    return given ?? (info.needle !== undefined ? [info.needle] : info.optionNeedles ? [] : undefined);
  });
  if (needles.some((needle) => needle === undefined)) return () => true;
  const all = [...new Set(needles.flat() as string[]), ...(language === 'ts/js' ? [String.raw`\\[ux0-7]`] : [])];
  if (all.length === 0) return () => false;
  const needle = new RegExp(all.join('|'));
  return (text) => needle.test(text);
}

/** The rules a run enables: the requested ones (default all) less those the config turns off. */
function enabledRules(options: Pick<LintOptions, 'rules' | 'config'>): RuleName[] {
  return (options.rules ?? (Object.keys(RULES) as RuleName[])).filter((name) => options.config?.rules[name] !== 'off');
}

/**
 * The configured model classes must exist where the config says (a module in the program without the class is a
 * configuration error, exit 2, before any file is linted — not an internal error in every file that calls `dict()`).
 */
function checkModelClasses(program: Program, modelMethods: Parameters<typeof resolveModelClasses>[1], repoRoot: string): void {
  try {
    resolveModelClasses(program, modelMethods, repoRoot);
  } catch (error) {
    if (error instanceof ModelConfigError) throw new UsageError(error.message, 'fix "modelMethods" in deprecfix.config.json: the module must export the class');
    throw error;
  }
}

/**
 * The first error of TypeScript's parser, which typescript-eslint reports as ESLint's parse error: from the program,
 * which parsed the file anyway, or else from a parse of its own (TypeScript's parser alone is a fraction of a lint).
 */
function syntaxErrorOf(program: Program | undefined, input: LintInput): Failure | undefined {
  // JSDoc is not parsed: its errors are never parse diagnostics, and skipping it makes the parse cheaper.
  const sourceFile =
    program?.getSourceFile(toPosix(input.absPath)) ??
    ts.createSourceFile(input.absPath, input.text, { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone });
  // `parseDiagnostics` (internal, stable; typescript-estree reads it too), not the program's syntactic diagnostics,
  // which add JS-file checks ESLint does not make.
  const [diagnostic] = (sourceFile as unknown as { parseDiagnostics: readonly ts.Diagnostic[] }).parseDiagnostics;
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

export type LoadedSource = SourceText & { absPath: string };

/** The scoped files read once, in one program, and linted: the common start of `fix` and `scan`. */
export interface LintedScope {
  sources: Map<string, LoadedSource>;
  /** The TypeScript/JavaScript files, in one program. */
  project: SourceProject;
  /** A file's current text (what was read, or its in-memory rewrite). */
  textOf(file: string): string;
  setText(file: string, text: string): void;
  lint(files: Iterable<string>): LintResult;
  first: LintResult;
}

export function lintScope(
  repoRoot: string,
  files: readonly string[],
  options: Pick<LintOptions, 'rules' | 'config' | 'rewriteSet' | 'prefilter' | 'needles'>,
  progress?: Progress,
  /** Parsed files shared with other programs of the process (`history`: the lib files, unchanged files). */
  sourceFileCache?: SourceFileCache,
): LintedScope {
  const sources = new Map<string, LoadedSource>();
  const readFailures: Failure[] = [];
  for (const file of files) {
    const absPath = path.join(repoRoot, file);
    try {
      sources.set(file, { ...readSource(absPath), absPath });
    } catch (error) {
      readFailures.push({ file, stage: 'parse', message: `cannot read: ${(error as Error).message}` });
    }
  }
  const typescript = [...sources.values()].filter(({ absPath }) => !isPythonFile(absPath));
  // The program starts from the files that may hold a finding, the only ones linted with it (src/program-roots.ts),
  // and the files where a configured model method may be overridden (read, never linted).
  const scripts = repositoryScripts(repoRoot, options.config);
  // The run's words mark TS/JS files only: a scope without one needs no scan of the repository's scripts for them.
  const scanned = !options.needles && typescript.length > 0 ? repositoryNeedles(enabledRules(options), options.config, scripts) : undefined;
  const needles = options.needles ?? scanned?.needles ?? {};
  const mayHaveFindings = options.prefilter === false ? () => true : findingFilter(enabledRules(options), needles);
  const overrideNames = scanned?.overrideNames ?? Object.values(needles).flat();
  const overrideFiles = typescript.length > 0 ? filesNaming(scripts, new Set(sources.keys()), overrideNames) : [];
  const held = typescript.map(({ absPath, text }) => ({ absPath, text }));
  const roots = [...programRoots(held, (file) => mayHaveFindings(file.text)), ...overrideFiles.map((file) => file.absPath)];
  const project = createSourceProject(repoRoot, [...held, ...overrideFiles], roots, sourceFileCache);
  // Python files live outside the TypeScript program; their current text is kept here.
  const pythonTexts = new Map([...sources].filter(([file]) => isPythonFile(file)).map(([file, source]) => [file, source.text]));
  const textOf = (file: string): string => pythonTexts.get(file) ?? project.text(sources.get(file)!.absPath);
  const setText = (file: string, text: string): void => {
    if (pythonTexts.has(file)) pythonTexts.set(file, text);
    else project.setText(sources.get(file)!.absPath, text);
  };
  const lint = (targets: Iterable<string>): LintResult => {
    const inputs = [...targets].map((file) => ({ file, absPath: sources.get(file)!.absPath, text: textOf(file) }));
    progress?.start('Linting', inputs.length);
    const program = typescript.length > 0 ? project.program() : undefined;
    return lintFiles(inputs, { repoRoot, program, ...options, needles }, () => progress?.tick(), (input) => progress?.working(largeFileDetail(input)));
  };
  const first = lint(sources.keys());
  first.failures.unshift(...readFailures);
  return { sources, project, textOf, setText, lint, first };
}

/**
 * The repository's other TS/JS files that name a configured old model method (`modelMethods`): a subclass there may
 * override it, and `model-method-rename` refuses calls an override may reach only if the program holds that file.
 * They join the program (read, never linted or written); without `modelMethods`, none.
 */
export function modelOverrideFiles(scripts: RepositoryScripts, config: DeprecfixConfig | undefined, exclude: ReadonlySet<string>): { absPath: string; text: string }[] {
  return filesNaming(scripts, exclude, config?.rules['no-legacy-serialization'] === 'off' ? [] : modelMethodNames(modelMethodsOf(config)));
}
