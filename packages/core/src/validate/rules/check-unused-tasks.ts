import type { WorkflowDoc } from '../../document/workflow-schema';
import { nodesOf, tasksOf } from '../../document/accessors';
import { calledNames } from '../../ops/task-code/task-calls';
import type { Diagnostic } from '../diagnostic';

/** Tasks that no node invokes and no dynamic task calls: they never run (DESIGN.md §8 lists them in the palette). */
export function unusedTasks(doc: WorkflowDoc): Set<string> {
  const used = new Set(nodesOf(doc).map((n) => n.task));
  for (const task of tasksOf(doc)) {
    if (task.type === 'dynamic') for (const name of calledNames(task.code)) used.add(name);
  }
  return new Set(tasksOf(doc).map((t) => t.name).filter((name) => !used.has(name)));
}

/** A warning on each unused task: it does not run, so its own problems do not block a run (see `checkRun`). */
export function checkUnusedTasks(doc: WorkflowDoc): Diagnostic[] {
  const unused = unusedTasks(doc);
  const out: Diagnostic[] = [];
  tasksOf(doc).forEach((task, i) => {
    if (!unused.has(task.name)) return;
    out.push({
      code: 'task-unused',
      severity: 'warning',
      task: task.name,
      path: `spec.tasks[${i}].name`,
      message: `task ${task.name} is not used: no node invokes it and no dynamic task calls it, so it does not run and its problems do not block a run — add a node for it, or delete it`,
    });
  });
  return out;
}
