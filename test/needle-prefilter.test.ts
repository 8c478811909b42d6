/**
 * The needle prefilter (src/lint.ts `findingFilter`, and any prefilter that honours `prefilter: false`: the candidate
 * pre-pass of src/candidates.ts, which asks each needle kind's candidate test on the program) never drops
 * a file a rule would report: every fixture input, the demo repository and small generated repositories (the
 * benchmark's generators, bench/) are linted both ways — only the files holding a needle, and every file — and the
 * findings and failures must be exactly equal, with all rules on and with each rule alone (the narrowest needle set:
 * with all rules on, another kind's needle could hide a wrong one).
 */
import { repositoryNeedles, repositoryScripts } from '../src/run-needles.js';
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { KINDS, RULES, type KindInfo, type RuleName } from '../rules/kinds.js';
import { loadConfig } from '../src/config.js';
import { isPythonFile, isSourceFile } from '../src/languages.js';
import { findingFilter, type Finding, type LintResult } from '../src/lint.js';
import { lintScope } from '../src/lint-scope.js';
import { candidateFilter } from '../src/candidates.js';
import { CANDIDATE_TESTS } from '../rules/detect/candidates.js';
import { toPosix } from '../rules/project/paths.js';
import { fixtureCases, type FixtureCase } from './fixture-cases.js';
import { packageRoot, tempDir, writeFiles } from './helpers.js';
import { CURRENT_VERSIONS } from './rules/rule-tester.js';
// The benchmark's generators (plain ES modules), at a small size.
import { pythonRepoFiles, tsRepoFiles } from '../bench/generate.mjs';
import { servicePyFiles } from '../bench/service-py.mjs';
import { serviceTsFiles } from '../bench/service-ts.mjs';

const ALL_RULES = Object.keys(RULES) as RuleName[];
const rulesOf = (language: 'ts/js' | 'python'): RuleName[] => ALL_RULES.filter((rule) => RULES[rule].language === language);

/** Every supported file under `root` (node_modules left out), repository-relative. */
function sourceFiles(root: string, dir = ''): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name === '.git' ? [] : sourceFiles(root, relative);
    return isSourceFile(relative) ? [relative] : [];
  });
}

const comparable = (result: LintResult) => ({
  findings: result.findings.map((finding: Finding) => JSON.stringify(finding)).sort(),
  failures: result.failures.map((failure) => JSON.stringify(failure)).sort(),
});

/**
 * Lints `repo` once with every file linted and all rules on, then with the prefilter for all rules and for each of
 * `alone` by itself; each must equal the reference (restricted to the rules). ESLint rules are independent, so a
 * rule's findings do not depend on which others run. Returns the reference's findings and the TS/JS files that hold
 * a needle but that the candidate pre-pass skipped (with all rules on).
 */
