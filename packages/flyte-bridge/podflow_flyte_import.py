"""Reads a flytekit module WITH flytekit and prints its workflows as Podflow documents (JSON on stdout).

    python podflow_flyte_import.py MODULE.py [--workflow NAME]

Output: {"workflows": [{"function": "map_pod_workflow", "doc": {...podflow/v1alpha1 Workflow...}}],
         "diagnostics": [{"severity", "code", "file", "line", "construct", "message", "workflow"?}]}
A workflow with an error diagnostic is left out of "workflows" (never a silently different workflow). Exit code 0
when the module was read (diagnostics may still hold errors), 3 when flytekit is missing, 4 when the module cannot be
imported at all. Run by `podflow import flyte` and the server's import route in the chosen Python
(--python / PODFLOW_FLYTE_PYTHON / python3); see packages/flyte-bridge/README.md.
"""

import ast
import datetime
import importlib.util
import inspect
import json
import os
import sys
import traceback
import typing
import warnings

PRIMARY_DEFAULT = "primary"
RESOURCE_NAMES = {"cpu": "cpu", "mem": "memory", "gpu": "gpu", "ephemeral_storage": "ephemeral-storage"}


class Refusal(Exception):
    def __init__(self, code, line, construct, message):
        super().__init__(message)
        self.code, self.line, self.construct, self.message = code, line, construct, message


# The answer goes to the real stdout; everything else that writes there (the module's prints, flytekit's logger)
# goes to stderr, so that it cannot corrupt the JSON.
_ANSWER = os.fdopen(os.dup(1), "w", encoding="utf-8")
os.dup2(2, 1)
sys.stdout = sys.stderr


def emit(result, code=0):
    _ANSWER.write(json.dumps(result))
    _ANSWER.flush()
    sys.exit(code)


def load_module(path):
    directory, filename = os.path.split(os.path.abspath(path))
    name = os.path.splitext(filename)[0]
    sys.path.insert(0, directory)
    spec = importlib.util.spec_from_file_location(name, os.path.abspath(path))
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        spec.loader.exec_module(module)
    return module


# ----------------------------------------------------------------------------------------------------------------
# Source: each task's function without its decorator, with the imports, constants and helpers it uses.


class Source:
    def __init__(self, path):
        self.path = os.path.abspath(path)
        with open(self.path, encoding="utf-8") as f:
            self.text = f.read()
        self.lines = self.text.splitlines()
        self.tree = ast.parse(self.text, self.path)
        self.bound = {}  # name -> module-level statement
        for stmt in self.tree.body:
            for name in bound_names(stmt):
                self.bound.setdefault(name, stmt)

    def function(self, name):
        for stmt in self.tree.body:
            if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)) and stmt.name == name:
                return stmt
        return None

    def segment(self, stmt):
        start = stmt.lineno
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and stmt.decorator_list:
            start = min(d.lineno for d in stmt.decorator_list)
        return "\n".join(line.rstrip() for line in self.lines[start - 1 : stmt.end_lineno])

    def task_code(self, fn_node, task_names):
        """The module a Podflow task holds: needed imports, then helpers and constants, then the function."""
        needed_stmts = {}
        import_names = {}
        pending = list(loaded_names(fn_node, skip_decorators=True))
        seen = set()
        while pending:
            name = pending.pop()
            if name in seen or name in task_names:
                continue
            seen.add(name)
            stmt = self.bound.get(name)
            if stmt is None or stmt is fn_node:
                continue
            if isinstance(stmt, (ast.Import, ast.ImportFrom)):
                import_names.setdefault(id(stmt), (stmt, set()))[1].add(name)
                continue
            if is_flyte_entity_def(stmt):
                continue
            needed_stmts[id(stmt)] = stmt
            pending.extend(loaded_names(stmt, skip_decorators=False))
        imports = sorted(import_names.values(), key=lambda p: p[0].lineno)
        others = sorted(needed_stmts.values(), key=lambda s: s.lineno)
        parts = []
        if imports:
            parts.append("\n".join(render_import(stmt, names) for stmt, names in imports))
        block = ""
        previous = None
        for stmt in others:
            text = self.segment(stmt)
            is_def = isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
            if previous is None:
                block = text
            else:
                block += ("\n\n\n" if is_def or previous else "\n") + text
            previous = is_def
        if block:
            parts.append(block)
        head = "\n\n".join(parts)
        fn_text = "\n".join(line.rstrip() for line in self.lines[fn_node.lineno - 1 : fn_node.end_lineno])
        return (head + "\n\n\n" if head else "") + fn_text + "\n"

    def calls_in(self, fn_node):
        """(line, name) of every call in a function's body, in source order; map_task(x) counts as a call of x."""
        out = []
        for node in ast.walk(fn_node):
            if isinstance(node, ast.Call):
                name = call_name(node.func)
                if name in ("map_task", "array_node_map_task") and node.args:
                    target = node.args[0]
                    if isinstance(target, ast.Call) and call_name(target.func) in ("partial", "functools.partial") and target.args:
                        target = target.args[0]
                    out.append((node.lineno, call_name(target), node))
                elif name:
                    out.append((node.lineno, name, node))
        out.sort(key=lambda c: (c[0], c[2].col_offset))
        return out


