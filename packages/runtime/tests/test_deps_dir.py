"""A task's requirements: $PODFLOW_DEPS_DIR (a `pip install --target` directory) comes first on sys.path, with its
.pth files, in a plain run and in a warm worker's fork, and first on PYTHONPATH for the task's subprocesses."""

import json
import os
import unittest

from _support import TaskDirTestCase, write_code_dir
from test_worker import Worker, summary

SOURCE = '''
    import os, subprocess, sys
    def uses_dep() -> str:
        import podflow_fake_dep
        import pth_added
        child = subprocess.run([sys.executable, "-c", "import podflow_fake_dep; print(podflow_fake_dep.VALUE)"],
                               capture_output=True, text=True, check=True).stdout.strip()
        return podflow_fake_dep.VALUE + "/" + pth_added.VALUE + "/" + child
'''


class DepsDirTests(TaskDirTestCase):
    def setUp(self):
        super().setUp()
        self.deps = os.path.join(self.tmp, "deps")
        extra = os.path.join(self.tmp, "extra")
        os.makedirs(self.deps)
        os.makedirs(extra)
        with open(os.path.join(self.deps, "podflow_fake_dep.py"), "w") as handle:
            handle.write('VALUE = "from-deps"\n')
        with open(os.path.join(extra, "pth_added.py"), "w") as handle:
            handle.write('VALUE = "from-pth"\n')
        with open(os.path.join(self.deps, "extra.pth"), "w") as handle:
            handle.write(extra + "\n")

    def test_plain_run_imports_from_the_deps_dir(self):
        run = self.run_task(SOURCE, task="uses_dep", PODFLOW_DEPS_DIR=self.deps)
        self.assertEqual(run.code, 0, run.stderr)
        self.assertEqual(run.envelope, {"ok": True, "outputs": {"o0": "from-deps/from-pth/from-deps"}})

    def test_without_it_the_import_fails_as_a_task_error(self):
        run = self.run_task(SOURCE, task="uses_dep")
        self.assertEqual(run.code, 1)
        self.assertIn("ModuleNotFoundError", run.envelope["error"])

    def test_a_missing_deps_dir_is_named(self):
        run = self.run_task(SOURCE, task="uses_dep", PODFLOW_DEPS_DIR=os.path.join(self.tmp, "nowhere"))
        self.assertNotEqual(run.code, 0)
        self.assertIn("PODFLOW_DEPS_DIR", run.envelope["error"])

    def test_in_a_warm_worker_fork(self):
        worker = Worker()
        self.addCleanup(worker.close)
        code_dir = os.path.join(self.tmp, "uses_dep")
        write_code_dir(code_dir, SOURCE, "uses_dep")
        worker.run("a", code_dir, self.task_env({}, code_dir=code_dir, PODFLOW_DEPS_DIR=self.deps))
        self.assertEqual(summary(worker.collect(["a"])["a"])[2], 0)
        with open(self.outputs_file) as handle:
            self.assertEqual(json.load(handle), {"ok": True, "outputs": {"o0": "from-deps/from-pth/from-deps"}})
        # The next task in the same worker, without the variable, does not see them.
        worker.run("b", code_dir, self.task_env({}, code_dir=code_dir))
        self.assertEqual(summary(worker.collect(["b"])["b"])[2], 1)


if __name__ == "__main__":
    unittest.main()
