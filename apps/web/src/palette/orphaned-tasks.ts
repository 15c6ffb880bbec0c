import { nodesOf, removeTask, type WorkflowDoc } from '@podflow/core';

/**
 * The tasks an edit left unused: some node invoked them before, none does after, and core's `removeTask` would accept
 * their removal now (no dynamic task calls them). These are the ones worth offering to remove after a delete.
 */
export function orphanedTasks(before: WorkflowDoc, after: WorkflowDoc): string[] {
  const usedAfter = new Set(nodesOf(after).map((n) => n.task));
  const usedBefore = [...new Set(nodesOf(before).map((n) => n.task))];
  return usedBefore.filter((name) => !usedAfter.has(name) && removeTask(after, name).ok);
}

/** Removes each named task that core lets go; the others are left (the document is unchanged if none can go). */
export function removeTasks(doc: WorkflowDoc, names: readonly string[]): WorkflowDoc {
  let next = doc;
  for (const name of names) {
    const r = removeTask(next, name);
    if (r.ok) next = r.doc;
  }
  return next;
}