function expectPrefilterLosesNothing(repo: string, alone: readonly RuleName[]): Finding[] & { skippedByPrePass: string[] } {
  let skippedByPrePass: string[] = [];
  const files = sourceFiles(repo).sort();
  const config = loadConfig(repo, undefined, repo);
  const options = { config, rewriteSet: files };
  const everyScope = lintScope(repo, files, { ...options, prefilter: false });
  const everyFile = everyScope.first;
  // Sharpest: a file with a finding of a kind holds that kind's own needle (with a whole rule on, another kind's
  // needle in the same file could let a wrong one pass).
  const kindsWithoutTheirNeedle = everyFile.findings
    .filter((finding) => (KINDS[finding.kind] as KindInfo).needle !== undefined && !new RegExp((KINDS[finding.kind] as KindInfo).needle!).test(readText(repo, finding.file)))
    .map((finding) => `${finding.kind} in ${finding.file}:${finding.line}`);
  expect(kindsWithoutTheirNeedle, 'findings whose file does not hold the kind’s needle').toEqual([]);
  // Just as sharp for the pre-pass: a finding's file passes its own kind's candidate test.
  const kindsTheirTestSkips = everyFile.findings
    .filter((finding) => !isPythonFile(finding.file) && CANDIDATE_TESTS[finding.kind] !== undefined)
    .filter((finding) => {
      const program = everyScope.project.program();
      const sourceFile = program.getSourceFile(toPosix(path.join(repo, finding.file)));
      return sourceFile !== undefined && !CANDIDATE_TESTS[finding.kind]!(sourceFile, program.getTypeChecker());
    })
    .map((finding) => `${finding.kind} in ${finding.file}:${finding.line}`);
  expect(kindsTheirTestSkips, 'findings whose file the kind’s candidate test skips').toEqual([]);
  for (const rules of [ALL_RULES, ...alone.map((rule) => [rule])]) {
    const scope = lintScope(repo, files, { ...options, rules });
    const prefiltered = scope.first;
    const reference = {
      ...everyFile,
      findings: everyFile.findings.filter((finding) => rules.some((rule) => finding.ruleId.endsWith(`/${rule}`))),
    };
    // The files a rule reported must all pass the filter (the clearest message when a needle is wrong) …
    {
      // With the run's words, as lintScope computes them (deprecated helpers' names, configured model methods).
      const needles = repositoryNeedles(rules, config, repositoryScripts(repo, config)).needles;
      const mayHaveFindings = findingFilter(rules, needles);
      const typescriptFiles = reference.findings.map((finding) => finding.file).filter((file) => !isPythonFile(file));
      const dropped = [...new Set(typescriptFiles)].filter((file) => !mayHaveFindings(readText(repo, file)));
      expect(dropped, `files with findings the filter for ${rules.join(', ')} drops`).toEqual([]);
      // The candidate pre-pass, on the program the lint stage built, keeps every file with a finding too.
      const typescript = files.filter((file) => !isPythonFile(file));
      if (typescript.length > 0) {
        const isCandidate = candidateFilter(scope.project.program(), rules, needles);
        const candidate = (file: string) => isCandidate({ absPath: path.join(repo, file), text: scope.textOf(file) });
        expect([...new Set(typescriptFiles)].filter((file) => !candidate(file)), `files with findings the pre-pass for ${rules.join(', ')} skips`).toEqual([]);
        if (rules === ALL_RULES) skippedByPrePass = typescript.filter((file) => mayHaveFindings(scope.textOf(file)) && !candidate(file));
      }
    }
    // … and the whole result is the same both ways.
    expect(comparable(prefiltered), `rules ${rules.join(', ')}`).toEqual(comparable(reference));
  }
  return Object.assign(everyFile.findings, { skippedByPrePass });
}

/** A file's text as the linter reads it: without a BOM. */
const readText = (repo: string, file: string): string => readFileSync(path.join(repo, file), 'utf8').replace(/^\uFEFF/, '');

/**
 * The fixture cases of `rules` that need no repository of their own, together in one repository: each input at
 * `src/<rule>/<case>/input.<ext>`, the versions every case assumes in package.json.
 */
function sharedFixtureRepo(cases: { rule: RuleName; fixture: FixtureCase }[]): string {
  const repo = tempDir();
  writeFileSync(path.join(repo, 'package.json'), JSON.stringify({ name: 'fixtures', dependencies: CURRENT_VERSIONS }));
  writeFileSync(path.join(repo, 'requirements.txt'), 'pydantic==2.5.0\n');
  for (const { rule, fixture } of cases) {
    const target = path.join(repo, 'src', rule, fixture.name, fixture.inputFile);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, fixture.input);
  }
  return repo;
}

/** A case with other files or options gets its repository, as test/fixture-cases.ts writes it. */
function ownFixtureRepo(rule: RuleName, fixture: FixtureCase): string {
  const repo = tempDir();
  writeFileSync(path.join(repo, 'package.json'), JSON.stringify({ name: 'fixture', dependencies: fixture.versions }));
  if (rule === 'py-pydantic-v1' && !('requirements.txt' in fixture.files)) writeFileSync(path.join(repo, 'requirements.txt'), 'pydantic==2.5.0\n');
  if (fixture.options.length > 0) writeFileSync(path.join(repo, 'deprecfix.config.json'), JSON.stringify({ rules: { [rule]: fixture.options[0] } }));
  writeFiles(repo, { ...fixture.files, [fixture.path]: fixture.input });
  return repo;
}

