import type { WorkflowDoc } from '../../document/workflow-schema';
import { tasksOf } from '../../document/accessors';
import { parseTaskCode } from '../../python/parse-task-code';
import { isPythonIdentifier } from '../../util/names';
import type { Diagnostic } from '../diagnostic';
import { checkRequirements } from './check-requirements';
import { checkTaskPod } from './check-task-pod';

/** Task definitions: names, code (syntax and signature), pods and requirements. */
export function checkTasks(doc: WorkflowDoc): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  tasksOf(doc).forEach((task, i) => {
    const path = `spec.tasks[${i}]`;
    if (!isPythonIdentifier(task.name)) {
      out.push({ code: 'task-name', severity: 'error', task: task.name, path: `${path}.name`, message: `task name "${task.name}" must be a Python identifier: it is the function the code defines` });
    }
    if (seen.has(task.name)) out.push({ code: 'task-duplicate', severity: 'error', task: task.name, path: `${path}.name`, message: `two tasks are named "${task.name}"` });
    seen.add(task.name);
    for (const problem of parseTaskCode(task.code, task.name).problems) {
      out.push({ code: problem.code, severity: problem.severity, task: task.name, path: `${path}.code`, line: problem.line, col: problem.col, message: problem.message });
    }
    out.push(...checkTaskPod(doc, task, i));
    out.push(...checkRequirements(task, i));
  });
  return out;
}
