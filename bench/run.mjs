// `npm run bench [-- --quick] [--runs N] [--only P0,P3,...] [--size FILES] [--readme] [P0 P5 ...]`: deprecfix against the tools a team would
// use instead, on generated repositories (bench/generate.mjs). Every measurement is a cold child process (caches
// removed, fix runs on a fresh copy), timed around the spawn; peak RSS comes from the bench/rss.mjs preload.
// Scenarios run round-robin so that a slow minute on a shared machine hits every scenario alike, and every ratio
// is taken from medians of the same run. Each run is checked for real work (findings, rewrites) before it counts.
import { execFileSync, spawn } from 'node:child_process';
import { closeSync, cpSync, existsSync, openSync, readFileSync, readdirSync, rmSync, statSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { DEPRECFIX_ROOT, SCOPE_FILES, WORK_DIR, ensurePythonRepo, ensureServicePy, ensureServiceTs, ensureTsRepo } from './generate.mjs';
import { compareNotes, serviceGoals, serviceNotes, serviceScenarios } from './service-scenarios.mjs';

const BENCH_DIR = fileURLToPath(new URL('./', import.meta.url));
const RSS_PRELOAD = pathToFileURL(path.join(BENCH_DIR, 'rss.mjs')).href;
const CLI = path.join(DEPRECFIX_ROOT, 'dist/src/cli/main.js');
const ESLINT = path.join(DEPRECFIX_ROOT, 'node_modules/eslint/bin/eslint.js');
const JSCODESHIFT = path.join(DEPRECFIX_ROOT, 'node_modules/jscodeshift/bin/jscodeshift.js');
const PEER_TRANSFORM = path.join(BENCH_DIR, 'peers/jscodeshift-renames.cjs');
const TSC = path.join(DEPRECFIX_ROOT, 'node_modules/typescript/bin/tsc');
const RUFF_PEER = path.join(BENCH_DIR, 'peers/ruff-wasm.mjs');
const LOG_DIR = path.join(WORK_DIR, 'logs');
const COPY_DIR = path.join(WORK_DIR, 'copies');

/** The kinds bench/generate.mjs plants: a scan that misses one of them is broken, not fast. */
const PLANTED_KINDS = [
  'class-transformer-rename',
  'date-fns-tz-rename',
  'buffer-slice',
  'buffer-constructor',
  'annexb-togmtstring',
  'annexb-getyear',
  'json-roundtrip-clone',
];
const PYTHON_KINDS = ['pydantic-v1-method', 'utcnow-reference'];
const DEPRECFIX_RULES = ['deprecfix/no-utcnow-date', 'deprecfix/no-legacy-serialization'];

const GIB = 1024 ** 3;
const MIB = 1024 ** 2;

// ---------------------------------------------------------------------------------------------------------------
// Options

const { values: options, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    quick: { type: 'boolean', default: false },
    runs: { type: 'string' },
    only: { type: 'string' },
    readme: { type: 'boolean', default: false },
    size: { type: 'string' },
    compare: { type: 'string', multiple: true },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (options.help) {
  console.log('node bench/run.mjs [--quick] [--runs N] [--only P0,P1,P2,P3,P4,P5,ref] [--size FILES] [--readme] [GROUP...]');
  console.log('  GROUP...: the same as --only (node bench/run.mjs P0 runs the service-shaped TypeScript scenario only)');
  console.log('  --compare NAME=CLI: also run P0/P5\'s deprecfix scenarios with another build (e.g. another worktree\'s dist/src/cli/main.js), interleaved');
  process.exit(0);
}
const quick = options.quick;
const compare = (options.compare ?? []).map((entry) => {
  const [name, cli] = entry.split('=');
  if (!name || !cli || !existsSync(cli)) fail(`--compare expects NAME=PATH-TO-CLI with an existing file, got ${entry}`);
  return { name, cli: path.resolve(cli) };
});
const runs = options.runs !== undefined ? Number(options.runs) : quick ? 1 : 5;
if (!Number.isInteger(runs) || runs < 1) fail(`--runs must be a positive integer, got ${options.runs}`);
const GROUPS = ['P0', 'P1', 'P2', 'P3', 'P4', 'P5', 'ref'];
const onlyList = [...(options.only ? options.only.split(',') : []), ...positionals].map((group) => group.trim()).filter(Boolean);
const only = onlyList.length > 0 ? new Set(onlyList) : undefined;
const wants = (...groups) => !only || groups.some((group) => only.has(group));
const unknownGroups = [...(only ?? [])].filter((group) => !GROUPS.includes(group));
if (unknownGroups.length > 0) fail(`--only: unknown ${unknownGroups.join(', ')} (groups: ${GROUPS.join(', ')})`);
// P1 always compares the 20-file repository with the 2,000-file one: a scoped scan is cheap whatever the repository
// (that is the claim). The whole-repository scenarios (P2–P4, ref) use 2,000 files; --quick uses 200 so that it stays
// under two minutes on a 2-core machine; --size overrides.
const size = options.size !== undefined ? Number(options.size) : quick ? 200 : 2000;
if (!Number.isInteger(size) || size < SCOPE_FILES) fail(`--size must be an integer ≥ ${SCOPE_FILES}, got ${options.size}`);
const SIZES = { small: SCOPE_FILES, scoped: 2000, big: size };
const PYTHON_MB = 5;

function fail(message) {
  process.stderr.write(`bench: ${message}\n`);
  process.exit(1);
}

function progress(message) {
  process.stderr.write(`${message}\n`);
}

// ---------------------------------------------------------------------------------------------------------------
// Checking that a run did real work. Each returns the counts printed next to the time, or throws.

function readJson(text, what) {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`${what}: output is not JSON (${error.message}): ${text.slice(0, 200)}`);
  }
}