def call_name(func):
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        base = call_name(func.value)
        return f"{base}.{func.attr}" if base else func.attr
    return None


def bound_names(stmt):
    if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return [stmt.name]
    if isinstance(stmt, ast.Import):
        return [a.asname or a.name.split(".")[0] for a in stmt.names]
    if isinstance(stmt, ast.ImportFrom):
        return [a.asname or a.name for a in stmt.names if a.name != "*"]
    if isinstance(stmt, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
        targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
        return [n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name)]
    return []


def loaded_names(stmt, skip_decorators):
    roots = [stmt]
    if skip_decorators and isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        roots = list(stmt.body) + [stmt.args] + ([stmt.returns] if getattr(stmt, "returns", None) else [])
    names = []
    for root in roots:
        for node in ast.walk(root):
            if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load):
                names.append(node.id)
            elif isinstance(node, ast.Constant) and isinstance(node.value, str) and isinstance(root, ast.arguments):
                pass
    return names


def render_import(stmt, names):
    if isinstance(stmt, ast.Import):
        kept = [a for a in stmt.names if (a.asname or a.name.split(".")[0]) in names]
        return "\n".join(f"import {a.name}" + (f" as {a.asname}" if a.asname else "") for a in kept)
    kept = [a for a in stmt.names if (a.asname or a.name) in names]
    module = "." * stmt.level + (stmt.module or "")
    return f"from {module} import " + ", ".join(a.name + (f" as {a.asname}" if a.asname else "") for a in kept)


def is_flyte_entity_def(stmt):
    if not isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return False
    for d in stmt.decorator_list:
        name = call_name(d.func if isinstance(d, ast.Call) else d) or ""
        if name.split(".")[-1] in ("task", "dynamic", "workflow", "eager"):
            return True
    return False


# ----------------------------------------------------------------------------------------------------------------
# Types and values


def type_text(t, where):
    line, construct = where
    if t in (int, float, str, bool):
        return t.__name__
    if t is typing.Any:
        return "Any"
    if t is dict:
        return "dict"
    if t is list:
        return "list[Any]"
    origin = typing.get_origin(t)
    args = typing.get_args(t)
    if origin is typing.Annotated:
        return type_text(args[0], where)
    if origin is list:
        return f"list[{type_text(args[0], where)}]" if args else "list[Any]"
    if origin is dict:
        if args and args[0] is not str:
            raise Refusal("flyte-import-type", line, construct, f"dict keys must be str in Podflow, not {args[0]!r}")
        return f"dict[str, {type_text(args[1], where)}]" if args else "dict"
    if origin is typing.Union or type(t).__name__ == "UnionType":
        rest = [a for a in args if a is not type(None)]
        if len(rest) == 1 and len(args) == 2:
            return f"Optional[{type_text(rest[0], where)}]"
    name = getattr(t, "__name__", None) or repr(t)
    hint = " (files and directories do not travel as JSON values)" if "Flyte" in name else ""
    raise Refusal("flyte-import-type", line, construct, f"type {name} cannot be represented in Podflow{hint}; Podflow types are int, float, str, bool, list[T], dict[str, T], Optional[T] and dict/Any")


