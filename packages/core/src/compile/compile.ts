import type { WorkflowDoc, WorkflowNode } from '../document/workflow-schema';
import { findNode, nodeIndexOf, nodesOf, taskIndexOf, tasksOf } from '../document/accessors';
import { validatePodSpec } from '../k8s/validate-pod-spec';
import { ANNOTATION } from './runtime-contract';
import type { Diagnostic } from '../validate/diagnostic';
import type { CompileContext, CompiledPod } from './compiled-pod';
import { PREVIEW_RUN } from './pod-names';
import { previewInputs } from './preview-inputs';
import { toPod } from './to-pod';
import { requirementsModeOf, taskRequirements } from './requirements-pod';
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
  return compileNode(doc, node, ctx, checksOf(doc));
}

/**
 * What compiling checks once per task rather than once per pod: the schema check of the compiled PodSpec. Two nodes
 * of one task get PodSpecs that differ only in strings Podflow writes (environment values, ConfigMap names) — which
 * the schema constrains by type alone — and in whether the inputs travel in their own ConfigMap; so the key is the
 * task and that.
 */
type TaskChecks = Map<string, Diagnostic[]>;

/**
 * Per document (documents are immutable): a run compiles one pod per execution — a 1,000-item map, 1,000 — from
 * the same document, and each would otherwise validate the same PodSpec shape again.
 */
const checksByDoc = new WeakMap<WorkflowDoc, TaskChecks>();
function checksOf(doc: WorkflowDoc): TaskChecks {
  let checks = checksByDoc.get(doc);
  if (!checks) {
    checks = new Map();
    checksByDoc.set(doc, checks);
  }
  return checks;
}

function compileNode(doc: WorkflowDoc, node: WorkflowNode, ctx?: CompileContext, checked?: TaskChecks): CompiledPod {
  const nodeId = node.id;
  const taskName = ctx?.task ?? node.task;
  const taskIndex = taskIndexOf(doc, taskName);
  const task = tasksOf(doc)[taskIndex];
  if (!task) throw new CompileError(`node "${nodeId}" invokes task "${taskName}", which the workflow does not define`);

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
    ...(ctx?.standalone ? { standalone: true } : {}),
  });

  const key = `${taskIndex}:${objects.configMaps.length}`;
  let schema = checked?.get(key);
  if (!schema) {
    schema = validatePodSpec(objects.pod.spec).map((problem) => ({
      code: 'compiled-pod-schema',
      severity: 'error' as const,
      task: task.name,
      path: `spec.tasks[${taskIndex}].pod.spec`,
      message: `the compiled pod is not a valid PodSpec: ${problem.path}: ${problem.message}`,
    }));
    checked?.set(key, schema);
  }
  // Compile's own findings only; the task's pod rules are validation's (validateCompiledPod reads both).
  const diagnostics: Diagnostic[] = schema.map((d) => ({ ...d, nodeId }));
  if (preview && preview.unknown.length > 0) {
    diagnostics.push({
      code: 'preview-inputs-unknown',
      severity: 'info',
      nodeId,
      path: `spec.nodes[${nodeIndexOf(doc, nodeId)}].inputs`,
      message: `known only at run time: ${preview.unknown.map((u) => `${u.name} (${u.from})`).join(', ')}`,
    });
  }
  const requirements = taskRequirements(task);
  if (requirements.length > 0 && requirementsModeOf(doc) === 'image') {
    const image = objects.pod.spec?.containers.find((c) => c.name === objects.pod.metadata?.annotations?.[ANNOTATION.primaryContainer])?.image;
    diagnostics.push({
      code: 'requirements-in-image',
      severity: 'info',
      nodeId,
      task: task.name,
      path: `spec.tasks[${taskIndex}].requirements`,
      message: `the image ${image ? `"${image}" ` : ''}must already contain ${requirements.join(', ')}: the workflow's requirements setting is "image", so the pod installs nothing (the local executor still installs them)`,
    });
  }
  return { executionId, nodeId, task: task.name, configMaps: objects.configMaps, pod: objects.pod, inputs, diagnostics, ...(requirements.length ? { requirements } : {}) };
}

/** Every node of a workflow, compiled for preview/export, in document order. */
export function compileWorkflow(doc: WorkflowDoc): CompiledPod[] {
  const checked = checksOf(doc);
  return nodesOf(doc).map((node) => compileNode(doc, node, undefined, checked));
}
