"""Inputs and outputs: reading, converting and splitting them."""

import inspect
import json
import os
import types
import typing

from .contract import ENV_INPUTS, ENV_INPUTS_FILE
from .basics import TaskError
from .hints import _NO_ANNOTATION, _conform, _describe, _is_namedtuple, _is_none_type, _type_hints
from .dynamic import _NodePromise


def _reject_json_constant(name):
    raise ValueError("%s is not valid JSON" % name)


# Made once (in a warm worker, before it forks): json.loads() with an option builds a new decoder on every call.
_INPUTS_DECODER = json.JSONDecoder(parse_constant=_reject_json_constant)


def _read_inputs():
    text = os.environ.get(ENV_INPUTS)
    source = ENV_INPUTS
    if not text:
        path = os.environ.get(ENV_INPUTS_FILE)
        if not path:
            return {}
        source = "%s (PODFLOW_INPUTS_FILE)" % path
        try:
            with open(path, encoding="utf-8") as handle:
                text = handle.read()
        except OSError as exc:
            raise TaskError("cannot read the inputs file %s: %s" % (source, exc.strerror or exc))
    try:
        data = _INPUTS_DECODER.decode(text)
    except ValueError as exc:
        raise TaskError("the inputs in %s are not valid JSON: %s" % (source, exc))
    if not isinstance(data, dict):
        raise TaskError("the inputs in %s must be a JSON object of input name to value, got %s"
                        % (source, type(data).__name__))
    return data


_P = inspect.Parameter


def _parameters(func):
    """What inspect.signature(func) says of its parameters, as (name, kind, default) tuples. A plain function's are read
    from its code object: in a forked task that touches a few objects instead of inspect's whole machinery, whose
    pages each cost a copy. Anything else (wrapped, partial, a callable object, a __signature__) goes to inspect."""
    code = getattr(func, "__code__", None)
    if type(func) is not types.FunctionType or hasattr(func, "__wrapped__") or hasattr(func, "__signature__"):
        return [(p.name, p.kind, p.default) for p in inspect.signature(func).parameters.values()]
    names, positional, kw_only = code.co_varnames, code.co_argcount, code.co_kwonlyargcount
    defaults, kw_defaults = func.__defaults__ or (), func.__kwdefaults__ or {}
    first_default = positional - len(defaults)
    params = [(names[i], _P.POSITIONAL_ONLY if i < code.co_posonlyargcount else _P.POSITIONAL_OR_KEYWORD,
               defaults[i - first_default] if i >= first_default else _P.empty) for i in range(positional)]
    rest = positional + kw_only  # co_varnames: positional, keyword-only, then *args and **kwargs
    if code.co_flags & inspect.CO_VARARGS:
        params.append((names[rest], _P.VAR_POSITIONAL, _P.empty))
        rest += 1
    params += [(names[i], _P.KEYWORD_ONLY, kw_defaults.get(names[i], _P.empty)) for i in range(positional, positional + kw_only)]
    if code.co_flags & inspect.CO_VARKEYWORDS:
        params.append((names[rest], _P.VAR_KEYWORD, _P.empty))
    return params


def _convert_inputs(func, hints, raw):
    """JSON inputs -> (args, kwargs) for `func`, checked against its signature and hints."""
    name = getattr(func, "__name__", "task")
    params = _parameters(func)
    named = [p for p in params if p[1] not in (_P.VAR_POSITIONAL, _P.VAR_KEYWORD)]
    takes_any = any(kind == _P.VAR_KEYWORD for _, kind, _ in params)
    known = [param for param, _, _ in named]
    unknown = [k for k in raw if k not in known]
    if unknown and not takes_any:
        raise TaskError("unknown input%s %s: %s() takes %s" % (
            "s" if len(unknown) > 1 else "", ", ".join(repr(k) for k in unknown), name,
            ", ".join(known) or "no inputs"))
    required = [param for param, _, default in named if default is _P.empty]
    missing = [param for param in required if param not in raw]
    if missing:
        raise TaskError("missing input%s %s: %s() requires %s" % (
            "s" if len(missing) > 1 else "", ", ".join(repr(k) for k in missing), name, ", ".join(required)))
    args, kwargs = [], {}
    for param, kind, default in named:
        if param not in raw:
            continue
        value = raw[param]
        if value is None and default is None:  # `x: int = None` accepts null, as Flyte does
            converted = None
        else:
            converted = _conform(value, hints.get(param, typing.Any), "input", param, True)
        if kind == _P.POSITIONAL_ONLY:
            args.append(converted)
        else:
            kwargs[param] = converted
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
