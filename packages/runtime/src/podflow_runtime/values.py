"""Inputs and outputs: reading, converting and splitting them."""

import inspect
import json
import os
import typing

from .contract import ENV_INPUTS, ENV_INPUTS_FILE
from .basics import TaskError
from .hints import _NO_ANNOTATION, _conform, _describe, _is_namedtuple, _is_none_type, _type_hints
from .dynamic import _NodePromise


def _reject_json_constant(name):
    raise ValueError("%s is not valid JSON" % name)


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
