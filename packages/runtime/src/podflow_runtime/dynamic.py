"""Dynamic mode: recorders and promises that build a sub-DAG."""

import typing

from .basics import PromiseError, TaskError
from .hints import _conform, _describe, _interface_type, _is_any, _is_none_type, _key_path, _strip_optional, _type_name


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
