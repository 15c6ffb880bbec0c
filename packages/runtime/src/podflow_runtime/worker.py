"""The warm worker: one fork per task (local executor only).

JSON lines on stdin ({"op": "run" | "kill", ...}), JSON-line events on stdout ("started", "log", "exit"). Each task
runs in a fork of the worker through the same run_task() as a plain run. A run request may carry "namespace":
{"root", "ops"}: the fork (as root) enters its own mount namespace with the pod's volumes mounted, as the executor's
unshare sandbox does, before the task runs; and "argv": the fork execs that container command instead of a task.
"""

import atexit
import codecs
import gc
import io
import json
import math
import os
import select
import signal
import subprocess
import sys
import time

from .contract import DEFAULT_OUTPUTS_MAX_BYTES, ENV_CODE_DIR, ENV_OUTPUTS_MAX_BYTES
from .basics import EXIT_BAD_CODE_DIR, EXIT_OK, EXIT_TASK_ERROR
from .deliver import _deliver, _dumps, _env_int, _failure, _flush_std_streams, _install_std_streams, _new_std_streams, _retired_streams, _write_fd
from .failures import _print_traceback, _say
from .loading import forget, preload
from .run import run_task


_WORKER_PRELOAD = ("collections", "ctypes", "dataclasses", "datetime", "enum", "functools", "itertools")
_LOG_LINE_CAP = 8 * 1024 * 1024  # longer lines are split into several log events
_DRAIN_TIMEOUT = 2.0  # seconds to wait for pipes held open by a task's leftover processes


_UTF8_DECODER = codecs.getincrementaldecoder("utf-8")


class _Poller:
    """select.poll() with a value for each fd: what selectors.PollSelector does, with less work for each call. poll,
    not epoll: an epoll instance would be shared with every forked child."""

    def __init__(self):
        self._poll = select.poll()
        self._values = {}

    def register(self, fd, value):
        self._poll.register(fd, select.POLLIN)
        self._values[fd] = value

    def unregister(self, fd):
        if self._values.pop(fd, None) is not None:
            self._poll.unregister(fd)

    def select(self, timeout):
        """[(fd, value)] of the fds readable, at their end or in error, within `timeout` seconds (None: no limit)."""
        ready = self._poll.poll(None if timeout is None else math.ceil(timeout * 1000))
        return [(fd, self._values[fd]) for fd, _ in ready if fd in self._values]


class _LineSplitter:
    """Bytes from a pipe -> complete text lines (UTF-8, invalid bytes replaced)."""

    def __init__(self, cap):
        self._decoder = None  # made with the first bytes: many pipes only ever see their end
        self._parts, self._size, self._cap = [], 0, cap

    def _cut(self, line):
        return [line[i:i + self._cap] for i in range(0, len(line), self._cap)] or [""]

    def feed(self, data, final=False):
        if self._decoder is None:
            if not data:
                return []
            self._decoder = _UTF8_DECODER("replace")
        lines = []
        text = self._decoder.decode(data, final)
        if text:
            pieces = text.split("\n")
            for piece in pieces[:-1]:
                self._parts.append(piece)
                lines.extend(self._cut("".join(self._parts)))
                self._parts, self._size = [], 0
            if pieces[-1]:
                self._parts.append(pieces[-1])
                self._size += len(pieces[-1])
            if self._size > self._cap:
                pending = "".join(self._parts)
                whole = len(pending) - len(pending) % self._cap
                lines.extend(self._cut(pending[:whole]))
                self._parts = [pending[whole:]] if whole < len(pending) else []
                self._size = len(pending) - whole
        if final and self._parts:
            lines.extend(self._cut("".join(self._parts)))
            self._parts, self._size = [], 0
        return lines


class _Child:
    """A running (or reaped but not yet drained) task of the worker."""

    def __init__(self, task_id, pid, out_fd, err_fd, line_cap):
        self.id, self.pid = task_id, pid
        self.pipes = {out_fd: ("stdout", _LineSplitter(line_cap)),
                      err_fd: ("stderr", _LineSplitter(line_cap))}
        self.status = None  # the waitpid status, once reaped
        self.popen = None  # a spawned container command (subprocess.Popen), not a fork
        self.reaped_at = None
        self.group_emptied = False  # its process group had nothing left in it when it was reaped


