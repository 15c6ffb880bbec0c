"""Reporting failures: one-line reasons, tracebacks that hide the runtime, user-code calls."""

import os
import re
import sys
import traceback

from .basics import MAX_ERROR_CHARS, _THIS_FILE, _UserCodeFailed


def _say(message):
    """A message from the entrypoint itself on stderr."""
    try:
        sys.stderr.write("podflow: %s\n" % message)
        sys.stderr.flush()
    except Exception:
        pass


def _one_line(text):
    text = text.encode("utf-8", "backslashreplace").decode("utf-8")  # no lone surrogates
    text = re.sub(r"\s*[\r\n]+\s*", " ", text).strip()
    return text if len(text) <= MAX_ERROR_CHARS else text[:MAX_ERROR_CHARS - 1] + "…"


def _hidden_frame(filename):
    """Frames of this file and of the import machinery are noise in a user's traceback."""
    return filename.startswith("<frozen importlib") or os.path.realpath(filename) == _THIS_FILE


def _print_traceback(exc):
    report = traceback.TracebackException(type(exc), exc, exc.__traceback__)
    pending, seen = [report], set()
    while pending:
        item = pending.pop()
        if item is None or id(item) in seen:
            continue
        seen.add(id(item))
        item.stack = traceback.StackSummary.from_list(
            [f for f in item.stack if not _hidden_frame(f.filename)])
        pending.extend([item.__cause__, item.__context__])
    try:
        sys.stderr.write("".join(report.format()))
        sys.stderr.flush()
    except Exception:
        pass


def _user_location(exc, code_dir):
    """'task.py line 3': the innermost frame of the exception that lies in the code directory."""
    root = os.path.realpath(code_dir) + os.sep
    filename, lineno = None, None
    if isinstance(exc, SyntaxError) and exc.filename:
        filename, lineno = exc.filename, exc.lineno
    else:
        for frame in traceback.extract_tb(exc.__traceback__):
            path = os.path.realpath(frame.filename)
            if path.startswith(root) and path != _THIS_FILE:
                filename, lineno = frame.filename, frame.lineno
    if filename is None or not os.path.realpath(filename).startswith(root):
        return None
    return "%s line %s" % (os.path.relpath(os.path.realpath(filename), root), lineno)


def _call_user(fn, code_dir):
    """Run user code; on any exception print its traceback and raise _UserCodeFailed."""
    try:
        return fn()
    except BaseException as exc:
        _print_traceback(exc)
        try:
            message = exc.msg if isinstance(exc, SyntaxError) else str(exc)
        except Exception:
            message = ""
        reason = "%s: %s" % (type(exc).__name__, message) if message else type(exc).__name__
        location = _user_location(exc, code_dir)
        if location:
            reason += " (%s)" % location
        raise _UserCodeFailed(_one_line(reason)) from None
