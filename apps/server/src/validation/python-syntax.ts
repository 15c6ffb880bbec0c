import { spawn } from 'node:child_process';
import { checkRun, tasksOf, type Diagnostic, type RunCheck, type WorkflowDoc } from '@podflow/core';

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
 * Core's `checkRun` ("may this run?") with Python's own syntax check added: what the CLI and the server ask before
 * they validate or run a document. `syntax` is the check to use (the server passes its cached one).
 */
export async function checkRunWithPython(doc: WorkflowDoc, syntax: (doc: WorkflowDoc) => Promise<Diagnostic[]> = checkPythonSyntax): Promise<RunCheck> {
  return checkRun(doc, await syntax(doc));
}