function expectKinds(byKind, kinds) {
  const missing = kinds.filter((kind) => !(byKind[kind] > 0));
  if (missing.length > 0) throw new Error(`no findings of kind ${missing.join(', ')} (byKind ${JSON.stringify(byKind)})`);
}

function checkDeprecfixScan(kinds, expectedFiles) {
  return ({ stdout }) => {
    const output = readJson(stdout, 'deprecfix scan');
    if (output.failures.length > 0) throw new Error(`${output.failures.length} files failed: ${JSON.stringify(output.failures[0])}`);
    if (expectedFiles !== undefined && output.files < expectedFiles) throw new Error(`scanned ${output.files} files, expected ${expectedFiles}`);
    expectKinds(output.counts.byKind, kinds);
    return { files: output.files, findings: output.findings.length, byKind: output.counts.byKind };
  };
}

function checkEslint(ruleIds) {
  return ({ stdout }) => {
    const results = readJson(stdout, 'eslint');
    const byRule = {};
    let fatal = 0;
    for (const result of results) {
      for (const message of result.messages) {
        if (message.fatal || message.ruleId === null) fatal++;
        else byRule[message.ruleId] = (byRule[message.ruleId] ?? 0) + 1;
      }
    }
    if (fatal > 0) throw new Error(`${fatal} fatal ESLint messages (parse or config errors), e.g. ${JSON.stringify(results.flatMap((r) => r.messages).find((m) => m.fatal || m.ruleId === null))}`);
    const missing = ruleIds.filter((ruleId) => !(byRule[ruleId] > 0));
    if (missing.length > 0) throw new Error(`no messages from ${missing.join(', ')} (got ${JSON.stringify(byRule)})`);
    const findings = Object.values(byRule).reduce((sum, count) => sum + count, 0);
    return { files: results.length, findings, byRule };
  };
}

