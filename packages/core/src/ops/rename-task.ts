import type { WorkflowDoc } from '../document/workflow-schema';
import { nodesOf, tasksOf } from '../document/accessors';
import { isPythonIdentifier } from '../util/names';
import { done, refuse, type OpResult } from './op-result';
import { renameCalls } from './task-code/rename-calls';
import { renameDefinition } from './task-code/rename-definition';
import { withSpecField } from './with-field';

/**
 * Renames a task and everything that names it: every node's `task`, the task's own top-level `def oldName(` line, and
 * plain calls `oldName(` in dynamic tasks' code (token-aware: strings and comments are left alone; a task referred to
 * without a call, or a call inside an f-string, is not renamed — see `taskCalls`). Refused when the task does not
 * exist, or the new name is not a Python identifier or is taken.
 */
export function renameTask(doc: WorkflowDoc, oldName: string, newName: string): OpResult {
  const tasks = tasksOf(doc);
  if (!tasks.some((t) => t.name === oldName)) return refuse(`there is no task named "${oldName}"`);
  if (newName === oldName) return done(doc);
  if (!isPythonIdentifier(newName)) return refuse(`"${newName}" is not a valid task name: use a Python identifier (the name of the function the code defines)`);
  if (tasks.some((t) => t.name === newName)) return refuse(`a task named "${newName}" already exists`);
  const nextTasks = tasks.map((task) => {
    if (task.name === oldName) return { ...task, name: newName, code: renameDefinition(task.code, oldName, newName) };
    if (task.type !== 'dynamic') return task;
    const code = renameCalls(task.code, oldName, newName);
    return code === task.code ? task : { ...task, code };
  });
  let next = withSpecField(doc, 'tasks', nextTasks);
  if (nodesOf(doc).some((n) => n.task === oldName)) {
    next = withSpecField(next, 'nodes', nodesOf(doc).map((n) => (n.task === oldName ? { ...n, task: newName } : n)));
  }
  return done(next);
}
