"""The cluster entrypoint as PID 1 (as in every container) stops on SIGTERM instead of ignoring it."""

import os
import shutil
import signal
import subprocess
import sys
import time
import unittest

from _support import CLUSTER_ENTRYPOINT, TaskDirTestCase, write_code_dir

SLEEPER = """
import os, time

def main() -> str:
    print("started", flush=True)
    print("still printing", end="")  # not flushed yet
    open(os.environ["READY_FILE"], "w").close()
    time.sleep(120)
    return "never"
"""

CAN_UNSHARE = os.geteuid() == 0 and shutil.which("unshare") is not None
WHY = "needs root and unshare(1) to run the entrypoint as PID 1 of a new PID namespace"


@unittest.skipUnless(CAN_UNSHARE, WHY)
class StopSignalTest(TaskDirTestCase):
    def start_as_pid_1(self):
        self.ready = os.path.join(self.tmp, "ready")
        write_code_dir(self.code_dir, SLEEPER, "main")
        proc = subprocess.Popen(
            ["unshare", "--pid", "--fork", "--kill-child", sys.executable, CLUSTER_ENTRYPOINT],
            env=self.task_env(READY_FILE=self.ready), stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=self.tmp)
        self.addCleanup(lambda: proc.poll() is None and proc.kill())
        self.assertEqual(proc.stdout.readline(), b"started\n")
        task = self.child_of(proc.pid)
        with open(f"/proc/{task}/status", encoding="utf-8") as handle:
            ns_pids = next(line for line in handle if line.startswith("NSpid:")).split()[1:]
        self.assertEqual(ns_pids[-1], "1", "the entrypoint is PID 1 in its namespace")
        for _ in range(1000):
            if os.path.exists(self.ready):
                return proc, task
            time.sleep(0.02)
        self.fail("the task never got to its sleep")

    @staticmethod
    def child_of(parent):
        for _ in range(200):
            with open(f"/proc/{parent}/task/{parent}/children", encoding="utf-8") as handle:
                children = handle.read().split()
            if children:
                return int(children[0])
            time.sleep(0.02)
        raise AssertionError("unshare started no child")

    def test_sigterm_stops_the_task_and_keeps_its_output(self):
        proc, task = self.start_as_pid_1()
        os.kill(task, signal.SIGTERM)
        try:
            out, _ = proc.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            self.fail("SIGTERM was ignored: PID 1 kept running")
        self.assertEqual(proc.returncode, 128 + signal.SIGTERM)
        self.assertEqual(out, b"still printing")


if __name__ == "__main__":
    unittest.main()
