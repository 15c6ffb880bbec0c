import type { WorkflowDoc } from '../document/workflow-schema';
import type { Diagnostic } from './diagnostic';
import { unusedTasks } from './rules/check-unused-tasks';
import { validateWorkflow } from './validate-workflow';

export interface RunCheck {
  /** Every diagnostic of the document (what Problems shows). */
  diagnostics: Diagnostic[];
  /** The errors that refuse a run: every error except those of a task that never runs (an unused task). */
  blockers: Diagnostic[];
}

/**
 * "May this run?" — the one answer, for the CLI, the server and the editor. `extra` are more diagnostics of the same
 * document found outside core (on the Node side, Python's own `ast` syntax check); a syntax error that core's parser
 * already reported for a task is not reported twice.
 */
export function checkRun(doc: WorkflowDoc, extra: readonly Diagnostic[] = []): RunCheck {
  return runCheckOf(doc, validateWorkflow(doc), extra);
}

/**
 * `checkRun` for a document already validated: `validated` is `validateWorkflow(doc)` (not changed), so that a caller
 * can validate while Python checks the code, and validate once.
 */
export function runCheckOf(doc: WorkflowDoc, validated: readonly Diagnostic[], extra: readonly Diagnostic[] = []): RunCheck {
  const diagnostics = [...validated];
  const syntaxReported = new Set(diagnostics.filter((d) => d.code === 'python-syntax').map((d) => d.task));
  diagnostics.push(...extra.filter((d) => !(d.code === 'python-syntax' && syntaxReported.has(d.task))));
  const idle = unusedTasks(doc);
  const blockers = diagnostics.filter((d) => d.severity === 'error' && !(d.task !== undefined && d.nodeId === undefined && idle.has(d.task)));
  return { diagnostics, blockers };
}
