import type { Node } from '@xyflow/react';
import {
  findTask,
  inputsOf,
  nodesOf,
  outputsOf,
  tasksOf,
  type Position,
  type Task,
  type WorkflowDoc,
  type WorkflowNode,
} from '@podflow/core';
import { inputCanvasId, outputCanvasId } from './flow-ids';
import { taskNodeView, type TaskNodeData } from './node-view';
import { fallbackPositions } from './fallback-positions';
import { ioNodeGeometry, taskNodeGeometry, type NodeGeometry } from './node-geometry';

/**
 * React Flow nodes derived from the document: view state, never the document. Derivation is memoised per node —
 * a node whose document object, task, position and selection did not change keeps the very same React Flow node
 * object, so React Flow and the memoised node components skip it.
 */
export interface WorkflowInputData extends Record<string, unknown> {
  name: string;
  type: string;
  hasDefault: boolean;
  defaultText: string | undefined;
}

export interface WorkflowOutputData extends Record<string, unknown> {
  name: string;
  type: string | undefined;
  /** Placed from the palette but not connected yet: lives only on the canvas until a value is connected. */
  pending: boolean;
}

export type FlowNode =
  | Node<TaskNodeData, 'task' | 'map' | 'dynamic'>
  | Node<WorkflowInputData, 'input'>
  | Node<WorkflowOutputData, 'output'>;

export interface PendingOutput {
  name: string;
  position: Position;
}

export interface ViewOverrides {
  selected: ReadonlySet<string>;
  /** Positions while a drag is in progress (committed to the document when it ends). */
  dragging: ReadonlyMap<string, Position>;
  /**
   * Sizes React Flow measured, put on the node objects (so that React Flow keeps the size and ports it measured).
   * The canvas passes one map that it fills as nodes are drawn: a measurement then makes no new object until the
   * node changes for another reason (React Flow already holds the size). A caller passing a new map per measurement
   * gets the nodes whose size changed made again, with it.
   */
  measured: ReadonlyMap<string, { width: number; height: number }>;
}

interface CacheEntry {
  source: unknown;
  task: Task | undefined;
  position: Position;
  measured: { width: number; height: number } | undefined;
  /** Where the document (or the pending output) puts it, whatever a drag in progress says. */
  base: Position;
  selected: boolean;
  isDragging: boolean;
  node: FlowNode;
}

export class NodeDeriver {
  private entries = new Map<string, CacheEntry>();
  private dataCache = new WeakMap<WorkflowNode, { task: Task | undefined; doc: WorkflowDoc; data: TaskNodeData }>();
  private lastTasks: readonly Task[] | undefined;

  /** The last answer, and what it was derived from: a change of view state alone patches it. */
  private last: { doc: WorkflowDoc; pending: readonly PendingOutput[]; view: ViewOverrides; out: FlowNode[]; index: Map<string, number> } | undefined;

  /**
   * The React Flow nodes for the document and view state. A change of selection or drag positions alone (every frame
   * of a drag) costs what changed: only those nodes are made again, in a copy of the last array. A new document is
   * walked in full, but a node whose document object, task, position and selection did not change keeps its object.
   */
  derive(doc: WorkflowDoc, pending: readonly PendingOutput[], view: ViewOverrides): FlowNode[] {
    const last = this.last;
    if (last && last.doc === doc && last.view.measured === view.measured && (last.pending === pending || (last.pending.length === 0 && pending.length === 0))) {
      const changed = viewChanges(last.view, view);
      last.view = view;
      if (changed.size === 0) return last.out;
      const out = last.out.slice();
      for (const id of changed) {
        const i = last.index.get(id);
        const entry = this.entries.get(id);
        if (i === undefined || !entry) continue;
        const position = view.dragging.get(id) ?? entry.base;
        out[i] = this.reuse(id, entry.source, entry.task, position, entry.base, view, () => ({ ...bare(entry.node), position }) as FlowNode);
      }
      last.out = out;
      return out;
    }
    const out = this.deriveAll(doc, pending, view);
    const index = new Map<string, number>();
    out.forEach((n, i) => index.set(n.id, i));
    this.last = { doc, pending, view, out, index };
    return out;
  }

