// Scenarios P0 and P5 (issue 16): the service-shaped repositories of bench/service-ts.mjs and bench/service-py.mjs.
// P0 runs `deprecfix fix` on the TypeScript service next to what a team would run instead (typed ESLint with
// `@typescript-eslint/no-deprecated` only, the jscodeshift rename transform) and next to the compiler alone
// (`tsc --noEmit`, and `tsc --noEmit --noCheck`: parse and bind). P5 scans the Python service.

/** What a `tsc --extendedDiagnostics` run printed: it must have loaded the service and found no error. */
function checkTsc(minFiles) {
  return ({ stdout }) => {
    const number = (label) => Number(new RegExp(`^${label}:\\s+([\\d.]+)`, 'm').exec(stdout)?.[1] ?? NaN);
    const files = number('Files');
    if (!(files >= minFiles)) throw new Error(`tsc loaded ${files} files, expected at least ${minFiles}`);
    if (/error TS\d+/.test(stdout)) throw new Error(`tsc reported errors: ${/.*error TS\d+.*/.exec(stdout)[0]}`);
    const stages = ['Parse time', 'Bind time', 'Check time'].filter((label) => !Number.isNaN(number(label)));
    return { files, text: `${files} files, 0 errors; ${stages.map((label) => `${label.replace(' time', '').toLowerCase()} ${number(label).toFixed(1)} s`).join(', ')}` };
  };
}

/**
 * The P0 and P5 scenarios. `repos.serviceTs`/`repos.servicePy` are the generated repositories; `tools` has the
 * script paths and the checks run.mjs defines for the other scenarios.
 */
export function serviceScenarios(repos, tools) {
  const { serviceTs, servicePy } = repos;
  const list = [];
  if (serviceTs) {
    const files = serviceTs.sourceFiles;
    list.push(
      {
        // A clean checkout of the service, fresh for every run: count, rewrite, type-check, recount, write.
        id: 'P0-deprecfix', groups: ['P0'], label: `deprecfix fix --scope all (service, ${files} files)`,
        repo: serviceTs.dir, copy: true, script: tools.CLI, args: ['fix', '--scope', 'all', '--format', 'json'],
        check: tools.checkDeprecfixFix,
      },
      {
        id: 'P0-eslint', groups: ['P0'], label: `eslint, typed @typescript-eslint/no-deprecated only (service, ${files} files)`,
        repo: serviceTs.dir, script: tools.ESLINT, args: ['--config', 'eslint.no-deprecated.config.mjs', '--format', 'json', 'src'],
        check: tools.checkEslint(['@typescript-eslint/no-deprecated']),
      },
      {
        id: 'P0-jscodeshift', groups: ['P0'], label: `jscodeshift renames, --parser=ts (service, ${files} files)`,
        repo: serviceTs.dir, copy: true, script: tools.JSCODESHIFT,
        args: ['--transform', tools.PEER_TRANSFORM, '--no-babel', '--parser=ts', '--extensions=ts', 'src'],
        check: tools.checkJscodeshift,
      },
      {
        id: 'P0-tsc', groups: ['P0'], label: `tsc --noEmit (service, ${files} files)`,
        repo: serviceTs.dir, script: tools.TSC, args: ['-p', 'tsconfig.json', '--noEmit', '--extendedDiagnostics'],
        check: checkTsc(files),
      },
      {
        id: 'P0-tsc-nocheck', groups: ['P0'], label: `tsc --noEmit --noCheck: parse + bind (service, ${files} files)`,
        repo: serviceTs.dir, script: tools.TSC, args: ['-p', 'tsconfig.json', '--noEmit', '--noCheck', '--extendedDiagnostics'],
        check: checkTsc(files),
      },
    );
  }
  if (servicePy) {
    list.push({
      id: 'P5-service', groups: ['P5'], label: `deprecfix scan --scope all (Python service, ${servicePy.sourceFiles} files, ${(servicePy.bytes / 1024 ** 2).toFixed(1)} MB)`,
      repo: servicePy.dir, script: tools.CLI, args: ['scan', '--scope', 'all', '--format', 'json'],
      check: tools.checkDeprecfixScan(['utcnow', 'utcnow-reference', 'pydantic-v1-method'], servicePy.sourceFiles),
    });
    // Native ruff is neither on npm nor in Debian; its WebAssembly build is on npm. BENCH_RUFF_WASM names a directory
    // where it is installed (`npm install --prefix DIR @astral-sh/ruff-wasm-nodejs`); without it there is no ruff row.
    if (tools.ruffWasm) {
      list.push({
        id: 'P5-ruff-wasm', groups: ['P5'], label: `ruff (WebAssembly build) --select DTZ003,UP (Python service, ${servicePy.sourceFiles} files)`,
        repo: servicePy.dir, script: tools.RUFF_PEER, args: [tools.ruffWasm],
        check: ({ stdout }) => {
          const output = JSON.parse(stdout);
          if (!(output.byCode.DTZ003 > 0)) throw new Error(`ruff found no DTZ003 (${stdout})`);
          return { text: `${output.files} files, ${output.diagnostics} diagnostics (DTZ003 ${output.byCode.DTZ003})` };
        },
      });
    }
  }
  // `--compare name=<cli>`: the same deprecfix runs with another build (another branch's dist/), interleaved.
  for (const { name, cli } of tools.compare ?? []) {
    for (const scenario of list.filter((entry) => entry.script === tools.CLI)) {
      list.push({ ...scenario, id: `${scenario.id}@${name}`, label: `${scenario.label} [${name}: ${cli}]`, script: cli });
    }
  }
  return list;
}

