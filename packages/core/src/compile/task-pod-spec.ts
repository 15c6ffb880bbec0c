import type { Container, PodSpec } from 'kubernetes-types/core/v1';
import type { Task, WorkflowDoc } from '../document/workflow-schema';
import { primaryContainerNameOf } from '../document/accessors';
import { cloneJson } from '../util/json';
import { mergePodSpec } from './merge-pod-spec';

export interface TaskPodSpec {
  /** The task's pod spec with the workflow's pod template merged under it and the primary container present. */
  spec: PodSpec;
  primaryName: string;
  /** Index of the primary in `spec.containers`. */
  primaryIndex: number;
  /** True when the task's spec had no container of the primary's name (Flyte appends a placeholder, last). */
  primaryAppended: boolean;
}

/**
 * The user's side of a task's pod, before Podflow adds its own parts: the base template merged underneath, and the
 * primary container appended last when the spec has none of that name (flytekit's `_serialize_pod_spec`). The
 * canvas reads container chips from this, validation checks it, and `toPod` builds on it.
 */
export function taskPodSpec(doc: WorkflowDoc, task: Task): TaskPodSpec {
  const primaryName = primaryContainerNameOf(task);
  const own: PodSpec = cloneJson(task.pod?.spec ?? { containers: [] });
  own.containers = Array.isArray(own.containers) ? own.containers : [];
  let primaryIndex = own.containers.findIndex((c) => c?.name === primaryName);
  const primaryAppended = primaryIndex < 0;
  if (primaryAppended) {
    own.containers.push({ name: primaryName } as Container);
    primaryIndex = own.containers.length - 1;
  }
  const spec = mergePodSpec(cloneJson(doc.spec.podTemplate?.spec), own, primaryName);
  return { spec, primaryName, primaryIndex, primaryAppended };
}
