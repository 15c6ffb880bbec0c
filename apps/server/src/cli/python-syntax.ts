import { spawn } from 'node:child_process';
import { tasksOf, validateWorkflow, type Diagnostic, type WorkflowDoc } from '@podflow/core';

/** Python's own parser, run once over every task's code: a tolerant browser parser can miss errors (DESIGN.md §8). */
const CHECKER = `
import ast, json, sys
out = []
for name, code in json.load(sys.stdin):
    try:
        ast.parse(code, filename=name)
    except SyntaxError as e:
        out.append([name, e.msg, e.lineno or 1, e.offset or 1])
json.dump(out, sys.stdout)
`;

export async function checkPythonSyntax(doc: WorkflowDoc): Promise<Diagnostic[]> {
  const tasks = tasksOf(doc);
  if (tasks.length === 0) return [];
  const result = await new Promise<string | undefined>((resolve) => {
    const child = spawn('python3', ['-c', CHECKER], { stdio: ['pipe', 'pipe', 'ignore'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.on('error', () => resolve(undefined)); // no python3 here: the in-process parser's diagnostics stand
    child.on('close', (code) => resolve(code === 0 ? stdout : undefined));
    child.stdin.end(JSON.stringify(tasks.map((t) => [t.name, t.code])));
  });
  if (!result) return [];
  return (JSON.parse(result) as [string, string, number, number][]).map(([name, msg, line, col]) => ({
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
  const diagnostics = validateWorkflow(doc);
  const reported = new Set(diagnostics.filter((d) => d.code === 'python-syntax').map((d) => d.task));
  diagnostics.push(...(await checkPythonSyntax(doc)).filter((d) => !reported.has(d.task)));
  return diagnostics;
}
