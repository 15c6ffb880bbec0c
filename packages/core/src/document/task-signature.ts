import type { WorkflowDoc } from './workflow-schema';
import { findTask } from './accessors';
import { parseTaskCode, type TaskSignature } from '../python/parse-task-code';

/** The interface of a task, from its Python signature (parseTaskCode caches by code, so this is cheap to call often). */
export function taskSignature(doc: WorkflowDoc, taskName: string): TaskSignature | undefined {
  const task = findTask(doc, taskName);
  return task ? parseTaskCode(task.code, task.name).signature : undefined;
}
