import type { ConfigMap } from 'kubernetes-types/core/v1';
import type { Task, WorkflowDoc } from '../document/workflow-schema';
import { tasksOf } from '../document/accessors';
import { taskSignature } from '../document/task-signature';
import { formatPyType } from '../python/py-type';
import { ENTRYPOINT_SOURCE } from '../runtime/generated/entrypoint-source';
import { contentHash } from '../util/hash';
import { stableStringify } from '../util/json';
import { toDnsPart } from '../util/names';
import { LABEL } from './runtime-contract';

/** `task.json`: what the entrypoint needs to know besides the code (DESIGN.md §8: a dynamic pod gets every task's interface). */
export function taskManifest(doc: WorkflowDoc, task: Task): Record<string, unknown> {
  const tasks: Record<string, unknown> = {};
  const described = task.type === 'dynamic' ? tasksOf(doc) : [task];
  for (const t of described) {
    const sig = taskSignature(doc, t.name);
    tasks[t.name] = {
      mode: t.type,
      inputs: (sig?.inputs ?? []).map((i) => ({ name: i.name, type: formatPyType(i.type), optional: i.optional })),
      outputs: (sig?.outputs ?? []).map((o) => o.name),
    };
  }
  return { task: task.name, mode: task.type, tasks };
}

/** One immutable ConfigMap per Podflow runtime version, named by the hash of its content. */
export function runtimeConfigMap(namespace: string): ConfigMap {
  return immutableConfigMap(`podflow-runtime-${contentHash(ENTRYPOINT_SOURCE).slice(0, 12)}`, namespace, { 'entrypoint.py': ENTRYPOINT_SOURCE }, 'runtime');
}

/** One immutable ConfigMap per task content (code and interface), named by a hash so `a_b` and `a-b` never collide. */
export function taskConfigMap(doc: WorkflowDoc, task: Task, namespace: string): ConfigMap {
  const manifest = `${stableStringify(taskManifest(doc, task))}\n`;
  const hash = contentHash(`${task.code}\u0000${manifest}`).slice(0, 12);
  return immutableConfigMap(`podflow-task-${toDnsPart(task.name, 40) || 'task'}-${hash}`, namespace, { 'task.py': task.code, 'task.json': manifest }, 'task');
}

function immutableConfigMap(name: string, namespace: string, data: Record<string, string>, component: string): ConfigMap {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, namespace, labels: { [LABEL.managedBy]: 'podflow', 'podflow/component': component } },
    immutable: true,
    data,
  };
}
