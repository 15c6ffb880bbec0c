import type { FlowEdge } from './derive-edges';
import { geometryOf, type FlowNode } from './derive-nodes';
import { SpatialGrid, type Box } from './spatial-grid';

/**
 * The part of the workflow React Flow is given: the nodes near the view, not all of them. With the whole workflow,
 * React Flow's culling (`onlyRenderVisibleElements`) walks every node and every edge on every store update — every
 * frame of a pan or zoom — to find what is on screen. Here the nodes' and edges' boxes sit in spatial grids, and
 * React Flow is given only a window around the view (worked out again only when the view has moved a step, see
 * `cullArea`), so its walk covers a few screens' worth of nodes; it still mounts only what is on screen.
 *
 * Given to React Flow:
 * - every node whose box meets the window, every node being dragged, every selected node (so that a click elsewhere
 *   deselects it, a drag of the selection moves it along; React Flow does not draw it while it is off screen);
 * - every edge whose box meets the window, with both its nodes (the far one of a long edge too).
 * When the window holds more than half of the workflow, React Flow is given all of it, as it is.
 * A node React Flow holds no port positions for (never drawn, or dropped with the window and back) carries its
 * estimated ports, so that edges to it end on its ports before it is drawn.
 */
export interface CullRequest {
  /** The window around the view, in flow coordinates. */
  window: Box;
  selected: ReadonlySet<string>;
  dragging: ReadonlySet<string>;
  /** Whether React Flow holds the node's measured ports (else it is given its estimated ones). */
  hasPorts: (id: string) => boolean;
}

export interface Culled {
  nodes: FlowNode[];
  edges: FlowEdge[];
}

const EMPTY: Culled = { nodes: [], edges: [] };
/** Above this share of the workflow in the window, React Flow is given all of it. */
const WHOLE_SHARE = 0.5;

/** A node's box: its measured size, else the size it was estimated to have. */
export function nodeBox(n: FlowNode): Box {
  return { x: n.position.x, y: n.position.y, width: n.measured?.width ?? n.initialWidth ?? 0, height: n.measured?.height ?? n.initialHeight ?? 0 };
}

export class ViewCuller {
  private nodeGrid = new SpatialGrid();
  private edgeGrid = new SpatialGrid();
  private nodes: readonly FlowNode[] = [];
  private edges: readonly FlowEdge[] = [];
  private nodeById = new Map<string, FlowNode>();
  private nodeIndex = new Map<string, number>();
  private edgeById = new Map<string, FlowEdge>();
  private edgeIndex = new Map<string, number>();
  /** Edge ids by the node at either end. */
  private edgesAt = new Map<string, Set<string>>();
  private portCopies = new WeakMap<FlowNode, FlowNode>();
  private last: Culled = EMPTY;

  /** The nodes and edges to give React Flow; the very same arrays as last time when nothing in them changed. */
  cull(nodes: readonly FlowNode[], edges: readonly FlowEdge[], req: CullRequest | null): Culled {
    this.syncNodes(nodes);
    this.syncEdges(edges);
    if (!req) return this.answer([], []);
    const known = new Set<string>();
    this.nodeGrid.query(req.window, known);
    for (const id of req.dragging) if (this.nodeById.has(id)) known.add(id);
    for (const id of req.selected) if (this.nodeById.has(id)) known.add(id);
    const edgeIds = new Set<string>();
    this.edgeGrid.query(req.window, edgeIds);
    const edgeIdx: number[] = [];
    for (const eid of edgeIds) {
      const e = this.edgeById.get(eid)!;
      known.add(e.source);
      known.add(e.target);
      edgeIdx.push(this.edgeIndex.get(eid)!);
    }
    // Most of the workflow near the view (a small workflow, or zoomed out): all of it, the same arrays at every step,
    // rather than a window that changes a little at every step (each change costs React Flow a pass over it all).
    if (known.size > this.nodes.length * WHOLE_SHARE) return this.answer(this.nodes.slice(), this.edges.slice());
    const nodeIdx: number[] = [];
    for (const id of known) nodeIdx.push(this.nodeIndex.get(id)!);
    nodeIdx.sort((a, b) => a - b);
    const outNodes = nodeIdx.map((i) => {
      const n = this.nodes[i]!;
      return n.handles || req.hasPorts(n.id) ? n : this.withPorts(n);
    });
    const outEdges = edgeIdx.sort((a, b) => a - b).map((i) => this.edges[i]!);
    return this.answer(outNodes, outEdges);
  }

  private answer(nodes: FlowNode[], edges: FlowEdge[]): Culled {
    const last = this.last;
    const sameNodes = sameItems(last.nodes, nodes);
    const sameEdges = sameItems(last.edges, edges);
    if (sameNodes && sameEdges) return last;
    this.last = { nodes: sameNodes ? last.nodes : nodes, edges: sameEdges ? last.edges : edges };
    return this.last;
  }

  /** The node with its estimated ports (node-geometry.ts), the same object for the same node. */
  private withPorts(n: FlowNode): FlowNode {
    let copy = this.portCopies.get(n);
    if (!copy) {
      copy = { ...n, handles: geometryOf(n).handles } as FlowNode;
      this.portCopies.set(n, copy);
    }
    return copy;
  }

