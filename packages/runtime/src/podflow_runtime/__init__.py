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
    as above, so its outputs, files and exit codes are those of a plain run.

Source layout (packages/runtime/src/podflow_runtime, one module per part; scripts/runtime/bundle-entrypoint.mjs
joins them into the one file each use ships): contract (generated from core) -> basics -> hints -> loading ->
values -> dynamic -> deliver -> failures -> run -> worker (local bundle only) -> entry_cluster | entry_local.
"""
