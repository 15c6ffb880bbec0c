import type { NodeId } from '../document/ids';
import type { WorkflowDoc } from '../document/workflow-schema';
import { graphIndex, type GraphIndex } from './graph-index';

export type TopoSortResult = { order: NodeId[] } | { cycle: NodeId[] };

/**
 * Kahn's algorithm. Among the nodes ready at any moment the one earliest in the document comes first, so the order is
 * deterministic and equals document order when the document is already sorted. O(E + V log V) (a binary heap keeps
 * the ready nodes); a sorted document costs O(V + E).
 *
 * On a cycle, returns the ids of one cycle in edge direction (`[a, b, c]` for a → b → c → a), starting at the node
 * earliest in the document; a self-loop is `[a]`.
 */
export function topoSort(doc: WorkflowDoc): TopoSortResult {
  const graph = graphIndex(doc);
  const { ids, preds, succs } = graph;
  const indegree = preds.map((p) => p.length);
  const ready = new MinHeap();
  indegree.forEach((d, i) => {
    if (d === 0) ready.push(i);
  });
  const order: NodeId[] = [];
  while (ready.size > 0) {
    const i = ready.pop();
    order.push(ids[i]!);
    for (const j of succs[i]!) {
      if (--indegree[j]! === 0) ready.push(j);
    }
  }
  if (order.length === ids.length) return { order };
  return { cycle: findCycle(graph, indegree) };
}

/**
 * Every node left with a positive in-degree has a predecessor that is also left, so walking predecessors from one of
 * them must revisit a node; the walk from that node on is a cycle (reversed).
 */
function findCycle({ ids, preds }: GraphIndex, indegree: readonly number[]): NodeId[] {
  const start = indegree.findIndex((d) => d > 0);
  const stepOf = new Map<number, number>();
  const walk: number[] = [];
  let current = start;
  while (!stepOf.has(current)) {
    stepOf.set(current, walk.length);
    walk.push(current);
    current = preds[current]!.find((p) => indegree[p]! > 0)!;
  }
  const cycle = walk.slice(stepOf.get(current)).reverse();
  const first = cycle.indexOf(cycle.reduce((a, b) => Math.min(a, b)));
  return [...cycle.slice(first), ...cycle.slice(0, first)].map((i) => ids[i]!);
}

/** A binary min-heap of document positions. */
class MinHeap {
  private readonly items: number[] = [];

  get size(): number {
    return this.items.length;
  }

  push(value: number): void {
    const items = this.items;
    let i = items.push(value) - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (items[parent]! <= value) break;
      items[i] = items[parent]!;
      i = parent;
    }
    items[i] = value;
  }

  pop(): number {
    const items = this.items;
    const top = items[0]!;
    const last = items.pop()!;
    if (items.length > 0) {
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        if (left >= items.length) break;
        const right = left + 1;
        const child = right < items.length && items[right]! < items[left]! ? right : left;
        if (items[child]! >= last) break;
        items[i] = items[child]!;
        i = child;
      }
      items[i] = last;
    }
    return top;
  }
}
