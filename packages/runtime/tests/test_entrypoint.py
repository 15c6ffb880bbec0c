"""One task through `python3 entrypoint.py`: inputs, outputs, errors and where results go."""

import json
import os
import shutil
import unittest

from _support import ENTRYPOINT, MARKER, TaskDirTestCase, write_code_dir


class SeedTasks(TaskDirTestCase):
    def test_pod_task(self):
        run = self.run_task('''
            def pod_task() -> str:
                return "Hello from pod task!"
        ''', task="pod_task")
        self.assertEqual(run.code, 0, run.stderr)
        self.assertEqual(run.file, '{"ok":true,"outputs":{"o0":"Hello from pod task!"}}')
        self.assertEqual(run.stdout, "")

    def test_map_pod_task_and_coalesce(self):
        source = '''
            from typing import List
            def map_pod_task(int_val: int) -> str:
                return str(int_val)
            def coalesce(list_of_strings: List[str]) -> str:
                return ", ".join(list_of_strings)
        '''
        run = self.run_task(source, task="map_pod_task", inputs={"int_val": 3})
        self.assertEqual(run.envelope, {"ok": True, "outputs": {"o0": "3"}})
        run = self.run_task(source, task="coalesce", inputs={"list_of_strings": ["1", "2"]})
        self.assertEqual(run.envelope, {"ok": True, "outputs": {"o0": "1, 2"}})

    def test_entrypoint_inside_the_code_dir(self):
        # The production layout: the ConfigMap holds entrypoint.py beside task.py.
        write_code_dir(self.code_dir, '''
            import sys
            def where() -> str:
                return sys.path[0]
        ''', "where")
        shutil.copy(ENTRYPOINT, os.path.join(self.code_dir, "entrypoint.py"))
        run = self.run_task(task="where", entrypoint=os.path.join(self.code_dir, "entrypoint.py"))
        self.assertEqual(run.code, 0, run.stderr)
        self.assertEqual(os.path.realpath(run.envelope["outputs"]["o0"]), os.path.realpath(self.code_dir))


class Outputs(TaskDirTestCase):
    def test_tuple_outputs(self):
        for annotation in ("Tuple[int, str]", "tuple[int, str]"):
            run = self.run_task('''
                from typing import Tuple
                def t() -> %s:
                    return 1, "a"
            ''' % annotation, task="t")
            self.assertEqual(run.envelope, {"ok": True, "outputs": {"o0": 1, "o1": "a"}}, annotation)

    def test_namedtuple_outputs(self):
        run = self.run_task('''
            from typing import NamedTuple
            class Result(NamedTuple):
                total: int
                label: str
            def t() -> Result:
                return Result(total=3, label="x")
        ''', task="t")
        self.assertEqual(run.envelope, {"ok": True, "outputs": {"total": 3, "label": "x"}})

    def test_no_outputs(self):
        run = self.run_task('''
            def t() -> None:
                print("side effect")
        ''', task="t")
        self.assertEqual(run.file, '{"ok":true,"outputs":{}}')
        self.assertEqual(run.stdout, "side effect\n")

    def test_containers_and_float_from_int(self):
        run = self.run_task('''
            from typing import Dict, List
            def t() -> Dict[str, List[float]]:
                return {"a": [1, 2.5]}
        ''', task="t")
        self.assertEqual(run.file, '{"ok":true,"outputs":{"o0":{"a":[1.0,2.5]}}}')

    def test_wrong_output_type_names_the_output(self):
        run = self.run_task('''
            def t() -> str:
                return 5
        ''', task="t")
        self.assertEqual(run.code, 1)
        self.assertEqual(run.envelope, {"ok": False, "error": "output 'o0' expects str, got int (5)"})

    def test_wrong_tuple_arity(self):
        run = self.run_task('''
            from typing import Tuple
            def t() -> Tuple[int, int]:
                return (1,)
        ''', task="t")
        self.assertEqual(run.code, 1)
        self.assertIn("declares 2 outputs (o0, o1)", run.envelope["error"])

    def test_nan_and_big_ints_are_refused(self):
        run = self.run_task('''
            def t() -> float:
                return float("nan")
        ''', task="t")
        self.assertEqual(run.code, 1)
        self.assertIn("output 'o0' is nan", run.envelope["error"])
        run = self.run_task('''
            from typing import List
            def t() -> List[int]:
                return [1, 2 ** 60]
        ''', task="t")
        self.assertEqual(run.code, 1)
        self.assertIn("output 'o0[1]' is 1152921504606846976, beyond ±2^53", run.envelope["error"])
        run = self.run_task('''
            def t() -> int:
                return 2 ** 53
        ''', task="t")
        self.assertEqual(run.envelope, {"ok": True, "outputs": {"o0": 2 ** 53}})

    def test_unserialisable_output(self):
        run = self.run_task('''
            def t():
                return {1, 2}
        ''', task="t")
        self.assertEqual(run.code, 1)
        self.assertIn("output 'o0' is set ({1, 2}), which has no JSON form", run.envelope["error"])


