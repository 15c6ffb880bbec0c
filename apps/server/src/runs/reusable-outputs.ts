import {
  downstream,
  findNode,
  findTask,
  nodeId,
  nodeIdOfExecution,
  stableStringify,
  taskCacheKey,
  topoSort,
  type Json,
  type WorkflowDoc,
  type WorkflowNode,
} from '@podflow/core';
import type { ExecutionView } from '../store/run-store';

/**
 * For a re-run from a node: the outputs of the earlier run that the new run may take instead of running again, by
 * execution id. A node's executions are reused when the node is not `fromNode` nor downstream of it, ran to success
 * (or was itself reused) in the earlier run, and nothing that decides its result changed: its task (code + pod, by
 * core's cache key), its map settings and bindings, the workflow inputs it reads, and every upstream node it reads
 * from (which must be reusable too). A dynamic node also needs the tasks its children called to be unchanged.
 */
export interface ReuseSource {
  doc: WorkflowDoc;
  inputs: Record<string, Json>;
  executions: readonly ExecutionView[];
}

export function reusableOutputs(
  previous: ReuseSource,
  doc: WorkflowDoc,
  inputs: Record<string, Json>,
  fromNode?: string,
): Map<string, Record<string, Json>> {
  const order = topoSort(doc);
  if (!('order' in order)) return new Map();
  const excluded = fromNode ? new Set<string>([fromNode, ...downstream(doc, nodeId(fromNode))]) : new Set<string>();

  const byNode = new Map<string, ExecutionView[]>();
  for (const e of previous.executions) {
    const list = byNode.get(nodeIdOfExecution(e.executionId)) ?? [];
    list.push(e);
    byNode.set(nodeIdOfExecution(e.executionId), list);
  }

  const reusable = new Set<string>();
  for (const id of order.order) {
    if (excluded.has(id)) continue;
    const node = findNode(doc, id);
    const before = findNode(previous.doc, id);
    const executions = byNode.get(id) ?? [];
    const whole = executions.find((e) => e.executionId === id);
    if (!node || !before || !whole || !succeeded(whole)) continue;
    if (!sameInvocation(previous, before, doc, node, inputs, reusable)) continue;
    const childTasks = executions.filter((e) => e.executionId.startsWith(`${id}/`)).map((e) => e.task);
    if (!childTasks.every((task) => sameTask(previous.doc, task, doc, task))) continue;
    reusable.add(id);
  }

  const reuse = new Map<string, Record<string, Json>>();
  for (const id of reusable) {
    for (const e of byNode.get(id) ?? []) if (succeeded(e) && e.outputs) reuse.set(e.executionId, e.outputs);
  }
  return reuse;
}

const succeeded = (e: ExecutionView): boolean => (e.status === 'succeeded' || e.status === 'cached') && e.outputs !== null;

function sameInvocation(
  previous: ReuseSource,
  before: WorkflowNode,
  doc: WorkflowDoc,
  node: WorkflowNode,
  inputs: Record<string, Json>,
  reusable: ReadonlySet<string>,
): boolean {
  if (!sameTask(previous.doc, before.task, doc, node.task)) return false;
  if (stableStringify(before.map ?? null) !== stableStringify(node.map ?? null)) return false;
  if (stableStringify(before.inputs ?? {}) !== stableStringify(node.inputs ?? {})) return false;
  for (const binding of Object.values(node.inputs ?? {})) {
    if ('node' in binding && !reusable.has(binding.node)) return false;
    if ('input' in binding && stableStringify(previous.inputs[binding.input] ?? null) !== stableStringify(inputs[binding.input] ?? null)) {
      return false;
    }
  }
  return true;
}

function sameTask(beforeDoc: WorkflowDoc, beforeTask: string, doc: WorkflowDoc, task: string): boolean {
  if (!findTask(beforeDoc, beforeTask) || !findTask(doc, task)) return false;
  return taskCacheKey(beforeDoc, beforeTask, {}) === taskCacheKey(doc, task, {});
}