def json_value(value, line, construct):
    try:
        text = json.dumps(value, allow_nan=False)
    except (TypeError, ValueError) as e:
        raise Refusal("flyte-import-value", line, construct, f"the value {value!r} is not JSON ({e}), so Podflow cannot hold it")
    return json.loads(text)


def json_safe_equal(a, b):
    try:
        return json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)
    except (TypeError, ValueError):
        return False


def binding_literal(bd, line, construct):
    from flytekit.models.literals import Literal, LiteralCollection, LiteralMap

    if bd.promise is not None:
        raise Refusal("flyte-import-binding", line, construct, "a list or dict built from task outputs cannot be a Podflow binding; pass it through a task")
    if bd.scalar is not None:
        return Literal(scalar=bd.scalar)
    if bd.collection is not None:
        return Literal(collection=LiteralCollection(literals=[binding_literal(b, line, construct) for b in bd.collection.bindings]))
    if bd.map is not None:
        return Literal(map=LiteralMap(literals={k: binding_literal(b, line, construct) for k, b in bd.map.bindings.items()}))
    raise Refusal("flyte-import-binding", line, construct, "a binding of an unknown kind")


def binding_value(bd, python_type, line, construct):
    from flytekit.core.context_manager import FlyteContextManager
    from flytekit.core.type_engine import TypeEngine

    literal = binding_literal(bd, line, construct)
    value = TypeEngine.to_python_value(FlyteContextManager.current_context(), literal, python_type)
    return json_value(value, line, construct)


# ----------------------------------------------------------------------------------------------------------------
# Tasks


def task_line(source, task):
    fn = source.function(task.task_function.__name__) if hasattr(task, "task_function") else None
    return fn.lineno if fn else None


def convert_task(source, task, task_names, module):
    from flytekit.core.python_function_task import PythonFunctionTask

    name = task.task_function.__name__
    fn_node = source.function(name)
    line = fn_node.lineno if fn_node else None
    construct = f"task {name}"
    if task.task_function.__code__.co_filename != source.path or fn_node is None:
        raise Refusal("flyte-import-task-elsewhere", line, construct, f"task {name} is defined outside {os.path.basename(source.path)} (or not at module level); import the module that defines it")
    if getattr(task, "execution_mode", None) == PythonFunctionTask.ExecutionBehavior.EAGER or getattr(task.metadata, "is_eager", False):
        raise Refusal("flyte-import-eager", line, construct, "@eager tasks cannot be represented in Podflow")
    out = {"name": name, "type": "dynamic" if task.execution_mode == PythonFunctionTask.ExecutionBehavior.DYNAMIC else "python"}
    for input_name, t in task.python_interface.inputs.items():
        type_text(t, (line, f"{construct}, input {input_name}"))
    for output_name, t in task.python_interface.outputs.items():
        type_text(t, (line, f"{construct}, output {output_name}"))
    out["code"] = source.task_code(fn_node, task_names)

    pod = pod_of(task, line, construct)
    if pod is not None:
        out["pod"] = pod
    resources = {}
    spec = getattr(task, "resources", None)
    for kind in ("requests", "limits"):
        res = getattr(spec, kind, None) if spec is not None else None
        values = {}
        for attr, key in RESOURCE_NAMES.items():
            v = getattr(res, attr, None) if res is not None else None
            if v is None:
                continue
            if isinstance(v, (tuple, list)):
                raise Refusal("flyte-import-resources", line, construct, f"a resource range ({attr}={v!r}) cannot be represented; give one quantity")
            values[key] = v
        if values:
            resources[kind] = values
    if resources:
        out["resources"] = resources
    image = getattr(task, "container_image", None)
    if image is not None:
        if isinstance(image, str):
            out["image"] = image
        else:
            base, packages = image_spec_parts(image, line, construct)
            if base is not None:
                out["image"] = base
            if packages:
                out["requirements"] = packages
    if task.environment:
        out["env"] = {str(k): str(v) for k, v in task.environment.items()}
    md = task.metadata
    if md.retries:
        out["retries"] = md.retries
    timeout = md.timeout
    if timeout:
        seconds = timeout.total_seconds() if isinstance(timeout, datetime.timedelta) else timeout
        out["timeoutSeconds"] = int(seconds) if float(seconds).is_integer() else seconds
    if md.cache:
        out["cache"] = {"enabled": True, **({"version": md.cache_version} if md.cache_version else {})}
    refuse_unsupported(task, md, line, construct)
    return out


