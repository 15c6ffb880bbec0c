#!/usr/bin/env python3
"""Podflow task entrypoint: runs one task inside the primary container of a pod.

Shipped in a ConfigMap as ``entrypoint.py`` next to the task's code. Python 3.9+, stdlib only.
README.md beside this file is the contract with the TypeScript side; in short:

Code directory ($PODFLOW_CODE_DIR, default /var/run/podflow)
    task.py     the user's module; it defines the task function (and maybe others)
    task.json   {"task": NAME, "mode": "python" | "dynamic",
                 "tasks": {NAME: {"inputs": [{"name", "type", "optional"}], "outputs": [...]}}}

One task:  python3 entrypoint.py
    inputs   JSON object from $PODFLOW_INPUTS, else the file $PODFLOW_INPUTS_FILE, else {};
             converted to the function's type hints, strictly (no str -> int coercion)
    outputs  named as Flyte does: o0, o1... for a value or a tuple, field names for a NamedTuple
    result   one compact JSON envelope:
                 {"ok": true, "outputs": {...}}            python mode
                 {"ok": true, "dynamic": {nodes, outputs}} dynamic mode (a recorded sub-DAG)
                 {"ok": false, "error": "<one line>"}      failure; traceback on stderr
             written to $PODFLOW_OUTPUTS_FILE (default /dev/termination-log) when it is at most
             4096 bytes; otherwise that file gets {"ok": true, "outputsInLog": true} and the
             envelope goes out as one final stdout line "::podflow-outputs::<json>". Over
             $PODFLOW_OUTPUTS_MAX_BYTES (default 1 MiB) the task fails; nothing is ever truncated.
             If the file cannot be written, the marker line carries the envelope whatever its size.
    exit     0 success, 1 task error (bad inputs and outputs included), 2 broken code directory

Dynamic mode: every other task named in task.json is replaced in the module's globals by a
recorder. Calling it (keyword arguments only) records a node and returns a promise, which can be
passed to other calls (inside lists and dicts too) or returned, but never inspected.

Warm worker:  python3 entrypoint.py --worker
    JSON lines on stdin ({"op": "run" | "kill", ...}), JSON-line events on stdout ("started",
    "log", "exit"). Each task runs in a fork of the worker, through exactly the same run_task()
    as above, so its outputs, files and exit codes are those of a plain run. A run request may
    carry "namespace": {"root", "ops"}: the fork (as root) enters its own mount namespace with
    the pod's volumes mounted, as the executor's unshare sandbox does, before the task runs; and
    "argv": the fork execs that container command instead of running a task.

Layout of this file: errors -> types -> loading -> inputs/outputs -> dynamic recording ->
result delivery -> run_task (one task) -> worker -> main.
"""

import ast
import atexit
import codecs
import gc
import importlib.util
import inspect
import io
import json
import math
import numbers
import os
import re
import selectors
import signal
import sys
import time
import traceback
import types
import typing

DEFAULT_CODE_DIR = "/var/run/podflow"
DEFAULT_OUTPUTS_FILE = "/dev/termination-log"
DEFAULT_OUTPUTS_MAX_BYTES = 1024 * 1024
TERMINATION_MESSAGE_MAX_BYTES = 4096  # Kubernetes' cap on a container's termination message
OUTPUTS_MARKER = "::podflow-outputs::"
MAX_JSON_INT = 2 ** 53  # beyond this JavaScript numbers cannot hold an int exactly
MAX_ERROR_CHARS = 2000  # for one-line failure reasons (_failure also caps their bytes)

EXIT_OK = 0
EXIT_TASK_ERROR = 1
EXIT_BAD_CODE_DIR = 2

_THIS_FILE = os.path.realpath(__file__)


# ------------------------------------------------------------------------------------------------
# Errors


class CodeDirError(Exception):
    """The code directory is broken (missing task.py/task.json, no such function): exit 2."""


class TaskError(Exception):
    """A problem found by the entrypoint itself (bad inputs, bad outputs): exit 1, no traceback."""


class PromiseError(TypeError):
    """A dynamic task tried to look at a value that only exists once the sub-DAG has run."""