function checkDeprecfixFix({ cwd }) {
  const report = readJson(readFileSync(path.join(cwd, 'deprecfix-report.json'), 'utf8'), 'deprecfix-report.json');
  if ((report.failures ?? []).length > 0) throw new Error(`${report.failures.length} files failed: ${JSON.stringify(report.failures[0])}`);
  if (!(report.before.total > 0) || report.fixed.length === 0) throw new Error(`nothing fixed (before ${report.before.total}, fixed ${report.fixed.length})`);
  if (!(report.after.total < report.before.total)) throw new Error(`after ${report.after.total} is not below before ${report.before.total}`);
  const written = gitChangedFiles(cwd);
  if (written === 0) throw new Error('the report lists fixes but git sees no changed file');
  return { files: report.scope.files.length, before: report.before.total, after: report.after.total, fixed: report.fixed.length, filesWritten: written };
}

function checkJscodeshift({ stdout, cwd }) {
  const count = (label) => Number(new RegExp(`^(\\d+) ${label}$`, 'm').exec(stdout)?.[1] ?? NaN);
  const [errors, ok, unmodified] = [count('errors'), count('ok'), count('unmodified')];
  if (Number.isNaN(ok) || errors !== 0 || ok === 0) throw new Error(`jscodeshift: ${errors} errors, ${ok} ok`);
  return { files: ok + unmodified, filesWritten: gitChangedFiles(cwd) };
}

function gitChangedFiles(cwd) {
  return execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd, encoding: 'utf8' }).split('\n').filter(Boolean).length;
}

// ---------------------------------------------------------------------------------------------------------------
// Scenarios

/**
 * A scenario: `groups` it feeds (P1…P5, ref), the repository, and a node script with arguments run with cwd = the
 * repository (or a fresh copy of it, for the ones that write).
 */
function defineScenarios(repos) {
  const { small, scoped, big, python } = repos;
  const tools = { CLI, ESLINT, JSCODESHIFT, PEER_TRANSFORM, TSC, checkDeprecfixFix, checkDeprecfixScan, checkEslint, checkJscodeshift, compare, RUFF_PEER, ruffWasm: process.env.BENCH_RUFF_WASM };
  // A scenario whose repository was not generated (its group not selected) is dropped.
  return [
    ...serviceScenarios(repos, tools),
    ...[
    {
      id: 'P1-small', groups: ['P1'], label: `deprecfix scan --scope bench (${SIZES.small} of ${SIZES.small} files)`,
      repo: small?.dir, script: CLI, args: ['scan', '--scope', 'bench', '--format', 'json'],
      check: checkDeprecfixScan(PLANTED_KINDS, SIZES.small),
    },
    {
      id: 'P1-big', groups: ['P1'], label: `deprecfix scan --scope bench (${SIZES.small} of ${SIZES.scoped} files)`,
      repo: scoped?.dir, script: CLI, args: ['scan', '--scope', 'bench', '--format', 'json'],
      check: checkDeprecfixScan(PLANTED_KINDS, SIZES.small),
    },
    {
      id: 'P2-deprecfix', groups: ['P2', 'P4'], label: `deprecfix scan src (${SIZES.big} files)`,
      repo: big?.dir, script: CLI, args: ['scan', 'src', '--format', 'json'],
      check: checkDeprecfixScan(PLANTED_KINDS, big?.files),
    },
    {
      id: 'P2-eslint', groups: ['P2'], label: `eslint, deprecfix configs.recommended (${SIZES.big} files)`,
      repo: big?.dir, script: ESLINT, args: ['--config', 'eslint.recommended.config.mjs', '--format', 'json', 'src'],
      check: checkEslint(DEPRECFIX_RULES),
    },
    {
      // The tree is a clean git checkout, so no --allow-dirty: the run includes the dirty-tree check a user gets.
      id: 'P3-deprecfix', groups: ['P3'], label: `deprecfix fix --scope all (${SIZES.big} files)`,
      repo: big?.dir, copy: true, script: CLI, args: ['fix', '--scope', 'all', '--format', 'json'],
      check: checkDeprecfixFix,
    },
    {
      id: 'P3-eslint', groups: ['P3'], label: `eslint, typed @typescript-eslint/no-deprecated (${SIZES.big} files)`,
      repo: big?.dir, script: ESLINT, args: ['--config', 'eslint.no-deprecated.config.mjs', '--format', 'json', 'src'],
      check: checkEslint(['@typescript-eslint/no-deprecated']),
    },
    {
      id: 'P5-python', groups: ['P5'], label: `deprecfix scan app (Python, flat, ${((python?.bytes ?? 0) / MIB).toFixed(1)} MB)`,
      repo: python?.dir, script: CLI, args: ['scan', 'app', '--format', 'json'],
      check: checkDeprecfixScan(PYTHON_KINDS),
    },
    {
      // jscodeshift forks workers (default: cores − 1); the RSS is its parent process only.
      id: 'ref-jscodeshift', groups: ['ref'], label: `jscodeshift renames, --parser=ts (${SIZES.big} files)`,
      repo: big?.dir, copy: true, script: JSCODESHIFT,
      args: ['--transform', PEER_TRANSFORM, '--no-babel', '--parser=ts', '--extensions=ts', 'src'],
      check: checkJscodeshift,
    },
    ].filter((scenario) => scenario.repo !== undefined),
  ];
}