# What an ImageSpec may set and still come in: its base image and pip packages are Podflow's task image and
# requirements (Podflow's own Flyte export writes exactly these); name, builder and platform only say how Flyte builds.
IMAGE_SPEC_KEPT = {"base_image", "packages", "name", "builder", "platform"}


def image_spec_parts(spec, line, construct):
    """(base image or None, [pip specifiers]) of an ImageSpec; refuses one that asks for more than that."""
    import dataclasses

    if not dataclasses.is_dataclass(spec) or type(spec).__name__ != "ImageSpec":
        raise Refusal("flyte-import-image", line, construct, f"container_image is a {type(spec).__name__}; Podflow needs an image name (container_image=\"repo/name:tag\") or an ImageSpec of a base image and packages")
    plain = type(spec)(base_image=spec.base_image, packages=spec.packages, name=spec.name, builder=spec.builder, platform=spec.platform)
    for field in dataclasses.fields(spec):
        if field.name not in IMAGE_SPEC_KEPT and getattr(spec, field.name) != getattr(plain, field.name):
            raise Refusal("flyte-import-image", line, construct, f"ImageSpec({field.name}=...) builds an image Podflow cannot describe; Podflow keeps a base image and pip packages (base_image=, packages=)")
    base = spec.base_image
    if base is not None and not isinstance(base, str):
        raise Refusal("flyte-import-image", line, construct, "ImageSpec(base_image=ImageSpec(...)): Podflow needs the base image's name")
    return base, [str(p) for p in (spec.packages or [])]


def refuse_unsupported(task, md, line, construct):
    checks = [
        (md.interruptible, "interruptible=True (Podflow has no spot/preemptible scheduling)"),
        (getattr(task, "security_context", None) and task.security_context.secrets, "secret_requests (Flyte secrets); mount a Kubernetes secret in the pod spec instead"),
        (md.pod_template_name, "pod_template_name (a PodTemplate stored in the cluster)"),
        (md.labels or md.annotations, "@task(labels=/annotations=); put them on the PodTemplate"),
        (getattr(task, "accelerator", None), "accelerator=; request nvidia.com/gpu and set a nodeSelector in the pod spec"),
        (getattr(task, "_shared_memory", None), "shared_memory=; mount an emptyDir with medium Memory at /dev/shm"),
        (md.cache_serialize, "cache_serialize=True"),
        (md.cache_ignore_input_vars, "cache_ignore_input_vars"),
    ]
    for flag, what in checks:
        if flag:
            raise Refusal("flyte-import-task-setting", line, construct, f"{what} cannot be represented in Podflow")


