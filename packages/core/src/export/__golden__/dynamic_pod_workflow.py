"""dynamic-pod-workflow: A dynamic task with a pod config (Flyte's pod example, fourth workflow). At
run time the dynamic task's pod builds a sub-DAG: one call of `stringify`, which runs in its own
plain pod.

Exported from a Podflow workflow (podflow/v1alpha1)."""

from flytekit import PodTemplate, dynamic, task, workflow
from kubernetes.client import V1Container, V1PodSpec, V1ResourceRequirements


@task
def stringify(val: int) -> str:
    return f"{val} served courtesy of a dynamic pod task!"


@dynamic(
    pod_template=PodTemplate(
        pod_spec=V1PodSpec(
            containers=[
                V1Container(
                    name="primary",
                    resources=V1ResourceRequirements(
                        requests={"cpu": ".5", "memory": "450Mi"},
                        limits={"cpu": ".5", "memory": "500Mi"},
                    ),
                ),
            ],
        ),
        primary_container_name="primary",
    ),
)
def dynamic_pod_task(val: int) -> str:
    return stringify(val=val)


@workflow
def dynamic_pod_workflow(val: int = 6) -> str:
    dynamic_pod_task_out = dynamic_pod_task(val=val)
    return dynamic_pod_task_out
