/**
 * Where a document path is shown in the inspector: which tab, and which field. Used for the problems panel's
 * "go to field" and for counting problems per tab.
 */
import { nodesOf, tasksOf, type WorkflowDoc } from '@podflow/core';
import { normalizePathString, parsePath } from './paths';

export type TaskTab = 'code' | 'task' | 'pod' | 'yaml' | 'compiled';
export type WorkflowTab = 'settings' | 'template' | 'template-yaml';

const TASK_SETTINGS = new Set(['name', 'type', 'description', 'resources', 'image', 'requirements', 'env', 'retries', 'timeoutSeconds', 'cache']);

/** The tab of the task inspector that shows `path`, for the given task (and node), or undefined when none does. */
export function taskTabOf(doc: WorkflowDoc, path: string, taskName: string, nodeId?: string): TaskTab | undefined {
  const segs = parsePath(normalizePathString(path));
  if (segs[0] !== 'spec') return undefined;
  if (segs[1] === 'tasks' && typeof segs[2] === 'number') {
    if (tasksOf(doc)[segs[2]]?.name !== taskName) return undefined;
    const field = segs[3];
    if (field === undefined) return 'task';
    if (field === 'code') return 'code';
    if (field === 'pod') return 'pod';
    return TASK_SETTINGS.has(String(field)) ? 'task' : undefined;
  }
  if (segs[1] === 'nodes' && typeof segs[2] === 'number' && nodeId !== undefined) {
    if (nodesOf(doc)[segs[2]]?.id !== nodeId) return undefined;
    return 'task';
  }
  return undefined;
}

export function workflowTabOf(path: string): WorkflowTab | undefined {
  const segs = parsePath(normalizePathString(path));
  if (segs[0] === 'metadata') return 'settings';
  if (segs[0] !== 'spec') return undefined;
  if (segs[1] === 'podTemplate') return 'template';
  if (segs[1] === 'defaults' || segs[1] === 'failurePolicy' || segs[1] === 'settings' || segs[1] === 'inputs' || segs[1] === 'outputs' || segs[1] === undefined) return 'settings';
  return undefined;
}