const casesOf = (language: 'ts/js' | 'python') => rulesOf(language).flatMap((rule) => fixtureCases(rule).map((fixture) => ({ rule, fixture })));
const needsOwnRepo = ({ fixture }: { fixture: FixtureCase }) => Object.keys(fixture.files).length > 0 || fixture.options.length > 0 || fixture.path !== `src/${fixture.inputFile}`;

describe('the needle prefilter drops no finding', () => {
  for (const language of ['ts/js', 'python'] as const) {
    it(`every ${language} fixture input without files of its own, in one repository`, () => {
      const cases = casesOf(language).filter((entry) => !needsOwnRepo(entry));
      expect(cases.length).toBeGreaterThan(5);
      const findings = expectPrefilterLosesNothing(sharedFixtureRepo(cases), rulesOf(language));
      // Not vacuous: every case reports something when every file is linted.
      const reported = new Set(findings.map((finding) => finding.file.split('/')[2]));
      expect(cases.map(({ fixture }) => fixture.name).filter((name) => !reported.has(name))).toEqual([]);
    });

    it(`every ${language} fixture case with files or options of its own`, () => {
      const cases = casesOf(language).filter(needsOwnRepo);
      expect(cases.length).toBeGreaterThan(0);
      for (const { rule, fixture } of cases) {
        const findings = expectPrefilterLosesNothing(ownFixtureRepo(rule, fixture), [rule]);
        expect(findings.length, fixture.name).toBeGreaterThan(0);
      }
    });
  }

  it('the demo repository', () => {
    const repo = path.join(tempDir(), 'demo-repo');
    cpSync(path.join(packageRoot, 'fixtures/demo-repo'), repo, { recursive: true });
    // Each TypeScript rule alone (the Python rules alone are the fixture cases' business: a lone Python rule
    // still builds the TypeScript program, so each pass here costs a program).
    const findings = expectPrefilterLosesNothing(repo, rulesOf('ts/js'));
    expect(new Set(findings.map((finding) => isPythonFile(finding.file)))).toEqual(new Set([true, false]));
  });

  it('a small service-shaped TypeScript repository (bench/service-ts.mjs): renames, decorators, barrels, spies', () => {
    const repo = writeFiles(tempDir(), serviceTsFiles(4));
    const findings = expectPrefilterLosesNothing(repo, rulesOf('ts/js'));
    expect(findings.some((finding) => finding.kind === 'class-transformer-rename')).toBe(true);
    // Not vacuous: the service's array `.slice`, date strings and new-style `@Transform` callbacks hold needles
    // and no finding, and the pre-pass skips those files.
    expect(findings.skippedByPrePass.length).toBeGreaterThanOrEqual(5);
  });

  it('the P1–P4 TypeScript repository at 20 files (bench/generate.mjs): every TypeScript kind it plants', () => {
    const repo = writeFiles(tempDir(), tsRepoFiles(20));
    const findings = expectPrefilterLosesNothing(repo, rulesOf('ts/js'));
    expect(new Set(findings.map((finding) => finding.kind)).size).toBeGreaterThanOrEqual(7);
  });

  it('a small Python service (bench/service-py.mjs) and a slice of the flat Python repository', () => {
    const service = writeFiles(tempDir(), servicePyFiles(6));
    expect(expectPrefilterLosesNothing(service, rulesOf('python')).length).toBeGreaterThan(0);
    const flat = writeFiles(tempDir(), pythonRepoFiles(0.02));
    expect(expectPrefilterLosesNothing(flat, rulesOf('python')).length).toBeGreaterThan(0);
  });
});
