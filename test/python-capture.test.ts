/**
 * The Python runtime capture on its own (CONTRACT §12.1): real `python3` processes run with the environment
 * `preparePythonCapture` returns — a plain script, its subprocesses, a pytest suite — and the warnings it collects
 * are asserted exactly (category, message, repository site, hits). Every run is also made without the capture:
 * exit code and output must be the same, since the capture must not change what the tests do.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { preparePythonCapture } from '../src/runtime/python-capture.js';
import type { RuntimeWarning } from '../src/runtime/warnings.js';
import { tempDir, writeFiles } from './helpers.js';

const probe = (code: string) => spawnSync('python3', ['-c', code], { stdio: 'ignore' }).status === 0;
const python = probe('import sys');
const pytest = python && probe('import pytest');
const pydantic2 = python && probe('import pydantic, sys; sys.exit(pydantic.VERSION[0] != "2")');
if (!pytest) console.warn('python-capture.test.ts: skipping the pytest tests: `python3 -c "import pytest"` fails on this machine');
if (!pydantic2) console.warn('python-capture.test.ts: skipping the pydantic test: python3 has no pydantic 2');

/** 1-based line of the first line of `text` containing `needle`: sites are asserted against the fixture itself. */
function lineOf(text: string, needle: string): number {
  const index = text.split('\n').findIndex((line) => line.includes(needle));
  if (index < 0) throw new Error(`fixture has no line with ${needle}`);
  return index + 1;
}

