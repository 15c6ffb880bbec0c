import { findTask, primaryContainerNameOf, tasksOf } from '../document/accessors';
import type { WorkflowDoc } from '../document/workflow-schema';

type Named = { name?: unknown };
const asNamedList = (v: unknown): Named[] => (Array.isArray(v) ? (v as Named[]) : []);

/**
 * Where in the document a field of a task's compiled pod comes from, so that a refusal about the compiled pod (a
 * dry run, a missing Secret) lands on the field a person edits. `podField` is a path in the Pod, e.g.
 * `spec.containers[1].image`. Containers and volumes are matched by name (the compiler may append the primary or
 * merge the pod template, so indexes differ); the primary's image and resources come from the task when it sets
 * them; a pod-level field the task does not set but the pod template does points at the template. Falls back to the
 * task's pod spec (or the task) when nothing closer is known.
 */
export function documentPathOfPodField(doc: WorkflowDoc, taskName: string, compiledPod: { spec?: unknown }, podField: string): string {
  const task = findTask(doc, taskName);
  if (!task) return 'spec.tasks';
  const t = `spec.tasks[${tasksOf(doc).indexOf(task)}]`;
  const taskSpec = (task.pod?.spec ?? {}) as Record<string, unknown>;
  const templateSpec = (doc.spec.podTemplate?.spec ?? {}) as Record<string, unknown>;
  const compiledSpec = (compiledPod.spec ?? {}) as Record<string, unknown>;

  if (podField.startsWith('metadata.labels')) return `${t}.pod.labels`;
  if (podField.startsWith('metadata.annotations')) return `${t}.pod.annotations`;
  const m = /^spec\.([A-Za-z]+)(?:\[(\d+)\])?(.*)$/.exec(podField);
  if (!m) return task.pod?.spec ? `${t}.pod.spec` : t;
  const [, key, index, rest] = m as unknown as [string, string, string | undefined, string];

  if (index !== undefined && (key === 'containers' || key === 'initContainers' || key === 'volumes')) {
    const name = asNamedList(compiledSpec[key])[Number(index)]?.name;
    const own = asNamedList(taskSpec[key]).findIndex((c) => c.name === name);
    const isPrimary = key === 'containers' && name === primaryContainerNameOf(task);
    if (isPrimary && rest.startsWith('.image') && task.image !== undefined) return `${t}.image`;
    if (isPrimary && rest.startsWith('.resources') && task.resources !== undefined) return `${t}.resources`;
    if (own >= 0) return `${t}.pod.spec.${key}[${own}]${rest}`;
    const fromTemplate = asNamedList(templateSpec[key]).findIndex((c) => c.name === name);
    if (fromTemplate >= 0) return `spec.podTemplate.spec.${key}[${fromTemplate}]${rest}`;
    if (isPrimary && rest.startsWith('.image')) return doc.spec.defaults?.image !== undefined ? 'spec.defaults.image' : `${t}.image`;
    return task.pod?.spec ? `${t}.pod.spec.${key}` : t;
  }
  if (taskSpec[key] === undefined && templateSpec[key] !== undefined) return `spec.podTemplate.spec.${key}${index !== undefined ? `[${index}]` : ''}${rest}`;
  return `${t}.pod.spec.${key}${index !== undefined ? `[${index}]` : ''}${rest}`;
}