  private deriveAll(doc: WorkflowDoc, pending: readonly PendingOutput[], view: ViewOverrides): FlowNode[] {
    const layout = doc.spec.layout ?? {};
    const fallback = fallbackPositions(doc);
    const tasksChanged = tasksOf(doc) !== this.lastTasks;
    this.lastTasks = tasksOf(doc);
    const taskByName = new Map<string, Task>();
    for (const t of tasksOf(doc)) if (!taskByName.has(t.name)) taskByName.set(t.name, t);
    const out: FlowNode[] = [];
    const seen = new Set<string>();

    const base = (id: string): Position => (Object.hasOwn(layout, id) ? layout[id]! : (fallback.get(id) ?? ORIGIN));
    const place = (id: string): Position => view.dragging.get(id) ?? base(id);

    for (const input of inputsOf(doc)) {
      const id = inputCanvasId(input.name);
      seen.add(id);
      out.push(
        this.reuse(id, input, undefined, place(id), base(id), view, () => ({
          id,
          type: 'input',
          position: place(id),
          data: {
            name: input.name,
            type: input.type,
            hasDefault: input.default !== undefined,
            defaultText: input.default === undefined ? undefined : shortJson(input.default),
          },
        })),
      );
    }
    for (const node of nodesOf(doc)) {
      if (seen.has(node.id)) continue; // a duplicate id (invalid document): validation reports it
      seen.add(node.id);
      const task = taskByName.get(node.task);
      const data = this.taskData(doc, node, task, tasksChanged);
      out.push(
        this.reuse(node.id, data, task, place(node.id), base(node.id), view, () => ({
          id: node.id,
          type: data.kind,
          position: place(node.id),
          data,
        })),
      );
    }
    const outputNames = new Set<string>();
    for (const output of outputsOf(doc)) {
      const id = outputCanvasId(output.name);
      outputNames.add(output.name);
      seen.add(id);
      out.push(
        this.reuse(id, output, undefined, place(id), base(id), view, () => ({
          id,
          type: 'output',
          position: place(id),
          data: { name: output.name, type: output.type, pending: false },
        })),
      );
    }
    for (const p of pending) {
      if (outputNames.has(p.name)) continue;
      const id = outputCanvasId(p.name);
      seen.add(id);
      const position = view.dragging.get(id) ?? p.position;
      out.push(
        this.reuse(id, p, undefined, position, p.position, view, () => ({
          id,
          type: 'output',
          position,
          data: { name: p.name, type: undefined, pending: true },
        })),
      );
    }
    for (const id of this.entries.keys()) if (!seen.has(id)) this.entries.delete(id);
    return out;
  }

  private taskData(doc: WorkflowDoc, node: WorkflowNode, task: Task | undefined, tasksChanged: boolean): TaskNodeData {
    const cached = this.dataCache.get(node);
    // A node's view depends on the node and its task; a dynamic task's signature is its own, so only those two.
    // When the task list changed, a missing task may have appeared: recompute those that had none.
    if (cached && cached.task === task && !(tasksChanged && !task)) return cached.data;
    const data = taskNodeView(doc, node, task ?? findTask(doc, node.task));
    this.dataCache.set(node, { task, doc, data });
    return data;
  }

  private reuse(
    id: string,
    source: unknown,
    task: Task | undefined,
    position: Position,
    base: Position,
    view: ViewOverrides,
    make: () => FlowNode,
  ): FlowNode {
    const selected = view.selected.has(id);
    const isDragging = view.dragging.has(id);
    const measured = view.measured.get(id);
    const prev = this.entries.get(id);
    if (
      prev &&
      prev.source === source &&
      prev.task === task &&
      prev.selected === selected &&
      prev.measured === measured &&
      prev.isDragging === isDragging &&
      prev.position.x === position.x &&
      prev.position.y === position.y
    ) {
      return prev.node;
    }
    const made = make();
    // Not drawn yet: its estimated size and ports let React Flow leave it undrawn until it is on screen.
    const estimate = measured ? undefined : geometryOf(made);
    const node = {
      ...made,
      selected,
      dragging: isDragging,
      ...(measured ? { measured } : { initialWidth: estimate!.width, initialHeight: estimate!.height, handles: estimate!.handles }),
    } as FlowNode;
    this.entries.set(id, { source, task, position, measured, base, selected, isDragging, node });
    return node;
  }
}

const ORIGIN: Position = { x: 0, y: 0 };

/** The ids whose selection or drag position differs between two view states (measured sizes do not count). */
function viewChanges(before: ViewOverrides, after: ViewOverrides): Set<string> {
  const changed = new Set<string>();
  if (before.selected !== after.selected) {
    for (const id of after.selected) if (!before.selected.has(id)) changed.add(id);
    for (const id of before.selected) if (!after.selected.has(id)) changed.add(id);
  }
  if (before.dragging !== after.dragging) {
    for (const [id, p] of after.dragging) {
      const q = before.dragging.get(id);
      if (!q || q.x !== p.x || q.y !== p.y) changed.add(id);
    }
    for (const id of before.dragging.keys()) if (!after.dragging.has(id)) changed.add(id);
  }
  return changed;
}

/** A node object's own fields (id, type, data), without what `reuse` adds from the view state. */
function bare(node: FlowNode): Pick<FlowNode, 'id' | 'type' | 'data'> {
  return { id: node.id, type: node.type, data: node.data } as Pick<FlowNode, 'id' | 'type' | 'data'>;
}

/** The size and ports a node is estimated to have when drawn (node-geometry.ts). */
export function geometryOf(node: FlowNode): NodeGeometry {
  switch (node.type) {
    case 'input':
      return ioNodeGeometry('input', node.data.name, node.data.type);
    case 'output':
      return ioNodeGeometry('output', node.data.name, node.data.type);
    default:
      return taskNodeGeometry(node.data);
  }
}

function shortJson(v: unknown): string {
  const s = JSON.stringify(v) ?? 'null';
  return s.length > 24 ? `${s.slice(0, 23)}…` : s;
}
