import { dynamicChildExecutionId, findNode, mappedInputs, parentExecutionId, type Binding, type DynamicBinding, type Json, type WorkflowDoc } from '@podflow/core';
import type { RunState } from './run-state';

/**
 * The inputs an execution ran with, rebuilt from what the run's events say (the workflow inputs, upstream outputs,
 * a dynamic node's sub-DAG) and the document of the version it ran — the events do not repeat them. A value that is not
 * known yet (its upstream has not finished) is listed in `pending`.
 */
export interface ExecutionInputs {
  values: Record<string, Json>;
  pending: string[];
}

class Pending extends Error {}

export function executionInputs(doc: WorkflowDoc, run: RunState, executionId: string): ExecutionInputs | undefined {
  const item = /^(.*)\[(\d+)\]$/.exec(executionId);
  if (item) {
    const node = findNode(doc, item[1]!);
    if (!node) return undefined;
    const whole = nodeInputs(doc, run, item[1]!);
    if (!whole) return undefined;
    const index = Number(item[2]);
    for (const name of mappedInputs(doc, node)) {
      const list = whole.values[name];
      if (Array.isArray(list)) whole.values[name] = list[index] ?? null;
    }
    return whole;
  }
  const parent = parentExecutionId(executionId);
  if (parent) {
    const spec = run.executions[parent]?.dynamic;
    const callId = executionId.slice(parent.length + 1);
    const call = spec?.nodes.find((n) => n.id === callId);
    if (!call) return undefined;
    const out: ExecutionInputs = { values: {}, pending: [] };
    for (const [name, b] of Object.entries(call.inputs)) {
      try {
        out.values[name] = resolveDynamic(b, (id, output) => run.executions[dynamicChildExecutionId(parent, id)]?.outputs?.[output]);
      } catch (e) {
        if (!(e instanceof Pending)) throw e;
        out.pending.push(name);
      }
    }
    return out;
  }
  return nodeInputs(doc, run, executionId);
}

function nodeInputs(doc: WorkflowDoc, run: RunState, nodeId: string): ExecutionInputs | undefined {
  const node = findNode(doc, nodeId);
  if (!node) return undefined;
  const out: ExecutionInputs = { values: {}, pending: [] };
  for (const [name, b] of Object.entries(node.inputs ?? {})) {
    const v = resolveBinding(b, run);
    if (v === undefined) out.pending.push(name);
    else out.values[name] = v;
  }
  return out;
}

function resolveBinding(b: Binding, run: RunState): Json | undefined {
  if ('value' in b) return b.value;
  if ('input' in b) return run.inputs?.[b.input];
  return run.executions[b.node]?.outputs?.[b.output];
}

function resolveDynamic(b: DynamicBinding, output: (node: string, output: string) => Json | undefined): Json {
  if ('value' in b) return b.value as Json;
  if ('node' in b) {
    const v = output(b.node, b.output);
    if (v === undefined) throw new Pending();
    return v;
  }
  if ('list' in b) return b.list.map((x) => resolveDynamic(x, output));
  return Object.fromEntries(Object.entries(b.dict).map(([k, x]) => [k, resolveDynamic(x, output)]));
}