_CLONE_NEWNS = 0x00020000
_MS_RDONLY, _MS_REMOUNT, _MS_BIND, _MS_REC, _MS_PRIVATE = 1, 32, 4096, 16384, 1 << 18
_NAMESPACE_OPS = ("symlink", "bind", "robind")


def _die_with_worker(worker_pid):
    """A task is SIGKILLed when its worker dies (the worker itself dies with the server), as a
    container process started by the executor is; Linux only, where prctl exists."""
    try:
        _load_libc().prctl(1, int(signal.SIGKILL), 0, 0, 0)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() != worker_pid:  # the worker died before prctl took effect
        os._exit(128 + signal.SIGKILL)


def _exec_container(argv, env):
    """A container command instead of a task: exec it (PATH from `env`), with the signal
    dispositions a fresh process has; exit 127 with a "cannot execute" line if it cannot start."""
    for name in ("SIGPIPE", "SIGXFSZ", "SIGINT"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_DFL)
    try:
        os.execvpe(argv[0], argv, env)
    except OSError as exc:
        os.write(2, ("podflow worker: cannot execute %s: %s\n" % (argv[0], exc.strerror)).encode("utf-8", "replace"))
    os._exit(127)


def _valid_namespace(namespace):
    if not isinstance(namespace, dict) or not isinstance(namespace.get("root"), str):
        return False
    ops = namespace.get("ops")
    return isinstance(ops, list) and all(
        isinstance(op, list) and len(op) == 3 and op[0] in _NAMESPACE_OPS
        and all(isinstance(part, str) for part in op) for op in ops)


def _mounted_over(path, namespace):
    """Whether the namespace puts other files at `path` than the worker sees there: a volume mounted at it or above it.
    The host's own entries (bound at their own paths, or symlinks as on the host) change nothing."""
    if namespace is None:
        return False
    return any(op != "symlink" and source != target and (path == target or path.startswith(target.rstrip("/") + "/"))
               for op, source, target in namespace["ops"])


_libc = None


def _load_libc():
    global _libc
    if _libc is None:
        import ctypes  # preloaded by the worker
        _libc = ctypes.CDLL(None, use_errno=True)
    return _libc


def _libc_call(name, *args):
    import ctypes
    libc = _load_libc()
    libc.unshare.argtypes = [ctypes.c_int]
    libc.mount.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_ulong, ctypes.c_char_p]
    if getattr(libc, name)(*args) != 0:
        errno = ctypes.get_errno()
        raise OSError(errno, "%s: %s" % (name, os.strerror(errno)))


def _mount(source, target, fstype, flags, data=None):
    enc = lambda s: s.encode() if s is not None else None
    try:
        _libc_call("mount", enc(source), enc(target), enc(fstype), flags, enc(data))
    except OSError as exc:
        raise OSError(exc.errno, "%s on %s" % (exc.strerror, target)) from None


def _enter_namespace(root, ops):
    """In a forked task, as root: what sandbox.ts's unshare script does, without a shell or a new
    interpreter. A private mount namespace, a tmpfs at `root`, the host's top-level entries and the
    pod's volumes bound in (ops: [op, source, target], parents first), then chroot into it."""
    _libc_call("unshare", _CLONE_NEWNS)
    _mount(None, "/", None, _MS_REC | _MS_PRIVATE)
    _mount("podflow-root", root, "tmpfs", 0, "mode=755")
    for op, source, target in ops:
        path = root + target
        if op == "symlink":
            os.symlink(source, path)
            continue
        if os.path.isdir(source):
            os.makedirs(path, exist_ok=True)
        else:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            if not os.path.lexists(path):
                open(path, "a").close()
        _mount(source, path, None, _MS_BIND | _MS_REC)
        if op == "robind":
            _mount(None, path, None, _MS_REMOUNT | _MS_BIND | _MS_RDONLY)
    os.chroot(root)
    os.chdir("/")


# signal.signal() without the enum wrapper of signal.py, whose first use in a fork (it turns the old handler into a
# Handlers member, raising and catching a ValueError on the way) touches pages enough to cost ≈ 30 copies of them.
_set_handler = getattr(sys.modules.get("_signal"), "signal", signal.signal)


def _wake_only(*_):
    """The worker's SIGCHLD handler: its only use is that the signal writes to the wakeup fd."""


