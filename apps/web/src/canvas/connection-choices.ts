import { findNode, findTask, inputsOf, nodesOf, outputsOf, type WorkflowDoc } from '@podflow/core';
import { checkConnection, type ConnectionLike } from './connection-check';
import { inputCanvasId, outputCanvasId, parseCanvasId, VALUE_HANDLE } from './flow-ids';
import { taskNodeView } from './node-view';

/**
 * The keyboard's way to connect: for one canvas item, each of its ports, and for each port every other end it may be
 * connected to (the same `checkConnection` that a drag uses), so a person picks a port, then a target from a list.
 */
export interface PortChoice {
  side: 'out' | 'in';
  name: string;
  typeText: string;
  targets: ConnectionTarget[];
}

export interface ConnectionTarget {
  connection: ConnectionLike;
  /** "coalesce · list_of_strings", "workflow output o0". */
  label: string;
  typeText?: string;
  warning?: string;
}

interface End {
  id: string;
  handle: string;
  label: string;
  typeText: string;
}

function outEnds(doc: WorkflowDoc): End[] {
  const ends: End[] = inputsOf(doc).map((i) => ({ id: inputCanvasId(i.name), handle: VALUE_HANDLE, label: `workflow input ${i.name}`, typeText: i.type }));
  for (const n of nodesOf(doc)) {
    for (const o of taskNodeView(doc, n, findTask(doc, n.task)).outputs) ends.push({ id: n.id, handle: o.name, label: `${n.id} · ${o.name}`, typeText: o.typeText });
  }
  return ends;
}

function inEnds(doc: WorkflowDoc): End[] {
  const ends: End[] = [];
  for (const n of nodesOf(doc)) {
    for (const i of taskNodeView(doc, n, findTask(doc, n.task)).inputs) ends.push({ id: n.id, handle: i.name, label: `${n.id} · ${i.name}`, typeText: i.typeText });
  }
  for (const o of outputsOf(doc)) ends.push({ id: outputCanvasId(o.name), handle: VALUE_HANDLE, label: `workflow output ${o.name}`, typeText: o.type ?? 'any' });
  return ends;
}

function choices(doc: WorkflowDoc, side: PortChoice['side'], self: End, others: End[]): PortChoice {
  const targets: ConnectionTarget[] = [];
  for (const other of others) {
    if (other.id === self.id) continue;
    const connection = side === 'out' ? { source: self.id, sourceHandle: self.handle, target: other.id, targetHandle: other.handle } : { source: other.id, sourceHandle: other.handle, target: self.id, targetHandle: self.handle };
    const check = checkConnection(doc, connection);
    if (check.ok) targets.push({ connection, label: other.label, typeText: other.typeText, ...(check.warning ? { warning: check.warning } : {}) });
  }
  return { side, name: self.handle, typeText: self.typeText, targets };
}

export function connectionChoices(doc: WorkflowDoc, canvasId: string): PortChoice[] {
  const ref = parseCanvasId(canvasId);
  if (ref.kind === 'input') {
    const input = inputsOf(doc).find((i) => i.name === ref.name);
    return input ? [choices(doc, 'out', { id: canvasId, handle: VALUE_HANDLE, label: '', typeText: input.type }, inEnds(doc))] : [];
  }
  if (ref.kind === 'output') {
    const output = outputsOf(doc).find((o) => o.name === ref.name);
    return [choices(doc, 'in', { id: canvasId, handle: VALUE_HANDLE, label: '', typeText: output?.type ?? 'any' }, outEnds(doc))];
  }
  const node = findNode(doc, ref.id);
  if (!node) return [];
  const view = taskNodeView(doc, node, findTask(doc, node.task));
  const sources = outEnds(doc);
  const sinks = inEnds(doc);
  return [
    ...view.inputs.map((i) => choices(doc, 'in', { id: node.id, handle: i.name, label: '', typeText: i.typeText }, sources)),
    ...view.outputs.map((o) => choices(doc, 'out', { id: node.id, handle: o.name, label: '', typeText: o.typeText }, sinks)),
  ];
}
