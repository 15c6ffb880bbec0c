"""multiple-containers-pod-workflow: A primary and a sidecar sharing an in-memory volume (Flyte's pod
example, second workflow). The sidecar writes /data/message.txt; the primary waits for it and
returns its content.

Exported from a Podflow workflow (podflow/v1alpha1)."""

import os
import time

from flytekit import PodTemplate, Resources, task, workflow
from kubernetes.client import (
    V1Container,
    V1EmptyDirVolumeSource,
    V1PodSpec,
    V1ResourceRequirements,
    V1Volume,
    V1VolumeMount,
)

_SHARED_DATA_PATH = "/data/message.txt"


@task(
    pod_template=PodTemplate(
        pod_spec=V1PodSpec(
            containers=[
                V1Container(
                    name="primary",
                    resources=V1ResourceRequirements(
                        requests={"cpu": "1", "memory": "100Mi"},
                        limits={"cpu": "1", "memory": "100Mi"},
                    ),
                    volume_mounts=[
                        V1VolumeMount(name="shared-data", mount_path="/data"),
                    ],
                ),
                V1Container(
                    name="secondary",
                    image="alpine",
                    command=["/bin/sh"],
                    args=["-c", "echo hi pod world > /data/message.txt"],
                    resources=V1ResourceRequirements(
                        requests={"cpu": "1", "memory": "100Mi"},
                        limits={"cpu": "1", "memory": "100Mi"},
                    ),
                    volume_mounts=[
                        V1VolumeMount(name="shared-data", mount_path="/data"),
                    ],
                ),
            ],
            volumes=[
                V1Volume(
                    name="shared-data",
                    empty_dir=V1EmptyDirVolumeSource(medium="Memory"),
                ),
            ],
        ),
        primary_container_name="primary",
    ),
    requests=Resources(mem="1G"),
)
def multiple_containers_pod_task() -> str:
    # The code defined in this task will get injected into the primary container.
    while not os.path.isfile(_SHARED_DATA_PATH):
        time.sleep(5)

    with open(_SHARED_DATA_PATH, "r") as shared_message_file:
        return shared_message_file.read()


@workflow
def multiple_containers_pod_workflow() -> str:
    multiple_containers_pod_task_out = multiple_containers_pod_task()
    return multiple_containers_pod_task_out