def pod_of(task, line, construct):
    from kubernetes.client import ApiClient

    config = getattr(task, "task_config", None)
    template = getattr(task, "pod_template", None)
    holder = None
    if config is not None:
        if type(config).__name__ == "Pod" and hasattr(config, "pod_spec"):
            holder = config
        else:
            raise Refusal("flyte-import-plugin", line, construct, f"task_config={type(config).__name__} (a {type(config).__module__} plugin) is not a pod; Podflow runs Python tasks in pods")
    if template is not None:
        if holder is not None:
            raise Refusal("flyte-import-plugin", line, construct, "both a Pod task_config and a pod_template")
        holder = template
    if holder is None:
        return None
    spec = ApiClient().sanitize_for_serialization(holder.pod_spec)
    if not isinstance(spec, dict):
        raise Refusal("flyte-import-pod", line, construct, "pod_spec must be a V1PodSpec")
    pod = {}
    primary = holder.primary_container_name or PRIMARY_DEFAULT
    if primary != PRIMARY_DEFAULT:
        pod["primaryContainerName"] = primary
    if holder.labels:
        pod["labels"] = dict(holder.labels)
    if holder.annotations:
        pod["annotations"] = dict(holder.annotations)
    pod["spec"] = readable_order(spec)
    return pod


FIRST_KEYS = ("name", "image", "command", "args", "requests", "limits")


def readable_order(value):
    """The sanitizer sorts keys; a person reads a container by name, image, command first (and requests before limits)."""
    if isinstance(value, list):
        return [readable_order(v) for v in value]
    if isinstance(value, dict):
        keys = [k for k in FIRST_KEYS if k in value] + [k for k in value if k not in FIRST_KEYS]
        return {k: readable_order(value[k]) for k in keys}
    return value


# ----------------------------------------------------------------------------------------------------------------
# Workflows


def is_task(entity):
    from flytekit.core.python_function_task import PythonFunctionTask

    return isinstance(entity, PythonFunctionTask)


