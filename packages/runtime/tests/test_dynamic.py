"""Dynamic tasks: calls to other tasks are recorded as a sub-DAG, never run."""

import json
import unittest

from _support import STRINGIFY, TaskDirTestCase

SEED = '''
from typing import List

def pod_task() -> str:
    return "Hello from pod task!"

def map_pod_task(int_val: int) -> str:
    return str(int_val)

def coalesce(list_of_strings: List[str]) -> str:
    return ", ".join(list_of_strings)

def stringify(val: int) -> str:
    raise AssertionError("a dynamic task must not run the tasks it calls")

def dynamic_pod_task(val: int) -> str:
    return stringify(val=val)
'''

TASKS = {
    "stringify": STRINGIFY,
    "dynamic_pod_task": {"inputs": [{"name": "val", "type": "int", "optional": False}],
                         "outputs": ["o0"], "mode": "dynamic"},
    "map_pod_task": {"inputs": [{"name": "int_val", "type": "int", "optional": False}],
                     "outputs": ["o0"], "mode": "python"},
    "coalesce": {"inputs": [{"name": "list_of_strings", "type": "List[str]", "optional": False}],
                 "outputs": ["o0"], "mode": "python"},
    "split": {"inputs": [{"name": "x", "type": "int", "optional": False},
                         {"name": "sep", "type": "str", "optional": True}],
              "outputs": ["head", "tail"], "mode": "python"},
    "notify": {"inputs": [{"name": "message", "type": "str", "optional": False}],
               "outputs": [], "mode": "python"},
    "inner_dynamic": {"inputs": [{"name": "n", "type": "int", "optional": False}],
                      "outputs": ["o0"], "mode": "dynamic"},
}


def node(node_id, task, **inputs):
    return {"id": node_id, "task": task, "inputs": inputs}


