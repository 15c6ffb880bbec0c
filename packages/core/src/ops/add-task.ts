import { TaskSchema, type Task, type WorkflowDoc } from '../document/workflow-schema';
import { tasksOf } from '../document/accessors';
import { isPythonIdentifier } from '../util/names';
import { done, refuse, type OpResult } from './op-result';
import { schemaRefusal } from './schema-refusal';
import { withSpecField } from './with-field';

/** Adds a task definition. Refused when the name is not a Python identifier or is taken, or the task is malformed. */
export function addTask(doc: WorkflowDoc, task: Task): OpResult {
  const parsed = TaskSchema.safeParse(task);
  if (!parsed.success) return refuse(schemaRefusal(`task "${task.name}"`, parsed.error));
  if (!isPythonIdentifier(task.name)) return refuse(`"${task.name}" is not a valid task name: use a Python identifier (the name of the function the code defines)`);
  if (tasksOf(doc).some((t) => t.name === task.name)) return refuse(`a task named "${task.name}" already exists`);
  return done(withSpecField(doc, 'tasks', [...tasksOf(doc), parsed.data]));
}