/** For each `--compare` build: its fix and scan medians against this checkout's, and its own P0 ratios. */
export function compareNotes(stats) {
  const notes = [];
  for (const [id, s] of Object.entries(stats)) {
    const at = id.indexOf('@');
    if (at === -1) continue;
    const base = stats[id.slice(0, at)];
    if (!base) continue;
    const cpu = s.cpuMedian && base.cpuMedian ? `, CPU ${s.cpuMedian.toFixed(1)} s vs ${base.cpuMedian.toFixed(1)} s` : '';
    notes.push(`${id}: ${s.median.toFixed(2)} s vs ${base.median.toFixed(2)} s here (${(s.median / base.median).toFixed(2)}×)${cpu}`);
    if (id.startsWith('P0-deprecfix@')) {
      for (const [peer, goal] of [['P0-jscodeshift', 1.0], ['P0-eslint', 0.4], ['P0-tsc', 0.6]]) {
        if (stats[peer]) notes.push(`${id} ÷ ${peer}: ${(s.median / stats[peer].median).toFixed(2)}× (goal ≤ ${goal})`);
      }
    }
  }
  return notes;
}

/** The issue-16 goals, from medians of one interleaved run. */
export function serviceGoals(stats, repos) {
  const list = [];
  const fix = stats['P0-deprecfix'];
  const ratio = (peer, goal, name) => {
    if (fix && stats[peer]) list.push({ id: 'P0', name, value: fix.median / stats[peer].median, unit: '×', goal, better: 'lower' });
  };
  ratio('P0-jscodeshift', 1.0, 'service: deprecfix fix ÷ jscodeshift renames');
  ratio('P0-eslint', 0.4, 'service: deprecfix fix ÷ typed eslint no-deprecated');
  ratio('P0-tsc', 0.6, 'service: deprecfix fix ÷ tsc --noEmit');
  if (fix) list.push({ id: 'P0', name: 'service: deprecfix fix wall time (stretch)', value: fix.median, unit: 's', goal: 5, better: 'lower' });
  const scan = stats['P5-service'];
  if (scan && repos.servicePy) {
    list.push({ id: 'P5', name: `Python service: scan throughput (${(repos.servicePy.bytes / 1024 ** 2).toFixed(1)} MB)`, value: repos.servicePy.bytes / 1024 ** 2 / scan.median, unit: 'MB/s', goal: 3, better: 'higher' });
    list.push({ id: 'P5', name: `Python service: scan wall time (${repos.servicePy.sourceFiles} files)`, value: scan.median, unit: 's', goal: 2, better: 'lower' });
  }
  return list;
}

/**
 * The P0 ratios in CPU time too (user + system of the whole Node process tree): on a shared machine the wall-time
 * ratios move with the load; the CPU ones much less.
 */
export function serviceNotes(stats) {
  const fix = stats['P0-deprecfix'];
  const ratios = !fix?.cpuMedian ? [] : [['P0-jscodeshift', 'jscodeshift'], ['P0-eslint', 'typed eslint'], ['P0-tsc', 'tsc --noEmit'], ['P0-tsc-nocheck', 'tsc --noCheck']]
    .filter(([id]) => stats[id]?.cpuMedian)
    .map(([id, name]) => `÷ ${name} ${(fix.cpuMedian / stats[id].cpuMedian).toFixed(2)}×`);
  const notes = ratios.length ? [`P0 in CPU time: deprecfix fix ${fix.cpuMedian.toFixed(1)} s ${ratios.join(', ')}`] : [];
  const scan = stats['P5-service'];
  const ruff = stats['P5-ruff-wasm'];
  if (scan && ruff) notes.push(`P5: deprecfix scan ÷ ruff (WebAssembly) ${(scan.median / ruff.median).toFixed(2)}× wall${scan.cpuMedian && ruff.cpuMedian ? `, ${(scan.cpuMedian / ruff.cpuMedian).toFixed(2)}× CPU` : ''}`);
  return notes;
}