class Inputs(TaskDirTestCase):
    SOURCE = '''
        from typing import Dict, List, Optional
        def t(n: int, x: float, flag: bool, names: List[str], weights: Dict[str, float],
              anything: dict, maybe: Optional[int] = None, label: str = "default") -> dict:
            return {"n": n, "x": x, "x_type": type(x).__name__, "flag": flag, "names": names,
                    "weights": weights, "anything": anything, "maybe": maybe, "label": label}
    '''
    GOOD = {"n": 2, "x": 3, "flag": True, "names": ["a"], "weights": {"w": 1},
            "anything": {"k": [1, None]}}

    def test_typed_inputs_and_defaults(self):
        run = self.run_task(self.SOURCE, task="t", inputs=self.GOOD)
        self.assertEqual(run.code, 0, run.stderr)
        self.assertEqual(run.envelope["outputs"]["o0"], {
            "n": 2, "x": 3.0, "x_type": "float", "flag": True, "names": ["a"],
            "weights": {"w": 1.0}, "anything": {"k": [1, None]}, "maybe": None, "label": "default"})

    def test_optional_input(self):
        for maybe in (None, 7):
            run = self.run_task(self.SOURCE, task="t", inputs=dict(self.GOOD, maybe=maybe))
            self.assertEqual(run.envelope["outputs"]["o0"]["maybe"], maybe)

    def test_wrong_type_is_an_error_naming_the_input(self):
        cases = [
            ({"n": "2"}, "input 'n' expects int, got str ('2')"),
            ({"n": True}, "input 'n' expects int, got bool (True)"),
            ({"n": 2.5}, "input 'n' expects int, got float (2.5)"),
            ({"flag": 1}, "input 'flag' expects bool, got int (1)"),
            ({"names": ["a", 1]}, "input 'names[1]' expects str, got int (1)"),
            ({"weights": {"w": "heavy"}}, "input 'weights[\"w\"]' expects float, got str ('heavy')"),
            ({"maybe": "x"}, "input 'maybe' expects int, got str ('x')"),
        ]
        for change, error in cases:
            run = self.run_task(self.SOURCE, task="t", inputs=dict(self.GOOD, **change))
            self.assertEqual(run.code, 1, change)
            self.assertEqual(run.envelope, {"ok": False, "error": error})
            self.assertIn(error, run.stderr)

    def test_unknown_and_missing_inputs(self):
        run = self.run_task(self.SOURCE, task="t", inputs=dict(self.GOOD, extra=1))
        self.assertEqual(run.code, 1)
        self.assertIn("unknown input 'extra'", run.envelope["error"])
        inputs = dict(self.GOOD)
        del inputs["n"]
        run = self.run_task(self.SOURCE, task="t", inputs=inputs)
        self.assertEqual(run.code, 1)
        self.assertIn("missing input 'n'", run.envelope["error"])

    def test_every_kind_of_parameter_binds_as_the_signature_says(self):
        # Plain functions are read from their code object, anything else through inspect.signature: both the same.
        cases = [
            ('def t(a, b=2, /, c=3, *rest, k, m=5, **more):\n    return [a, b, c, list(rest), k, m, more]',
             {"a": 1, "k": 4, "z": 9}, [1, 2, 3, [], 4, 5, {"z": 9}]),
            ('def t(*, k: int, m: str = "x"):\n    return [k, m]', {"k": 1}, [1, "x"]),
            ('import functools\ndef deco(fn):\n    @functools.wraps(fn)\n    def inner(*a, **k):\n        return fn(*a, **k)\n'
             '    return inner\n@deco\ndef t(n: int, /, m: int = 1):\n    return [n, m]', {"n": 7}, [7, 1]),
            ('class T:\n    def __call__(self, n: int = 2):\n        return [n]\nt = T()', {}, [2]),
        ]
        for source, inputs, want in cases:
            run = self.run_task(source, task="t", inputs=inputs)
            self.assertEqual(run.envelope, {"ok": True, "outputs": {"o0": want}}, (source, run.stderr))
        run = self.run_task(cases[1][0], task="t", inputs={"m": "y"})
        self.assertEqual(run.envelope, {"ok": False, "error": "missing input 'k': t() requires k"})
        run = self.run_task(cases[2][0], task="t", inputs={"n": 1, "x": 2})
        self.assertEqual(run.envelope, {"ok": False, "error": "unknown input 'x': t() takes n, m"})

    def test_pep604_string_annotations(self):
        run = self.run_task('''
            from __future__ import annotations
            def t(a: int | None, b: list[int | None], c: int | None = None) -> int | None:
                return a
        ''', task="t", inputs={"a": None, "b": [1, None]})
        self.assertEqual(run.envelope, {"ok": True, "outputs": {"o0": None}}, run.stderr)
        run = self.run_task(task="t", inputs={"a": "x", "b": []})
        self.assertEqual(run.envelope["error"], "input 'a' expects int, got str ('x')")

    def test_inputs_file(self):
        write_code_dir(self.code_dir, '''
            def t(n: int) -> int:
                return n * 2
        ''', "t")
        path = os.path.join(self.tmp, "inputs.json")
        with open(path, "w") as handle:
            json.dump({"n": 21}, handle)
        run = self.run_task(task="t", PODFLOW_INPUTS_FILE=path)
        self.assertEqual(run.envelope, {"ok": True, "outputs": {"o0": 42}})

    def test_invalid_inputs_json(self):
        run = self.run_task('''
            def t() -> None:
                pass
        ''', task="t", PODFLOW_INPUTS="{nope")
        self.assertEqual(run.code, 1)
        self.assertIn("PODFLOW_INPUTS are not valid JSON", run.envelope["error"])


