"""deprecfix's shim, first on PYTHONPATH while deprecfix runs the project's command: loads the runtime deprecation
capture, then runs the sitecustomize it shadows, so the process otherwise starts exactly as it would without us."""

import deprecfix_capture

deprecfix_capture.install()
deprecfix_capture.run_shadowed_sitecustomize()