class DynamicTasks(TaskDirTestCase):
    def dynamic(self, body, inputs=None, task="dyn", tasks=None):
        return self.run_task(SEED + body, task=task, mode="dynamic", inputs=inputs,
                             tasks=tasks or dict(TASKS, dyn={"inputs": [], "outputs": [], "mode": "dynamic"}))

    def test_seed_example(self):
        run = self.run_task(SEED, task="dynamic_pod_task", mode="dynamic", inputs={"val": 6},
                            tasks={"stringify": STRINGIFY, "dynamic_pod_task": TASKS["dynamic_pod_task"]})
        self.assertEqual(run.code, 0, run.stderr)
        self.assertEqual(run.file, '{"ok":true,"dynamic":{"nodes":[{"id":"stringify","task":"stringify",'
                                   '"inputs":{"val":{"value":6}}}],"outputs":{"o0":{"node":"stringify",'
                                   '"output":"o0"}}}}')

    def test_chained_calls(self):
        run = self.dynamic('''
def dyn(val: int) -> str:
    first = stringify(val=val)
    second = stringify(val=val + 1)
    return coalesce(list_of_strings=[first, "and", second])
''', inputs={"val": 1})
        self.assertEqual(run.code, 0, run.stderr)
        self.assertEqual(run.envelope["dynamic"], {
            "nodes": [
                node("stringify", "stringify", val={"value": 1}),
                node("stringify_2", "stringify", val={"value": 2}),
                node("coalesce", "coalesce", list_of_strings={"list": [
                    {"node": "stringify", "output": "o0"}, {"value": "and"},
                    {"node": "stringify_2", "output": "o0"}]}),
            ],
            "outputs": {"o0": {"node": "coalesce", "output": "o0"}},
        })

    def test_calls_in_a_loop_build_a_list(self):
        run = self.dynamic('''
from typing import List
def dyn(list_of_ints: List[int]) -> str:
    strings = [map_pod_task(int_val=i) for i in list_of_ints]
    return coalesce(list_of_strings=strings)
''', inputs={"list_of_ints": [4, 5, 6]})
        self.assertEqual(run.code, 0, run.stderr)
        dynamic = run.envelope["dynamic"]
        self.assertEqual([n["id"] for n in dynamic["nodes"]],
                         ["map_pod_task", "map_pod_task_2", "map_pod_task_3", "coalesce"])
        self.assertEqual(dynamic["nodes"][2]["inputs"], {"int_val": {"value": 6}})
        self.assertEqual(dynamic["nodes"][3]["inputs"]["list_of_strings"], {"list": [
            {"node": "map_pod_task", "output": "o0"}, {"node": "map_pod_task_2", "output": "o0"},
            {"node": "map_pod_task_3", "output": "o0"}]})

    def test_dicts_plain_values_and_nested_dynamic_calls(self):
        run = self.dynamic('''
from typing import Dict, List, Tuple
def dyn() -> Tuple[Dict[str, str], List[int], int]:
    notify(message="starting")
    return {"a": stringify(val=1), "b": "plain"}, [1, 2], inner_dynamic(n=3)
''')
        self.assertEqual(run.code, 0, run.stderr)
        self.assertEqual(run.envelope["dynamic"], {
            "nodes": [node("notify", "notify", message={"value": "starting"}),
                      node("stringify", "stringify", val={"value": 1}),
                      node("inner_dynamic", "inner_dynamic", n={"value": 3})],
            "outputs": {"o0": {"dict": {"a": {"node": "stringify", "output": "o0"},
                                        "b": {"value": "plain"}}},
                        "o1": {"value": [1, 2]},
                        "o2": {"node": "inner_dynamic", "output": "o0"}},
        })

    def test_multi_output_calls(self):
        run = self.dynamic('''
from typing import Tuple
def dyn() -> Tuple[str, str, str]:
    head, tail = split(x=1)
    both = split(x=2, sep="-")
    return stringify(val=head), both.tail, both[0]
''')
        self.assertEqual(run.code, 0, run.stderr)
        dynamic = run.envelope["dynamic"]
        self.assertEqual(dynamic["nodes"][1], node("split_2", "split", x={"value": 2}, sep={"value": "-"}))
        self.assertEqual(dynamic["nodes"][2], node("stringify", "stringify",
                                                   val={"node": "split", "output": "head"}))
        self.assertEqual(dynamic["outputs"], {"o0": {"node": "stringify", "output": "o0"},
                                              "o1": {"node": "split_2", "output": "tail"},
                                              "o2": {"node": "split_2", "output": "head"}})

    def test_no_calls(self):
        run = self.dynamic('''
def dyn(val: int) -> str:
    return "plain %d" % val
''', inputs={"val": 2})
        self.assertEqual(run.file, '{"ok":true,"dynamic":{"nodes":[],"outputs":{"o0":{"value":"plain 2"}}}}')

    def test_using_a_promise_value_is_an_error(self):
        uses = {
            "if p:\n        pass": "if p:",
            "p + 1": "p + 1",
            "str(p)": "str(p)",
            "f'{p}'": "f'{p}'",
            "p == 'x'": "p == 'x'",
            "for c in p:\n        pass": "for c in p:",
            "p.upper()": "p.upper()",
            "print(p)": "print(p)",
        }
        for statement, line in uses.items():
            run = self.dynamic('''
def dyn() -> str:
    p = stringify(val=1)
    %s
    return p
''' % statement)
            self.assertEqual(run.code, 1, statement)
            self.assertEqual(run.envelope["error"], (
                "PromiseError: cannot branch on or use the value of stringify(...) inside a dynamic "
                "task: values are only known at run time; pass it to another task or return it "
                "(task.py line %d)" % (SEED.count("\n") + 4)), statement)
            self.assertIn(line, run.stderr)

    def test_positional_arguments_are_an_error(self):
        run = self.dynamic('''
def dyn() -> str:
    return stringify(6)
''')
        self.assertEqual(run.code, 1)
        self.assertIn("TypeError: stringify() takes keyword arguments only inside a dynamic task "
                      "(got 1 positional argument); call it as stringify(val=...)", run.envelope["error"])

    def test_missing_unknown_and_mistyped_inputs(self):
        cases = {
            "stringify()": "stringify() is missing the required input 'val'",
            "stringify(val=1, extra=2)": "stringify() got an unexpected input 'extra'; its inputs are: val",
            "stringify(val='6')": "stringify() input 'val' expects int, got str ('6')",
            "coalesce(list_of_strings=[stringify(val=1), 2])":
                "coalesce() input 'list_of_strings[1]' expects str, got int (2)",
            "stringify(val=split(x=1))": "stringify() input 'val' was given split(...), which has 2 "
                                         "outputs (head, tail); pass one of them, e.g. split(...).head",
        }
        for call, error in cases.items():
            run = self.dynamic('''
def dyn() -> None:
    %s
''' % call)
            self.assertEqual(run.code, 1, call)
            self.assertEqual(run.envelope["error"], "TypeError: %s (task.py line %d)"
                             % (error, SEED.count("\n") + 3), call)

    def test_wrong_return_shape(self):
        run = self.dynamic('''
def dyn() -> str:
    return split(x=1)
''')
        self.assertEqual(run.code, 1)
        self.assertIn("output 'o0' was given split(...), which has 2 outputs", run.envelope["error"])

    def test_large_dynamic_envelope_uses_the_marker_line(self):
        run = self.dynamic('''
from typing import List
def dyn() -> str:
    return coalesce(list_of_strings=[map_pod_task(int_val=i) for i in range(200)])
''')
        self.assertEqual(run.code, 0, run.stderr)
        self.assertEqual(run.file, '{"ok":true,"outputsInLog":true}')
        self.assertEqual(len(json.loads(run.marker)["dynamic"]["nodes"]), 201)


if __name__ == "__main__":
    unittest.main()
