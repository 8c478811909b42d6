"""deprecfix's runtime deprecation capture (CONTRACT §12.1), loaded into the project's Python processes only while
deprecfix runs its command: by our ``sitecustomize`` shim in every process (and by ``deprecfix_pytest``, pytest's
``-p`` plugin, should site not have run).

Every firing of a ``DeprecationWarning`` or ``PendingDeprecationWarning`` (subclasses such as pydantic's
``PydanticDeprecatedSince20`` under their own class name) becomes one JSON line in the file named by
``DEPRECFIX_PYTHON_EVENTS``, with the first frame of the repository's own code (``DEPRECFIX_PYTHON_ROOT``).

It must not change what the program does, so:
- our "always" filters sit behind the project's own startup "error" filters (an error stays an error, recorded once
  when uncaught), and filters the code sets later go in front of ours as they always do;
- where our filter is the one that let a firing through, the filter it shadowed is replayed to decide whether the
  warning is shown (printed once per location, or not at all, exactly as before);
- a firing that goes into a recorder (pytest's, ``catch_warnings(record=True)``) is left to whoever reads it: pytest
  passes its own to ``pytest_warning_recorded`` (``deprecfix_pytest``), so each firing is written by exactly one
  of the two paths.
"""

import os
import sys
import warnings

_EVENTS = os.environ.get("DEPRECFIX_PYTHON_EVENTS")
_ROOT = os.environ.get("DEPRECFIX_PYTHON_ROOT")
_CATEGORIES = (DeprecationWarning, PendingDeprecationWarning)
# Our filters, told apart from a project's equal ones by identity (catch_warnings copies the list, not the tuples).
_OURS = tuple(("always", None, category, None, 0) for category in _CATEGORIES)
_LIBRARY_DIRS = {"site-packages", "dist-packages"}
# A runaway message (the repr of a large object) stays one short line.
_MESSAGE_LIMIT = 1000

_installed = False
_fd = None
_repo_paths = {}
_lines = {}  # encoded once per (category, message, site): a hot loop fires the same line thousands of times
_shown_before = set()
_show = _stderr_impl = None
_start_cwd = _root = _stdlib = _hook_dir = None


def install():
    """Hooks this process (idempotent: sitecustomize and the pytest plugin both call it)."""
    global _installed, _show, _stderr_impl, _start_cwd, _root, _stdlib, _hook_dir
    if _installed or not _EVENTS or not _ROOT:
        return
    _installed = True
    _start_cwd = os.getcwd()  # relative code paths (an old __main__) are relative to it
    _root = os.path.realpath(_ROOT)
    _stdlib = os.path.realpath(os.path.dirname(os.__file__))
    _hook_dir = os.path.dirname(os.path.realpath(__file__))
    # Behind the last startup filter that turns a deprecation into an error (-W error, PYTHONWARNINGS), in front of
    # the interpreter's defaults (which ignore deprecations outside __main__).
    filters = _filters()
    at = 0
    for index, (action, _message, category, _module, _line) in enumerate(filters):
        if action == "error" and any(issubclass(ours, category) or issubclass(category, ours) for ours in _CATEGORIES):
            at = index + 1
    filters[at:at] = _OURS
    warnings._filters_mutated()
    # The layer under showwarning: it sees every shown firing, also when a recorder or logging replaced showwarning.
    _show, _stderr_impl = warnings._showwarnmsg, warnings._showwarnmsg_impl
    warnings._showwarnmsg = _on_show
    previous_excepthook = sys.excepthook

    def excepthook(kind, error, traceback):
        record_raised(error)
        return previous_excepthook(kind, error, traceback)

    sys.excepthook = excepthook


def _on_show(msg):
    if not issubclass(msg.category, _CATEGORIES):
        return _show(msg)
    caller = sys._getframe(1)
    hidden = _shadowed_filter_hides(msg, caller)
    try:
        site = _site(msg.filename, msg.lineno, caller)
        if hidden or not _into_recorder():
            write(msg.category.__name__, str(msg.message), site)
        else:
            msg._deprecfix_site = site  # into a recorder: deprecfix_pytest writes it if the recorder is pytest's
    except Exception:
        pass  # an event lost, never the program broken
    if not hidden:
        _show(msg)


