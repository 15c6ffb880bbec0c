"""Type hints: annotations -> checks and conversions of JSON values."""

import ast
import inspect
import json
import math
import numbers
import sys
import types
import typing

from .basics import MAX_JSON_INT, TaskError


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
    annotations = getattr(obj, "__annotations__", None)
    if type(obj) is types.FunctionType and type(annotations) is dict and all(type(a) is type for a in annotations.values()):
        # Only plain classes (int, str…): what get_type_hints returns, without its machinery (a forked task copies
        # every page that machinery touches).
        return dict(annotations)
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

    # The commonest cases first, without typing's machinery (a forked task copies every page that touches).
    if tp is str and type(value) is str:
        return value
    if tp is int and type(value) is int:
        return _check_json_number(value, kind, path)

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
