import { spawn } from 'node:child_process';
import { basename } from 'node:path';
import { formatIssue, parseWorkflow, validateWorkflow, type Diagnostic, type WorkflowDoc } from '@podflow/core';
import { FLYTE_BRIDGE_SOURCE } from './generated/bridge-source';

/** The pip line that makes a Python able to import flytekit modules (the versions Podflow is tested with). */
export const FLYTEKIT_PIP = 'pip install flytekit==1.16.31 flytekitplugins-pod==1.16.31';

/** A refusal or note about the module: where (file, line) and what (the construct). */
export interface ImportDiagnostic {
  severity: 'error' | 'warning';
  code: string;
  file: string;
  line: number | null;
  construct: string;
  message: string;
  /** The @workflow function it concerns, if one. */
  workflow?: string;
}

export interface ImportedWorkflow {
  /** The @workflow function's name. */
  function: string;
  doc: WorkflowDoc;
  /** Podflow's own diagnostics of the imported document (warnings and infos; a document with errors is refused). */
  diagnostics: Diagnostic[];
}

export type FlyteImportResult =
  | { ok: true; workflows: ImportedWorkflow[]; diagnostics: ImportDiagnostic[] }
  | { ok: false; reason: 'flytekit-missing' | 'module' | 'no-workflow' | 'python'; message: string };

/** `--python`, else PODFLOW_FLYTE_PYTHON, else python3. */
export function flytePython(explicit?: string): string {
  return explicit || process.env.PODFLOW_FLYTE_PYTHON || 'python3';
}

export function formatImportDiagnostic(d: ImportDiagnostic): string {
  return `${d.file}${d.line ? `:${d.line}` : ''}: ${d.severity}[${d.code}] ${d.construct}: ${d.message}`;
}

/**
 * Reads a flytekit module with flytekit itself (packages/flyte-bridge in the chosen Python) and returns one Podflow
 * document per @workflow (or the one named). Each document is parsed at this boundary and validated; a workflow the
 * bridge or Podflow's validation refuses is left out, with diagnostics naming file, line and construct.
 */
export async function importFlyteModule(modulePath: string, options: { workflow?: string; python?: string } = {}): Promise<FlyteImportResult> {
  const python = flytePython(options.python);
  const args = ['-c', FLYTE_BRIDGE_SOURCE, modulePath, ...(options.workflow ? ['--workflow', options.workflow] : [])];
  const run = await runPython(python, args);
  if ('spawnError' in run) return { ok: false, reason: 'python', message: `cannot run ${python}: ${run.spawnError} (set --python or PODFLOW_FLYTE_PYTHON to a Python with flytekit: ${FLYTEKIT_PIP})` };
  let answer: { error?: string; message?: string; python?: string; workflows?: { function: string; doc: unknown }[]; diagnostics?: ImportDiagnostic[] };
  try {
    answer = JSON.parse(run.stdout);
  } catch {
    return { ok: false, reason: 'python', message: `${python} did not answer as the import bridge does (exit ${run.code}): ${run.stderr.trim().split('\n').slice(-3).join(' ')}` };
  }
  if (answer.error === 'flytekit-missing') {
    return { ok: false, reason: 'flytekit-missing', message: `flytekit is not installed in ${answer.python ?? python}. Install it with: ${answer.python ?? python} -m ${FLYTEKIT_PIP} (or point --python / PODFLOW_FLYTE_PYTHON at a Python that has it)` };
  }
  if (answer.error) return { ok: false, reason: answer.error === 'no-workflow' ? 'no-workflow' : 'module', message: answer.message ?? answer.error };
  const diagnostics = [...(answer.diagnostics ?? [])];
  const workflows: ImportedWorkflow[] = [];
  const file = basename(modulePath);
  for (const w of answer.workflows ?? []) {
    const parsed = parseWorkflow(w.doc);
    if (!parsed.ok) {
      diagnostics.push({ severity: 'error', code: 'flyte-import-document', file, line: null, construct: `workflow ${w.function}`, message: parsed.issues.map(formatIssue).join('; '), workflow: w.function });
      continue;
    }
    const problems = validateWorkflow(parsed.doc);
    const errors = problems.filter((p) => p.severity === 'error');
    if (errors.length > 0) {
      for (const e of errors) {
        diagnostics.push({ severity: 'error', code: e.code, file, line: null, construct: `workflow ${w.function}${e.task ? `, task ${e.task}` : e.nodeId ? `, node ${e.nodeId}` : ''}`, message: e.message, workflow: w.function });
      }
      continue;
    }
    workflows.push({ function: w.function, doc: parsed.doc, diagnostics: problems });
  }
  return { ok: true, workflows, diagnostics };
}

function runPython(python: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string } | { spawnError: string }> {
  return new Promise((resolve) => {
    const child = spawn(python, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1', PYTHONUNBUFFERED: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr = (stderr + d).slice(-8192)));
    child.on('error', (e) => resolve({ spawnError: e.message }));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
