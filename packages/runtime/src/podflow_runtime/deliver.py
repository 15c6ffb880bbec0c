"""Delivering the result envelope: termination file, marker line, std streams."""

import io
import json
import os
import sys

from .contract import ENV_OUTPUTS_TO_LOG, DEFAULT_OUTPUTS_FILE, DEFAULT_OUTPUTS_MAX_BYTES, ENV_OUTPUTS_FILE, ENV_OUTPUTS_MAX_BYTES, OUTPUTS_MARKER, TERMINATION_MESSAGE_MAX_BYTES
from .failures import _one_line, _say


class _LineTrackingBuffer(io.BufferedWriter):
    """stdout's byte buffer; remembers whether what was written so far ends a line, so that
    the marker line can start on a line of its own."""

    at_line_start = True

    def write(self, data):
        count = super().write(data)
        view = memoryview(data)
        if view.nbytes:
            self.at_line_start = view.cast("B")[-1] == 0x0A
        return count


_stdout_buffer = None  # the _LineTrackingBuffer under sys.stdout, once installed
_retired_streams = []  # replaced std streams, kept alive so that they never flush into new fds


def _new_std_streams():
    """Line-buffered UTF-8 text streams over fds 1 and 2, not installed: (stdout's byte buffer, stdout, stderr)."""
    buffer = _LineTrackingBuffer(io.FileIO(1, "w", closefd=False))
    return (buffer,
            io.TextIOWrapper(buffer, encoding="utf-8", errors="backslashreplace", line_buffering=True),
            io.TextIOWrapper(io.BufferedWriter(io.FileIO(2, "w", closefd=False)),
                             encoding="utf-8", errors="backslashreplace", line_buffering=True))


def _install_std_streams(streams=None):
    """Fresh line-buffered UTF-8 text streams over fds 1 and 2 (stdout tracks line ends): `streams`, made by
    _new_std_streams() and never used (a warm worker makes them once, before it forks), or new ones."""
    global _stdout_buffer
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except Exception:
            pass
    _retired_streams.extend([sys.stdout, sys.stderr, sys.__stdout__, sys.__stderr__])
    _stdout_buffer, sys.stdout, sys.stderr = streams or _new_std_streams()
    sys.__stdout__, sys.__stderr__ = sys.stdout, sys.stderr


def _flush_std_streams():
    seen = set()
    for stream in (sys.stdout, sys.stderr, sys.__stdout__, sys.__stderr__):
        if stream is not None and id(stream) not in seen:
            seen.add(id(stream))
            try:
                stream.flush()
            except Exception:
                pass


def _write_fd(fd, data):
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


# Made once (in a warm worker, before it forks): json.dumps() with options builds a new encoder on every call.
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def _dumps(obj):
    return _ENCODER.encode(obj)


def _failure(reason):
    """A failure envelope whose reason is one line and small enough for the termination file."""
    reason = _one_line(reason)
    while len(_dumps({"ok": False, "error": reason}).encode("utf-8")) > TERMINATION_MESSAGE_MAX_BYTES:
        reason = reason[:len(reason) * 3 // 4] + "…"
    return {"ok": False, "error": reason}


def _env_int(name, default, env=None):
    try:
        value = int((os.environ if env is None else env).get(name, ""))
        return value if value > 0 else default
    except ValueError:
        return default


def _write_termination_file(data):
    path = os.environ.get(ENV_OUTPUTS_FILE) or DEFAULT_OUTPUTS_FILE
    try:
        # What open(path, "wb") does, without building a file object for one write.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC, 0o666)
    except OSError:
        return False
    try:
        _write_fd(fd, data)
        return True
    except OSError:
        return False
    finally:
        os.close(fd)


def _print_marker_line(data):
    _flush_std_streams()
    newline = b"" if _stdout_buffer is None or _stdout_buffer.at_line_start else b"\n"
    try:
        _write_fd(1, newline + OUTPUTS_MARKER.encode("ascii") + data + b"\n")
    except OSError as exc:
        _say("cannot write the outputs to stdout: %s" % exc)


def _deliver(envelope):
    """Write the envelope where the contract says. Returns False when it had to be replaced by
    a failure (over the size cap, not encodable)."""
    delivered = True
    try:
        data = _dumps(envelope).encode("utf-8")
    except (ValueError, UnicodeEncodeError) as exc:
        envelope, delivered = _failure("the outputs cannot be encoded as UTF-8 JSON: %s" % exc), False
        data = _dumps(envelope).encode("utf-8", "backslashreplace")
    limit = _env_int(ENV_OUTPUTS_MAX_BYTES, DEFAULT_OUTPUTS_MAX_BYTES)
    if envelope.get("ok") and len(data) > limit:
        reason = ("outputs are %d bytes, over the %d-byte limit (PODFLOW_OUTPUTS_MAX_BYTES)"
                  % (len(data), limit))
        _say(reason)
        envelope, delivered = _failure(reason), False
        data = _dumps(envelope).encode("utf-8")
    if len(data) <= TERMINATION_MESSAGE_MAX_BYTES:
        if not _write_termination_file(data) or os.environ.get(ENV_OUTPUTS_TO_LOG) == "1":
            _print_marker_line(data)
    else:
        _write_termination_file(_dumps({"ok": envelope["ok"], "outputsInLog": True}).encode("utf-8"))
        _print_marker_line(data)
    return delivered
