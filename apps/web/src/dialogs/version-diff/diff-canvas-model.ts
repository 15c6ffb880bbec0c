import { inputsOf, nodesOf, outputsOf, tasksOf, type WorkflowDoc, type WorkflowEdge } from '@podflow/core';
import type { NodeDiffStatus, WorkflowDiff } from '@podflow/core/diff';
import { inputCanvasId, outputCanvasId, VALUE_HANDLE } from '../../canvas/flow-ids';

/**
 * What the diff canvas draws: one document holding both sides — the newer version, plus what only the older one had
 * (removed nodes with their tasks, removed workflow inputs and outputs, at their old positions) — and the diff status of
 * each canvas item. A renamed node is drawn once, under its new id (`diff` says which old ids were renamed). View state
 * only: the merged document is never saved and need not be valid.
 */
export function mergedDoc(a: WorkflowDoc, b: WorkflowDoc, diff: WorkflowDiff): WorkflowDoc {
  const has = <T>(xs: readonly T[], key: (x: T) => string) => new Set(xs.map(key));
  const nodesB = new Set([...nodesOf(b).map((n) => n.id), ...diff.nodes.flatMap((n) => (n.renamedFrom !== undefined ? [n.renamedFrom] : []))]);
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
      layout: removedLayout(a, b, nodesB),
    },
  };
}

/** How far below an occupied spot a removed item is drawn, so that it never hides the item that took its place. */
export const REMOVED_OFFSET_Y = 180;

/**
 * The newer layout, plus the older positions of what was removed (not of `drawn`: nodes the newer side has, or has
 * renamed). A removed item whose old spot is taken now (another node was put there) is moved down until the spot is
 * free.
 */
function removedLayout(a: WorkflowDoc, b: WorkflowDoc, drawn: ReadonlySet<string>): Record<string, { x: number; y: number }> {
  const layout: Record<string, { x: number; y: number }> = { ...b.spec.layout };
  const taken = Object.values(layout);
  const near = (p: { x: number; y: number }) => taken.some((q) => Math.abs(q.x - p.x) < 120 && Math.abs(q.y - p.y) < REMOVED_OFFSET_Y / 2);
  for (const [key, p] of Object.entries(a.spec.layout ?? {})) {
    if (Object.hasOwn(layout, key) || drawn.has(key)) continue;
    let at = p;
    for (let i = 0; i < 50 && near(at); i++) at = { x: at.x, y: at.y + REMOVED_OFFSET_Y };
    layout[key] = at;
    taken.push(at);
  }
  return layout;
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