def convert_workflow(source, module, wf, fn_name):
    from flytekit.core.array_node_map_task import ArrayNodeMapTask
    from flytekit.core.base_task import Task
    from flytekit.core.launch_plan import LaunchPlan
    from flytekit.core.reference_entity import ReferenceEntity
    from flytekit.core.workflow import WorkflowBase

    wf_node = source.function(fn_name)
    wf_line = wf_node.lineno if wf_node else None
    calls = source.calls_in(wf_node) if wf_node else []
    used_calls = set()

    def line_of(name, entity=None):
        """The line of the first not yet claimed call of this entity (by identity, else by name) in the workflow."""
        for i, (line, called, _) in enumerate(calls):
            if i in used_calls or not called:
                continue
            if (entity is not None and getattr(module, called, None) is entity) or called.split(".")[-1] == name:
                used_calls.add(i)
                return line
        return wf_line

    module_tasks = {v.task_function.__name__: v for v in vars(module).values() if is_task(v) and hasattr(v, "task_function")}
    tasks = {}
    nodes = []
    ids = {}
    for fnode in wf.nodes:
        entity = fnode.flyte_entity
        kind = type(entity).__name__
        if kind == "BranchNode" or hasattr(entity, "cases"):
            line = next((l for l, n, _ in calls if n and n.split(".")[-1] == "conditional"), wf_line)
            raise Refusal("flyte-import-conditional", line, f"workflow {fn_name}, conditional", "conditionals (conditional().if_()...) cannot be represented in Podflow: every node runs")
        if isinstance(entity, LaunchPlan):
            raise Refusal("flyte-import-launch-plan", line_of(entity.name.split(".")[-1], entity), f"workflow {fn_name}, launch plan {entity.name}", "calling a launch plan cannot be represented in Podflow")
        if isinstance(entity, WorkflowBase):
            raise Refusal("flyte-import-subworkflow", line_of(entity.name.split(".")[-1], entity), f"workflow {fn_name}, sub-workflow {entity.name}", "sub-workflows cannot be represented in Podflow; call their tasks from this workflow")
        if isinstance(entity, ReferenceEntity):
            raise Refusal("flyte-import-reference", line_of(entity.name.split(".")[-1], entity), f"workflow {fn_name}, reference {entity.name}", "reference tasks and launch plans live on a Flyte cluster; Podflow needs the task's code")
        map_settings = None
        binding_types = None
        if isinstance(entity, ArrayNodeMapTask):
            inner = entity._run_task
            if isinstance(inner, LaunchPlan) or not is_task(inner):
                raise Refusal("flyte-import-map", line_of(getattr(inner, "name", "?").split(".")[-1]), f"workflow {fn_name}, map_task", "map_task over something other than a Python task cannot be represented")
            task = inner
            name = task.task_function.__name__
            line = line_of(name)
            construct = f"workflow {fn_name}, map_task({name})"
            map_settings = map_settings_of(entity, task, line, construct)
            binding_types = entity.python_interface.inputs
            partial_values = {}
            if entity._partial is not None:
                partial_values.update(entity._partial.keywords)
            partial_values.update(entity._bound_inputs_values or {})
        elif isinstance(entity, Task) and is_task(entity):
            task = entity
            name = task.task_function.__name__
            line = line_of(name)
            construct = f"workflow {fn_name}, node {name}"
            binding_types = task.python_interface.inputs
            partial_values = {}
        else:
            raise Refusal("flyte-import-task-kind", line_of(getattr(entity, "name", "").split(".")[-1]), f"workflow {fn_name}, {kind} {getattr(entity, 'name', '')}", f"{kind} is not a Python function task; Podflow runs Python tasks in pods")
        refuse_overrides(fnode, line, construct)
        tasks.setdefault(name, task)
        # The node id: the name given with with_overrides(name=...), else the task's name (then _2, _3…).
        if isinstance(entity, ArrayNodeMapTask):  # flytekit puts a map node's name on its sub-node
            explicit = entity.sub_node_metadata.name if entity.sub_node_metadata.name != entity.name else None
        else:
            explicit = fnode.metadata.name if fnode.metadata.name != entity.construct_node_metadata().name else None
        node_id = explicit or name
        i = 2
        while explicit is None and node_id in ids.values():
            node_id = f"{name}_{i}"
            i += 1
        ids[fnode.id] = node_id
        inputs = {}
        data_upstream = set()
        for b in fnode.bindings:
            p = b.binding.promise
            if p is not None:
                if p.attr_path:
                    raise Refusal("flyte-import-binding", line, construct, f"input {b.var} reads a field of an output ({p.attr_path}); pass the whole value")
                if p.node_id in ("", "start-node"):
                    inputs[b.var] = {"input": p.var}
                else:
                    inputs[b.var] = {"node": ids[p.node_id], "output": p.var}
                    data_upstream.add(p.node_id)
            else:
                value = binding_value(b.binding, binding_types[b.var], line, f"{construct}, input {b.var}")
                param = inspect.signature(task.task_function).parameters.get(b.var)
                if param is not None and param.default is not inspect.Parameter.empty and json_safe_equal(param.default, value):
                    continue  # flytekit binds a parameter's own default; Podflow leaves it unbound
                inputs[b.var] = {"value": value}
        for k, v in partial_values.items():
            inputs[k] = {"value": json_value(v, line, f"{construct}, bound input {k}")}
        extra = [u.id for u in fnode.upstream_nodes if u.id not in data_upstream]
        if extra:
            raise Refusal("flyte-import-ordering", line, construct, "an ordering without data (a >> b, create_node) cannot be represented: Podflow orders nodes by their inputs")
        node = {"id": node_id, "task": name}
        if map_settings is not None:
            node["map"] = map_settings
        if inputs:
            node["inputs"] = inputs
        nodes.append(node)

    # Tasks a dynamic task calls (by name, in its body) come along, transitively.
    pending = [t for t in tasks.values() if t.execution_mode.name == "DYNAMIC"]
    while pending:
        dyn = pending.pop()
        fn_node = source.function(dyn.task_function.__name__)
        for _, called, _ in source.calls_in(fn_node) if fn_node else []:
            t = module_tasks.get(called or "")
            if t is not None and called not in tasks:
                tasks[called] = t
                if t.execution_mode.name == "DYNAMIC":
                    pending.append(t)

    task_names = set(module_tasks)
    ordered = sorted(tasks.values(), key=lambda t: t.task_function.__code__.co_firstlineno)
    converted = [convert_task(source, t, task_names, module) for t in ordered]
    iface = wf.python_interface
    # Python's own defaults (flytekit's default_inputs_as_kwargs leaves out a None default)
    defaults = {k: p.default for k, p in inspect.signature(wf._workflow_function).parameters.items() if p.default is not inspect.Parameter.empty}
    wf_inputs = []
    for input_name, t in iface.inputs.items():
        item = {"name": input_name, "type": type_text(t, (wf_line, f"workflow {fn_name}, input {input_name}"))}
        if input_name in defaults:
            item["default"] = json_value(defaults[input_name], wf_line, f"workflow {fn_name}, default of {input_name}")
        wf_inputs.append(item)
    wf_outputs = []
    for b in wf.output_bindings:
        p = b.binding.promise
        construct = f"workflow {fn_name}, output {b.var}"
        if p is None or p.node_id in ("", "start-node"):
            raise Refusal("flyte-import-output", wf_line, construct, "a workflow output must come from a node's output in Podflow (not a constant or an input)")
        out_type = iface.outputs.get(b.var)
        wf_outputs.append({"name": b.var, "type": type_text(out_type, (wf_line, construct)), "from": {"node": ids[p.node_id], "output": p.var}})

    from flytekit.core.workflow import WorkflowFailurePolicy

    spec = {}
    if wf.workflow_metadata.on_failure == WorkflowFailurePolicy.FAIL_AFTER_EXECUTABLE_NODES_COMPLETE:
        spec["failurePolicy"] = "continue"
    if wf_inputs:
        spec["inputs"] = wf_inputs
    if wf_outputs:
        spec["outputs"] = wf_outputs
    spec["tasks"] = converted
    spec["nodes"] = nodes
    metadata = {"name": fn_name.replace("_", "-")}
    doc_text = (wf.docstring.short_description if getattr(wf, "docstring", None) else None) or None
    if doc_text:
        metadata["description"] = doc_text.strip()
    return {"apiVersion": "podflow/v1alpha1", "kind": "Workflow", "metadata": metadata, "spec": spec}


