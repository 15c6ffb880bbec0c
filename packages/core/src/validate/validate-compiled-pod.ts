import type { CompiledPod } from '../compile/compiled-pod';
import { findTask, tasksOf } from '../document/accessors';
import type { WorkflowDoc } from '../document/workflow-schema';
import type { Diagnostic } from './diagnostic';
import { checkTaskPod } from './rules/check-task-pod';

/**
 * Everything to say about one compiled pod: its task's pod rules (names, mounts, reserved names, what Podflow
 * replaces), on this node, then what compiling found (a compiled spec Kubernetes would refuse, preview inputs known
 * only at run time). Compile returns objects; validation reads them — never the other way round.
 */
export function validateCompiledPod(doc: WorkflowDoc, compiled: CompiledPod): Diagnostic[] {
  const task = findTask(doc, compiled.task);
  const own = task ? checkTaskPod(doc, task, tasksOf(doc).indexOf(task)).map((d) => ({ ...d, nodeId: compiled.nodeId })) : [];
  const schemaReported = own.some((d) => d.code === 'pod-schema');
  return [...own, ...compiled.diagnostics.filter((d) => !(schemaReported && d.code === 'compiled-pod-schema'))];
}
