import type { WorkflowDoc, WorkflowNode } from '../document/workflow-schema';
import { findNode, findTask, nodesOf, tasksOf } from '../document/accessors';
import { validatePodSpec } from '../k8s/validate-pod-spec';
import type { Diagnostic } from '../validate/diagnostic';
import type { CompileContext, CompiledPod } from './compiled-pod';
import { PREVIEW_RUN } from './pod-names';
import { previewInputs } from './preview-inputs';
import { toPod } from './to-pod';
import { mapItemExecutionId, nodeExecutionId } from '../run/execution-id';

export class CompileError extends Error {
  override name = 'CompileError';
}

/**
 * Compiles one node (or, with a context, one map item or dynamic child) to the exact Kubernetes objects that run.
 * The one compile path (DESIGN.md §1.1): preview, export, the local executor and the Kubernetes executor all call this.
 * Without a context it is the preview: run `preview`, attempt 0, inputs from constants and workflow defaults only,
 * and one Pod template per map node.
 */
export function compile(doc: WorkflowDoc, nodeId: string, ctx?: CompileContext): CompiledPod {
  const node = findNode(doc, nodeId);
  if (!node) throw new CompileError(`no node "${nodeId}" in workflow ${doc.metadata.name}`);
  return compileNode(doc, node, ctx);
}

function compileNode(doc: WorkflowDoc, node: WorkflowNode, ctx?: CompileContext): CompiledPod {
  const nodeId = node.id;
  const taskName = ctx?.task ?? node.task;
  const task = findTask(doc, taskName);
  if (!task) throw new CompileError(`node "${nodeId}" invokes task "${taskName}", which the workflow does not define`);
  const taskIndex = tasksOf(doc).indexOf(task);

  const preview = ctx ? undefined : previewInputs(doc, node);
  const executionId = ctx?.executionId ?? (ctx?.itemIndex !== undefined ? mapItemExecutionId(nodeId, ctx.itemIndex) : nodeExecutionId(nodeId));
  const inputs = ctx?.inputs ?? preview!.known;
  const objects = toPod({
    doc,
    task,
    nodeId,
    executionId,
    runId: ctx?.runId ?? PREVIEW_RUN,
    attempt: ctx?.attempt ?? 0,
    inputs,
    ...(ctx?.itemIndex !== undefined ? { itemIndex: ctx.itemIndex } : {}),
  });

  // Compile's own findings only; the task's pod rules are validation's (validateCompiledPod reads both).
  const diagnostics: Diagnostic[] = validatePodSpec(objects.pod.spec).map((problem) => ({
    code: 'compiled-pod-schema',
    severity: 'error',
    nodeId,
    task: task.name,
    path: `spec.tasks[${taskIndex}].pod.spec`,
    message: `the compiled pod is not a valid PodSpec: ${problem.path}: ${problem.message}`,
  }));
  if (preview && preview.unknown.length > 0) {
    diagnostics.push({
      code: 'preview-inputs-unknown',
      severity: 'info',
      nodeId,
      path: `spec.nodes[${nodesOf(doc).indexOf(node)}].inputs`, // only in a preview, where the cost is fine
      message: `known only at run time: ${preview.unknown.map((u) => `${u.name} (${u.from})`).join(', ')}`,
    });
  }
  return { executionId, nodeId, task: task.name, configMaps: objects.configMaps, pod: objects.pod, inputs, diagnostics };
}

/** Every node of a workflow, compiled for preview/export, in document order. */
export function compileWorkflow(doc: WorkflowDoc): CompiledPod[] {
  return nodesOf(doc).map((node) => compileNode(doc, node));
}
