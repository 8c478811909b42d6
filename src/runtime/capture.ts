import { prepareNodeCapture } from './node-capture.js';
import { preparePythonCapture } from './python-capture.js';
import { mergeWarnings, type Capture } from './warnings.js';

/**
 * Both runtimes' capture at once: a test command may run pytest, node, or a script that runs both, and each hook
 * only wakes up in its own runtime. The Node hook's environment is layered over the Python hook's.
 */
export function prepareCapture(repoRoot: string, baseEnv: NodeJS.ProcessEnv): Capture {
  const python = preparePythonCapture(repoRoot, baseEnv);
  const node = prepareNodeCapture(repoRoot, python.env);
  return {
    env: node.env,
    collect: () => mergeWarnings([python.collect(), node.collect()]),
    dispose: () => {
      python.dispose();
      node.dispose();
    },
  };
}
