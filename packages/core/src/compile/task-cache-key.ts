import type { WorkflowDoc } from '../document/workflow-schema';
import { defaultImageOf, findTask } from '../document/accessors';
import { contentHash } from '../util/hash';
import type { Json } from '../util/json';
import { stableStringify } from '../util/json';
import { taskPodSpec } from './task-pod-spec';

/**
 * The key under which a task's outputs may be reused (DESIGN.md §8): the task's code and everything that shapes its
 * pod, its cache version, and the inputs. Run ids, attempts and the workflow's name are left out on purpose.
 */
export function taskCacheKey(doc: WorkflowDoc, taskName: string, inputs: Record<string, Json>): string {
  const task = findTask(doc, taskName);
  if (!task) throw new Error(`taskCacheKey: no task "${taskName}"`);
  const material = {
    type: task.type,
    code: task.code,
    pod: { spec: taskPodSpec(doc, task).spec, primary: task.pod?.primaryContainerName },
    image: task.image ?? defaultImageOf(doc),
    resources: task.resources,
    env: task.env,
    version: task.cache?.version,
    // Only when present, so that the keys of tasks without requirements stay what they were.
    ...(task.requirements?.length ? { requirements: task.requirements } : {}),
    inputs,
  };
  return `${task.name}:${contentHash(stableStringify(material))}`;
}
