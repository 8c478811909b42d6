"""deprecfix's shim, first on PYTHONPATH while deprecfix runs the project's command: loads the runtime deprecation
capture, then runs the sitecustomize it shadows (a project's, a virtualenv's, the distribution's), so the process
otherwise starts exactly as it would without us."""


def _load_capture():
    try:
        import deprecfix_capture

        deprecfix_capture.install()
    except Exception:
        pass  # an interpreter the capture cannot hook (Python 2, before 3.6) runs on unobserved, never broken


def _run_shadowed_sitecustomize():
    import importlib.machinery
    import importlib.util
    import os
    import sys

    here = os.path.dirname(os.path.realpath(__file__))
    rest = [entry for entry in sys.path if os.path.realpath(entry or os.curdir) != here]
    spec = importlib.machinery.PathFinder.find_spec("sitecustomize", rest)
    if spec is None or spec.loader is None:
        return
    module = importlib.util.module_from_spec(spec)
    sys.modules["sitecustomize"] = module
    spec.loader.exec_module(module)  # its errors reach site, which reports them as it would have


_load_capture()
_run_shadowed_sitecustomize()
