/**
 * Python runtime deprecation capture (CONTRACT §12.1): the environment that makes a child's Python processes record
 * every deprecation warning they fire, and the reading of what they recorded.
 *
 * The hook is real Python (`src/runtime/python/`, shipped with the package) copied into a fresh temporary directory
 * that only the child sees: first on `PYTHONPATH`, where its `sitecustomize.py` loads the capture into every Python
 * process (and then runs the project's own sitecustomize that it shadows), and `-p deprecfix_pytest` in
 * `PYTEST_ADDOPTS`, pytest's plugin. README "Runtime capture" lists every variable.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PACKAGE_ROOT } from '../../rules/package.js';
import { countWarnings, readWarningEvents, type Capture } from './warnings.js';

/** Where the hook's Python sources ship (the package's `files` lists them). */
const HOOK_SOURCES = path.join(PACKAGE_ROOT, 'src', 'runtime', 'python');
const HOOK_FILES = ['deprecfix_capture.py', 'deprecfix_pytest.py', 'sitecustomize.py'];
/** The pytest plugin's module name, as `-p` imports it. */
export const PYTEST_PLUGIN = 'deprecfix_pytest';
/** The JSON-lines file every hooked process appends to. */
export const EVENTS_VARIABLE = 'DEPRECFIX_PYTHON_EVENTS';
/** The repository whose frames count as "the project's own code" for a warning's site. */
export const ROOT_VARIABLE = 'DEPRECFIX_PYTHON_ROOT';

export function preparePythonCapture(repoRoot: string, baseEnv: NodeJS.ProcessEnv): Capture {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'deprecfix-python-'));
  for (const file of HOOK_FILES) copyFileSync(path.join(HOOK_SOURCES, file), path.join(dir, file));
  const eventsFile = path.join(dir, 'events.jsonl');
  const env: NodeJS.ProcessEnv = {
    ...baseEnv,
    PYTHONPATH: [dir, baseEnv.PYTHONPATH].filter(Boolean).join(path.delimiter),
    PYTEST_ADDOPTS: [baseEnv.PYTEST_ADDOPTS, `-p ${PYTEST_PLUGIN}`].filter(Boolean).join(' '),
    [EVENTS_VARIABLE]: eventsFile,
    [ROOT_VARIABLE]: path.resolve(repoRoot),
  };
  return {
    env,
    collect: () => countWarnings(readWarningEvents(eventsFile)),
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}
