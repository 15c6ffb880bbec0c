import type { WorkflowDoc } from '../document/workflow-schema';
import { nodesOf, tasksOf } from '../document/accessors';
import { done, refuse, type OpResult } from './op-result';
import { calledNames } from './task-code/task-calls';
import { withSpecField } from './with-field';

/** Removes a task definition. Refused while a node invokes it or a dynamic task calls it. */
export function removeTask(doc: WorkflowDoc, name: string): OpResult {
  const tasks = tasksOf(doc);
  if (!tasks.some((t) => t.name === name)) return refuse(`there is no task named "${name}"`);
  const users = nodesOf(doc).filter((n) => n.task === name).map((n) => n.id);
  if (users.length > 0) return refuse(`task "${name}" is still invoked by ${listOf('node', users)}; remove or change those first`);
  const callers = tasks.filter((t) => t.type === 'dynamic' && t.name !== name && calledNames(t.code).has(name)).map((t) => t.name);
  if (callers.length > 0) return refuse(`task "${name}" is still called by ${listOf('dynamic task', callers)}; remove those calls first`);
  return done(withSpecField(doc, 'tasks', tasks.filter((t) => t.name !== name)));
}

function listOf(what: string, names: readonly string[]): string {
  const shown = names.slice(0, 3).map((n) => `"${n}"`).join(', ');
  const more = names.length > 3 ? ` and ${names.length - 3} more` : '';
  return `${what}${names.length > 1 ? 's' : ''} ${shown}${more}`;
}
