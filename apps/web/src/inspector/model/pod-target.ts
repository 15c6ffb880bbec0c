/**
 * Where a pod spec lives in the document — a task's `pod.spec`, or the workflow's base `podTemplate.spec` — and
 * edits of it as pure `(doc) → doc` functions. Every edit goes through an `(spec) → spec` function applied to the
 * stored object, so fields the form knows nothing about are kept.
 */
import type { PodSpec } from 'kubernetes-types/core/v1';
import {
  DEFAULT_PRIMARY_CONTAINER,
  findTask,
  tasksOf,
  updateTask,
  updateWorkflowMeta,
  type Task,
  type TaskPod,
  type WorkflowDoc,
} from '@podflow/core';
import type { Path } from './immutable';

export type PodTarget = { kind: 'task'; task: string } | { kind: 'template' };

export type PodMetaKind = 'labels' | 'annotations';

/** A pod spec with at least `containers`, as the YAML tab and the schema expect. */
export const EMPTY_POD_SPEC: PodSpec = { containers: [] };

export function podSpecOf(doc: WorkflowDoc, target: PodTarget): PodSpec | undefined {
  if (target.kind === 'template') return doc.spec.podTemplate?.spec;
  return findTask(doc, target.task)?.pod?.spec;
}

/** The document path of the pod spec (for problems and for the problems panel). */
export function podSpecPath(doc: WorkflowDoc, target: PodTarget): Path {
  if (target.kind === 'template') return ['spec', 'podTemplate', 'spec'];
  return ['spec', 'tasks', tasksOf(doc).findIndex((t) => t.name === target.task), 'pod', 'spec'];
}

/** The document path of the pod's labels or annotations. */
export function podMetaPath(doc: WorkflowDoc, target: PodTarget, kind: PodMetaKind): Path {
  if (target.kind === 'template') return ['spec', 'podTemplate', 'metadata', kind];
  return ['spec', 'tasks', tasksOf(doc).findIndex((t) => t.name === target.task), 'pod', kind];
}

function updatePod(doc: WorkflowDoc, task: Task, pod: TaskPod | undefined): WorkflowDoc {
  const result = updateTask(doc, task.name, { pod });
  return result.ok ? result.doc : doc;
}

/** Applies `edit` to the stored pod spec (an absent one starts as `{containers: []}`). */
export function editPodSpec(doc: WorkflowDoc, target: PodTarget, edit: (spec: PodSpec) => PodSpec): WorkflowDoc {
  if (target.kind === 'template') {
    const template = doc.spec.podTemplate ?? {};
    const before = template.spec ?? EMPTY_POD_SPEC;
    const spec = edit(before);
    if (spec === before) return doc;
    const result = updateWorkflowMeta(doc, { podTemplate: { ...template, spec } });
    return result.ok ? result.doc : doc;
  }
  const task = findTask(doc, target.task);
  if (!task) return doc;
  const before = task.pod?.spec ?? EMPTY_POD_SPEC;
  const spec = edit(before);
  if (spec === before) return doc;
  return updatePod(doc, task, { ...(task.pod ?? {}), spec });
}

/** Replaces the pod spec wholesale (the YAML tab). */
export function setPodSpec(doc: WorkflowDoc, target: PodTarget, spec: PodSpec): WorkflowDoc {
  return editPodSpec(doc, target, () => spec);
}

export function podMetaOf(doc: WorkflowDoc, target: PodTarget, kind: PodMetaKind): Record<string, string> | undefined {
  if (target.kind === 'template') return doc.spec.podTemplate?.metadata?.[kind];
  return findTask(doc, target.task)?.pod?.[kind];
}

export function setPodMeta(doc: WorkflowDoc, target: PodTarget, kind: PodMetaKind, value: Record<string, string> | undefined): WorkflowDoc {
  if (target.kind === 'template') {
    const template = doc.spec.podTemplate ?? {};
    const metadata = { ...(template.metadata ?? {}) };
    if (value === undefined) delete metadata[kind];
    else metadata[kind] = value;
    const { metadata: _old, ...rest } = template;
    const next = Object.keys(metadata).length ? { ...rest, metadata } : rest;
    const result = updateWorkflowMeta(doc, { podTemplate: Object.keys(next).length ? next : undefined });
    return result.ok ? result.doc : doc;
  }
  const task = findTask(doc, target.task);
  if (!task) return doc;
  const pod: TaskPod = { ...(task.pod ?? {}) };
  if (value === undefined) delete pod[kind];
  else pod[kind] = value;
  return updatePod(doc, task, Object.keys(pod).length ? pod : undefined);
}

/**
 * Sets which container is the primary. The default name (`primary`) is written only when the task already names
 * one, so that a document that never mentioned it stays as it was.
 */
export function setPrimaryContainerName(doc: WorkflowDoc, taskName: string, name: string): WorkflowDoc {
  const task = findTask(doc, taskName);
  if (!task) return doc;
  const pod: TaskPod = { ...(task.pod ?? {}) };
  if (name === '' || (name === DEFAULT_PRIMARY_CONTAINER && pod.primaryContainerName === undefined)) delete pod.primaryContainerName;
  else pod.primaryContainerName = name;
  return updatePod(doc, task, Object.keys(pod).length ? pod : undefined);
}

/**
 * Renames a container; renaming the primary container keeps it the primary (the task's `primaryContainerName`
 * follows), since otherwise Podflow would add a new, empty primary container.
 */
export function renameContainer(doc: WorkflowDoc, target: PodTarget, list: 'containers' | 'initContainers', index: number, name: string): WorkflowDoc {
  const spec = podSpecOf(doc, target) ?? EMPTY_POD_SPEC;
  const old = spec[list]?.[index]?.name;
  let next = editPodSpec(doc, target, (s) => {
    const items = (s[list] ?? []).slice();
    const item = items[index];
    if (!item) return s;
    items[index] = { ...item, name };
    return { ...s, [list]: items };
  });
  if (target.kind === 'task' && list === 'containers') {
    const task = findTask(doc, target.task);
    const primary = task?.pod?.primaryContainerName || DEFAULT_PRIMARY_CONTAINER;
    if (task && old === primary) next = setPrimaryContainerName(next, target.task, name);
  }
  return next;
}

/**
 * Renames a volume and the mounts that name it (in containers and init containers), so that a rename never leaves a
 * mount pointing at nothing.
 */
export function renameVolume(spec: PodSpec, index: number, name: string): PodSpec {
  const volumes = (spec.volumes ?? []).slice();
  const volume = volumes[index];
  if (!volume) return spec;
  const old = volume.name;
  volumes[index] = { ...volume, name };
  const others = volumes.some((v, i) => i !== index && v?.name === old);
  const fix = (list: PodSpec['containers'] | undefined) =>
    list?.map((c) =>
      c?.volumeMounts?.some((m) => m?.name === old) && old && !others
        ? { ...c, volumeMounts: c.volumeMounts.map((m) => (m?.name === old ? { ...m, name } : m)) }
        : c,
    );
  const next: PodSpec = { ...spec, volumes };
  if (spec.containers) next.containers = fix(spec.containers)!;
  if (spec.initContainers) next.initContainers = fix(spec.initContainers)!;
  return next;
}

/** A name not yet used by a container of the pod: `sidecar`, `sidecar-2`… */
export function freshName(taken: Iterable<string | undefined>, base: string): string {
  const used = new Set(taken);
  if (!used.has(base)) return base;
  for (let i = 2; ; i++) if (!used.has(`${base}-${i}`)) return `${base}-${i}`;
}
