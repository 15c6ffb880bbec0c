"""Loading the code directory: task.json and task.py."""

import importlib.util
import inspect
import json
import os
import sys

from .basics import CodeDirError, _THIS_FILE
from .contract import ENV_DEPS_DIR
from .hints import _describe
from .failures import _call_user


# Code directories a warm worker read before it forked their tasks: path -> (stamp, spec, code of task.py, its module
# spec). A fork inherits the table, so its task neither parses task.json nor compiles task.py again (packages/runtime/README.md,
# "Warm worker"). Filled only by preload(), in the worker; a plain run starts with it empty.
_preloaded = {}
_PRELOADED_MAX = 64


def _stamp(code_dir):
    """What tells a code directory's two files apart from any edit of them."""
    stamp = ()
    for name in ("task.json", "task.py"):
        st = os.stat(os.path.join(code_dir, name))
        stamp += (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)
    return stamp


def preload(code_dir):
    """In a warm worker, before it forks a task of `code_dir`: parse its task.json and compile its task.py, once
    while the files stay the same. Nothing of the task runs here. Whatever is wrong (a missing file, bad JSON, a
    syntax error) is left for the task's own process to find and report, exactly as without this."""
    try:
        stamp = _stamp(code_dir)
        cached = _preloaded.get(code_dir)
        if cached is not None and cached[0] == stamp:
            return
        forget(code_dir)
        spec = _load_task_json(code_dir)
        path = os.path.join(code_dir, "task.py")
        with open(path, "rb") as handle:
            source = handle.read()
        code = compile(source, path, "exec", dont_inherit=True)  # as importlib's SourceFileLoader compiles it
        module_spec = importlib.util.spec_from_file_location("task", path)
        module_spec.cached  # worked out (and kept by the spec) here, not in every fork
        if sys.path:
            _real_dir(sys.path[0] or ".")
    except Exception:
        forget(code_dir)  # nothing of an earlier read of these files may stand in for them now
        return
    if len(_preloaded) >= _PRELOADED_MAX:
        del _preloaded[next(iter(_preloaded))]
    _preloaded[code_dir] = (stamp, spec, code, module_spec)


def forget(code_dir):
    """The next fork of `code_dir` reads its files itself."""
    _preloaded.pop(code_dir, None)


def _load_task_json(code_dir):
    cached = _preloaded.get(code_dir)
    if cached is not None:
        return cached[1]
    path = os.path.join(code_dir, "task.json")
    try:
        with open(path, encoding="utf-8") as handle:
            spec = json.load(handle)
    except FileNotFoundError:
        raise CodeDirError("%s not found: PODFLOW_CODE_DIR must hold task.py and task.json" % path)
    except (OSError, ValueError) as exc:
        raise CodeDirError("cannot read %s: %s" % (path, exc))
    if not isinstance(spec, dict) or not isinstance(spec.get("task"), str) or not spec["task"]:
        raise CodeDirError('%s must be an object with "task": "<function name>"' % path)
    mode = spec.get("mode", "python")
    if mode not in ("python", "dynamic"):
        raise CodeDirError('%s: "mode" must be "python" or "dynamic", got %r' % (path, mode))
    tasks = spec.get("tasks") or {}
    if not isinstance(tasks, dict):
        raise CodeDirError('%s: "tasks" must be an object of task name to interface' % path)
    interfaces = {}
    for name, iface in tasks.items():
        where = '%s: tasks["%s"]' % (path, name)
        if not isinstance(iface, dict):
            raise CodeDirError("%s must be an object with inputs and outputs" % where)
        inputs, outputs = iface.get("inputs", []), iface.get("outputs")
        if not isinstance(inputs, list) or not all(
            isinstance(i, dict) and isinstance(i.get("name"), str) for i in inputs
        ):
            raise CodeDirError('%s.inputs must be a list of {"name", "type", "optional"}' % where)
        if not isinstance(outputs, list) or not all(isinstance(o, str) for o in outputs):
            raise CodeDirError("%s.outputs must be a list of output names" % where)
        interfaces[name] = {"inputs": inputs, "outputs": outputs}
    return {"task": spec["task"], "mode": mode, "tasks": interfaces}


_real_dirs = {}


def _real_dir(path):
    """os.path.realpath(path), remembered: a warm worker works it out for its own directory before it forks (see
    preload()), since the fork would copy every page realpath's loop touches."""
    if path not in _real_dirs:
        _real_dirs[path] = os.path.realpath(path)
    return _real_dirs[path]


def _load_task_module(code_dir):
    """Import task.py as module `task`, with the code directory first on sys.path."""
    path = os.path.join(code_dir, "task.py")
    if not os.path.isfile(path):
        raise CodeDirError("%s not found: PODFLOW_CODE_DIR must hold task.py and task.json" % path)
    _use_deps_dir()
    # `python3 entrypoint.py` puts the script's directory first on sys.path; the worker's children
    # do not live there, so both make the code directory first explicitly.
    if sys.path and _real_dir(sys.path[0] or ".") == os.path.dirname(_THIS_FILE):
        sys.path[0] = code_dir
    elif not sys.path or sys.path[0] != code_dir:
        sys.path.insert(0, code_dir)
    # No __pycache__: the directory is usually read-only, and a cached .pyc with the same mtime
    # and size could outlive an edited task.py.
    sys.dont_write_bytecode = True
    cached = _preloaded.get(code_dir)
    spec = cached[3] if cached is not None else importlib.util.spec_from_file_location("task", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules["task"] = module  # so NamedTuples and dataclasses in task.py resolve their module
    if cached is not None:
        _call_user(lambda: exec(cached[2], vars(module)), code_dir)  # what exec_module does with the code it compiles
    else:
        _call_user(lambda: spec.loader.exec_module(module), code_dir)
    return module


def _use_deps_dir():
    """The task's requirements (`pip install --target` into $PODFLOW_DEPS_DIR: an init container's volume on a
    cluster, a cached environment locally) go first on sys.path, before the interpreter's own site-packages, with
    their .pth files read; and first on PYTHONPATH, so that a Python subprocess of the task finds them too. Done here,
    not by a PYTHONPATH in the pod, because a warm worker's fork has started long before, and because a pod's
    PYTHONPATH would hide the image's own."""
    deps = os.environ.get(ENV_DEPS_DIR)
    if not deps:
        return
    if not os.path.isdir(deps):
        raise CodeDirError("%s=%s is not a directory: the task's requirements were not installed there" % (ENV_DEPS_DIR, deps))
    if deps in sys.path:
        sys.path.remove(deps)
    sys.path.insert(0, deps)
    import site
    site.addsitedir(deps)  # already on sys.path: only its .pth files are read
    current = os.environ.get("PYTHONPATH")
    os.environ["PYTHONPATH"] = deps + (os.pathsep + current if current else "")


def _find_function(module, name):
    func = getattr(module, name, None)
    if callable(func):
        return func
    if func is not None:
        raise CodeDirError('%r in task.py is %s, not a function (task.json "task")' % (name, _describe(func)))
    defined = sorted(
        n for n, v in vars(module).items()
        if inspect.isfunction(v) and getattr(v, "__module__", None) == module.__name__
    )
    raise CodeDirError(
        'task.py defines no function %r (task.json "task"); functions it defines: %s'
        % (name, ", ".join(defined) or "none")
    )
