"""Argo mode (`entrypoint.py --argo`): inputs from the template's parameters, outputs to files for valueFrom.path.

Argo substitutes each `{{inputs.parameters.NAME}}` into the primary's env PODFLOW_INPUT_NAME as text. Values travel
as JSON, with one exception Argo forces: a `str` item of a withParam list (and a string argument given on the
`argo submit -p` line) arrives as the bare string, so for a `str` input a text that is not a JSON string is the
string itself. Each output is written as JSON to $PODFLOW_OUTPUTS_DIR/NAME, which the template's output parameter
reads with `valueFrom.path`. The gather step of a map with minSuccessRatio < 1 runs `entrypoint.py --argo-gather`.
"""

import json
import os

from .contract import ARGO_INPUT_ENV_PREFIX, ARGO_PARAMETER_MAX_BYTES, ENV_GATHER_ITEMS, ENV_GATHER_MIN_RATIO, ENV_GATHER_OUTPUTS, ENV_OUTPUTS_DIR
from .basics import TaskError
from .hints import _NO_ANNOTATION, _strip_optional


def _parse_json(text, name):
    try:
        return json.loads(text, parse_constant=_refuse_constant)
    except ValueError as exc:
        raise TaskError("input '%s' (env %s%s) is not valid JSON: %s" % (name, ARGO_INPUT_ENV_PREFIX, name, exc))


def _refuse_constant(name):
    raise ValueError("%s is not valid JSON" % name)


def _argo_value(name, text, tp):
    """One parameter's text as the JSON value it stands for (see the module docstring for `str`)."""
    if tp is not _NO_ANNOTATION and _strip_optional(tp) is str:
        try:
            value = json.loads(text)
        except ValueError:
            return text
        if isinstance(value, str) or (value is None and _strip_optional(tp) is not tp):
            return value
        return text
    return _parse_json(text, name)


def _read_argo_inputs(func, hints):
    """The raw inputs of `func` from PODFLOW_INPUT_<name>; absent ones are left to their defaults."""
    import inspect
    raw = {}
    for name in inspect.signature(func).parameters:
        text = os.environ.get(ARGO_INPUT_ENV_PREFIX + name)
        if text is not None:
            raw[name] = _argo_value(name, text, hints.get(name, _NO_ANNOTATION))
    return raw


def _write_argo_outputs(outputs):
    """Each output as JSON in its own file under $PODFLOW_OUTPUTS_DIR."""
    directory = os.environ.get(ENV_OUTPUTS_DIR)
    if not directory:
        raise TaskError("Argo mode needs %s, the directory Argo reads the outputs from" % ENV_OUTPUTS_DIR)
    try:
        os.makedirs(directory, exist_ok=True)
        for name, value in outputs.items():
            text = json.dumps(value, separators=(",", ":"), ensure_ascii=False, allow_nan=False)
            size = len(text.encode("utf-8"))
            if size > ARGO_PARAMETER_MAX_BYTES:
                raise TaskError("output '%s' is %d bytes, over the %d bytes an Argo parameter can carry into the next "
                                "task (one environment string)" % (name, size, ARGO_PARAMETER_MAX_BYTES))
            with open(os.path.join(directory, name), "w", encoding="utf-8") as handle:
                handle.write(text)
    except OSError as exc:
        raise TaskError("cannot write the outputs to %s: %s" % (directory, exc.strerror or exc))


def _gather():
    """A map's gather step: decodes Argo's aggregate of each output, checks the share of items that succeeded.

    env PODFLOW_GATHER_ITEMS    the mapped list (its length is the number of items)
        PODFLOW_INPUT_<out>     Argo's aggregate of output <out> over the items that succeeded, in item order: a JSON
                                list of each item's JSON text, or of the parsed values when all are lists or objects
        PODFLOW_GATHER_OUTPUTS  JSON list of the output names
        PODFLOW_GATHER_MIN_RATIO  the minimum success ratio
    Argo leaves failed items out of the aggregate, so the lists hold the successful items' values in order, then one
    null per failed item (docs/argo-export.md).
    """
    items = _parse_json(os.environ.get(ENV_GATHER_ITEMS, "[]"), "items")
    names = _parse_json(os.environ.get(ENV_GATHER_OUTPUTS, "[]"), "outputs")
    ratio = float(os.environ.get(ENV_GATHER_MIN_RATIO, "1"))
    total = len(items) if isinstance(items, list) else 0
    outputs = {}
    succeeded = total
    for name in names:
        aggregate = _parse_json(os.environ.get(ARGO_INPUT_ENV_PREFIX + name) or "[]", name)
        values = [_parse_json(v, name) if isinstance(v, str) else v for v in aggregate or []]
        succeeded = min(succeeded, len(values))
        outputs[name] = (values + [None] * total)[:total]
    if total and succeeded / total < ratio:
        raise TaskError("%d of %d items succeeded, below the minimum success ratio %s" % (succeeded, total, ratio))
    return outputs
