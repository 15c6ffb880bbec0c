"""map-pod-workflow: A map over a pod task with an init container (Flyte's pod example, third
workflow): one pod per item, each retried once, then the results joined.

Exported from a Podflow workflow (podflow/v1alpha1)."""

from typing import List

from flytekit import PodTemplate, TaskMetadata, map_task, task, workflow
from kubernetes.client import V1Container, V1PodSpec, V1ResourceRequirements


@task(
    pod_template=PodTemplate(
        pod_spec=V1PodSpec(
            containers=[
                V1Container(
                    name="primary",
                    resources=V1ResourceRequirements(
                        requests={"cpu": ".5", "memory": "500Mi"},
                        limits={"cpu": ".5", "memory": "500Mi"},
                    ),
                ),
            ],
            init_containers=[
                V1Container(
                    name="init",
                    image="alpine",
                    command=["/bin/sh"],
                    args=["-c", "echo \"I'm a customizable init container\""],
                    resources=V1ResourceRequirements(
                        limits={"cpu": ".5", "memory": "500Mi"},
                    ),
                ),
            ],
        ),
        primary_container_name="primary",
    ),
)
def map_pod_task(int_val: int) -> str:
    return str(int_val)


@task
def coalesce(list_of_strings: List[str]) -> str:
    coalesced = ", ".join(list_of_strings)
    return coalesced


@workflow
def map_pod_workflow(list_of_ints: list[int] = [1, 2, 3]) -> str:
    map_pod_task_out = map_task(map_pod_task, metadata=TaskMetadata(retries=1))(int_val=list_of_ints)
    coalesce_out = coalesce(list_of_strings=map_pod_task_out)
    return coalesce_out
