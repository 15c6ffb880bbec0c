import {
  addWorkflowOutput,
  connect,
  nodeId as asNodeId,
  outputsOf,
  updateWorkflowOutput,
  type OpResult,
  type WorkflowDoc,
} from '@podflow/core';
import { checkConnection, type ConnectionLike } from './connection-check';
import { parseCanvasId, VALUE_HANDLE } from './flow-ids';
import type { PendingOutput } from './derive-nodes';

/**
 * Turns a connection drawn on the canvas into a core op: a node input is bound (replacing its old binding); a
 * workflow output takes the value (a pending output placed from the palette becomes a real one). Refused with the
 * reason of `checkConnection` when the types do not fit or a cycle would be made.
 */
export function applyConnection(doc: WorkflowDoc, c: ConnectionLike, pending: readonly PendingOutput[]): OpResult {
  const check = checkConnection(doc, c);
  if (!check.ok) return { ok: false, reason: check.reason };
  const source = parseCanvasId(c.source);
  const target = parseCanvasId(c.target);
  const sourceHandle = c.sourceHandle ?? VALUE_HANDLE;
  if (target.kind === 'output') {
    if (source.kind !== 'node') return { ok: false, reason: 'A workflow output takes a task’s output.' };
    const from = { node: asNodeId(source.id), output: sourceHandle };
    const existing = outputsOf(doc).find((o) => o.name === target.name);
    if (existing) return updateWorkflowOutput(doc, target.name, existing.type ? { from } : { from, ...(check.fromType ? { type: check.fromType } : {}) });
    const position = pending.find((p) => p.name === target.name)?.position;
    return addWorkflowOutput(doc, { name: target.name, ...(check.fromType ? { type: check.fromType } : {}), from }, position);
  }
  if (target.kind !== 'node') return { ok: false, reason: 'A workflow input cannot take a value.' };
  const to = { node: asNodeId(target.id), input: c.targetHandle ?? VALUE_HANDLE };
  if (source.kind === 'input') return connect(doc, { from: { input: source.name }, to });
  if (source.kind === 'node') return connect(doc, { from: { node: asNodeId(source.id), output: sourceHandle }, to });
  return { ok: false, reason: 'A workflow output has no value to pass on.' };
}