function commandLine(scenario) {
  const script = path.relative(DEPRECFIX_ROOT, scenario.script);
  const args = scenario.args.map((arg) => (arg.startsWith('/') ? path.relative(DEPRECFIX_ROOT, arg) : arg));
  return `node ${script} ${args.join(' ')}`;
}

/** Makes the run cold: no deprecfix/ESLint cache; a writing scenario gets a fresh copy (not timed). */
function prepare(scenario) {
  rmSync(path.join(scenario.repo, 'node_modules/.cache'), { recursive: true, force: true });
  if (!scenario.copy) return scenario.repo;
  const copy = path.join(COPY_DIR, scenario.id);
  rmSync(copy, { recursive: true, force: true });
  cpSync(scenario.repo, copy, { recursive: true, verbatimSymlinks: true });
  return copy;
}

function runOnce(scenario) {
  const cwd = prepare(scenario);
  mkdirSync(LOG_DIR, { recursive: true });
  const stdoutPath = path.join(LOG_DIR, `${scenario.id}.stdout`);
  const stderrPath = path.join(LOG_DIR, `${scenario.id}.stderr`);
  const rssPath = path.join(LOG_DIR, `${scenario.id}.rss`);
  const cpuPath = path.join(LOG_DIR, `${scenario.id}.cpu`);
  rmSync(rssPath, { force: true });
  rmSync(cpuPath, { force: true });
  // Output goes to files, not pipes: the parent does no work while the child runs.
  const stdoutFd = openSync(stdoutPath, 'w');
  const stderrFd = openSync(stderrPath, 'w');
  const env = { ...process.env, BENCH_RSS_FILE: rssPath, BENCH_CPU_FILE: cpuPath, NO_COLOR: '1' };
  delete env.FORCE_COLOR;
  delete env.NODE_OPTIONS;
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['--import', RSS_PRELOAD, scenario.script, ...scenario.args], {
      cwd,
      env,
      stdio: ['ignore', stdoutFd, stderrFd],
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      const seconds = (performance.now() - started) / 1000;
      closeSync(stdoutFd);
      closeSync(stderrFd);
      const stdout = readFileSync(stdoutPath, 'utf8');
      const where = `(${commandLine(scenario)} in ${cwd}; output in ${path.relative(DEPRECFIX_ROOT, LOG_DIR)}/${scenario.id}.*)`;
      if (code !== 0) {
        const stderr = readFileSync(stderrPath, 'utf8').trim().split('\n').slice(-5).join('\n');
        return reject(new Error(`${scenario.id} exited with ${signal ?? code} ${where}\n${stderr}`));
      }
      try {
        const counts = scenario.check({ stdout, cwd });
        const rssBytes = existsSync(rssPath) ? Number(readFileSync(rssPath, 'utf8')) : null;
        const cpuSeconds = existsSync(cpuPath) ? readFileSync(cpuPath, 'utf8').split('\n').filter(Boolean).reduce((sum, line) => sum + Number(line), 0) : null;
        resolve({ seconds, cpuSeconds, rssBytes, counts });
      } catch (error) {
        reject(new Error(`${scenario.id} did not do the expected work: ${error.message} ${where}`));
      }
    });
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Statistics and goals

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function summarize(samples) {
  const seconds = samples.map((sample) => sample.seconds);
  const rss = samples.map((sample) => sample.rssBytes).filter((value) => value !== null);
  const cpu = samples.map((sample) => sample.cpuSeconds).filter((value) => value !== null && value !== undefined);
  return {
    median: median(seconds),
    cpuMedian: cpu.length ? median(cpu) : null,
    min: Math.min(...seconds),
    max: Math.max(...seconds),
    rssMedian: rss.length ? median(rss) : null,
    rssMax: rss.length ? Math.max(...rss) : null,
    counts: samples.at(-1).counts,
  };
}

