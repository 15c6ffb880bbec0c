import { TaskSchema, type Task, type WorkflowDoc } from '../document/workflow-schema';
import { tasksOf } from '../document/accessors';
import { done, refuse, type OpResult } from './op-result';
import { schemaRefusal } from './schema-refusal';
import { TASK_FIELD_ORDER, withField, withSpecField } from './with-field';

/** Fields of a task an update may set; a field given as `undefined` is removed. Renaming is `renameTask`. */
export type TaskPatch = Partial<Omit<Task, 'name'>>;

/** Changes fields of the task `name`. Refused when there is no such task or the result is malformed. */
export function updateTask(doc: WorkflowDoc, name: string, patch: TaskPatch): OpResult {
  const tasks = tasksOf(doc);
  const index = tasks.findIndex((t) => t.name === name);
  if (index < 0) return refuse(`there is no task named "${name}"`);
  let task = tasks[index]!;
  for (const [key, value] of Object.entries(patch) as [keyof TaskPatch, TaskPatch[keyof TaskPatch]][]) {
    if ((key as string) === 'name') continue;
    task = withField(task, key, value, TASK_FIELD_ORDER);
  }
  if (task === tasks[index]) return done(doc);
  const parsed = TaskSchema.safeParse(task);
  if (!parsed.success) return refuse(schemaRefusal(`task "${name}"`, parsed.error));
  return done(withSpecField(doc, 'tasks', tasks.with(index, task)));
}