def _stop_when_parent_dies(parent):
    """The kernel sends this worker SIGTERM when its parent (the server) dies, even by kill -9 (the executor starts it
    with SIGKILL as that signal; now that SIGTERM is handled, SIGTERM is the better one): the loop then SIGKILLs every
    task's process group, the spawned container commands with the rest. Linux only, where prctl exists."""
    try:
        _load_libc().prctl(1, int(signal.SIGTERM), 0, 0, 0)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent died before prctl took effect
        os.kill(os.getpid(), signal.SIGTERM)


class _Worker:
    """The --worker loop: one poll() over stdin, a SIGCHLD wakeup pipe and every task's
    stdout/stderr pipes. Tasks are forked children, reaped with waitpid(WNOHANG)."""

    def __init__(self):
        parent = os.getppid()
        for name in _WORKER_PRELOAD:
            __import__(name)
        # Events leave through a private copy of fd 1; fd 1 itself becomes stderr, so a stray
        # print in this process can never corrupt the protocol.
        self.events_fd = os.dup(1)
        os.dup2(2, 1)
        # Requests arrive on a private copy of fd 0; fd 0 itself becomes /dev/null, a task's stdin.
        self.requests_fd = os.dup(0)
        devnull = os.open(os.devnull, os.O_RDONLY)
        os.dup2(devnull, 0)
        os.close(devnull)
        # Every task's std streams (fd 0 is /dev/null, fds 1 and 2 are pipes, here and in a task): made here once and
        # never used, so that a fork installs its untouched copies instead of building its own, at the cost of the
        # pages that would touch.
        self.task_stdin = io.TextIOWrapper(io.BufferedReader(io.FileIO(0, "r", closefd=False)), encoding="utf-8")
        self.task_streams = _new_std_streams()
        self.poller = _Poller()
        self.children = {}
        self.environ = dict(os.environ)  # this worker's own, which it never changes (os.environ decodes on each read)
        self.outbox = []
        self.stdin_buffer = b""
        self.accepting = True
        self.stop_requested = False
        self.wake_r, self.wake_w = os.pipe()
        os.set_blocking(self.wake_r, False)
        os.set_blocking(self.wake_w, False)
        signal.set_wakeup_fd(self.wake_w)
        # The handlers stay referenced here: when a fork resets them, nothing is freed (freeing a function touches pages
        # enough to cost the fork ≈ 40 copies of them).
        self.handlers = {signal.SIGCHLD: _wake_only, signal.SIGTERM: self._on_stop_signal, signal.SIGINT: self._on_stop_signal}
        for signum, handler in self.handlers.items():  # SIGCHLD: a handler, so that the wakeup fd fires
            signal.signal(signum, handler)
        self.poller.register(self.requests_fd, "stdin")
        self.poller.register(self.wake_r, "wake")
        try:  # libc and its functions are loaded once here, not in every fork
            libc = _load_libc()
            for name in ("prctl", "unshare", "mount"):
                getattr(libc, name)
        except (OSError, AttributeError):
            pass
        _stop_when_parent_dies(parent)
        gc.collect()  # what is garbage now is not frozen with the rest
        gc.freeze()  # keep the parent's objects out of the children's copy-on-write pages

    def _on_stop_signal(self, *_):
        self.stop_requested = True

    # -- events --------------------------------------------------------------------------------

    def _send(self, events):
        """Queue events; they leave together once per turn of the loop (_flush), so that a task's
        "started", its log lines and its exit, and those of other tasks, share one write: each write
        wakes the executor."""
        self.outbox.extend(_dumps(event) + "\n" for event in events)

    def _flush(self):
        if not self.outbox:
            return
        data = "".join(self.outbox).encode("utf-8")
        self.outbox.clear()
        try:
            _write_fd(self.events_fd, data)
        except OSError:
            pass  # nobody is listening any more; stdin EOF will end the worker

    def _log_events(self, child, stream, lines):
        now = time.time() * 1000.0
        return [{"id": child.id, "event": "log", "stream": stream, "line": line, "ts": now}
                for line in lines]

    def _reject(self, task_id, message):
        """A run request that could not start: a stderr line and an exit event, no "started"."""
        self._send([{"id": task_id, "event": "log", "stream": "stderr",
                     "line": "podflow worker: %s" % message, "ts": time.time() * 1000.0},
                    {"id": task_id, "event": "exit", "code": EXIT_BAD_CODE_DIR, "signal": None}])

    # -- requests ------------------------------------------------------------------------------

    def _read_stdin(self):
        try:
            data = os.read(self.requests_fd, 65536)
        except OSError:
            data = b""
        if data:
            self.stdin_buffer += data
            *lines, self.stdin_buffer = self.stdin_buffer.split(b"\n")
        else:
            lines, self.stdin_buffer = [self.stdin_buffer], b""
        for line in lines:
            if line.strip():
                self._handle_request(line)
        if not data:
            self._shut_down()

    def _handle_request(self, line):
        try:
            request = json.loads(line)
        except ValueError as exc:
            _say("worker: ignoring a request that is not JSON (%s): %r" % (exc, line[:200]))
            return
        op = request.get("op") if isinstance(request, dict) else None
        try:
            if op == "run":
                self._start(request)
            elif op == "kill":
                self._kill(request)
            else:
                _say("worker: ignoring a request with unknown op %r" % (op,))
        except Exception as exc:  # e.g. out of file descriptors: refuse this one, keep serving
            _say("worker: cannot handle %r: %s: %s" % (line[:200], type(exc).__name__, exc))
            task_id = request.get("id")
            if op == "run" and isinstance(task_id, str) and task_id not in self.children:
                self._reject(task_id, "%s: %s" % (type(exc).__name__, exc))

    def _start(self, request):
        task_id = request.get("id")
        if not isinstance(task_id, str) or not task_id:
            _say("worker: ignoring a run request without a string id")
            return
        if task_id in self.children:
            _say("worker: ignoring a second run request for the running id %r" % task_id)
            return
        env = request.get("env") or {}
        code_dir = request.get("codeDir") or (env.get(ENV_CODE_DIR) if isinstance(env, dict) else None)
        cwd = request.get("cwd")
        if not isinstance(env, dict):
            return self._reject(task_id, '"env" must be an object of strings')
        if not isinstance(code_dir, str) or not code_dir:
            return self._reject(task_id, '"codeDir" must be the path of the code directory')
        if cwd is not None and not isinstance(cwd, str):
            return self._reject(task_id, '"cwd" must be a path or null')
        argv = request.get("argv")
        if argv is not None and not (isinstance(argv, list) and argv and all(isinstance(a, str) for a in argv)):
            return self._reject(task_id, '"argv" must be a non-empty list of strings')
        namespace = request.get("namespace")
        if namespace is not None and not _valid_namespace(namespace):
            return self._reject(task_id, '"namespace" must be {"root": path, "ops": [[op, source, target], ...]}')
        env = {str(k): str(v) for k, v in env.items() if v is not None}
        env[ENV_CODE_DIR] = code_dir
        # The marker line must reach the executor whole, however large the outputs may be.
        line_cap = max(_LOG_LINE_CAP,
                       _env_int(ENV_OUTPUTS_MAX_BYTES, DEFAULT_OUTPUTS_MAX_BYTES, env) + 65536)

        if argv is None:
            if _mounted_over(code_dir, namespace):
                forget(code_dir)  # the fork will see other files at that path
            else:
                preload(code_dir)
        out_r, out_w = os.pipe()
        err_r, err_w = os.pipe()
        if argv is not None and namespace is None:
            return self._spawn(task_id, argv, env, cwd, (out_r, out_w, err_r, err_w), line_cap)
        # What the fork changes of this worker's environment to make it exactly `env`, worked out here, once: in the
        # fork, each object this touches would cost a copy of its page.
        environ_changes = ([key for key in self.environ if key not in env],
                           [(key, value) for key, value in env.items() if self.environ.get(key) != value])
        _flush_std_streams()
        worker_pid = os.getpid()
        try:
            pid = os.fork()
        except OSError as exc:
            for fd in (out_r, out_w, err_r, err_w):
                os.close(fd)
            return self._reject(task_id, "cannot fork: %s" % exc)
        if pid == 0:
            self._child(worker_pid, code_dir, env, environ_changes, cwd, namespace, argv, out_w, err_w, [out_r, err_r])  # never returns
        os.close(out_w)
        os.close(err_w)
        child = _Child(task_id, pid, out_r, err_r, line_cap)
        for fd in (out_r, err_r):
            self.poller.register(fd, child)
        self.children[task_id] = child
        self._send([{"id": task_id, "event": "started", "pid": pid}])

    def _spawn(self, task_id, argv, env, cwd, fds, line_cap):
        """A container command without a mount namespace: vfork+exec'd (subprocess), not a fork
        of this interpreter, whose copy-on-write pages make a fork cost several times more. The
        same process as a fork would exec: its own session, exactly `env` (PATH from it), `cwd`,
        stdin from /dev/null, default signal dispositions. Nothing stands between the worker and
        it: when the worker's parent dies, the worker kills its group (see _Worker.__init__). A
        command that cannot be executed gets the same "cannot execute" line and exit code 127 as
        from a fork (execve's own error: no fallback to /bin/sh for a file of unknown format)."""
        out_r, out_w, err_r, err_w = fds
        error = None
        try:
            popen = subprocess.Popen(argv, stdin=0, stdout=out_w, stderr=err_w,  # fd 0 is /dev/null (__init__)
                                     cwd=cwd or None, env=env, close_fds=True, restore_signals=True,
                                     start_new_session=True)
        except OSError as exc:
            popen, error = None, exc
        finally:
            os.close(out_w)
            os.close(err_w)
        if popen is None:
            os.close(out_r)
            os.close(err_r)
            if cwd and error.filename == cwd:
                reason, code = "cannot change to the working directory %s: %s" % (cwd, error.strerror), EXIT_BAD_CODE_DIR
            else:
                reason, code = "cannot execute %s: %s" % (argv[0], error.strerror), 127
            return self._send([{"id": task_id, "event": "log", "stream": "stderr",
                                "line": "podflow worker: %s" % reason, "ts": time.time() * 1000.0},
                               {"id": task_id, "event": "exit", "code": code, "signal": None}])
        child = _Child(task_id, popen.pid, out_r, err_r, line_cap)
        child.popen = popen
        for fd in (out_r, err_r):
            self.poller.register(fd, child)
        self.children[task_id] = child
        self._send([{"id": task_id, "event": "started", "pid": popen.pid}])

    def _kill(self, request):
        task_id = request.get("id")
        child = self.children.get(task_id) if isinstance(task_id, str) else None
        sig = request.get("signal", signal.SIGTERM)
        if child is None or child.status is not None:
            return
        if not isinstance(sig, int) or isinstance(sig, bool) or not 0 < sig < signal.NSIG:
            sig = signal.SIGTERM
        _signal_group(child.pid, sig)

    def _shut_down(self):
        """stdin closed (or SIGTERM): kill every task, then the loop ends once all are reaped."""
        if not self.accepting:
            return
        self.accepting = False
        self.poller.unregister(self.requests_fd)
        for child in self.children.values():
            if child.status is None:
                _signal_group(child.pid, signal.SIGKILL)

    # -- children ------------------------------------------------------------------------------

    def _child(self, worker_pid, code_dir, env, environ_changes, cwd, namespace, argv, out_w, err_w, own_read_fds):
        """In the forked child: become a clean task process and run the task. Never returns."""
        code = EXIT_TASK_ERROR
        try:
            os.setsid()
            _die_with_worker(worker_pid)
            signal.set_wakeup_fd(-1)
            for sig in (signal.SIGCHLD, signal.SIGTERM):
                _set_handler(int(sig), int(signal.SIG_DFL))
            _set_handler(int(signal.SIGINT), signal.default_int_handler)
            inherited = [self.events_fd, self.requests_fd, self.wake_r, self.wake_w]
            inherited += own_read_fds
            for other in self.children.values():
                inherited += list(other.pipes)
            for fd in inherited:
                try:
                    os.close(fd)
                except OSError:
                    pass
            os.dup2(out_w, 1)  # fd 0 is already /dev/null (see __init__)
            os.dup2(err_w, 2)
            os.close(out_w)
            os.close(err_w)
            _retired_streams.append(sys.stdin)
            sys.stdin = sys.__stdin__ = self.task_stdin
            # Exactly `env`: only what differs from the worker's own changes (each change is a setenv or unsetenv).
            removed, changed = environ_changes
            for key in removed:
                del os.environ[key]
            for key, value in changed:
                os.environ[key] = value
            sys.argv = [os.path.join(code_dir, "entrypoint.py")]
            _install_std_streams(self.task_streams)
            if namespace is not None:
                try:
                    _enter_namespace(namespace["root"], namespace["ops"])
                except OSError as exc:
                    reason = "cannot set up the pod's mount namespace: %s" % exc
                    _say(reason)
                    _deliver(_failure(reason))
                    code = EXIT_BAD_CODE_DIR
                    return
            if cwd:
                try:
                    os.chdir(cwd)
                except OSError as exc:
                    reason = "cannot change to the working directory %s: %s" % (cwd, exc.strerror)
                    _say(reason)
                    _deliver(_failure(reason))
                    code = EXIT_BAD_CODE_DIR
                    return
            if argv is not None:
                _exec_container(argv, env)  # never returns
            code = run_task()
            _finish_like_interpreter_exit()
        except BaseException as exc:
            _print_traceback(exc)
        finally:
            _flush_std_streams()
            os._exit(code)

    def _read_child(self, fd, child):
        stream, splitter = child.pipes[fd]
        try:
            data = os.read(fd, 65536)
        except OSError:
            data = b""
        lines = splitter.feed(data, final=not data)
        self._send(self._log_events(child, stream, lines))
        if not data:
            self._close_pipe(child, fd)

    def _close_pipe(self, child, fd):
        self.poller.unregister(fd)
        os.close(fd)
        del child.pipes[fd]

    def _reap(self):
        for child in self.children.values():
            if child.status is not None:
                continue
            try:
                pid, status = os.waitpid(child.pid, os.WNOHANG)
            except ChildProcessError:
                pid, status = child.pid, 0
            if pid:
                child.status, child.reaped_at = status, time.monotonic()
                if child.popen is not None:
                    child.popen.returncode = status  # reaped here: subprocess must never wait for it
                # As when a container's main process ends: whatever it left running goes too.
                child.group_emptied = not _signal_group(child.pid, signal.SIGKILL, group_only=True)

    def _finish(self):
        """Send "exit" for reaped children whose pipes are drained (or stuck past the timeout)."""
        now = time.monotonic()
        for task_id, child in list(self.children.items()):
            if child.status is None:
                continue
            if child.pipes and now - child.reaped_at < _DRAIN_TIMEOUT:
                continue
            events = []
            for fd in list(child.pipes):
                stream, splitter = child.pipes[fd]
                events += self._log_events(child, stream, splitter.feed(b"", final=True))
                self._close_pipe(child, fd)
            if os.WIFSIGNALED(child.status):
                sig = os.WTERMSIG(child.status)
                code, signal_number = 128 + sig, sig
            else:
                code, signal_number = os.WEXITSTATUS(child.status), None
            exit_event = {"id": task_id, "event": "exit", "code": code, "signal": signal_number}
            if child.group_emptied:
                exit_event["groupGone"] = True  # nothing was left in its process group to kill
            events.append(exit_event)
            self._send(events)
            del self.children[task_id]

    def _timeout(self):
        if not self.children:
            return None
        draining = [c.reaped_at for c in self.children.values() if c.status is not None]
        if draining:
            return max(0.0, min(draining) + _DRAIN_TIMEOUT - time.monotonic())
        return 1.0  # a safety net; SIGCHLD normally wakes the loop at once

    def run(self):
        while self.accepting or self.children:
            self._flush()
            for fd, value in self.poller.select(self._timeout()):
                if value == "stdin":
                    self._read_stdin()
                elif value == "wake":
                    try:
                        while os.read(self.wake_r, 4096):
                            pass
                    except BlockingIOError:
                        pass
                elif fd in getattr(value, "pipes", ()):  # not closed earlier in this turn
                    self._read_child(fd, value)
            if self.stop_requested:
                self._shut_down()
            self._reap()
            self._finish()
        self._flush()
        return EXIT_OK


def _finish_like_interpreter_exit():
    """What `sys.exit()` would still do in a plain run before the child's os._exit():
    wait for the task's non-daemon threads, then run its atexit handlers."""
    threading = sys.modules.get("threading")
    try:
        # Only when there is something to wait for or to call: the call alone touches pages enough to cost the fork
        # ≈ 30 copies of them.
        if threading is not None and (threading.active_count() > 1 or getattr(threading, "_threading_atexits", True)):
            threading._shutdown()
    except Exception:
        pass
    atexit._run_exitfuncs()


def _signal_group(pid, sig, group_only=False):
    """Signal a task's process group (the task called setsid), else the task itself: a task that
    has not reached setsid() yet has no group of its own. Returns whether the group had a process."""
    try:
        os.killpg(pid, sig)
        return True
    except ProcessLookupError:
        found = False
    except PermissionError:
        found = True  # a process is there, though not one this worker may signal
    if not group_only:
        try:
            os.kill(pid, sig)
        except (ProcessLookupError, PermissionError):
            pass
    return found
