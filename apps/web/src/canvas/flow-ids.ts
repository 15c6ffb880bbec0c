import { inputLayoutKey, outputLayoutKey } from '@podflow/core';

/**
 * Canvas ids. A task node's canvas id is its node id; the workflow's own inputs and outputs use their layout keys
 * (`input:NAME`, `output:NAME`), which no node id can collide with (node ids have no ':').
 * Handles: a task node has one target handle per input (id = input name) and one source handle per output
 * (id = output name); a workflow input has one source handle and a workflow output one target handle, both `value`.
 */
export const VALUE_HANDLE = 'value';

export const inputCanvasId = inputLayoutKey;
export const outputCanvasId = outputLayoutKey;

export type CanvasRef =
  | { kind: 'node'; id: string }
  | { kind: 'input'; name: string }
  | { kind: 'output'; name: string };

export function parseCanvasId(id: string): CanvasRef {
  if (id.startsWith('input:')) return { kind: 'input', name: id.slice('input:'.length) };
  if (id.startsWith('output:')) return { kind: 'output', name: id.slice('output:'.length) };
  return { kind: 'node', id };
}

/** Edge ids: one binding per node input, one source per workflow output. */
export const bindingEdgeId = (nodeId: string, input: string): string => `b:${nodeId}:${input}`;
export const outputEdgeId = (name: string): string => `o:${name}`;

export type EdgeRef = { kind: 'binding'; nodeId: string; input: string } | { kind: 'output'; name: string };

export function parseEdgeId(id: string): EdgeRef | undefined {
  if (id.startsWith('o:')) return { kind: 'output', name: id.slice(2) };
  if (id.startsWith('b:')) {
    const rest = id.slice(2);
    const i = rest.indexOf(':');
    if (i > 0) return { kind: 'binding', nodeId: rest.slice(0, i), input: rest.slice(i + 1) };
  }
  return undefined;
}