function goals(stats, repos) {
  const flatBytes = repos.python?.bytes;
  const has = (...ids) => ids.every((id) => stats[id]);
  const list = serviceGoals(stats, repos);
  if (has('P1-small', 'P1-big')) {
    list.push({
      id: 'P1', name: `scope: same ${SIZES.small} files, ${SIZES.scoped}-file repo ÷ ${SIZES.small}-file repo`,
      value: stats['P1-big'].median / stats['P1-small'].median, unit: '×', goal: 1.2, better: 'lower',
    });
  }
  if (has('P2-deprecfix', 'P2-eslint')) {
    list.push({
      id: 'P2', name: `scan: deprecfix scan ÷ eslint configs.recommended (${SIZES.big} files)`,
      value: stats['P2-deprecfix'].median / stats['P2-eslint'].median, unit: '×', goal: 1.0, better: 'lower',
    });
  }
  if (has('P3-deprecfix', 'P3-eslint')) {
    list.push({
      id: 'P3', name: `job: deprecfix fix ÷ typed eslint no-deprecated (${SIZES.big} files)`,
      value: stats['P3-deprecfix'].median / stats['P3-eslint'].median, unit: '×', goal: 1.0, better: 'lower',
    });
  }
  if (has('P2-deprecfix') && stats['P2-deprecfix'].rssMedian !== null && (!only || only.has('P4') || only.has('P2'))) {
    list.push({
      // The median of the runs' peaks, like the times; the highest peak is kept next to it.
      id: 'P4', name: `memory: peak RSS of deprecfix scan (${SIZES.big} files; highest run ${fmtBytes(stats['P2-deprecfix'].rssMax)})`,
      value: stats['P2-deprecfix'].rssMedian / GIB, unit: 'GB', goal: 1.5, better: 'lower',
    });
  }
  if (has('P5-python')) {
    list.push({
      id: 'P5', name: `Python, flat repository: scan throughput (${(flatBytes / MIB).toFixed(1)} MB)`,
      value: flatBytes / MIB / stats['P5-python'].median, unit: 'MB/s', goal: 3, better: 'higher',
    });
  }
  return list.map((goal) => ({ ...goal, met: goal.better === 'lower' ? goal.value <= goal.goal : goal.value >= goal.goal }));
}

/** Cross-checks between scenarios on the same files: a disagreement is printed, since one side is then wrong. */
function crossChecks(stats) {
  const notes = [];
  const findings = (id) => stats[id]?.counts.findings;
  if (stats['P2-deprecfix'] && stats['P2-eslint'] && findings('P2-deprecfix') !== findings('P2-eslint')) {
    notes.push(`P2: deprecfix scan found ${findings('P2-deprecfix')} findings, eslint with the plugin ${findings('P2-eslint')}`);
  }
  if (stats['P2-deprecfix'] && stats['P3-deprecfix'] && stats['P3-deprecfix'].counts.before !== findings('P2-deprecfix')) {
    notes.push(`P3: fix counted ${stats['P3-deprecfix'].counts.before} findings before, scan ${findings('P2-deprecfix')} on the same files`);
  }
  return notes;
}