  /** Brings the node grid up to date: only nodes whose object changed are placed again. */
  private syncNodes(nodes: readonly FlowNode[]): void {
    if (nodes === this.nodes) return;
    const moved: string[] = [];
    const seen = new Set<string>();
    let orderChanged = nodes.length !== this.nodes.length;
    for (let i = 0; i < nodes.length; i++) {
      const n = nodes[i]!;
      seen.add(n.id);
      if (!orderChanged && this.nodes[i]!.id !== n.id) orderChanged = true;
      const before = this.nodeById.get(n.id);
      if (before === n) continue;
      this.nodeById.set(n.id, n);
      const a = before && nodeBox(before);
      const b = nodeBox(n);
      if (!a || a.x !== b.x || a.y !== b.y || a.width !== b.width || a.height !== b.height) {
        this.nodeGrid.set(n.id, b);
        moved.push(n.id);
      }
    }
    if (this.nodeById.size !== seen.size) {
      for (const id of [...this.nodeById.keys()]) {
        if (seen.has(id)) continue;
        this.nodeById.delete(id);
        this.nodeGrid.delete(id);
        moved.push(id);
      }
    }
    if (orderChanged) {
      this.nodeIndex.clear();
      nodes.forEach((n, i) => this.nodeIndex.set(n.id, i));
    }
    this.nodes = nodes;
    // Edges at a node that moved (or was resized, added or removed) have a new box.
    for (const id of moved) for (const eid of this.edgesAt.get(id) ?? []) this.placeEdge(this.edgeById.get(eid)!);
  }

  private syncEdges(edges: readonly FlowEdge[]): void {
    if (edges === this.edges) return;
    const next = new Map<string, FlowEdge>();
    this.edgeIndex.clear();
    edges.forEach((e, i) => {
      next.set(e.id, e);
      this.edgeIndex.set(e.id, i);
    });
    for (const [id, e] of this.edgeById) {
      if (next.get(id) === e) continue;
      this.edgeGrid.delete(id);
      this.edgesAt.get(e.source)?.delete(id);
      this.edgesAt.get(e.target)?.delete(id);
    }
    for (const e of edges) {
      if (this.edgeById.get(e.id) === e) continue;
      for (const end of [e.source, e.target]) (this.edgesAt.get(end) ?? this.edgesAt.set(end, new Set()).get(end)!).add(e.id);
      this.placeEdge(e);
    }
    this.edgeById = next;
    this.edges = edges;
  }

  /** An edge's box spans the boxes of its two nodes (an edge to a node that is not there is never drawn). */
  private placeEdge(e: FlowEdge): void {
    const s = this.nodeById.get(e.source);
    const t = this.nodeById.get(e.target);
    if (!s || !t) {
      this.edgeGrid.delete(e.id);
      return;
    }
    const a = nodeBox(s);
    const b = nodeBox(t);
    const x = Math.min(a.x, b.x);
    const y = Math.min(a.y, b.y);
    this.edgeGrid.set(e.id, { x, y, width: Math.max(a.x + a.width, b.x + b.width) - x, height: Math.max(a.y + a.height, b.y + b.height) - y });
  }
}

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * The window around the view for React Flow's transform and pane size: the view (in flow coordinates) grown by
 * `margin` × its size on each side, then snapped outward to steps of `step` × its size, so that it changes only when
 * the view has moved by a step (a selector returning it re-renders the canvas once per step, not once per frame).
 */
export function cullWindow(transform: readonly [number, number, number], width: number, height: number, margin: number, step: number): Box | null {
  if (!width || !height) return null;
  const [tx, ty, zoom] = transform;
  const vw = width / zoom;
  const vh = height / zoom;
  const x = -tx / zoom;
  const y = -ty / zoom;
  const sx = vw * step;
  const sy = vh * step;
  const x0 = Math.floor((x - vw * margin) / sx) * sx;
  const y0 = Math.floor((y - vh * margin) / sy) * sy;
  const x1 = Math.ceil((x + vw + vw * margin) / sx) * sx;
  const y1 = Math.ceil((y + vh + vh * margin) / sy) * sy;
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

/** A window as a string (a selector's answer that changes only when the window does); '' for none. */
export function windowKey(w: Box | null): string {
  return w ? `${w.x},${w.y},${w.width},${w.height}` : '';
}

/**
 * Whether the window `to` is a step of a pan or zoom from `from` (they overlap over at least half of `to`), rather
 * than a jump (framing the workflow, the minimap, "zoom to fit"): a step can wait a frame or two, since the margin
 * around the view covers it; after a jump the nodes on screen are all new and must be given at once.
 */
export function isWindowStep(from: string, to: string): boolean {
  if (!from || !to) return false;
  const [ax, ay, aw, ah] = from.split(',').map(Number) as [number, number, number, number];
  const [bx, by, bw, bh] = to.split(',').map(Number) as [number, number, number, number];
  const w = Math.min(ax + aw, bx + bw) - Math.max(ax, bx);
  const h = Math.min(ay + ah, by + bh) - Math.max(ay, by);
  return w > 0 && h > 0 && w * h >= 0.5 * bw * bh;
}