def _shadowed_filter_hides(msg, caller):
    """When our filter let this firing through, whether the filter it shadowed would have hidden it (may raise)."""
    text = str(msg.message)
    module = None
    ours_matched = False
    action = warnings.defaultaction
    for entry in _filters():
        _action, message, category, module_re, line = entry
        if not issubclass(msg.category, category) or line not in (0, msg.lineno):
            continue
        if message is not None and not (message == text if isinstance(message, str) else message.match(text)):
            continue
        if module_re is not None:
            if module is None:
                module = _module_of(msg, caller)
            if not (module_re == module if isinstance(module_re, str) else module_re.match(module)):
                continue
        if entry is _OURS[0] or entry is _OURS[1]:
            ours_matched = True
            continue
        if not ours_matched:
            return False  # the project's own filter decided, as it always has
        action = _action
        break
    if action in ("always", "all"):
        return False
    if action == "ignore":
        return True
    if action == "error":
        raise msg.message
    # "default", "module", "once": shown the first time per location, per module, per text.
    key = {"once": (text, msg.category), "module": (text, msg.category, msg.filename)}.get(
        action, (text, msg.category, msg.filename, msg.lineno)
    )
    if key in _shown_before:
        return True
    _shown_before.add(key)
    return False


def _filters():
    """The filter list in force (Python 3.14 keeps it per context under context-aware warnings)."""
    current = getattr(warnings, "_get_filters", None)
    return current() if current else warnings.filters


def _into_recorder():
    """Whether the firing goes into a catch_warnings(record=True) log (pytest's or the code's own), not to output."""
    if warnings._showwarnmsg_impl is not _stderr_impl:
        return True
    context = getattr(warnings, "_get_context", None)
    return bool(context) and context().log is not None


def _module_of(msg, frame):
    """The module name the warnings machinery matched filters against: the warned-at frame's __name__."""
    while frame is not None:
        if frame.f_code.co_filename == msg.filename and frame.f_lineno == msg.lineno:
            return frame.f_globals.get("__name__", "<string>")
        frame = frame.f_back
    name = msg.filename
    return name[:-3] if name.endswith(".py") else name


def record_raised(error):
    """A deprecation turned into an error by the project's own filters: written once, where it was raised."""
    if not _installed:
        return
    seen = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        if isinstance(error, _CATEGORIES) and not getattr(error, "_deprecfix_recorded", False):
            error._deprecfix_recorded = True
            frames = []
            traceback = error.__traceback__
            while traceback is not None:
                frames.append((traceback.tb_frame.f_code.co_filename, traceback.tb_lineno))
                traceback = traceback.tb_next
            site = None
            for filename, lineno in reversed(frames):
                site = _site(filename, lineno, None)
                if site:
                    break
            write(type(error).__name__, str(error), site)
            return
        error = error.__cause__ or error.__context__


def _site(filename, lineno, frame):
    """The warning's own location when it is repository code, else the first repository frame down the stack."""
    path = _repo_path(filename)
    if path:
        return path, lineno
    while frame is not None:
        path = _repo_path(frame.f_code.co_filename)
        if path:
            return path, frame.f_lineno
        frame = frame.f_back
    return None


def _repo_path(filename):
    """filename as a repository-relative POSIX path when it is the project's own code, else None."""
    if filename in _repo_paths:
        return _repo_paths[filename]
    result = None
    if filename and not filename.startswith("<"):
        full = os.path.realpath(os.path.join(_start_cwd, filename))
        try:
            relative = os.path.relpath(full, _root)
        except ValueError:  # another drive
            relative = os.pardir
        parts = relative.split(os.sep)
        if (
            parts[0] != os.pardir
            and relative != os.curdir
            and not _LIBRARY_DIRS.intersection(parts)
            and not _inside(full, _stdlib)
            and not _inside(full, _hook_dir)
            and os.path.isfile(full)  # not a pseudo-file: Python 3.6 names `python -c` code after sys.argv[0], "-c"
        ):
            result = "/".join(parts)
    _repo_paths[filename] = result
    return result


def _inside(path, directory):
    return path == directory or path.startswith(directory.rstrip(os.sep) + os.sep)


def write(category, message, site):
    """One event, one write on an O_APPEND descriptor: lines from concurrent processes never interleave."""
    global _fd
    if not _installed:
        return
    import json

    line = _lines.get((category, message, site))
    if line is None:
        event = {"runtime": "python", "category": category, "message": message[:_MESSAGE_LIMIT]}
        if site:
            event["file"], event["line"] = site
        line = (json.dumps(event) + "\n").encode("ascii")
        if len(_lines) < 10000:  # messages that differ on every call must not grow it without end
            _lines[(category, message, site)] = line
    try:
        if _fd is None:
            _fd = os.open(_EVENTS, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        os.write(_fd, line)
    except OSError:
        pass  # the run is over (its directory removed) or the disk is full: an event lost, never the program broken

