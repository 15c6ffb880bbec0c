import { inputsOf, nodesOf, outputsOf, tasksOf, type WorkflowDoc, type WorkflowEdge } from '@podflow/core';
import type { NodeDiffStatus, WorkflowDiff } from '@podflow/core/diff';
import { inputCanvasId, outputCanvasId, VALUE_HANDLE } from '../../canvas/flow-ids';

/**
 * What the diff canvas draws: one document holding both sides — the newer version, plus what only the older one had
 * (removed nodes with their tasks, removed workflow inputs and outputs, at their old positions) — and the diff status of
 * each canvas item. View state only: the merged document is never saved and need not be valid.
 */
export function mergedDoc(a: WorkflowDoc, b: WorkflowDoc): WorkflowDoc {
  const has = <T>(xs: readonly T[], key: (x: T) => string) => new Set(xs.map(key));
  const nodesB = has(nodesOf(b), (n) => n.id);
  const tasksB = has(tasksOf(b), (t) => t.name);
  const inputsB = has(inputsOf(b), (i) => i.name);
  const outputsB = has(outputsOf(b), (o) => o.name);
  return {
    ...b,
    spec: {
      ...b.spec,
      inputs: [...inputsOf(b), ...inputsOf(a).filter((i) => !inputsB.has(i.name))],
      tasks: [...tasksOf(b), ...tasksOf(a).filter((t) => !tasksB.has(t.name))],
      nodes: [...nodesOf(b), ...nodesOf(a).filter((n) => !nodesB.has(n.id))],
      outputs: [...outputsOf(b), ...outputsOf(a).filter((o) => !outputsB.has(o.name))],
      layout: { ...a.spec.layout, ...b.spec.layout },
    },
  };
}

/** The diff status of every canvas item that differs, by canvas id (node id, `input:NAME`, `output:NAME`). */
export function canvasStatuses(d: WorkflowDiff): Map<string, NodeDiffStatus> {
  const out = new Map<string, NodeDiffStatus>();
  for (const n of d.nodes) out.set(n.id, n.status);
  const named = (list: WorkflowDiff['inputs'], id: (name: string) => string) => {
    for (const name of list.added) out.set(id(name), 'added');
    for (const name of list.removed) out.set(id(name), 'removed');
    for (const c of list.changed) out.set(id(c.name), c.fields.length ? 'changed' : 'moved');
  };
  named(d.inputs, inputCanvasId);
  named(d.outputs, outputCanvasId);
  return out;
}

/** The ends of an edge as the canvas draws it. */
export interface CanvasEdgeEnds {
  source: string;
  sourceHandle: string;
  target: string;
  targetHandle: string;
}

export function canvasEdgeEnds(e: WorkflowEdge): CanvasEdgeEnds {
  switch (e.kind) {
    case 'node':
      return {
        source: e.from,
        sourceHandle: e.output,
        target: e.to,
        targetHandle: e.input,
      };
    case 'workflow-input':
      return {
        source: inputCanvasId(e.from),
        sourceHandle: VALUE_HANDLE,
        target: e.to,
        targetHandle: e.input,
      };
    case 'workflow-output':
      return {
        source: e.from,
        sourceHandle: e.output,
        target: outputCanvasId(e.to),
        targetHandle: VALUE_HANDLE,
      };
  }
}

export const edgeEndsKey = (e: { source: string; sourceHandle?: string | null; target: string; targetHandle?: string | null }): string =>
  JSON.stringify([e.source, e.sourceHandle ?? '', e.target, e.targetHandle ?? '']);
