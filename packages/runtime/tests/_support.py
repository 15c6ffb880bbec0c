"""Shared helpers: temporary code directories and real runs of the entrypoint."""

import atexit
import json
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
import unittest

RUNTIME_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REPO_ROOT = os.path.dirname(os.path.dirname(RUNTIME_DIR))
BUNDLE_DIR = os.path.join(tempfile.mkdtemp(prefix="podflow-entrypoint-"), "")


def _bundle():
    """The tests run what ships: the one-file bundles joined from src/ (scripts/runtime/bundle-entrypoint.mjs)."""
    script = os.path.join(REPO_ROOT, "scripts", "runtime", "bundle-entrypoint.mjs")
    subprocess.run(["node", script, BUNDLE_DIR], check=True, cwd=REPO_ROOT)


_bundle()
atexit.register(shutil.rmtree, BUNDLE_DIR, True)
ENTRYPOINT = os.path.join(BUNDLE_DIR, "entrypoint-local.py")  # with the warm worker
CLUSTER_ENTRYPOINT = os.path.join(BUNDLE_DIR, "entrypoint.py")  # what compiled ConfigMaps carry
MARKER = "::podflow-outputs::"

# The seed's stringify/dynamic_pod_task interfaces, as task.json carries them.
STRINGIFY = {"inputs": [{"name": "val", "type": "int", "optional": False}], "outputs": ["o0"],
             "mode": "python"}


def write_code_dir(directory, source, task, mode="python", tasks=None, extra_files=None):
    """Lay out a code directory: task.py, task.json and any extra files."""
    os.makedirs(directory, exist_ok=True)
    with open(os.path.join(directory, "task.py"), "w", encoding="utf-8") as handle:
        handle.write(textwrap.dedent(source))
    spec = {"task": task, "mode": mode, "tasks": tasks or {task: {"inputs": [], "outputs": ["o0"],
                                                                    "mode": mode}}}
    with open(os.path.join(directory, "task.json"), "w", encoding="utf-8") as handle:
        json.dump(spec, handle)
    for name, text in (extra_files or {}).items():
        with open(os.path.join(directory, name), "w", encoding="utf-8") as handle:
            handle.write(textwrap.dedent(text))
    return directory


class Run:
    """What one entrypoint process did."""

    def __init__(self, proc, outputs_file):
        self.code = proc.returncode
        self.stdout = proc.stdout
        self.stderr = proc.stderr
        self.file = None
        if outputs_file and os.path.exists(outputs_file):
            with open(outputs_file, encoding="utf-8") as handle:
                self.file = handle.read()
        lines = self.stdout.split("\n")
        markers = [line for line in lines if line.startswith(MARKER)]
        self.marker = markers[-1][len(MARKER):] if markers else None

    @property
    def envelope(self):
        """The envelope wherever it went: the marker line wins when there is one."""
        if self.marker is not None:
            return json.loads(self.marker)
        return json.loads(self.file)


class TaskDirTestCase(unittest.TestCase):
    """Each test gets a temporary directory with a code dir and a termination file path."""

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="podflow-test-")
        self.addCleanup(shutil.rmtree, self.tmp, True)
        self.code_dir = os.path.join(self.tmp, "code")
        self.outputs_file = os.path.join(self.tmp, "termination-log")

    def task_env(self, inputs=None, code_dir=None, outputs_file=None, **extra):
        env = {k: v for k, v in os.environ.items() if not k.startswith("PODFLOW_")}
        env["PODFLOW_CODE_DIR"] = code_dir or self.code_dir
        env["PODFLOW_OUTPUTS_FILE"] = outputs_file or self.outputs_file
        if inputs is not None:
            env["PODFLOW_INPUTS"] = json.dumps(inputs)
        env.update(extra)
        return env

    def run_task(self, source=None, task="main", inputs=None, mode="python", tasks=None,
                 entrypoint=ENTRYPOINT, args=(), **env_extra):
        if source is not None:
            write_code_dir(self.code_dir, source, task, mode, tasks)
        env = self.task_env(inputs, **env_extra)
        proc = subprocess.run([sys.executable, entrypoint, *args], env=env, capture_output=True,
                              encoding="utf-8", errors="replace", timeout=60, cwd=self.tmp)
        return Run(proc, env["PODFLOW_OUTPUTS_FILE"])