const hits = (warnings: RuntimeWarning[]) => warnings.map((w) => [w.category, w.message, w.file, w.line, w.hits]);

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function run(repo: string, command: string[], env: NodeJS.ProcessEnv): Run {
  const result = spawnSync(command[0], command.slice(1), { cwd: repo, env, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The command run without capture, then with it: the warnings recorded and both runs' outputs. */
function runBoth(repo: string, command: string[], extraEnv: NodeJS.ProcessEnv = {}) {
  const baseEnv = { ...process.env, PYTHONDONTWRITEBYTECODE: '1', ...extraEnv };
  const plain = run(repo, command, baseEnv);
  const capture = preparePythonCapture(repo, baseEnv);
  try {
    const captured = run(repo, command, capture.env);
    return { plain, captured, warnings: capture.collect() };
  } finally {
    capture.dispose();
  }
}

/** pytest's output without the parts that differ from run to run (durations). */
const stable = (output: string) => output.replace(/ in \d+\.\d+s/g, ' in Ns');

const LEGACY = `import warnings


def old_api():
    warnings.warn("old_api is deprecated", DeprecationWarning)


def pending():
    warnings.warn("pending thing", PendingDeprecationWarning, stacklevel=2)
`;

/** A library that warns from an inner helper about its own frame (stacklevel=2 stays inside the library). */
const FAKELIB = `import warnings


def _inner():
    warnings.warn("fakelib.thing is deprecated", DeprecationWarning, stacklevel=2)


def thing():
    _inner()
`;

const MAIN = `import subprocess
import sys
import warnings

import fakelib
from app.legacy import old_api, pending

for _ in range(3):
    old_api()
for _ in range(2):
    pending()
for _ in range(4):
    fakelib.thing()
for _ in range(2):
    warnings.warn("in main", DeprecationWarning)
warnings.warn("not a deprecation", UserWarning)
subprocess.run([sys.executable, "-c", "import app.legacy; app.legacy.old_api()"], check=True)
print("done")
`;

/** A repository whose library lives in a site-packages directory inside it, as a `.venv` does. */
function scriptRepo(root = tempDir('deprecfix-pycap-')): { repo: string; env: NodeJS.ProcessEnv } {
  writeFiles(root, { 'app/__init__.py': '', 'app/legacy.py': LEGACY, 'main.py': MAIN, 'vendor/site-packages/fakelib/__init__.py': FAKELIB });
  return { repo: root, env: { PYTHONPATH: path.join(root, 'vendor', 'site-packages') } };
}

const SCRIPT_WARNINGS = [
  ['DeprecationWarning', 'old_api is deprecated', 'app/legacy.py', lineOf(LEGACY, 'old_api is'), 4],
  ['DeprecationWarning', 'fakelib.thing is deprecated', 'main.py', lineOf(MAIN, 'fakelib.thing()'), 4],
  ['PendingDeprecationWarning', 'pending thing', 'main.py', lineOf(MAIN, 'pending()'), 2],
  ['DeprecationWarning', 'in main', 'main.py', lineOf(MAIN, '"in main"'), 2],
];

describe.skipIf(!python)('Python capture: plain scripts', () => {
  it('counts every firing at its repository site, its subprocesses included, and changes nothing the script does', () => {
    const { repo, env } = scriptRepo();
    const { plain, captured, warnings } = runBoth(repo, ['python3', 'main.py'], env);
    expect(captured).toEqual(plain);
    expect(plain.status).toBe(0);
    // The interpreter still prints the __main__ deprecation once per location, and nothing else: it fired twice.
    expect(captured.stderr.match(/DeprecationWarning: in main/g)).toHaveLength(1);
    expect(captured.stderr).not.toMatch(/old_api|fakelib|pending/);
    // The library's own frames (site-packages inside the repository) are skipped: the calling repository line counts.
    expect(hits(warnings)).toEqual(SCRIPT_WARNINGS);
  });

  it('leaves -W error an error: same traceback, same exit code, the raised warning recorded once', () => {
    const { repo, env } = scriptRepo();
    const { plain, captured, warnings } = runBoth(repo, ['python3', '-W', 'error', 'main.py'], env);
    expect(captured).toEqual(plain);
    expect(plain.status).toBe(1);
    expect(plain.stderr).toMatch(/^DeprecationWarning: old_api is deprecated$/m);
    expect(hits(warnings)).toEqual([['DeprecationWarning', 'old_api is deprecated', 'app/legacy.py', lineOf(LEGACY, 'old_api is'), 1]]);
  });

  it("runs the project's own sitecustomize that the hook shadows, and captures what it fires", () => {
    const { repo, env } = scriptRepo();
    const site = 'import os\nimport warnings\n\nos.environ["PROJECT_SITE"] = "ran"\nwarnings.warn("from the project site", DeprecationWarning)\n';
    writeFiles(repo, { 'site/sitecustomize.py': site, 'show.py': 'import os\nprint(os.environ.get("PROJECT_SITE"))\n' });
    const { plain, captured, warnings } = runBoth(repo, ['python3', 'show.py'], { PYTHONPATH: [path.join(repo, 'site'), env.PYTHONPATH].join(path.delimiter) });
    expect(captured).toEqual(plain);
    expect(captured.stdout).toBe('ran\n');
    expect(hits(warnings)).toEqual([['DeprecationWarning', 'from the project site', 'site/sitecustomize.py', 5, 1]]);
  });

  it('works for a virtualenv python whose site-packages lie inside the repository', () => {
    const { repo } = scriptRepo();
    const created = spawnSync('python3', ['-m', 'venv', '--without-pip', path.join(repo, '.venv')], { encoding: 'utf8' });
    expect(created.stderr).toBe('');
    const lib = path.join(repo, '.venv', 'lib');
    const sitePackages = path.join(lib, readdirSync(lib).find((name) => name.startsWith('python'))!, 'site-packages');
    writeFiles(sitePackages, { 'fakelib/__init__.py': FAKELIB });
    const { plain, captured, warnings } = runBoth(repo, [path.join(repo, '.venv', 'bin', 'python'), 'main.py']);
    expect(captured).toEqual(plain);
    expect(plain.status).toBe(0);
    expect(hits(warnings)).toEqual(SCRIPT_WARNINGS);
  });

  it('keeps every line whole when many processes append at once', () => {
    const repo = writeFiles(tempDir('deprecfix-pycap-'), {
      'app/__init__.py': '',
      'app/legacy.py': LEGACY,
      'burst.py': 'from app.legacy import old_api\n\nfor _ in range(500):\n    old_api()\n',
      'many.py': 'import subprocess, sys\n\nchildren = [subprocess.Popen([sys.executable, "burst.py"]) for _ in range(4)]\nassert all(child.wait() == 0 for child in children)\n',
    });
    const { captured, warnings } = runBoth(repo, ['python3', 'many.py']);
    expect(captured.status).toBe(0);
    expect(hits(warnings)).toEqual([['DeprecationWarning', 'old_api is deprecated', 'app/legacy.py', lineOf(LEGACY, 'old_api is'), 2000]]);
  });
});

const TESTS = `import pytest

import fakelib
from app.legacy import old_api, pending


def test_old():
    old_api()
    old_api()


def test_pending_and_library():
    pending()
    fakelib.thing()


def test_expected_deprecation():
    with pytest.deprecated_call():
        old_api()
`;

function pytestRepo(files: Record<string, string> = {}, root = tempDir('deprecfix-pycap-')) {
  writeFiles(root, {
    'app/__init__.py': '',
    'app/legacy.py': LEGACY,
    'tests/__init__.py': '',
    'tests/test_legacy.py': TESTS,
    'vendor/site-packages/fakelib/__init__.py': FAKELIB,
    ...files,
  });
  return { repo: root, env: { PYTHONPATH: path.join(root, 'vendor', 'site-packages') } };
}

const PYTEST = ['python3', '-m', 'pytest', '-q', '-p', 'no:cacheprovider', 'tests'];

const SUITE_WARNINGS = [
  ['DeprecationWarning', 'old_api is deprecated', 'app/legacy.py', lineOf(LEGACY, 'old_api is'), 2],
  ['PendingDeprecationWarning', 'pending thing', 'tests/test_legacy.py', lineOf(TESTS, '    pending()'), 1],
  ['DeprecationWarning', 'fakelib.thing is deprecated', 'tests/test_legacy.py', lineOf(TESTS, 'fakelib.thing()'), 1],
];

describe.skipIf(!pytest)('Python capture: pytest suites (needs pytest in python3)', () => {
  it("counts each firing once, as pytest's own summary does, and the suite's outcome is unchanged", () => {
    const { repo, env } = pytestRepo();
    const { plain, captured, warnings } = runBoth(repo, PYTEST, env);
    expect(captured.status).toBe(plain.status);
    expect(stable(captured.stdout)).toBe(stable(plain.stdout));
    expect(plain.stdout).toMatch(/3 passed, 4 warnings/);
    // A deprecation the test expects (pytest.deprecated_call) is the test's business, not runtime debt.
    expect(hits(warnings)).toEqual(SUITE_WARNINGS);
  });

  it("captures the tests' Python subprocesses too, next to pytest's own count", () => {
    const spawning = 'import subprocess\nimport sys\n\n\ndef test_spawns():\n    subprocess.run([sys.executable, "-c", "import app.legacy as l; l.old_api(); l.old_api()"], check=True)\n';
    const { repo, env } = pytestRepo({ 'tests/test_spawns.py': spawning });
    const { plain, captured, warnings } = runBoth(repo, PYTEST, env);
    expect(stable(captured.stdout)).toBe(stable(plain.stdout));
    expect(plain.stdout).toMatch(/4 passed, 4 warnings/);
    expect(hits(warnings)).toEqual([['DeprecationWarning', 'old_api is deprecated', 'app/legacy.py', lineOf(LEGACY, 'old_api is'), 4], ...SUITE_WARNINGS.slice(1)]);
  });

  it('counts every firing even where the filters show a warning once per location (python -W default)', () => {
    const { repo, env } = pytestRepo();
    const { plain, captured, warnings } = runBoth(repo, ['python3', '-W', 'default', ...PYTEST.slice(1)], env);
    expect(stable(captured.stdout)).toBe(stable(plain.stdout));
    expect(plain.stdout).toMatch(/3 passed, 3 warnings/);
    expect(hits(warnings)).toEqual(SUITE_WARNINGS);
  });

  it("counts each firing once without pytest's warnings plugin too (-p no:warnings)", () => {
    const { repo, env } = pytestRepo();
    const { plain, captured, warnings } = runBoth(repo, [...PYTEST, '-p', 'no:warnings'], env);
    expect(stable(captured.stdout)).toBe(stable(plain.stdout));
    expect(hits(warnings)).toEqual(SUITE_WARNINGS);
  });

  const [oldApi, pending, library] = SUITE_WARNINGS.map((row) => [...row.slice(0, 4), 1]);
  const pendingRaised = ['PendingDeprecationWarning', 'pending thing', 'app/legacy.py', lineOf(LEGACY, 'pending thing'), 1];
  it.each([
    // Only DeprecationWarning is an error: the pending deprecation fires on (hidden from the plain output, as before).
    ['python -W error::DeprecationWarning', ['python3', '-W', 'error::DeprecationWarning', ...PYTEST.slice(1)], {}, [oldApi, pending, library]],
    ['pytest -W error::DeprecationWarning', [...PYTEST, '-W', 'error::DeprecationWarning'], {}, [oldApi, pending, library]],
    // Every warning is an error: the pending deprecation raises and ends its test before the library call. An
    // exception does not say which stacklevel it was warned with: its site is the innermost repository frame.
    ['filterwarnings = error in pytest.ini', PYTEST, { 'pytest.ini': '[pytest]\nfilterwarnings =\n    error\n' }, [oldApi, pendingRaised]],
  ] as const)('%s: the suite fails as before, each raised warning recorded once', (_name, command, files, expected) => {
    const { repo, env } = pytestRepo(files);
    const { plain, captured, warnings } = runBoth(repo, [...command], env);
    expect(plain.status).toBe(1);
    expect(captured.status).toBe(plain.status);
    expect(stable(captured.stdout)).toBe(stable(plain.stdout));
    expect(plain.stdout).toMatch(/2 failed, 1 passed/);
    expect(hits(warnings)).toEqual(expected);
  });

  it('works from a repository and a temporary directory whose paths contain spaces', () => {
    const parent = tempDir('deprecfix-pycap-');
    mkdirSync(path.join(parent, 'my repo'));
    mkdirSync(path.join(parent, 'tmp dir'));
    const { repo, env } = pytestRepo({}, path.join(parent, 'my repo'));
    const tmpdir = process.env.TMPDIR;
    process.env.TMPDIR = path.join(parent, 'tmp dir');
    try {
      expect(os.tmpdir()).toContain(' ');
      const { captured, warnings } = runBoth(repo, PYTEST, env);
      expect(captured.stdout).toMatch(/3 passed, 4 warnings/);
      expect(hits(warnings)).toEqual(SUITE_WARNINGS);
    } finally {
      if (tmpdir === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = tmpdir;
    }
  });
});

describe.skipIf(!pydantic2)('Python capture: pydantic 2 (needs pydantic 2 in python3)', () => {
  it("counts .dict() as PydanticDeprecatedSince20, its own class name, at the calling line", () => {
    const script = 'from pydantic import BaseModel\n\n\nclass User(BaseModel):\n    name: str\n\n\nfor _ in range(3):\n    User(name="a").dict()\n';
    const repo = writeFiles(tempDir('deprecfix-pycap-'), { 'models.py': script });
    const { plain, captured, warnings } = runBoth(repo, ['python3', 'models.py']);
    expect(captured).toEqual(plain);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ runtime: 'python', category: 'PydanticDeprecatedSince20', file: 'models.py', line: 9, hits: 3 });
    expect(warnings[0].message).toMatch(/^The `dict` method is deprecated; use `model_dump` instead\./);
  });
});

describe('preparePythonCapture', () => {
  const made: string[] = [];
  afterEach(() => made.splice(0).forEach((dir) => expect(existsSync(dir)).toBe(false)));

  it("adds its variables to the caller's environment without changing it, and dispose removes its directory", () => {
    const base = { PATH: '/bin', PYTHONPATH: '/project/src', PYTEST_ADDOPTS: '-x --tb=short' };
    const capture = preparePythonCapture('/repo', base);
    const hookDir = capture.env.PYTHONPATH!.split(path.delimiter)[0];
    made.push(hookDir);
    expect(base).toEqual({ PATH: '/bin', PYTHONPATH: '/project/src', PYTEST_ADDOPTS: '-x --tb=short' });
    expect(capture.env).toEqual({
      PATH: '/bin',
      PYTHONPATH: [hookDir, '/project/src'].join(path.delimiter),
      PYTEST_ADDOPTS: '-x --tb=short -p deprecfix_pytest',
      DEPRECFIX_PYTHON_EVENTS: path.join(hookDir, 'events.jsonl'),
      DEPRECFIX_PYTHON_ROOT: path.resolve('/repo'),
    });
    expect(readdirSync(hookDir).sort()).toEqual(['deprecfix_capture.py', 'deprecfix_pytest.py', 'sitecustomize.py']);
    expect(capture.collect()).toEqual([]);
    capture.dispose();
  });

  it('reads an events file far larger than its read chunk, line by line', () => {
    const capture = preparePythonCapture('/repo', {});
    made.push(capture.env.PYTHONPATH!);
    const line = (index: number) => `${JSON.stringify({ runtime: 'python', category: 'DeprecationWarning', message: `m${index % 3} ${'x'.repeat(100)}`, file: 'a.py', line: 1 + (index % 3) })}\n`;
    writeFileSync(capture.env.DEPRECFIX_PYTHON_EVENTS!, Array.from({ length: 30_000 }, (_, index) => line(index)).join(''));
    expect(statSync(capture.env.DEPRECFIX_PYTHON_EVENTS!).size).toBeGreaterThan(3 << 20);
    expect(capture.collect().map((warning) => [warning.line, warning.hits])).toEqual([[1, 10_000], [2, 10_000], [3, 10_000]]);
    capture.dispose();
  });
});