def map_settings_of(entity, task, line, construct):
    settings = {}
    inputs = list(task.python_interface.inputs)
    over = [i for i in inputs if i not in entity.bound_inputs]
    if over != inputs[:1]:
        settings["over"] = over
    if entity.concurrency:
        settings["concurrency"] = entity.concurrency
    if entity._min_successes is not None:
        raise Refusal("flyte-import-map", line, construct, "min_successes (an absolute count) cannot be represented; use min_success_ratio")
    if entity._min_success_ratio is not None and entity._min_success_ratio != 1:
        settings["minSuccessRatio"] = entity._min_success_ratio
    if entity._run_all_sub_nodes:
        raise Refusal("flyte-import-map", line, construct, "run_all_sub_nodes=True cannot be represented")
    md, tmd = entity.metadata, task.metadata
    if md.retries != tmd.retries:
        settings["retries"] = md.retries
    if (md.timeout or None) != (tmd.timeout or None) or bool(md.cache) != bool(tmd.cache):
        raise Refusal("flyte-import-map", line, construct, "map_task(metadata=...) with a timeout or cache other than the task's cannot be represented: Podflow maps a task with its own timeout and cache")
    return settings


def refuse_overrides(fnode, line, construct):
    if fnode._resources is not None or fnode._extended_resources is not None or fnode._container_image is not None or fnode._pod_template is not None:
        raise Refusal("flyte-import-overrides", line, construct, "with_overrides(...) on a node cannot be represented: Podflow settings belong to the task; make a second task")


# ----------------------------------------------------------------------------------------------------------------