// ---------------------------------------------------------------------------------------------------------------
// Output

function machine() {
  const git = (...args) => {
    try {
      return execFileSync('git', args, { cwd: DEPRECFIX_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch {
      return null;
    }
  };
  const commit = git('rev-parse', '--short=12', 'HEAD');
  const dirty = git('status', '--porcelain', '--untracked-files=no');
  return {
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.availableParallelism?.() ?? os.cpus().length,
    memoryGB: Math.round((os.totalmem() / GIB) * 10) / 10,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    date: new Date().toISOString(),
    commit: commit ? `${commit}${dirty ? ' (with uncommitted changes)' : ''}` : null,
    loadAverageAtStart: os.loadavg().map((value) => Math.round(value * 100) / 100),
  };
}

const fmtSeconds = (value) => `${value.toFixed(2)} s`;
const fmtBytes = (value) => (value === null ? '–' : value >= GIB ? `${(value / GIB).toFixed(2)} GB` : `${Math.round(value / MIB)} MB`);
const fmtGoal = (goal) => `${goal.better === 'lower' ? '≤' : '≥'} ${goal.goal.toFixed(1)} ${goal.unit}`;
const fmtValue = (goal) => `${goal.value.toFixed(2)} ${goal.unit}`;
const fmtCpu = (value) => (value === null || value === undefined ? '–' : `${value.toFixed(1)} s`);

function fmtCounts(counts) {
  if ('text' in counts) return counts.text;
  if ('fixed' in counts) return `${counts.files} files in scope, ${counts.before} → ${counts.after} findings, ${counts.fixed} fixed, ${counts.filesWritten} files written`;
  if ('findings' in counts) return `${counts.files} files, ${counts.findings} findings`;
  return `${counts.files} files, ${counts.filesWritten} files written`;
}

function markdown(result) {
  const { machine: m } = result;
  const lines = [
    `Measured ${m.date.slice(0, 10)} on ${m.cpu} (${m.cores} cores, ${m.memoryGB} GB RAM), ${m.os}, Node ${m.node}, commit ${m.commit ?? 'unknown'}.`,
    `${result.runs === 1 ? 'One cold run' : `Median of ${result.runs} cold runs`} per scenario, interleaved${SIZES.big !== 2000 ? ` (${result.quick ? '`--quick`: ' : ''}P2–P4 on ${SIZES.big} files, not 2,000)` : ''}. ` +
      'Times are wall-clock seconds of the whole process; CPU is user + system seconds of all its Node processes (jscodeshift\'s workers included); peak RSS is the measured process (for jscodeshift, its parent only: it forks workers).',
    '',
    '| goal | measured | target | met |',
    '|---|---|---|---|',
    ...result.goals.map((goal) => `| **${goal.id}** ${goal.name} | ${fmtValue(goal)} | ${fmtGoal(goal)} | ${goal.met ? 'yes' : '**no**'} |`),
    '',
    '| scenario | median | min – max | CPU | peak RSS | work checked |',
    '|---|---|---|---|---|---|',
    ...Object.entries(result.scenarios).map(
      ([id, s]) => `| ${id}: ${s.label} | ${fmtSeconds(s.median)} | ${s.min.toFixed(2)} – ${s.max.toFixed(2)} | ${fmtCpu(s.cpuMedian)} | ${fmtBytes(s.rssMedian)} | ${fmtCounts(s.counts)} |`,
    ),
    ...(result.notes.length ? ['', ...result.notes.map((note) => `Note: ${note}.`)] : []),
  ];
  return `${lines.join('\n')}\n`;
}

function table(result) {
  const rows = Object.entries(result.scenarios).map(([id, s]) => [
    id, fmtSeconds(s.median), `${s.min.toFixed(2)}–${s.max.toFixed(2)}`, fmtCpu(s.cpuMedian), fmtBytes(s.rssMedian), fmtCounts(s.counts),
  ]);
  const header = ['scenario', 'median', 'min–max s', 'CPU', 'peak RSS', 'work checked'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  const line = (cells) => cells.map((cell, column) => cell.padEnd(widths[column])).join('  ').trimEnd();
  const out = [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line), ''];
  for (const goal of result.goals) {
    out.push(`${goal.id}  ${fmtValue(goal).padEnd(10)} goal ${fmtGoal(goal).padEnd(11)} ${goal.met ? 'met    ' : 'NOT met'}  ${goal.name}`);
  }
  for (const note of result.notes) out.push(`note: ${note}`);
  return out.join('\n');
}

/** The hand-written part of results.md (from `<!-- notes -->` on), kept when the measured part is rewritten. */
function notesOf(file) {
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const start = text.indexOf('<!-- notes -->');
  return start === -1 ? '' : `\n${text.slice(start)}`;
}

function updateReadme(md) {
  const readmePath = path.join(DEPRECFIX_ROOT, 'README.md');
  const text = readFileSync(readmePath, 'utf8');
  const start = text.indexOf('<!-- bench:start -->');
  const end = text.indexOf('<!-- bench:end -->');
  if (start === -1 || end === -1 || end < start) {
    progress('bench: README.md has no <!-- bench:start --> … <!-- bench:end --> markers; left unchanged');
    return;
  }
  const head = text.slice(0, start + '<!-- bench:start -->'.length);
  writeFileSync(readmePath, `${head}\n${md}${text.slice(end)}`);
  progress('bench: README.md table updated');
}

// ---------------------------------------------------------------------------------------------------------------
// Main

/** The repository with the count and bytes of its committed `extension` files under `under`. */
function withSize(repo, under, extension) {
  const files = execFileSync('git', ['ls-files', '--', under], { cwd: repo.dir, encoding: 'utf8' }).split('\n').filter((file) => file.endsWith(extension));
  return { ...repo, sourceFiles: files.length, bytes: files.reduce((sum, file) => sum + statSync(path.join(repo.dir, file)).size, 0) };
}

function pythonBytes(dir) {
  const app = path.join(dir, 'app');
  return readdirSync(app).reduce((sum, name) => sum + statSync(path.join(app, name)).size, 0);
}

async function main() {
  const benchStarted = performance.now();
  if (!existsSync(CLI)) fail(`${CLI} is missing: run \`npm run build\` first (npm run bench does)`);
  const info = machine();
  progress(`bench: ${quick ? 'quick, ' : ''}${runs} run${runs > 1 ? 's' : ''} per scenario of ${only ? [...only].join(', ') : GROUPS.join(', ')}; repositories in ${path.relative(DEPRECFIX_ROOT, WORK_DIR)}`);

  const generateStarted = performance.now();
  // Only the repositories the selected groups use (the 2,000-file one takes a while to generate).
  const pythonRepo = wants('P5') ? ensurePythonRepo(PYTHON_MB) : undefined;
  const repos = {
    small: wants('P1') ? ensureTsRepo(SIZES.small) : undefined,
    scoped: wants('P1') ? ensureTsRepo(SIZES.scoped) : undefined,
    big: wants('P2', 'P3', 'P4', 'ref') ? ensureTsRepo(SIZES.big) : undefined,
    python: pythonRepo && { ...pythonRepo, bytes: pythonBytes(pythonRepo.dir) },
    serviceTs: wants('P0') ? withSize(ensureServiceTs(), 'src', '.ts') : undefined,
    servicePy: wants('P5') ? withSize(ensureServicePy(), '.', '.py') : undefined,
  };
  const generated = Object.values(repos).filter((repo) => repo?.generated).length;
  progress(`bench: repositories ready (${generated} generated) in ${((performance.now() - generateStarted) / 1000).toFixed(1)} s`);

  const scenarios = defineScenarios(repos).filter((scenario) => !only || scenario.groups.some((group) => only.has(group)));

  const samples = Object.fromEntries(scenarios.map((scenario) => [scenario.id, []]));
  for (let round = 0; round < runs; round++) {
    // Round-robin, starting one scenario later each round, so no scenario always runs first (or right after another).
    const order = scenarios.map((_, index) => scenarios[(index + round) % scenarios.length]);
    for (const scenario of order) {
      let sample;
      try {
        sample = await runOnce(scenario);
      } catch (error) {
        fail(error.message);
      }
      samples[scenario.id].push(sample);
      progress(`  [${round + 1}/${runs}] ${scenario.id.padEnd(15)} ${fmtSeconds(sample.seconds).padStart(8)}  cpu ${fmtCpu(sample.cpuSeconds).padStart(7)}  ${fmtBytes(sample.rssBytes).padStart(7)}  ${fmtCounts(sample.counts)}`);
    }
  }
  rmSync(COPY_DIR, { recursive: true, force: true });

  const stats = {};
  for (const scenario of scenarios) {
    stats[scenario.id] = { label: scenario.label, command: commandLine(scenario), repo: path.relative(DEPRECFIX_ROOT, scenario.repo), copy: Boolean(scenario.copy), ...summarize(samples[scenario.id]), samples: samples[scenario.id] };
  }
  const result = {
    machine: { ...info, loadAverageAtEnd: os.loadavg().map((value) => Math.round(value * 100) / 100) },
    quick,
    runs,
    only: only ? [...only] : null,
    sizes: { ...SIZES, pythonBytes: repos.python?.bytes, serviceTs: repos.serviceTs && { files: repos.serviceTs.sourceFiles, bytes: repos.serviceTs.bytes }, servicePy: repos.servicePy && { files: repos.servicePy.sourceFiles, bytes: repos.servicePy.bytes } },
    scenarios: stats,
    goals: goals(stats, repos),
    notes: [...crossChecks(stats), ...serviceNotes(stats), ...compareNotes(stats)],
    seconds: Math.round((performance.now() - benchStarted) / 100) / 10,
  };

  const md = markdown(result);
  writeFileSync(path.join(BENCH_DIR, 'results.json'), `${JSON.stringify(result, null, 2)}\n`);
  writeFileSync(path.join(BENCH_DIR, 'results.md'), md + notesOf(path.join(BENCH_DIR, 'results.md')));
  console.log(table(result));
  const sizes = [
    ...(repos.small ? [`P1 on ${SIZES.small} vs ${SIZES.scoped} files`] : []),
    ...(repos.big ? [`P2–P4 and ref on ${SIZES.big} files`] : []),
    ...(repos.serviceTs ? [`P0 on the service-shaped TypeScript repository (${repos.serviceTs.sourceFiles} files, ${(repos.serviceTs.bytes / MIB).toFixed(1)} MB)`] : []),
    ...(repos.servicePy ? [`P5 on the Python service (${repos.servicePy.sourceFiles} files, ${(repos.servicePy.bytes / MIB).toFixed(1)} MB) and ${PYTHON_MB} MB of flat Python`] : []),
  ];
  console.log(`\n${sizes.join('; ')}; ${runs} run${runs > 1 ? 's' : ''} each${quick ? ' (--quick)' : ''}.`);
  console.log(`${info.cpu}, ${info.cores} cores, Node ${info.node}; load average ${info.loadAverageAtStart.join(' ')} at start, ${result.machine.loadAverageAtEnd.join(' ')} at end`);
  progress(`bench: done in ${result.seconds} s; wrote bench/results.json and bench/results.md`);
  if (options.readme) updateReadme(md);
}

await main();
