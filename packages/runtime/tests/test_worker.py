"""The warm worker (`entrypoint.py --worker`): one fork per task, JSON lines in and out."""

import importlib.util
import json
import marshal
import os
import queue
import shutil
import subprocess
import sys
import threading
import time
import unittest

from _support import ENTRYPOINT, RUNTIME_DIR, TaskDirTestCase, write_code_dir

TIMEOUT = 30


def alive(pid):
    """Whether a process exists and is not a zombie (an unreaped zombie is dead for us)."""
    try:
        with open("/proc/%d/stat" % pid) as handle:
            return handle.read().rsplit(")", 1)[1].split()[0] != "Z"
    except (FileNotFoundError, ProcessLookupError):
        return False
    except OSError:
        try:
            os.kill(pid, 0)
            return True
        except ProcessLookupError:
            return False


class Worker:
    """A worker process with a thread that parses every stdout line as a JSON event."""

    def __init__(self, under_shell=False, argv=None):
        """under_shell: the worker is the child of a shell (self.proc), not of this process, so that a
        test can kill the worker's parent. argv: another way to start it."""
        argv = argv or [sys.executable, ENTRYPOINT, "--worker"]
        if under_shell:
            # (an asynchronous command's stdin is /dev/null unless it is given another one)
            argv = ["sh", "-c", 'exec 3<&0; "$0" "$1" --worker <&3 3<&- & wait'] + argv[:2]
        self.proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE)
        self.events = queue.Queue()
        self.not_json = []
        self.stderr = b""
        self.readers = [threading.Thread(target=self._read, daemon=True),
                        threading.Thread(target=self._read_stderr, daemon=True)]
        for reader in self.readers:
            reader.start()

    def _read(self):
        for raw in self.proc.stdout:
            try:
                self.events.put(json.loads(raw))
            except ValueError:
                self.not_json.append(raw)
        self.events.put(None)

    def _read_stderr(self):
        self.stderr = self.proc.stderr.read()

    def send(self, **request):
        self.proc.stdin.write((json.dumps(request) + "\n").encode())
        self.proc.stdin.flush()

    def run(self, task_id, code_dir, env, cwd=None):
        self.send(op="run", id=task_id, codeDir=code_dir, env=env, cwd=cwd)

    def next_event(self, deadline):
        event = self.events.get(timeout=max(0.01, deadline - time.monotonic()))
        if event is None:
            raise AssertionError("the worker's stdout closed")
        return event

    def collect(self, ids, until="exit"):
        """Events per id until each id has sent `until` (a "started" event carries the pid)."""
        deadline = time.monotonic() + TIMEOUT
        seen = {task_id: [] for task_id in ids}
        pending = set(ids)
        while pending:
            event = self.next_event(deadline)
            seen.setdefault(event["id"], []).append(event)
            if event["event"] == until:
                pending.discard(event["id"])
        return seen

    def close(self):
        if self.proc.poll() is None:
            try:
                self.proc.stdin.close()
            except OSError:
                pass
            try:
                self.proc.wait(TIMEOUT)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        for reader in self.readers:
            reader.join(TIMEOUT)
        for stream in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
            try:
                stream.close()
            except (OSError, ValueError):
                pass


def lines_of(data):
    """Output split as the worker splits it: a last line without a newline still counts."""
    lines = data.decode("utf-8", "replace").split("\n")
    return lines[:-1] if lines[-1] == "" else lines


def summary(events):
    """A worker task's events as (stdout lines, stderr lines, exit code, signal)."""
    lines = {"stdout": [], "stderr": []}
    for event in events:
        if event["event"] == "log":
            lines[event["stream"]].append(event["line"])
    exit_event = events[-1]
    assert exit_event["event"] == "exit", exit_event
    return lines["stdout"], lines["stderr"], exit_event["code"], exit_event["signal"]


