"""Running one task: the code path every mode shares."""

import inspect
import os

from .contract import DEFAULT_CODE_DIR, ENV_CODE_DIR
from .basics import CodeDirError, EXIT_BAD_CODE_DIR, EXIT_OK, EXIT_TASK_ERROR, TaskError, _UserCodeFailed
from .hints import _NO_ANNOTATION, _conform, _type_hints
from .loading import _find_function, _load_task_json, _load_task_module
from .values import _convert_inputs, _read_inputs, _split_result
from .dynamic import _Graph, _Recorder, _bind
from .deliver import _deliver, _failure, _flush_std_streams, _install_std_streams
from .failures import _call_user, _print_traceback, _say
from .argo import _gather, _read_argo_inputs, _write_argo_outputs


def _invoke(func, args, kwargs, code_dir):
    def call():
        result = func(*args, **kwargs)
        if inspect.iscoroutine(result):  # `async def` tasks
            import asyncio
            result = asyncio.run(result)
        return result
    return _call_user(call, code_dir)


def _execute(code_dir, mode):
    """Load, run and return the success envelope; raises CodeDirError/TaskError/_UserCodeFailed.
    mode: "plain", "argo" (inputs from Argo's parameters, outputs also to files) or "argo-gather"."""
    if mode == "argo-gather":
        outputs = _gather()
        _write_argo_outputs(outputs)
        return {"ok": True, "outputs": outputs}
    spec = _load_task_json(code_dir)
    module = _load_task_module(code_dir)
    func = _find_function(module, spec["task"])
    hints = _type_hints(func)
    return_tp = hints.get("return", _NO_ANNOTATION)
    raw = _read_argo_inputs(func, hints) if mode == "argo" else _read_inputs()
    args, kwargs = _convert_inputs(func, hints, raw)

    if spec["mode"] == "python":
        result = _invoke(func, args, kwargs, code_dir)
        outputs = {}
        for name, tp, value in _split_result(result, return_tp):
            outputs[name] = _conform(value, tp, "output", name, False)
        if mode == "argo":
            _write_argo_outputs(outputs)
        return {"ok": True, "outputs": outputs}
    if mode != "plain":
        raise TaskError("a dynamic task builds its sub-DAG at run time, which Argo mode cannot run")

    graph = _Graph()
    for name, interface in spec["tasks"].items():
        if name != spec["task"]:
            vars(module)[name] = _Recorder(graph, name, interface)
    result = _invoke(func, args, kwargs, code_dir)
    outputs = {}
    for name, tp, value in _split_result(result, return_tp):
        outputs[name] = _bind(value, tp, "output", name)
    return {"ok": True, "dynamic": {"nodes": graph.nodes, "outputs": outputs}}


def run_task(mode="plain"):
    """Run the task of $PODFLOW_CODE_DIR once, deliver its envelope, return the exit code."""
    code_dir = os.environ.get(ENV_CODE_DIR) or DEFAULT_CODE_DIR
    code = EXIT_OK
    try:
        envelope = _execute(code_dir, mode)
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


def run_entrypoint(mode="plain"):
    _install_std_streams()
    return run_task(mode)
