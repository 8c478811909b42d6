"""deprecfix's pytest plugin (``PYTEST_ADDOPTS="-p deprecfix_pytest"``): writes the deprecation warnings pytest
recorded, with the site deprecfix_capture found when they fired, and the ones the project's filters turned into
errors. PYTEST_DONT_REWRITE: it has no asserts, so pytest imports it as it is."""

import deprecfix_capture


def pytest_configure(config):
    # A process started without site (python -S) still gets the hook; one the capture cannot hook runs on unobserved.
    try:
        deprecfix_capture.install()
    except Exception:
        pass


def pytest_warning_recorded(warning_message, when, nodeid, location):
    # Only firings the hook saw in this process and left to pytest's recorder; not pytest-xdist's copies of its
    # workers' warnings, which the worker has written already.
    site = getattr(warning_message, "_deprecfix_site", False)
    if site is not False:
        del warning_message._deprecfix_site
        deprecfix_capture.write(warning_message.category.__name__, str(warning_message.message), site)


def pytest_exception_interact(node, call, report):
    if call.excinfo is not None:
        deprecfix_capture.record_raised(call.excinfo.value)
