"""pod-workflow: A pod task with a node selector (Flyte's pod example, first workflow). The pod spec
has no containers, so Podflow appends the primary container; the task's memory request also becomes
its limit.

Exported from a Podflow workflow (podflow/v1alpha1)."""

from flytekit import PodTemplate, Resources, task, workflow
from kubernetes.client import V1PodSpec


@task(
    pod_template=PodTemplate(
        pod_spec=V1PodSpec(
            containers=[],
            node_selector={"node_group": "memory"},
        ),
        primary_container_name="primary",
    ),
    requests=Resources(mem="1G"),
)
def pod_task() -> str:
    return "Hello from pod task!"


@workflow
def pod_workflow() -> str:
    pod_task_out = pod_task()
    return pod_task_out
