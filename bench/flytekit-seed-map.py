# The baseline of the bench's seed-map row: the seed map-pod-workflow's two functions as flytekit tasks, mapped with
# map_task over N items and run locally in process by flytekit (python flytekit-seed-map.py N). Without flytekit
# (--plain), one Python process calls the same functions the same way.
import sys

from typing import List

if "--plain" in sys.argv:
    task = workflow = lambda f: f
    map_task = lambda f: (lambda int_val: [f(int_val=v) for v in int_val])
else:
    from flytekit import map_task, task, workflow

@task
def map_pod_task(int_val: int) -> str:
    return str(int_val)

@task
def coalesce(list_of_strings: List[str]) -> str:
    return ", ".join(list_of_strings)

@workflow
def map_pod_workflow(list_of_ints: List[int]) -> str:
    return coalesce(list_of_strings=map_task(map_pod_task)(int_val=list_of_ints))

n = int(sys.argv[1])
out = map_pod_workflow(list_of_ints=list(range(n)))
assert out.startswith("0, 1, 2"), out[:50]
print(len(out))
