import { inputsOf, nodesOf, outputsOf, topoSort, type Position, type WorkflowDoc } from '@podflow/core';
import { inputCanvasId, outputCanvasId } from './flow-ids';

/**
 * Positions for things the document's layout does not place (a file written by hand, an API call): inputs in the
 * first column, nodes by depth, outputs last. Memoised per document.
 */
const COLUMN = 320;
const ROW = 170;
const cache = new WeakMap<WorkflowDoc, Map<string, Position>>();

export function fallbackPositions(doc: WorkflowDoc): Map<string, Position> {
  const cached = cache.get(doc);
  if (cached) return cached;
  const layout = doc.spec.layout ?? {};
  const result = new Map<string, Position>();
  const missing = (id: string) => !Object.hasOwn(layout, id);
  const anyMissing =
    inputsOf(doc).some((i) => missing(inputCanvasId(i.name))) ||
    nodesOf(doc).some((n) => missing(n.id)) ||
    outputsOf(doc).some((o) => missing(outputCanvasId(o.name)));
  if (!anyMissing) {
    cache.set(doc, result);
    return result;
  }
  const depth = new Map<string, number>();
  const sorted = topoSort(doc);
  const order = 'order' in sorted ? sorted.order : nodesOf(doc).map((n) => n.id);
  const byId = new Map(nodesOf(doc).map((n) => [n.id as string, n]));
  for (const id of order) {
    const node = byId.get(id);
    let d = 1;
    for (const b of Object.values(node?.inputs ?? {})) {
      if ('node' in b) d = Math.max(d, (depth.get(b.node) ?? 0) + 1);
    }
    depth.set(id, d);
  }
  const rows = new Map<number, number>();
  const put = (id: string, col: number) => {
    const row = rows.get(col) ?? 0;
    rows.set(col, row + 1);
    if (missing(id)) result.set(id, { x: col * COLUMN, y: row * ROW });
  };
  inputsOf(doc).forEach((i) => put(inputCanvasId(i.name), 0));
  for (const n of nodesOf(doc)) put(n.id, depth.get(n.id) ?? 1);
  const last = Math.max(1, ...depth.values()) + 1;
  outputsOf(doc).forEach((o) => put(outputCanvasId(o.name), last));
  cache.set(doc, result);
  return result;
}
