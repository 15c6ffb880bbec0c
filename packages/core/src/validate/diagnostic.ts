/**
 * A problem found in a workflow, addressed so that the editor can take a person to it: the node (or task), and the
 * field as a path into the document (`spec.tasks[1].pod.spec.containers[0].name`), plus a line and column inside the
 * task's code for Python problems.
 */
export type Severity = 'error' | 'warning' | 'info';

export interface Diagnostic {
  /** Stable identifier, e.g. `edge-type-mismatch`; tests and tools match on it, never on the message. */
  code: string;
  severity: Severity;
  message: string;
  /** The node concerned, if any. */
  nodeId?: string;
  /** The task concerned, if any (a task may be invoked by several nodes, or by none). */
  task?: string;
  /** Path of the field in the document. */
  path: string;
  /** 1-based position inside the task's code (Python problems) or another text field. */
  line?: number;
  col?: number;
}

export const hasErrors = (diagnostics: readonly Diagnostic[]): boolean => diagnostics.some((d) => d.severity === 'error');

export function formatDiagnostic(d: Diagnostic): string {
  const where = [d.nodeId ? `node ${d.nodeId}` : d.task ? `task ${d.task}` : '', d.path, d.line ? `line ${d.line}${d.col ? `:${d.col}` : ''}` : '']
    .filter(Boolean)
    .join(', ');
  return `${d.severity}[${d.code}]${where ? ` (${where})` : ''}: ${d.message}`;
}