class Failures(TaskDirTestCase):
    def test_exception(self):
        run = self.run_task('''
            def helper():
                raise ValueError("bad thing")
            def t() -> int:
                return helper()
        ''', task="t")
        self.assertEqual(run.code, 1)
        self.assertEqual(run.file, '{"ok":false,"error":"ValueError: bad thing (task.py line 3)"}')
        self.assertIn("Traceback (most recent call last):", run.stderr)
        self.assertIn('task.py", line 5, in t', run.stderr)
        self.assertTrue(run.stderr.rstrip().endswith("ValueError: bad thing"), run.stderr)
        self.assertNotIn("entrypoint-local.py", run.stderr)

    def test_multiline_message_becomes_one_line(self):
        run = self.run_task('''
            def t() -> int:
                raise RuntimeError("first\\nsecond")
        ''', task="t")
        self.assertEqual(run.envelope["error"], "RuntimeError: first second (task.py line 3)")

    def test_syntax_error(self):
        run = self.run_task('''
            def t() -> int:
                return (
        ''', task="t")
        self.assertEqual(run.code, 1)
        self.assertTrue(run.envelope["error"].startswith("SyntaxError: "), run.envelope)
        self.assertIn("(task.py line 3)", run.envelope["error"])

    def test_broken_code_dir(self):
        write_code_dir(self.code_dir, "def t():\n    return 1\n", "t")
        os.remove(os.path.join(self.code_dir, "task.json"))
        run = self.run_task()
        self.assertEqual(run.code, 2)
        self.assertIn("task.json not found", run.envelope["error"])

        write_code_dir(self.code_dir, "def t():\n    return 1\n", "t")
        os.remove(os.path.join(self.code_dir, "task.py"))
        run = self.run_task()
        self.assertEqual(run.code, 2)
        self.assertIn("task.py not found", run.envelope["error"])

        run = self.run_task("def other():\n    return 1\n", task="t")
        self.assertEqual(run.code, 2)
        self.assertEqual(run.envelope["error"],
                         "task.py defines no function 't' (task.json \"task\"); functions it defines: other")
        self.assertIn("podflow: task.py defines no function 't'", run.stderr)


