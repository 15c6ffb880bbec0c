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

let runtimeName: string | undefined;

/** One immutable ConfigMap per Podflow runtime version, named by the hash of its content. */
export function runtimeConfigMap(namespace: string): ConfigMap {
  runtimeName ??= `podflow-runtime-${contentHash(ENTRYPOINT_SOURCE).slice(0, 12)}`;
  return immutableConfigMap(runtimeName, namespace, { 'entrypoint.py': ENTRYPOINT_SOURCE }, 'runtime');
}

/**
 * Task ConfigMap contents by the document's task list: documents are immutable values (every edit makes a new one),
 * so a workflow of 10,000 nodes over a few tasks hashes each task once, not once per node.
 */
const taskContentCache = new WeakMap<readonly Task[], Map<Task, { name: string; manifest: string }>>();

/** One immutable ConfigMap per task content (code and interface), named by a hash so `a_b` and `a-b` never collide. */
export function taskConfigMap(doc: WorkflowDoc, task: Task, namespace: string): ConfigMap {
  const tasks = tasksOf(doc);
  let byTask = taskContentCache.get(tasks);
  if (!byTask) taskContentCache.set(tasks, (byTask = new Map()));
  let content = byTask.get(task);
  if (!content) {
    const manifest = `${stableStringify(taskManifest(doc, task))}\n`;
    const hash = contentHash(`${task.code}\u0000${manifest}`).slice(0, 12);
    content = { name: `podflow-task-${toDnsPart(task.name, 40) || 'task'}-${hash}`, manifest };
    byTask.set(task, content);
  }
  return immutableConfigMap(content.name, namespace, { 'task.py': task.code, 'task.json': content.manifest }, 'task');
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