class _UserCodeFailed(Exception):
    """User code raised; its traceback is already on stderr and `reason` is the one-line form."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


# ------------------------------------------------------------------------------------------------
# Types: annotations -> checks and conversions


_NoneType = type(None)
_UnionType = getattr(types, "UnionType", None)  # the type of `int | None` on Python 3.10+
_NO_ANNOTATION = inspect.Parameter.empty


def _is_any(tp):
    return tp is typing.Any or tp is object or tp is _NO_ANNOTATION


def _is_none_type(tp):
    return tp is None or tp is _NoneType


def _is_union(tp):
    origin = typing.get_origin(tp)
    return origin is typing.Union or (_UnionType is not None and origin is _UnionType)


def _is_namedtuple(tp):
    return isinstance(tp, type) and issubclass(tp, tuple) and hasattr(tp, "_fields")


def _strip_optional(tp):
    """Optional[T] -> T; anything else unchanged."""
    if _is_union(tp):
        rest = [a for a in typing.get_args(tp) if a is not _NoneType]
        if len(rest) == 1:
            return rest[0]
    return tp


def _type_name(tp):
    """A readable name for an annotation: int, List[str], Optional[int]..."""
    if _is_none_type(tp):
        return "None"
    if tp is Ellipsis:
        return "..."
    if _is_union(tp):
        args = typing.get_args(tp)
        rest = [a for a in args if a is not _NoneType]
        if len(rest) == 1 and len(args) == 2:
            return "Optional[%s]" % _type_name(rest[0])
        return "Union[%s]" % ", ".join(_type_name(a) for a in args)
    origin = typing.get_origin(tp)
    if origin is not None:
        name = getattr(origin, "__name__", str(origin))
        args = typing.get_args(tp)
        return "%s[%s]" % (name, ", ".join(_type_name(a) for a in args)) if args else name
    if isinstance(tp, type):
        return tp.__name__
    return str(tp).replace("typing.", "")


def _describe(value):
    """`str ('6')`, `int (6)`: how error messages show the value they got."""
    if value is None:
        return "None"
    try:
        text = repr(value)
    except Exception:
        text = "?"
    if len(text) > 40:
        text = text[:37] + "..."
    return "%s (%s)" % (type(value).__name__, text)


class _PipeToUnion(ast.NodeTransformer):
    """Rewrites `A | B` into `Union[A, B]` so that string annotations evaluate on Python 3.9."""

    def visit_BinOp(self, node):
        self.generic_visit(node)
        if not isinstance(node.op, ast.BitOr):
            return node
        union = ast.Name(id="__podflow_union__", ctx=ast.Load())
        pair = ast.Tuple(elts=[node.left, node.right], ctx=ast.Load())
        return ast.copy_location(ast.Subscript(value=union, slice=pair, ctx=ast.Load()), node)


def _eval_annotation(text, namespace):
    tree = _PipeToUnion().visit(ast.parse(text.strip(), mode="eval"))
    ast.fix_missing_locations(tree)
    scope = dict(namespace)
    scope["__podflow_union__"] = typing.Union
    return eval(compile(tree, "<annotation>", "eval"), scope)


def _type_hints(obj):
    """typing.get_type_hints(obj), falling back to our own evaluation for `X | Y` on 3.9."""
    try:
        return typing.get_type_hints(obj)
    except Exception:
        pass
    if isinstance(obj, type):
        namespace = vars(sys.modules[obj.__module__]) if obj.__module__ in sys.modules else {}
    else:
        namespace = getattr(obj, "__globals__", {})
    hints = {}
    for name, annotation in (getattr(obj, "__annotations__", None) or {}).items():
        try:
            hints[name] = (
                _eval_annotation(annotation, namespace) if isinstance(annotation, str) else annotation
            )
        except Exception as exc:
            raise TaskError(
                "cannot evaluate the annotation %r of %s %r: %s: %s"
                % (annotation, getattr(obj, "__name__", "?"), name, type(exc).__name__, exc)
            )
    return hints


# Names a type string in task.json may use ("int", "List[str]", "Optional[int]", "int | None").
_INTERFACE_TYPE_NAMES = {
    "__builtins__": {},
    "int": int, "float": float, "str": str, "bool": bool, "list": list, "dict": dict,
    "tuple": tuple, "List": typing.List, "Dict": typing.Dict, "Tuple": typing.Tuple,
    "Optional": typing.Optional, "Union": typing.Union, "Any": typing.Any, "typing": typing,
}


def _interface_type(text):
    """The annotation a task.json type string stands for; Any when it is not one we model."""
    if not isinstance(text, str) or not text.strip():
        return typing.Any
    try:
        return _eval_annotation(text, _INTERFACE_TYPE_NAMES)
    except Exception:
        return typing.Any


def _key_path(path, key):
    return "%s[%s]" % (path, json.dumps(key, ensure_ascii=False))


def _check_json_number(value, kind, path):
    """Refuse what JSON/JavaScript cannot carry exactly: NaN, infinities, ints beyond ±2^53."""
    if isinstance(value, int):
        if abs(value) > MAX_JSON_INT:
            shown = str(value) if value.bit_length() < 200 else "an int of %d bits" % value.bit_length()
            raise TaskError(
                "%s '%s' is %s, beyond ±2^53: JSON and JavaScript cannot carry it exactly; "
                "return it as a str" % (kind, path, shown)
            )
    elif not math.isfinite(value):
        raise TaskError("%s '%s' is %r: JSON cannot represent NaN or infinities" % (kind, path, value))
    return value


def _plain_json(value, kind, path):
    """A copy of `value` as plain JSON (tuples become lists), or a TaskError saying why not."""
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, numbers.Integral):
        return _check_json_number(int(value), kind, path)
    if isinstance(value, numbers.Real):
        return _check_json_number(float(value), kind, path)
    if isinstance(value, (list, tuple)):
        return [_plain_json(v, kind, "%s[%d]" % (path, i)) for i, v in enumerate(value)]
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            if not isinstance(key, str):
                raise TaskError("%s '%s' has the key %s; JSON object keys must be str"
                                % (kind, path, _describe(key)))
            out[key] = _plain_json(item, kind, _key_path(path, key))
        return out
    raise TaskError(
        "%s '%s' is %s, which has no JSON form (use None, bool, int, float, str, list or dict)"
        % (kind, path, _describe(value))
    )


def _conform(value, tp, kind, path, to_python):
    """Check `value` against the annotation `tp` and return it converted.

    to_python=True  converts a JSON input to the function's argument (float takes ints, Tuple -> tuple).
    to_python=False converts a returned value to JSON (tuples -> lists, NaN/±2^53 refused).
    `kind` and `path` name the value in errors: input 'xs'[2], output 'o0'.
    Annotations we do not model (dataclasses, custom classes) accept any JSON value.
    """

    def mismatch():
        return TaskError("%s '%s' expects %s, got %s" % (kind, path, _type_name(tp), _describe(value)))

    if _is_any(tp):
        return _plain_json(value, kind, path)
    if _is_none_type(tp):
        if value is None:
            return None
        raise mismatch()
    if _is_union(tp):
        args = typing.get_args(tp)
        if value is None:
            if _NoneType in args:
                return None
            raise mismatch()
        options = [a for a in args if a is not _NoneType]
        if len(options) == 1:  # Optional[T]: T's own error is the most precise
            return _conform(value, options[0], kind, path, to_python)
        for option in options:
            try:
                return _conform(value, option, kind, path, to_python)
            except TaskError:
                continue
        raise mismatch()

    origin = typing.get_origin(tp) or tp
    args = typing.get_args(tp)
    if origin is bool:
        if isinstance(value, bool):
            return value
        raise mismatch()
    if origin is int:
        if isinstance(value, bool) or not isinstance(value, numbers.Integral):
            raise mismatch()
        return _check_json_number(int(value), kind, path)
    if origin is float:
        if isinstance(value, bool) or not isinstance(value, numbers.Real):
            raise mismatch()
        try:
            number = float(value)
        except OverflowError:
            raise mismatch()
        return number if to_python else _check_json_number(number, kind, path)
    if origin is str:
        if isinstance(value, str):
            return value
        raise mismatch()
    if origin is list:
        if not isinstance(value, list) and (to_python or not isinstance(value, tuple)):
            raise mismatch()
        item_tp = args[0] if args else typing.Any
        return [_conform(v, item_tp, kind, "%s[%d]" % (path, i), to_python) for i, v in enumerate(value)]
    if origin is dict:
        if not isinstance(value, dict):
            raise mismatch()
        value_tp = args[1] if len(args) == 2 else typing.Any
        out = {}
        for key, item in value.items():
            if not isinstance(key, str):
                raise TaskError("%s '%s' has the key %s; JSON object keys must be str"
                                % (kind, path, _describe(key)))
            out[key] = _conform(item, value_tp, kind, _key_path(path, key), to_python)
        return out
    if origin is tuple:
        if not isinstance(value, (list, tuple)):
            raise mismatch()
        if args and args[-1] is Ellipsis:
            item_types = [args[0]] * len(value)
        elif args and args != ((),):
            if len(value) != len(args):
                raise mismatch()
            item_types = list(args)
        else:
            item_types = [typing.Any] * len(value)
        items = [_conform(v, t, kind, "%s[%d]" % (path, i), to_python)
                 for i, (v, t) in enumerate(zip(value, item_types))]
        return tuple(items) if to_python else items
    return _plain_json(value, kind, path)


# ------------------------------------------------------------------------------------------------
# Loading the code directory


def _load_task_json(code_dir):
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


def _load_task_module(code_dir):
    """Import task.py as module `task`, with the code directory first on sys.path."""
    path = os.path.join(code_dir, "task.py")
    if not os.path.isfile(path):
        raise CodeDirError("%s not found: PODFLOW_CODE_DIR must hold task.py and task.json" % path)
    # `python3 entrypoint.py` puts the script's directory first on sys.path; the worker's children
    # do not live there, so both make the code directory first explicitly.
    if sys.path and os.path.realpath(sys.path[0] or ".") == os.path.dirname(_THIS_FILE):
        sys.path[0] = code_dir
    elif not sys.path or sys.path[0] != code_dir:
        sys.path.insert(0, code_dir)
    # No __pycache__: the directory is usually read-only, and a cached .pyc with the same mtime
    # and size could outlive an edited task.py.
    sys.dont_write_bytecode = True
    spec = importlib.util.spec_from_file_location("task", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules["task"] = module  # so NamedTuples and dataclasses in task.py resolve their module
    _call_user(lambda: spec.loader.exec_module(module), code_dir)
    return module


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


# ------------------------------------------------------------------------------------------------
# Inputs and outputs


def _reject_json_constant(name):
    raise ValueError("%s is not valid JSON" % name)


def _read_inputs():
    text = os.environ.get("PODFLOW_INPUTS")
    source = "PODFLOW_INPUTS"
    if not text:
        path = os.environ.get("PODFLOW_INPUTS_FILE")
        if not path:
            return {}
        source = "%s (PODFLOW_INPUTS_FILE)" % path
        try:
            with open(path, encoding="utf-8") as handle:
                text = handle.read()
        except OSError as exc:
            raise TaskError("cannot read the inputs file %s: %s" % (source, exc.strerror or exc))
    try:
        data = json.loads(text, parse_constant=_reject_json_constant)
    except ValueError as exc:
        raise TaskError("the inputs in %s are not valid JSON: %s" % (source, exc))
    if not isinstance(data, dict):
        raise TaskError("the inputs in %s must be a JSON object of input name to value, got %s"
                        % (source, type(data).__name__))
    return data


def _convert_inputs(func, hints, raw):
    """JSON inputs -> (args, kwargs) for `func`, checked against its signature and hints."""
    name = getattr(func, "__name__", "task")
    params = list(inspect.signature(func).parameters.values())
    named = [p for p in params if p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)]
    takes_any = any(p.kind == p.VAR_KEYWORD for p in params)
    known = [p.name for p in named]
    unknown = [k for k in raw if k not in known]
    if unknown and not takes_any:
        raise TaskError("unknown input%s %s: %s() takes %s" % (
            "s" if len(unknown) > 1 else "", ", ".join(repr(k) for k in unknown), name,
            ", ".join(known) or "no inputs"))
    missing = [p.name for p in named if p.default is p.empty and p.name not in raw]
    if missing:
        raise TaskError("missing input%s %s: %s() requires %s" % (
            "s" if len(missing) > 1 else "", ", ".join(repr(k) for k in missing), name,
            ", ".join(p.name for p in named if p.default is p.empty)))
    args, kwargs = [], {}
    for p in named:
        if p.name not in raw:
            continue
        value = raw[p.name]
        if value is None and p.default is None:  # `x: int = None` accepts null, as Flyte does
            converted = None
        else:
            converted = _conform(value, hints.get(p.name, typing.Any), "input", p.name, True)
        if p.kind == p.POSITIONAL_ONLY:
            args.append(converted)
        else:
            kwargs[p.name] = converted
    for key in unknown:
        kwargs[key] = raw[key]
    return args, kwargs


def _output_slots(return_tp):
    """Flyte's output naming. Returns (slots, unpack): slots is [(name, annotation)], or None
    when the function has no return annotation; unpack says the result is a tuple of them."""
    if return_tp is _NO_ANNOTATION:
        return None, False
    if _is_none_type(return_tp):
        return [], False
    if _is_namedtuple(return_tp):
        hints = _type_hints(return_tp)
        return [(f, hints.get(f, typing.Any)) for f in return_tp._fields], True
    if typing.get_origin(return_tp) is tuple:
        args = typing.get_args(return_tp)
        if args and args[-1] is not Ellipsis and args != ((),):
            return [("o%d" % i, a) for i, a in enumerate(args)], True
    return [("o0", return_tp)], False


def _split_result(result, return_tp):
    """Pair the returned value with the declared outputs: [(name, annotation, value)]."""
    slots, unpack = _output_slots(return_tp)
    if slots is None:  # no annotation: None is no outputs, anything else is o0
        return [] if result is None else [("o0", typing.Any, result)]
    if not slots:
        if result is not None:
            raise TaskError("the task declares no outputs (-> None) but returned %s" % _describe(result))
        return []
    if not unpack:
        return [(slots[0][0], slots[0][1], result)]
    if isinstance(result, _NodePromise):  # a dynamic task returning a multi-output call as is
        result = tuple(result)
    names = ", ".join(name for name, _ in slots)
    if not isinstance(result, (tuple, list)) or len(result) != len(slots):
        raise TaskError("the task declares %d outputs (%s) but returned %s"
                        % (len(slots), names, _describe(result)))
    return [(name, tp, value) for (name, tp), value in zip(slots, result)]


# ------------------------------------------------------------------------------------------------
# Dynamic mode: recorders and promises


_USE_VALUE_ERROR = (
    "cannot branch on or use the value of %s inside a dynamic task: values are only known at "
    "run time; pass it to another task or return it"
)

# Every way of looking at a value; promises refuse them all.
_REFUSED_METHODS = (
    "__bool__ __eq__ __ne__ __lt__ __le__ __gt__ __ge__ __str__ __format__ __bytes__ __int__ "
    "__float__ __complex__ __index__ __round__ __trunc__ __floor__ __ceil__ __len__ __iter__ "
    "__reversed__ __contains__ __getitem__ __neg__ __pos__ __abs__ __invert__ __call__ "
    "__add__ __radd__ __sub__ __rsub__ __mul__ __rmul__ __matmul__ __rmatmul__ __truediv__ "
    "__rtruediv__ __floordiv__ __rfloordiv__ __mod__ __rmod__ __divmod__ __rdivmod__ __pow__ "
    "__rpow__ __lshift__ __rlshift__ __rshift__ __rrshift__ __and__ __rand__ __or__ __ror__ "
    "__xor__ __rxor__ __fspath__"
).split()


def _refuse(self, *_args, **_kwargs):
    raise PromiseError(_USE_VALUE_ERROR % self._label)


class _Promise:
    """One output of a recorded call: what calling a single-output task returns."""

    __slots__ = ("_node_id", "_output", "_label")

    def __init__(self, node_id, output, label):
        self._node_id, self._output, self._label = node_id, output, label

    def __repr__(self):
        return "<podflow promise %s>" % self._label

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        if name == self._output:  # `stringify(val=1).o0` is the promise itself
            return self
        raise PromiseError(_USE_VALUE_ERROR % self._label)

    __hash__ = object.__hash__


class _NodePromise:
    """A call to a task with zero or several outputs: unpack it, index it or use `.name`."""

    __slots__ = ("_node_id", "_outputs", "_label")

    def __init__(self, node_id, outputs, label):
        self._node_id, self._outputs, self._label = node_id, outputs, label

    def __repr__(self):
        return "<podflow promise %s>" % self._label

    def __len__(self):
        return len(self._outputs)

    def __iter__(self):
        return iter([self[i] for i in range(len(self._outputs))])

    def __getitem__(self, key):
        if isinstance(key, int) and not isinstance(key, bool) and -len(self._outputs) <= key < len(self._outputs):
            name = self._outputs[key]
        elif isinstance(key, str) and key in self._outputs:
            name = key
        else:
            raise IndexError("%s has outputs %s; there is no output %r"
                             % (self._label, ", ".join(self._outputs) or "(none)", key))
        return _Promise(self._node_id, name, "%s.%s" % (self._label, name))

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        if name in self._outputs:
            return self[name]
        raise AttributeError("%s has no output %r; its outputs are: %s"
                             % (self._label, name, ", ".join(self._outputs) or "(none)"))

    __hash__ = object.__hash__


for _name in _REFUSED_METHODS:
    setattr(_Promise, _name, _refuse)
    if _name not in ("__len__", "__iter__", "__getitem__"):
        setattr(_NodePromise, _name, _refuse)
del _name


def _has_promise(value):
    if isinstance(value, (_Promise, _NodePromise)):
        return True
    if isinstance(value, (list, tuple)):
        return any(_has_promise(v) for v in value)
    if isinstance(value, dict):
        return any(_has_promise(v) for v in value.values())
    return False


def _may_hold(tp, origins):
    """Whether annotation `tp` admits a container of one of `origins` (unknown types might)."""
    origin = typing.get_origin(tp) or tp
    if _is_any(tp) or origin in origins:
        return True
    return not _is_none_type(tp) and origin not in (bool, int, float, str, list, tuple, dict)


def _bind(value, tp, kind, path):
    """A binding for `value`: {"node", "output"}, {"list": [...]}, {"dict": {...}} or {"value"}."""
    if isinstance(value, _Promise):
        return {"node": value._node_id, "output": value._output}
    if isinstance(value, _NodePromise):
        if not value._outputs:
            raise TaskError("%s '%s' was given %s, which has no outputs" % (kind, path, value._label))
        raise TaskError("%s '%s' was given %s, which has %d outputs (%s); pass one of them, e.g. %s.%s"
                        % (kind, path, value._label, len(value._outputs), ", ".join(value._outputs),
                           value._label, value._outputs[0]))
    if not _has_promise(value):
        return {"value": _conform(value, tp, kind, path, False)}
    inner = _strip_optional(tp)
    origin = typing.get_origin(inner) or inner
    args = typing.get_args(inner)
    if isinstance(value, (list, tuple)):
        if not _may_hold(inner, (list, tuple)):
            raise TaskError("%s '%s' expects %s, got a list" % (kind, path, _type_name(tp)))
        items = []
        for i, item in enumerate(value):
            if origin is tuple and args and args[-1] is not Ellipsis and i < len(args):
                item_tp = args[i]
            elif origin in (list, tuple) and args:
                item_tp = args[0]
            else:
                item_tp = typing.Any
            items.append(_bind(item, item_tp, kind, "%s[%d]" % (path, i)))
        return {"list": items}
    if not _may_hold(inner, (dict,)):
        raise TaskError("%s '%s' expects %s, got a dict" % (kind, path, _type_name(tp)))
    value_tp = args[1] if origin is dict and len(args) == 2 else typing.Any
    out = {}
    for key, item in value.items():
        if not isinstance(key, str):
            raise TaskError("%s '%s' has the key %s; keys must be plain str" % (kind, path, _describe(key)))
        out[key] = _bind(item, value_tp, kind, _key_path(path, key))
    return {"dict": out}


class _Recorder:
    """Stands in for another task inside a dynamic task: each call becomes a node."""

    def __init__(self, graph, name, interface):
        self._graph, self._name, self._interface = graph, name, interface
        self.__name__ = self.__qualname__ = name

    def __repr__(self):
        return "<podflow task %s (recorded in this dynamic task)>" % self._name

    def __call__(self, *args, **kwargs):
        return self._graph.record(self._name, self._interface, args, kwargs)


class _Graph:
    """The nodes a dynamic task records, in call order."""

    def __init__(self):
        self.nodes = []
        self._ids = set()
        self._calls = {}

    def _new_id(self, task):
        count = self._calls.get(task, 0)
        while True:
            count += 1
            node_id = task if count == 1 else "%s_%d" % (task, count)
            if node_id not in self._ids:
                break
        self._calls[task] = count
        self._ids.add(node_id)
        return node_id

    def record(self, task, interface, args, kwargs):
        inputs = interface["inputs"]
        names = [i["name"] for i in inputs]
        if args:
            raise TypeError(
                "%s() takes keyword arguments only inside a dynamic task (got %d positional "
                "argument%s); call it as %s(%s)" % (task, len(args), "" if len(args) == 1 else "s",
                                                    task, ", ".join("%s=..." % n for n in names)))
        for key in kwargs:
            if key not in names:
                raise TypeError("%s() got an unexpected input %r; its inputs are: %s"
                                % (task, key, ", ".join(names) or "(none)"))
        bindings = {}
        for spec in inputs:
            name, optional = spec["name"], bool(spec.get("optional"))
            if name not in kwargs:
                if optional:
                    continue
                raise TypeError("%s() is missing the required input %r" % (task, name))
            tp = _interface_type(spec.get("type"))
            if optional:
                tp = typing.Optional[tp]
            try:
                bindings[name] = _bind(kwargs[name], tp, "%s() input" % task, name)
            except TaskError as exc:
                raise TypeError(str(exc)) from None
        node_id = self._new_id(task)
        self.nodes.append({"id": node_id, "task": task, "inputs": bindings})
        outputs = interface["outputs"]
        label = "%s(...)" % task
        if len(outputs) == 1:
            return _Promise(node_id, outputs[0], label)
        return _NodePromise(node_id, list(outputs), label)


# ------------------------------------------------------------------------------------------------
# Delivering the result envelope


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


def _install_std_streams():
    """Fresh line-buffered UTF-8 text streams over fds 1 and 2 (stdout tracks line ends)."""
    global _stdout_buffer
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except Exception:
            pass
    _retired_streams.extend([sys.stdout, sys.stderr, sys.__stdout__, sys.__stderr__])
    _stdout_buffer = _LineTrackingBuffer(io.FileIO(1, "w", closefd=False))
    sys.stdout = sys.__stdout__ = io.TextIOWrapper(
        _stdout_buffer, encoding="utf-8", errors="backslashreplace", line_buffering=True)
    sys.stderr = sys.__stderr__ = io.TextIOWrapper(
        io.BufferedWriter(io.FileIO(2, "w", closefd=False)),
        encoding="utf-8", errors="backslashreplace", line_buffering=True)


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


def _dumps(obj):
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


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
    path = os.environ.get("PODFLOW_OUTPUTS_FILE") or DEFAULT_OUTPUTS_FILE
    try:
        with open(path, "wb") as handle:
            handle.write(data)
        return True
    except OSError:
        return False


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
    limit = _env_int("PODFLOW_OUTPUTS_MAX_BYTES", DEFAULT_OUTPUTS_MAX_BYTES)
    if envelope.get("ok") and len(data) > limit:
        reason = ("outputs are %d bytes, over the %d-byte limit (PODFLOW_OUTPUTS_MAX_BYTES)"
                  % (len(data), limit))
        _say(reason)
        envelope, delivered = _failure(reason), False
        data = _dumps(envelope).encode("utf-8")
    if len(data) <= TERMINATION_MESSAGE_MAX_BYTES:
        if not _write_termination_file(data):
            _print_marker_line(data)
    else:
        _write_termination_file(_dumps({"ok": envelope["ok"], "outputsInLog": True}).encode("utf-8"))
        _print_marker_line(data)
    return delivered


# ------------------------------------------------------------------------------------------------
# Running one task


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


def _invoke(func, args, kwargs, code_dir):
    def call():
        result = func(*args, **kwargs)
        if inspect.iscoroutine(result):  # `async def` tasks
            import asyncio
            result = asyncio.run(result)
        return result
    return _call_user(call, code_dir)


def _execute(code_dir):
    """Load, run and return the success envelope; raises CodeDirError/TaskError/_UserCodeFailed."""
    spec = _load_task_json(code_dir)
    module = _load_task_module(code_dir)
    func = _find_function(module, spec["task"])
    hints = _type_hints(func)
    return_tp = hints.get("return", _NO_ANNOTATION)
    args, kwargs = _convert_inputs(func, hints, _read_inputs())

    if spec["mode"] == "python":
        result = _invoke(func, args, kwargs, code_dir)
        outputs = {}
        for name, tp, value in _split_result(result, return_tp):
            outputs[name] = _conform(value, tp, "output", name, False)
        return {"ok": True, "outputs": outputs}

    graph = _Graph()
    for name, interface in spec["tasks"].items():
        if name != spec["task"]:
            vars(module)[name] = _Recorder(graph, name, interface)
    result = _invoke(func, args, kwargs, code_dir)
    outputs = {}
    for name, tp, value in _split_result(result, return_tp):
        outputs[name] = _bind(value, tp, "output", name)
    return {"ok": True, "dynamic": {"nodes": graph.nodes, "outputs": outputs}}


def run_task():
    """Run the task of $PODFLOW_CODE_DIR once, deliver its envelope, return the exit code."""
    code_dir = os.environ.get("PODFLOW_CODE_DIR") or DEFAULT_CODE_DIR
    code = EXIT_OK
    try:
        envelope = _execute(code_dir)
    except CodeDirError as exc:
        _say(str(exc))
        envelope, code = _failure(str(exc)), EXIT_BAD_CODE_DIR
    except TaskError as exc:
        _say(str(exc))
        envelope, code = _failure(str(exc)), EXIT_TASK_ERROR
    except _UserCodeFailed as exc:
        envelope, code = _failure(exc.reason), EXIT_TASK_ERROR
    except Exception as exc:  # a bug in this file: still report it the same way
        _print_traceback(exc)
        reason = "internal error in the podflow entrypoint: %s: %s" % (type(exc).__name__, exc)
        envelope, code = _failure(reason), EXIT_TASK_ERROR
    _flush_std_streams()
    if not _deliver(envelope) and code == EXIT_OK:
        code = EXIT_TASK_ERROR
    _flush_std_streams()
    return code


def run_entrypoint():
    _install_std_streams()
    return run_task()


# ------------------------------------------------------------------------------------------------
# Warm worker: one fork per task


_WORKER_PRELOAD = ("collections", "ctypes", "dataclasses", "datetime", "enum", "functools", "itertools")
_LOG_LINE_CAP = 8 * 1024 * 1024  # longer lines are split into several log events
_DRAIN_TIMEOUT = 2.0  # seconds to wait for pipes held open by a task's leftover processes


class _LineSplitter:
    """Bytes from a pipe -> complete text lines (UTF-8, invalid bytes replaced)."""

    def __init__(self, cap):
        self._decoder = codecs.getincrementaldecoder("utf-8")("replace")
        self._parts, self._size, self._cap = [], 0, cap

    def _cut(self, line):
        return [line[i:i + self._cap] for i in range(0, len(line), self._cap)] or [""]

    def feed(self, data, final=False):
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
        self.reaped_at = None


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


class _Worker:
    """The --worker loop: one poll() over stdin, a SIGCHLD wakeup pipe and every task's
    stdout/stderr pipes. Tasks are forked children, reaped with waitpid(WNOHANG)."""

    def __init__(self):
        for name in _WORKER_PRELOAD:
            __import__(name)
        # Events leave through a private copy of fd 1; fd 1 itself becomes stderr, so a stray
        # print in this process can never corrupt the protocol.
        self.events_fd = os.dup(1)
        os.dup2(2, 1)
        # poll, not epoll: an epoll instance would be shared with every forked child.
        self.selector = getattr(selectors, "PollSelector", selectors.SelectSelector)()
        self.children = {}
        self.stdin_buffer = b""
        self.accepting = True
        self.stop_requested = False
        self.wake_r, self.wake_w = os.pipe()
        os.set_blocking(self.wake_r, False)
        os.set_blocking(self.wake_w, False)
        signal.set_wakeup_fd(self.wake_w)
        signal.signal(signal.SIGCHLD, lambda *_: None)  # a handler, so that the wakeup fd fires
        signal.signal(signal.SIGTERM, self._on_stop_signal)
        signal.signal(signal.SIGINT, self._on_stop_signal)
        self.selector.register(0, selectors.EVENT_READ, "stdin")
        self.selector.register(self.wake_r, selectors.EVENT_READ, "wake")
        gc.freeze()  # keep the parent's objects out of the children's copy-on-write pages

    def _on_stop_signal(self, *_):
        self.stop_requested = True

    # -- events --------------------------------------------------------------------------------

    def _send(self, events):
        if not events:
            return
        data = "".join(_dumps(event) + "\n" for event in events).encode("utf-8")
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
            data = os.read(0, 65536)
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
        code_dir = request.get("codeDir") or (env.get("PODFLOW_CODE_DIR") if isinstance(env, dict) else None)
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
        env["PODFLOW_CODE_DIR"] = code_dir
        # The marker line must reach the executor whole, however large the outputs may be.
        line_cap = max(_LOG_LINE_CAP,
                       _env_int("PODFLOW_OUTPUTS_MAX_BYTES", DEFAULT_OUTPUTS_MAX_BYTES, env) + 65536)

        out_r, out_w = os.pipe()
        err_r, err_w = os.pipe()
        _flush_std_streams()
        worker_pid = os.getpid()
        try:
            pid = os.fork()
        except OSError as exc:
            for fd in (out_r, out_w, err_r, err_w):
                os.close(fd)
            return self._reject(task_id, "cannot fork: %s" % exc)
        if pid == 0:
            self._child(worker_pid, code_dir, env, cwd, namespace, argv, out_w, err_w, [out_r, err_r])  # never returns
        os.close(out_w)
        os.close(err_w)
        child = _Child(task_id, pid, out_r, err_r, line_cap)
        for fd in (out_r, err_r):
            self.selector.register(fd, selectors.EVENT_READ, child)
        self.children[task_id] = child
        self._send([{"id": task_id, "event": "started", "pid": pid}])

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
        try:
            self.selector.unregister(0)
        except (KeyError, ValueError):
            pass
        for child in self.children.values():
            if child.status is None:
                _signal_group(child.pid, signal.SIGKILL)

    # -- children ------------------------------------------------------------------------------

    def _child(self, worker_pid, code_dir, env, cwd, namespace, argv, out_w, err_w, own_read_fds):
        """In the forked child: become a clean task process and run the task. Never returns."""
        code = EXIT_TASK_ERROR
        try:
            os.setsid()
            _die_with_worker(worker_pid)
            signal.set_wakeup_fd(-1)
            for sig in (signal.SIGCHLD, signal.SIGTERM):
                signal.signal(sig, signal.SIG_DFL)
            signal.signal(signal.SIGINT, signal.default_int_handler)
            inherited = [self.events_fd, self.wake_r, self.wake_w]
            inherited += own_read_fds
            for other in self.children.values():
                inherited += list(other.pipes)
            for fd in inherited:
                try:
                    os.close(fd)
                except OSError:
                    pass
            devnull = os.open(os.devnull, os.O_RDONLY)
            os.dup2(devnull, 0)
            os.close(devnull)
            os.dup2(out_w, 1)
            os.dup2(err_w, 2)
            os.close(out_w)
            os.close(err_w)
            _retired_streams.append(sys.stdin)
            sys.stdin = sys.__stdin__ = io.TextIOWrapper(
                io.BufferedReader(io.FileIO(0, "r", closefd=False)), encoding="utf-8")
            os.environ.clear()
            os.environ.update(env)
            sys.argv = [os.path.join(code_dir, "entrypoint.py")]
            _install_std_streams()
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
        self.selector.unregister(fd)
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
                # As when a container's main process ends: whatever it left running goes too.
                _signal_group(child.pid, signal.SIGKILL, group_only=True)

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
            events.append({"id": task_id, "event": "exit", "code": code, "signal": signal_number})
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
            for key, _ in self.selector.select(self._timeout()):
                if key.data == "stdin":
                    self._read_stdin()
                elif key.data == "wake":
                    try:
                        while os.read(self.wake_r, 4096):
                            pass
                    except BlockingIOError:
                        pass
                elif key.fd in getattr(key.data, "pipes", ()):
                    self._read_child(key.fd, key.data)
            if self.stop_requested:
                self._shut_down()
            self._reap()
            self._finish()
        return EXIT_OK


def _finish_like_interpreter_exit():
    """What `sys.exit()` would still do in a plain run before the child's os._exit():
    wait for the task's non-daemon threads, then run its atexit handlers."""
    threading = sys.modules.get("threading")
    try:
        if threading is not None:
            threading._shutdown()
    except Exception:
        pass
    atexit._run_exitfuncs()


def _signal_group(pid, sig, group_only=False):
    """Signal a task's process group (the task called setsid), else the task itself: a task that
    has not reached setsid() yet has no group of its own."""
    try:
        os.killpg(pid, sig)
        return
    except (ProcessLookupError, PermissionError):
        pass
    if not group_only:
        try:
            os.kill(pid, sig)
        except (ProcessLookupError, PermissionError):
            pass


# ------------------------------------------------------------------------------------------------


def main(argv):
    args = argv[1:]
    if args == ["--worker"]:
        return _Worker().run()
    if args:
        sys.stderr.write("usage: python3 entrypoint.py [--worker]\n")
        return EXIT_BAD_CODE_DIR
    return run_entrypoint()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