class WhereResultsGo(TaskDirTestCase):
    BIG = '''
        def t(n: int) -> str:
            return "x" * n
    '''

    def test_envelope_of_4096_bytes_goes_to_the_file(self):
        run = self.run_task(self.BIG, task="t", inputs={"n": 4096 - 31})
        self.assertEqual(len(run.file.encode()), 4096)
        self.assertEqual(run.stdout, "")
        run = self.run_task(self.BIG, task="t", inputs={"n": 4097 - 31})
        self.assertEqual(run.file, '{"ok":true,"outputsInLog":true}')
        self.assertEqual(len(run.marker.encode()), 4097)

    def test_large_envelope_goes_to_the_marker_line(self):
        run = self.run_task(self.BIG, task="t", inputs={"n": 5000})
        self.assertEqual(run.code, 0)
        self.assertEqual(run.file, '{"ok":true,"outputsInLog":true}')
        self.assertEqual(run.stdout, MARKER + json.dumps(
            {"ok": True, "outputs": {"o0": "x" * 5000}}, separators=(",", ":")) + "\n")

    def test_utf8_size_counts(self):
        # 1500 three-byte characters: under 4096 characters, over 4096 bytes.
        run = self.run_task('''
            def t() -> str:
                return "€" * 1500
        ''', task="t")
        self.assertEqual(run.file, '{"ok":true,"outputsInLog":true}')
        self.assertEqual(run.envelope["outputs"]["o0"], "€" * 1500)

    def test_over_the_cap_fails_naming_the_limit(self):
        run = self.run_task(self.BIG, task="t", inputs={"n": 20000}, PODFLOW_OUTPUTS_MAX_BYTES="10000")
        self.assertEqual(run.code, 1)
        self.assertEqual(run.envelope, {"ok": False, "error": (
            "outputs are 20031 bytes, over the 10000-byte limit (PODFLOW_OUTPUTS_MAX_BYTES)")})
        self.assertIsNone(run.marker)

    def test_default_cap(self):
        run = self.run_task(self.BIG, task="t", inputs={"n": 1048576})
        self.assertEqual(run.code, 1)
        self.assertIn("over the 1048576-byte limit (PODFLOW_OUTPUTS_MAX_BYTES)", run.envelope["error"])

    def test_unwritable_termination_file_falls_back_to_the_marker(self):
        missing = os.path.join(self.tmp, "no-such-dir", "termination-log")
        run = self.run_task(self.BIG, task="t", inputs={"n": 3}, outputs_file=missing)
        self.assertEqual(run.code, 0)
        self.assertEqual(run.stdout, MARKER + '{"ok":true,"outputs":{"o0":"xxx"}}\n')
        run = self.run_task('''
            def t() -> int:
                raise KeyError("k")
        ''', task="t", outputs_file=missing)
        self.assertEqual(run.code, 1)
        self.assertEqual(run.marker, '{"ok":false,"error":"KeyError: \'k\' (task.py line 3)"}')

    def test_user_output_is_preserved_and_the_marker_is_on_its_own_line(self):
        run = self.run_task('''
            import sys
            def t(n: int) -> str:
                print("line one")
                print("to stderr", file=sys.stderr)
                sys.stdout.write("raw ")
                print("x", end="")
                return "y" * n
        ''', task="t", inputs={"n": 5000})
        self.assertEqual(run.code, 0)
        self.assertEqual(run.stdout, "line one\nraw x\n" + MARKER + json.dumps(
            {"ok": True, "outputs": {"o0": "y" * 5000}}, separators=(",", ":")) + "\n")
        self.assertEqual(run.stderr, "to stderr\n")

    def test_binary_writes_count_for_the_line_start(self):
        run = self.run_task('''
            import sys
            def t() -> str:
                sys.stdout.buffer.write(b"partial")
                return "y" * 5000
        ''', task="t")
        self.assertTrue(run.stdout.startswith("partial\n" + MARKER), run.stdout[:40])

    def test_unicode_output_is_utf8(self):
        run = self.run_task('''
            def t() -> str:
                print("héllo ✓")
                return "ünïcode ✓"
        ''', task="t")
        with open(self.outputs_file, "rb") as handle:
            self.assertEqual(handle.read(), '{"ok":true,"outputs":{"o0":"ünïcode ✓"}}'.encode())
        self.assertEqual(run.stdout, "héllo ✓\n")


if __name__ == "__main__":
    unittest.main()
