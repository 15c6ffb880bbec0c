import { inputsOf, nodeEdges, nodesOf, outputsOf, type Position, type WorkflowDoc } from '@podflow/core';
import { inputCanvasId, outputCanvasId } from '../canvas/flow-ids';

/** The graph handed to the layout engine: canvas ids with their sizes, and edges between them. */
export interface LayoutGraph {
  nodes: { id: string; width: number; height: number }[];
  edges: { id: string; source: string; target: string }[];
}

export const DEFAULT_SIZE = { width: 248, height: 120 };

export function layoutGraph(doc: WorkflowDoc, sizeOf: (id: string) => { width: number; height: number } | undefined): LayoutGraph {
  const ids = [
    ...inputsOf(doc).map((i) => inputCanvasId(i.name)),
    ...nodesOf(doc).map((n) => n.id as string),
    ...outputsOf(doc).map((o) => outputCanvasId(o.name)),
  ];
  const unique = [...new Set(ids)];
  const nodes = unique.map((id) => ({ id, ...(sizeOf(id) ?? DEFAULT_SIZE) }));
  const edges = nodeEdges(doc).map((e, i) => {
    if (e.kind === 'node') return { id: `e${i}`, source: e.from, target: e.to };
    if (e.kind === 'workflow-input') return { id: `e${i}`, source: inputCanvasId(e.from), target: e.to };
    return { id: `e${i}`, source: e.from, target: outputCanvasId(e.to) };
  });
  return { nodes, edges };
}

/** Result positions, shifted so the laid-out graph keeps the top-left corner the old one had. */
export function anchorPositions(laid: Map<string, Position>, previous: (id: string) => Position | undefined): Record<string, Position> {
  let minOldX = Infinity;
  let minOldY = Infinity;
  let minNewX = Infinity;
  let minNewY = Infinity;
  for (const [id, p] of laid) {
    const old = previous(id);
    if (old) {
      minOldX = Math.min(minOldX, old.x);
      minOldY = Math.min(minOldY, old.y);
    }
    minNewX = Math.min(minNewX, p.x);
    minNewY = Math.min(minNewY, p.y);
  }
  const dx = Number.isFinite(minOldX) ? minOldX - minNewX : 0;
  const dy = Number.isFinite(minOldY) ? minOldY - minNewY : 0;
  const out: Record<string, Position> = {};
  for (const [id, p] of laid) out[id] = { x: Math.round(p.x + dx), y: Math.round(p.y + dy) };
  return out;
}