TASKS = {
    "hello": ('''
        import sys, time
        def hello(name: str) -> str:
            time.sleep(1.0)
            print("hello", name)
            print("warming up", file=sys.stderr)
            print("no newline", end="")
            return "hi " + name
    ''', {"name": "worker"}),
    "big": ('''
        import time
        from typing import Tuple
        def big(n: int) -> Tuple[str, int]:
            time.sleep(1.0)
            print("making", n)
            return "b" * n, n
    ''', {"n": 20000}),
    "fails": ('''
        import time
        def fails() -> int:
            time.sleep(1.0)
            print("about to fail")
            raise ValueError("bad thing")
    ''', {}),
    # The worker compiles task.py before it forks (loading.preload): a failure at import, and a file that
    # does not compile, must still read exactly as in a plain run.
    "at_import": ('''
        print("importing")
        raise RuntimeError("broken at import")
        def at_import() -> int:
            return 1
    ''', {}),
    "syntax": ('''
        def syntax() -> int:
            return (1
    ''', {}),
}


class WorkerTests(TaskDirTestCase):
    def setUp(self):
        super().setUp()
        self.worker = Worker()
        self.addCleanup(self.worker.close)

    def tearDown(self):
        self.assertEqual(self.worker.not_json, [], "the worker printed something that is not an event")

    def make_task(self, name, source, mode="python"):
        code_dir = os.path.join(self.tmp, name)
        write_code_dir(code_dir, source, name, mode)
        return code_dir

    def test_concurrent_tasks_match_plain_runs(self):
        plain, requests = {}, []
        for name, (source, inputs) in TASKS.items():
            code_dir = self.make_task(name, source)
            out = os.path.join(self.tmp, name + ".plain")
            proc = subprocess.run([sys.executable, ENTRYPOINT], capture_output=True, timeout=TIMEOUT,
                                  env=self.task_env(inputs, code_dir=code_dir, outputs_file=out))
            with open(out, "rb") as handle:
                plain[name] = (lines_of(proc.stdout), lines_of(proc.stderr), proc.returncode, None,
                               handle.read())
            env = self.task_env(inputs, code_dir=code_dir, outputs_file=os.path.join(self.tmp, name + ".worker"))
            requests.append((name, code_dir, env))
        started = time.monotonic()
        for request in requests:
            self.worker.run(*request)
        ids = [name for name, _, _ in requests]
        events = self.worker.collect(ids)
        self.assertLess(time.monotonic() - started, 2.5, "the three 1 s tasks did not overlap")
        for name in ids:
            self.assertEqual(events[name][0]["event"], "started")
            with open(os.path.join(self.tmp, name + ".worker"), "rb") as handle:
                self.assertEqual(summary(events[name]) + (handle.read(),), plain[name], name)
        self.assertEqual(plain["fails"][2], 1)
        self.assertIn('  File "%s", line 3, in <module>' % os.path.join(self.tmp, "at_import", "task.py"), plain["at_import"][1])
        self.assertIn("SyntaxError", plain["syntax"][1][-1])
        self.assertIn('"outputsInLog":true', plain["big"][4].decode())
        self.assertTrue(plain["big"][0][-1].startswith("::podflow-outputs::"))
        self.assertEqual(plain["hello"][0], ["hello worker", "no newline"])

    def test_dynamic_task_in_the_worker(self):
        code_dir = self.make_task("dyn", '''
            def dyn(val: int) -> str:
                return stringify(val=val)
        ''', mode="dynamic")
        with open(os.path.join(code_dir, "task.json"), "w") as handle:
            json.dump({"task": "dyn", "mode": "dynamic", "tasks": {
                "stringify": {"inputs": [{"name": "val", "type": "int", "optional": False}],
                              "outputs": ["o0"]}}}, handle)
        self.worker.run("d", code_dir, self.task_env({"val": 6}, code_dir=code_dir))
        self.assertEqual(summary(self.worker.collect(["d"])["d"])[2], 0)
        with open(self.outputs_file) as handle:
            self.assertEqual(json.load(handle)["dynamic"]["nodes"][0]["inputs"], {"val": {"value": 6}})

    def test_kill_a_long_running_task_and_its_processes(self):
        code_dir = self.make_task("slow", '''
            import subprocess, time
            def slow() -> None:
                sleeper = subprocess.Popen(["sleep", "60"])
                print("sleeper", sleeper.pid, flush=True)
                time.sleep(60)
        ''')
        self.worker.run("slow", code_dir, self.task_env(code_dir=code_dir))
        events = self.worker.collect(["slow"], until="log")["slow"]
        pid, sleeper = events[0]["pid"], int(events[-1]["line"].split()[1])
        self.assertTrue(alive(pid) and alive(sleeper))
        self.worker.send(op="kill", id="slow", signal=15)
        self.worker.send(op="kill", id="no-such-task", signal=9)
        stdout, _, code, sig = summary(self.worker.collect(["slow"])["slow"])
        self.assertEqual((code, sig), (128 + 15, 15))
        self.assertFalse(alive(pid))
        deadline = time.monotonic() + 5
        while alive(sleeper) and time.monotonic() < deadline:
            time.sleep(0.05)
        self.assertFalse(alive(sleeper), "the task's own child outlived it")

    def test_the_worker_survives_crashes_garbage_and_huge_lines(self):
        sources = {
            "abort": "import os\ndef abort() -> None:\n    os.abort()\n",
            "exit7": "import os\ndef exit7() -> None:\n    os._exit(7)\n",
            "garbage": ("import os\ndef garbage() -> None:\n"
                        "    os.write(1, b'bin\\xff\\xfe\\x00ary\\n\\x80')\n"),
            "huge": "def huge() -> None:\n    print('z' * 3000000)\n    print('after')\n",
        }
        for name, source in sources.items():
            self.worker.run(name, self.make_task(name, source), self.task_env(code_dir=os.path.join(self.tmp, name)))
        events = self.worker.collect(list(sources))
        self.assertEqual(summary(events["abort"])[2:], (128 + 6, 6))
        self.assertEqual(summary(events["exit7"])[2:], (7, None))
        self.assertEqual(summary(events["garbage"])[0], ["bin\ufffd\ufffd\x00ary", "\ufffd"])
        self.assertEqual(summary(events["huge"])[0], ["z" * 3000000, "after"])
        # Still serving.
        code_dir = self.make_task("ok", "def ok() -> int:\n    return 1\n")
        self.worker.run("ok", code_dir, self.task_env(code_dir=code_dir))
        self.assertEqual(summary(self.worker.collect(["ok"])["ok"])[2], 0)

    def test_a_task_sees_exactly_its_environment(self):
        code_dir = self.make_task("environ", '''
            import os
            def environ() -> str:
                return " ".join("%s=%s" % item for item in sorted(os.environ.items()))
        ''')
        env = {"PATH": os.environ.get("PATH", os.defpath), "HOME": "/podflow-not-the-worker-home",
               "PODFLOW_CODE_DIR": code_dir, "PODFLOW_OUTPUTS_FILE": self.outputs_file, "ONLY_THE_TASK": "1"}
        self.worker.run("environ", code_dir, env)
        _, stderr, code, _ = summary(self.worker.collect(["environ"])["environ"])
        self.assertEqual(code, 0, stderr)
        with open(self.outputs_file, encoding="utf-8") as handle:
            returned = json.load(handle)["outputs"]["o0"]
        self.assertEqual(returned, " ".join("%s=%s" % item for item in sorted(env.items())))

    def test_a_task_starts_with_the_signal_handlers_of_a_fresh_interpreter(self):
        source = '''
            import signal
            def handlers() -> str:
                seen = [repr(signal.getsignal(s)) for s in (signal.SIGCHLD, signal.SIGTERM, signal.SIGINT)]
                return " ".join(seen + [str(signal.set_wakeup_fd(-1))])
        '''
        code_dir = self.make_task("handlers", source)
        env = {"PATH": os.environ.get("PATH", os.defpath), "PODFLOW_OUTPUTS_FILE": self.outputs_file}
        self.worker.run("handlers", code_dir, env)
        _, stderr, code, _ = summary(self.worker.collect(["handlers"])["handlers"])
        self.assertEqual(code, 0, stderr)
        with open(self.outputs_file, encoding="utf-8") as handle:
            in_worker = json.load(handle)["outputs"]["o0"]
        self.assertEqual(in_worker, self.run_task(source, task="handlers").envelope["outputs"]["o0"])
        self.assertEqual(in_worker.split()[-1], "-1")  # no wakeup fd: the worker's is not the task's

    def test_a_task_ends_as_an_interpreter_does_its_threads_joined_then_its_atexit_handlers(self):
        source = '''
            import atexit, threading, time
            def late():
                time.sleep(0.3)
                print("thread done", flush=True)
            def ends(daemon: bool) -> int:
                atexit.register(print, "atexit ran", flush=True)
                threading.Thread(target=late, daemon=daemon).start()
                return 1
        '''
        code_dir = self.make_task("ends", source)
        env = {"PATH": os.environ.get("PATH", os.defpath), "PODFLOW_OUTPUTS_FILE": self.outputs_file}
        for daemon, want in ((False, ["thread done", "atexit ran"]), (True, ["atexit ran"])):
            env["PODFLOW_INPUTS"] = json.dumps({"daemon": daemon})
            self.worker.run("ends", code_dir, env)
            stdout, stderr, code, _ = summary(self.worker.collect(["ends"])["ends"])
            self.assertEqual((code, stdout), (0, want), stderr)
            plain = self.run_task(source, task="ends", inputs={"daemon": daemon})
            self.assertEqual(lines_of(plain.stdout.encode()), want)

    def test_tasks_do_not_leak_modules_into_each_other(self):
        first = self.make_task("first", '''
            import helper_first
            def first() -> str:
                return helper_first.VALUE
        ''')
        with open(os.path.join(first, "helper_first.py"), "w") as handle:
            handle.write("VALUE = 'from helper'\n")
        second = self.make_task("second", '''
            import os, sys
            def second() -> list:
                return [m for m in ("helper_first", "first") if m in sys.modules] + [os.getcwd()]
        ''')
        out = os.path.join(self.tmp, "first.out")
        self.worker.run("1", first, self.task_env(code_dir=first, outputs_file=out))
        self.assertEqual(summary(self.worker.collect(["1"])["1"])[2], 0)
        with open(out) as handle:
            self.assertEqual(json.load(handle)["outputs"]["o0"], "from helper")
        self.worker.run("2", second, self.task_env(code_dir=second), cwd=first)
        self.assertEqual(summary(self.worker.collect(["2"])["2"])[2], 0)
        with open(self.outputs_file) as handle:
            self.assertEqual(json.load(handle)["outputs"]["o0"], [first])

    def test_each_task_imports_its_code_and_sees_every_edit(self):
        code_dir = self.make_task("edited", '''
            print("imported")
            def edited() -> str:
                return "one"
        ''')

        def run(task_id):
            self.worker.run(task_id, code_dir, self.task_env(code_dir=code_dir))
            stdout, stderr, code, _ = summary(self.worker.collect([task_id])[task_id])
            with open(self.outputs_file) as handle:
                return stdout, stderr, code, json.load(handle)

        self.assertEqual(run("1")[0::3], (["imported"], {"ok": True, "outputs": {"o0": "one"}}))
        self.assertEqual(run("2")[0::3], (["imported"], {"ok": True, "outputs": {"o0": "one"}}))  # imported again
        write_code_dir(code_dir, "def edited() -> str:\n    return 'two'\n", "edited")
        self.assertEqual(run("3")[3], {"ok": True, "outputs": {"o0": "two"}})
        write_code_dir(code_dir, "def edited() -> str:\n    return (\n", "edited")
        stdout, stderr, code, envelope = run("4")
        self.assertEqual((code, envelope["ok"]), (1, False))
        self.assertIn("SyntaxError", envelope["error"])
        write_code_dir(code_dir, "def renamed() -> str:\n    return 'three'\n", "renamed")  # task.json too
        self.assertEqual(run("5")[2:], (0, {"ok": True, "outputs": {"o0": "three"}}))

    def test_a_code_file_gone_since_the_last_task_is_reported_not_remembered(self):
        code_dir = self.make_task("gone", "def gone() -> int:\n    return 1\n")
        self.worker.run("1", code_dir, self.task_env(code_dir=code_dir))
        self.assertEqual(summary(self.worker.collect(["1"])["1"])[2], 0)
        os.remove(os.path.join(code_dir, "task.json"))
        self.worker.run("2", code_dir, self.task_env(code_dir=code_dir))
        _, stderr, code, _ = summary(self.worker.collect(["2"])["2"])
        self.assertEqual(code, 2)
        self.assertIn("task.json not found", stderr[-1])

    def test_bad_requests_are_survived(self):
        self.worker.proc.stdin.write(b"not json\n{\"op\": \"dance\"}\n")
        self.worker.send(op="run", id="nodir", env={})
        stdout, stderr, code, _ = summary(self.worker.collect(["nodir"])["nodir"])
        self.assertEqual(code, 2)
        self.assertIn("codeDir", stderr[0])
        code_dir = self.make_task("ok", "def ok() -> int:\n    return 1\n")
        self.worker.run("ok", code_dir, self.task_env(code_dir=code_dir))
        self.assertEqual(summary(self.worker.collect(["ok"])["ok"])[2], 0)

    def test_eof_kills_running_tasks_and_exits(self):
        code_dir = self.make_task("slow", '''
            import subprocess, time
            def slow() -> None:
                sleeper = subprocess.Popen(["sleep", "60"])
                print("sleeper", sleeper.pid, flush=True)
                time.sleep(60)
        ''')
        pids = []
        for task_id in ("a", "b"):
            self.worker.run(task_id, code_dir, self.task_env(code_dir=code_dir))
        for task_id, events in self.worker.collect(["a", "b"], until="log").items():
            pids += [events[0]["pid"], int(events[-1]["line"].split()[1])]
        self.worker.proc.stdin.close()
        self.assertEqual(self.worker.proc.wait(TIMEOUT), 0)
        deadline = time.monotonic() + 5
        while any(alive(pid) for pid in pids) and time.monotonic() < deadline:
            time.sleep(0.05)
        self.assertEqual([pid for pid in pids if alive(pid)], [])

    def test_a_task_dies_with_its_worker(self):
        code_dir = self.make_task("slow", '''
            import time
            def slow() -> None:
                print("up", flush=True)
                time.sleep(60)
        ''')
        self.worker.run("slow", code_dir, self.task_env(code_dir=code_dir))
        pid = self.worker.collect(["slow"], until="log")["slow"][0]["pid"]
        self.assertTrue(alive(pid))
        self.worker.proc.kill()  # SIGKILL: the worker cannot clean up; the kernel must
        self.worker.proc.wait(TIMEOUT)
        deadline = time.monotonic() + 5
        while alive(pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        self.assertFalse(alive(pid), "a task outlived its SIGKILLed worker")

    def test_bad_namespace_requests_are_refused(self):
        code_dir = self.make_task("ok", "def ok() -> int:\n    return 1\n")
        for i, namespace in enumerate([[], {"root": "/x"}, {"root": "/x", "ops": [["chmod", "/a", "/b"]]},
                                       {"root": "/x", "ops": [["bind", "/a"]]}]):
            task_id = "bad%d" % i
            self.worker.send(op="run", id=task_id, codeDir=code_dir, env=self.task_env(code_dir=code_dir),
                             namespace=namespace)
            events = self.worker.collect([task_id])[task_id]
            self.assertNotIn("started", [e["event"] for e in events])
            _, stderr, code, _ = summary(events)
            self.assertEqual(code, 2)
            self.assertIn('"namespace"', stderr[0])

    @unittest.skipUnless(os.geteuid() == 0 and sys.platform.startswith("linux"),
                         "LOUD SKIP: mount namespaces in the worker need root on Linux")
    def test_a_task_in_its_own_mount_namespace(self):
        code_dir = self.make_task("look", '''
            import os
            def look() -> str:
                open("/podflow-ns-test/written", "w").write("by the task")
                try:
                    open("/usr/podflow-ns-test-ro", "w")
                    ro = "writable"
                except OSError:
                    ro = "read-only"
                return "%s %s %s" % (sorted(os.listdir("/podflow-ns-test")), ro, os.getcwd())
        ''')
        volume = os.path.join(self.tmp, "volume")
        os.makedirs(volume)
        open(os.path.join(volume, "given"), "w").close()
        root = os.path.join(self.tmp, "root")
        os.makedirs(root)
        ops = [["robind" if name in ("usr", "etc") else "bind", "/" + name, "/" + name]
               for name in sorted(os.listdir("/")) if name not in ("proc", "dev", "sys")
               and os.path.isdir("/" + name) and not os.path.islink("/" + name)]
        ops += [["symlink", os.readlink("/" + name), "/" + name] for name in sorted(os.listdir("/"))
                if os.path.islink("/" + name)]
        ops += [["bind", "/proc", "/proc"], ["bind", "/dev", "/dev"], ["bind", volume, "/podflow-ns-test"]]
        env = self.task_env(code_dir=code_dir)
        self.worker.send(op="run", id="look", codeDir=code_dir, env=env, cwd="/podflow-ns-test",
                         namespace={"root": root, "ops": ops})
        stdout, stderr, code, _ = summary(self.worker.collect(["look"])["look"])
        self.assertEqual(code, 0, stderr)
        with open(self.outputs_file, encoding="utf-8") as handle:
            self.assertIn("['given', 'written'] read-only /podflow-ns-test", handle.read())
        with open(os.path.join(volume, "written"), encoding="utf-8") as handle:
            self.assertEqual(handle.read(), "by the task")
        self.assertFalse(os.path.exists("/podflow-ns-test"), "the mount point leaked to the host")
        self.assertEqual(os.listdir(root), [], "the namespace's root leaked to the host")


class ContainerCommandTests(TaskDirTestCase):
    """Run requests with "argv" and no mount namespace: the command is vfork+exec'd by the worker,
    not forked from it; the same process and the same errors as a fork would give."""

    def setUp(self):
        super().setUp()
        self.worker = Worker()
        self.addCleanup(self.worker.close)
        self.code_dir = os.path.join(self.tmp, "code")
        write_code_dir(self.code_dir, "def ok() -> int:\n    return 1\n", "ok")

    def command(self, task_id, argv, cwd=None, **env):
        base = {"PATH": os.environ.get("PATH", os.defpath), "ONLY_THIS": "yes"}
        self.worker.send(op="run", id=task_id, codeDir=self.code_dir, env=dict(base, **env), cwd=cwd, argv=argv)
        return self.worker.collect([task_id])[task_id]

    def test_a_command_is_its_own_session_with_exactly_its_environment(self):
        script = ("echo $$ $PPID $(ps -o sid= -p $$); pwd; readlink /proc/$$/fd/0; grep SigIgn /proc/$$/status; "
                  "env | sort | grep -v '^PWD=' | grep -v '^SHLVL=' | grep -v '^_='")
        events = self.command("sh", ["sh", "-c", script], cwd=self.tmp)
        stdout, stderr, code, _ = summary(events)
        self.assertEqual(code, 0, stderr)
        pid, ppid, sid = stdout[0].split()
        self.assertEqual(int(pid), events[0]["pid"])
        self.assertEqual(int(ppid), self.worker.proc.pid)  # exec'd in place: no process between
        self.assertEqual(sid, pid)
        self.assertEqual(stdout[1:4], [self.tmp, "/dev/null", "SigIgn:\t0000000000000000"])
        self.assertEqual(stdout[4:], ["ONLY_THIS=yes", "PATH=" + os.environ.get("PATH", os.defpath),
                                      "PODFLOW_CODE_DIR=" + self.code_dir])

    def start_sleeper(self, worker):
        worker.send(op="run", id="sleep", codeDir=self.code_dir, env={"PATH": os.environ["PATH"]},
                    argv=["sh", "-c", "echo up; exec sleep 60"])
        pid = worker.collect(["sleep"], until="log")["sleep"][0]["pid"]
        self.assertTrue(alive(pid))
        return pid

    def assert_dies(self, pid, why):
        deadline = time.monotonic() + 5
        while alive(pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        self.assertFalse(alive(pid), why)

    def test_a_command_dies_when_the_workers_parent_dies(self):
        """kill -9 of the server: the kernel sends the worker SIGTERM, and the worker kills its commands."""
        worker = Worker(under_shell=True)
        self.addCleanup(worker.close)
        pid = self.start_sleeper(worker)
        worker.proc.kill()  # the shell, the worker's parent
        worker.proc.wait(TIMEOUT)
        self.assert_dies(pid, "a container command outlived the worker's parent")
        deadline = time.monotonic() + TIMEOUT
        while worker.next_event(deadline)["event"] != "exit":  # then the worker exits: its stdout closes
            pass
        with self.assertRaisesRegex(AssertionError, "stdout closed"):
            worker.next_event(deadline)

    def test_a_command_dies_when_the_worker_is_stopped(self):
        pid = self.start_sleeper(self.worker)
        self.worker.proc.terminate()
        self.assertEqual(self.worker.proc.wait(TIMEOUT), 0)
        self.assert_dies(pid, "a container command outlived its stopped worker")

    def test_the_exit_says_whether_anything_was_left_in_the_group(self):
        """groupGone: the executor then knows at once that the container has ended; without it, it waits for the leftovers
        the worker SIGKILLed to be gone."""
        alone = self.command("alone", ["sh", "-c", "echo done"])
        self.assertEqual(alone[-1]["groupGone"], True)
        left = self.command("left", ["sh", "-c", "sleep 60 >/dev/null 2>&1 & echo $!"])
        self.assertNotIn("groupGone", left[-1])
        self.assert_dies(int(summary(left)[0][0]), "a process left in the group outlived its container")
        self.worker.send(op="run", id="task", codeDir=self.code_dir, env={"PATH": os.environ["PATH"]})
        forked = self.worker.collect(["task"])["task"]
        self.assertEqual((summary(forked)[2], forked[-1].get("groupGone")), (0, True))

    def test_commands_that_cannot_be_executed(self):
        no_format = os.path.join(self.tmp, "no-format")
        with open(no_format, "wb") as handle:
            handle.write(b"\x7f\x00\x01\x02")
        no_interpreter = os.path.join(self.tmp, "no-interpreter")
        with open(no_interpreter, "w") as handle:
            handle.write("#!/nonexistent/podflow-interpreter\n")
        for path in (no_format, no_interpreter):
            os.chmod(path, 0o755)
        cases = [
            (["podflow-no-such-command"], "podflow-no-such-command: No such file or directory"),
            ([no_format], no_format + ": Exec format error"),  # execve's error: no fallback to sh
            ([no_interpreter, "x"], no_interpreter + ": No such file or directory"),
        ]
        for i, (argv, reason) in enumerate(cases):
            stdout, stderr, code, _ = summary(self.command("bad%d" % i, argv))
            self.assertEqual((stdout, stderr, code), ([], ["podflow worker: cannot execute " + reason], 127))

    def test_a_missing_working_directory(self):
        missing = os.path.join(self.tmp, "missing")
        for i, argv in enumerate([["sh", "-c", "echo no"], [os.path.join(self.tmp, "not-there")]]):
            _, stderr, code, _ = summary(self.command("cwd%d" % i, argv, cwd=missing))
            self.assertEqual(code, 2)
            self.assertIn("cannot change to the working directory " + missing, stderr[0])


class WorkerStartTests(TaskDirTestCase):
    """worker.py (src/worker_start.py): how the local executor starts a worker, from the bundle's bytecode."""

    def setUp(self):
        super().setUp()
        self.dir = os.path.join(self.tmp, "worker")
        os.makedirs(self.dir)
        shutil.copy(ENTRYPOINT, os.path.join(self.dir, "entrypoint.py"))
        shutil.copy(os.path.join(RUNTIME_DIR, "src", "worker_start.py"), os.path.join(self.dir, "worker.py"))
        self.bytecode = os.path.join(self.dir, "entrypoint.py.%x.bytecode" % sys.hexversion)
        self.code_dir = os.path.join(self.tmp, "code")
        write_code_dir(self.code_dir, "def helper():\n    raise ValueError('bad thing')\n\ndef t(fail: bool) -> int:\n"
                                      "    return helper() if fail else 1\n", "t")

    def run_in_new_worker(self, fail):
        worker = Worker(argv=[sys.executable, os.path.join(self.dir, "worker.py"), "--worker"])
        self.addCleanup(worker.close)
        env = {"PATH": os.environ.get("PATH", os.defpath), "PODFLOW_OUTPUTS_FILE": self.outputs_file,
               "PODFLOW_INPUTS": json.dumps({"fail": fail})}
        worker.run("t", self.code_dir, env)
        _, stderr, code, _ = summary(worker.collect(["t"])["t"])
        return code, "\n".join(stderr)

    def test_the_bundle_runs_from_bytecode_written_once_with_tracebacks_as_from_its_source(self):
        code, stderr = self.run_in_new_worker(fail=True)
        self.assertEqual(code, 1, stderr)
        self.assertIn('task.py", line 2, in helper', stderr)
        self.assertNotIn("entrypoint.py", stderr)  # the bundle's own frames are left out, as when run from source
        written = os.stat(self.bytecode)
        self.assertEqual(self.run_in_new_worker(fail=False)[0], 0)
        again = os.stat(self.bytecode)
        self.assertEqual((again.st_ino, again.st_mtime_ns), (written.st_ino, written.st_mtime_ns))
        self.assertEqual([n for n in os.listdir(self.dir) if n.endswith(tuple("0123456789"))], [])  # no part left

    def test_bytecode_that_does_not_load_is_written_again(self):
        for broken in (b"not bytecode", marshal.dumps(42)):  # not marshal data; marshal data but not code
            with open(self.bytecode, "wb") as handle:
                handle.write(broken)
            code, stderr = self.run_in_new_worker(fail=False)
            self.assertEqual(code, 0, stderr)
            with open(self.bytecode, "rb") as handle:
                self.assertEqual(type(marshal.load(handle)).__name__, "code")

    def test_bytecode_that_cannot_be_written_still_gets_a_worker(self):
        os.mkdir(self.bytecode)  # in the way of the file, even for root
        self.assertEqual(self.run_in_new_worker(fail=False)[0], 0)
        self.assertEqual(sorted(os.listdir(self.dir)), sorted(["entrypoint.py", "worker.py", os.path.basename(self.bytecode)]))


class LineSplitterTests(unittest.TestCase):
    def setUp(self):
        spec = importlib.util.spec_from_file_location("podflow_entrypoint", ENTRYPOINT)
        self.module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(self.module)

    def test_lines_utf8_across_chunks_and_cap(self):
        splitter = self.module._LineSplitter(cap=4)
        euro = "€".encode()
        self.assertEqual(splitter.feed(b"ab\ncd" + euro[:1]), ["ab"])
        self.assertEqual(splitter.feed(euro[1:] + b"\n"), ["cd€"])
        self.assertEqual(splitter.feed(b"0123456789"), ["0123", "4567"])
        self.assertEqual(splitter.feed(b"\n\nx"), ["89", ""])
        self.assertEqual(splitter.feed(b"", final=True), ["x"])


if __name__ == "__main__":
    unittest.main()