def main(argv):
    args = list(argv)
    only = None
    if "--workflow" in args:
        i = args.index("--workflow")
        only = args[i + 1] if i + 1 < len(args) else None
        del args[i : i + 2]
    if len(args) != 1:
        emit({"error": "usage", "message": "usage: podflow_flyte_import.py MODULE.py [--workflow NAME]"}, 2)
    path = os.path.abspath(args[0])
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # the pod plugin's deprecation notice; import accepts it
            import flytekit  # noqa: F401
            import flytekitplugins.pod  # noqa: F401
    except ImportError as e:
        emit({"error": "flytekit-missing", "python": sys.executable, "message": str(e)}, 3)
    try:
        source = Source(path)
    except SyntaxError as e:
        emit({"error": "module", "message": f"{os.path.basename(path)}:{e.lineno}: syntax error: {e.msg}"}, 4)
    except OSError as e:
        emit({"error": "module", "message": f"cannot read {path}: {e.strerror}"}, 4)
    try:
        module = load_module(path)
    except BaseException as e:  # noqa: BLE001 - the user's module may raise anything, SystemExit included
        frames = [f for f in traceback.extract_tb(e.__traceback__) if os.path.abspath(f.filename) == path]
        where = f":{frames[-1].lineno}" if frames else ""
        emit({"error": "module", "message": f"{os.path.basename(path)}{where}: importing the module failed: {type(e).__name__}: {e}"}, 4)

    from flytekit.core.launch_plan import LaunchPlan
    from flytekit.core.workflow import ImperativeWorkflow, PythonFunctionWorkflow

    file = os.path.basename(path)
    diagnostics = []
    workflows = []
    found = []
    for attr, value in vars(module).items():
        if isinstance(value, PythonFunctionWorkflow) and value._workflow_function.__code__.co_filename == path:
            found.append((value._workflow_function.__name__, value))
        elif isinstance(value, ImperativeWorkflow):
            line = next((s.lineno for s in source.tree.body if attr in bound_names(s)), None)
            diagnostics.append({"severity": "error", "code": "flyte-import-imperative", "file": file, "line": line, "construct": f"imperative workflow {attr}", "message": "imperative workflows (Workflow(name=...).add_entity) cannot be imported; write it as a @workflow function"})
        elif isinstance(value, LaunchPlan) and attr not in ("",):
            line = next((s.lineno for s in source.tree.body if attr in bound_names(s)), None)
            diagnostics.append({"severity": "warning", "code": "flyte-import-launch-plan", "file": file, "line": line, "construct": f"launch plan {attr}", "message": "launch plans are not imported (Podflow runs a workflow with its own defaults; fixed inputs and schedules are left out)"})
    if only is not None:
        names = [n for n, _ in found]
        found = [(n, wf) for n, wf in found if n == only or n.replace("_", "-") == only]
        if not found:
            emit({"error": "no-workflow", "message": f"no @workflow {only} in {file} (workflows: {', '.join(names) or 'none'})"}, 5)
    for fn_name, wf in found:
        try:
            workflows.append({"function": fn_name, "doc": convert_workflow(source, module, wf, fn_name)})
        except Refusal as r:
            diagnostics.append({"severity": "error", "code": r.code, "file": file, "line": r.line, "construct": r.construct, "message": r.message, "workflow": fn_name})
        except Exception as e:  # noqa: BLE001 - flytekit may refuse what it reads; name the workflow, never crash
            fn_node = source.function(fn_name)
            diagnostics.append({"severity": "error", "code": "flyte-import-failed", "file": file, "line": fn_node.lineno if fn_node else None, "construct": f"workflow {fn_name}", "message": f"{type(e).__name__}: {e}", "workflow": fn_name})
    if not found and not diagnostics:
        diagnostics.append({"severity": "error", "code": "flyte-import-none", "file": file, "line": None, "construct": "module", "message": "the module defines no @workflow"})
    emit({"workflows": workflows, "diagnostics": diagnostics})


if __name__ == "__main__":
    main(sys.argv[1:])
