import { runCheckOf, tasksOf, validateWorkflow, type Diagnostic, type RunCheck, type WorkflowDoc } from '@podflow/core';
import { pythonChecker } from './python-checker';

/** Python's own parser, in one warm python3 for this process, over every task's code: a tolerant browser parser can miss errors (DESIGN.md §8). */
export async function checkPythonSyntax(doc: WorkflowDoc): Promise<Diagnostic[]> {
  const tasks = tasksOf(doc);
  if (tasks.length === 0) return [];
  const errors = await pythonChecker.check(tasks.map((t) => [t.name, t.code] as const));
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
 * Core's `checkRun` ("may this run?") with Python's own syntax check added: what the CLI and the server ask before
 * they validate or run a document. `syntax` is the check to use (the server passes its cached one). Python checks
 * while core validates (the request is written first, the answer awaited last); `validated`, when the caller already
 * has `validateWorkflow(doc)`, is used instead of validating again.
 */
export async function checkRunWithPython(doc: WorkflowDoc, syntax: (doc: WorkflowDoc) => Promise<Diagnostic[]> = checkPythonSyntax, validated?: readonly Diagnostic[]): Promise<RunCheck> {
  const python = syntax(doc);
  return runCheckOf(doc, validated ?? validateWorkflow(doc), await python);
}
