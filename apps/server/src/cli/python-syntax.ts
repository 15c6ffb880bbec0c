import { tasksOf, validateWorkflow, type Diagnostic, type WorkflowDoc } from '@podflow/core';
import { PythonChecker } from './python-checker';

/** Python's own parser, in one warm python3 for this process, over every task's code: a tolerant browser parser can miss errors (DESIGN.md §8). */
const checker = new PythonChecker();

export async function checkPythonSyntax(doc: WorkflowDoc): Promise<Diagnostic[]> {
  const tasks = tasksOf(doc);
  if (tasks.length === 0) return [];
  const errors = await checker.check(tasks.map((t) => [t.name, t.code] as const));
  if (!errors) return []; // no python3 here: the in-process parser's diagnostics stand
  return errors.map(([name, msg, line, col]) => ({
    code: 'python-syntax',
    severity: 'error',
    task: name,
    path: `spec.tasks[${tasks.findIndex((t) => t.name === name)}].code`,
    line,
    col,
    message: `Python: ${msg} (line ${line}, column ${col})`,
  }));
}

/**
 * `validateWorkflow` plus Python's own syntax check, one syntax report per task (the in-process parser's, when it
 * already found one): what the CLI checks before it validates or runs a file.
 */
export async function validateWithPython(doc: WorkflowDoc): Promise<Diagnostic[]> {
  const python = checkPythonSyntax(doc); // Python starts (or is asked) first, and works while this process validates
  const diagnostics = validateWorkflow(doc);
  const reported = new Set(diagnostics.filter((d) => d.code === 'python-syntax').map((d) => d.task));
  diagnostics.push(...(await python).filter((d) => !reported.has(d.task)));
  return diagnostics;
}
