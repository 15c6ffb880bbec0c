"""Argo mode (`entrypoint.py --argo`): inputs from PODFLOW_INPUT_<name>, outputs as JSON files for valueFrom.path;
and the cluster bundle, which has no warm worker inside."""

import json
import os
import subprocess
import sys

from _support import CLUSTER_ENTRYPOINT, TaskDirTestCase

SOURCE = '''
from typing import List, Optional, Tuple

def t(n: int, word: str, tags: List[str], maybe: Optional[str] = None) -> Tuple[int, str]:
    return n * 2, "%s:%s:%s:%s" % (word, ",".join(tags), maybe, n)
'''


class ArgoModeTests(TaskDirTestCase):
    def argo(self, source=SOURCE, task="t", **params):
        env = {"PODFLOW_INPUT_" + k: v for k, v in params.items()}
        self.outputs_dir = os.path.join(self.tmp, "outputs")
        return self.run_task(source, task=task, entrypoint=CLUSTER_ENTRYPOINT, args=["--argo"],
                             PODFLOW_OUTPUTS_DIR=self.outputs_dir, **env)

    def output(self, name):
        with open(os.path.join(self.outputs_dir, name), encoding="utf-8") as handle:
            return handle.read()

    def test_parameters_in_json_files_out(self):
        run = self.argo(n="21", word='"hi"', tags='["a","b"]')
        self.assertEqual(run.code, 0, run.stderr)
        self.assertEqual(self.output("o0"), "42")
        self.assertEqual(self.output("o1"), '"hi:a,b:None:21"')
        self.assertEqual(run.envelope, {"ok": True, "outputs": {"o0": 42, "o1": "hi:a,b:None:21"}})

    def test_bare_string_is_the_string_for_str_inputs(self):
        # What Argo substitutes for a str item of withParam, or for `argo submit -p word=hi`.
        run = self.argo(n="1", word="hi there", tags="[]", maybe="7")
        self.assertEqual(run.code, 0, run.stderr)
        self.assertEqual(json.loads(self.output("o1")), "hi there::7:1")

    def test_optional_str_null_is_none(self):
        run = self.argo(n="1", word="w", tags="[]", maybe="null")
        self.assertEqual(json.loads(self.output("o1")), "w::None:1")

    def test_bad_json_names_the_input(self):
        run = self.argo(n="twelve", word="w", tags="[]")
        self.assertEqual(run.code, 1)
        self.assertIn("input 'n' (env PODFLOW_INPUT_n) is not valid JSON", run.envelope["error"])
        self.assertFalse(os.path.exists(os.path.join(self.outputs_dir, "o0")))

    def test_wrong_type_and_missing_input_fail(self):
        run = self.argo(n='"6"', word="w", tags="[]")
        self.assertEqual(run.code, 1)
        self.assertIn("input 'n' expects int", run.envelope["error"])
        run = self.argo(word="w", tags="[]")
        self.assertEqual(run.code, 1)
        self.assertIn("'n'", run.envelope["error"])

    def test_dynamic_task_is_refused(self):
        tasks = {"d": {"inputs": [], "outputs": ["o0"], "mode": "dynamic"}}
        run = self.run_task("def d() -> int:\n    return 1\n", task="d", mode="dynamic", tasks=tasks,
                            entrypoint=CLUSTER_ENTRYPOINT, args=["--argo"], PODFLOW_OUTPUTS_DIR=self.tmp)
        self.assertEqual(run.code, 1)
        self.assertIn("sub-DAG at run time", run.envelope["error"])

    def gather(self, ratio, aggregate):
        self.outputs_dir = os.path.join(self.tmp, "outputs")
        return self.run_task(entrypoint=CLUSTER_ENTRYPOINT, args=["--argo-gather"], PODFLOW_OUTPUTS_DIR=self.outputs_dir,
                             PODFLOW_GATHER_ITEMS="[1,2,3,4]", PODFLOW_GATHER_OUTPUTS='["o0"]',
                             PODFLOW_GATHER_MIN_RATIO=ratio, PODFLOW_INPUT_o0=aggregate)

    def test_gather_decodes_argos_aggregate_and_checks_the_ratio(self):
        # Argo aggregates scalar outputs as a list of their texts, and lists/objects as the parsed values.
        ok = self.gather("0.5", json.dumps(['"a"', '"c"']))
        self.assertEqual(ok.code, 0, ok.stderr)
        self.assertEqual(json.loads(self.output("o0")), ["a", "c", None, None])
        ok = self.gather("1", json.dumps([[1], {"k": 2}, [], [3]]))
        self.assertEqual(json.loads(self.output("o0")), [[1], {"k": 2}, [], [3]])
        low = self.gather("0.75", json.dumps(["1", "2"]))
        self.assertEqual(low.code, 1)
        self.assertIn("2 of 4 items succeeded, below the minimum success ratio 0.75", low.envelope["error"])

    def test_output_over_the_parameter_limit_fails(self):
        run = self.argo(source="def t() -> str:\n    return 'x' * 200000\n")
        self.assertEqual(run.code, 1)
        self.assertIn("output 'o0' is 200002 bytes, over the", run.envelope["error"])


class ClusterBundleTests(TaskDirTestCase):
    def test_cluster_bundle_has_no_worker(self):
        proc = subprocess.run([sys.executable, CLUSTER_ENTRYPOINT, "--worker"], capture_output=True, text=True,
                              timeout=30)
        self.assertEqual(proc.returncode, 2)
        self.assertIn("usage: python3 entrypoint.py [--argo | --argo-gather]", proc.stderr)
        with open(CLUSTER_ENTRYPOINT, encoding="utf-8") as handle:
            self.assertNotIn("class _Worker", handle.read())


class OutputsToLogTests(TaskDirTestCase):
    def test_the_result_also_reaches_the_log(self):
        # A pod from `podflow compile --node N --input …` run by kubectl: `kubectl logs` shows the result.
        run = self.run_task("def t() -> int:\n    return 7\n", task="t", entrypoint=CLUSTER_ENTRYPOINT,
                            PODFLOW_OUTPUTS_TO_LOG="1")
        self.assertEqual(run.code, 0)
        self.assertEqual(run.file, '{"ok":true,"outputs":{"o0":7}}')
        self.assertEqual(run.marker, '{"ok":true,"outputs":{"o0":7}}')

    def test_not_without_it(self):
        run = self.run_task("def t() -> int:\n    return 7\n", task="t", entrypoint=CLUSTER_ENTRYPOINT)
        self.assertIsNone(run.marker)
