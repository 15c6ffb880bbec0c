import {
  findNode,
  formatPyType,
  inputsOf,
  isAssignable,
  nodeInputType,
  nodeOutputType,
  outputsOf,
  parsePyType,
  wouldCreateCycle,
  mappedInputs,
  nodeId as asNodeId,
  type PyType,
  type WorkflowDoc,
} from '@podflow/core';
import { parseCanvasId, VALUE_HANDLE } from './flow-ids';

/** A connection as React Flow reports it: from a source handle to a target handle. */
export interface ConnectionLike {
  source: string;
  sourceHandle?: string | null;
  target: string;
  targetHandle?: string | null;
}

export type ConnectionCheck =
  | { ok: true; warning?: string; from: string; fromType?: string; to: string; toType?: string }
  | { ok: false; reason: string };

/**
 * Whether a connection may be made, and why not: the same check runs while a person drags (to refuse a target and say
 * why) and when the connection is dropped. Types come from the tasks' signatures; a map node's mapped inputs expect
 * `list[T]` and its outputs are lists. An input takes one binding (a new one replaces the old); cycles are refused.
 */
export function checkConnection(doc: WorkflowDoc, c: ConnectionLike): ConnectionCheck {
  const source = parseCanvasId(c.source);
  const target = parseCanvasId(c.target);
  const sourceHandle = c.sourceHandle ?? VALUE_HANDLE;
  const targetHandle = c.targetHandle ?? VALUE_HANDLE;

  if (source.kind === 'output') return { ok: false, reason: 'A workflow output has no value to pass on.' };
  if (target.kind === 'input') return { ok: false, reason: 'A workflow input cannot take a value from the graph.' };

  // What flows out of the source.
  let fromType: PyType | undefined;
  let fromLabel: string;
  if (source.kind === 'input') {
    const input = inputsOf(doc).find((i) => i.name === source.name);
    if (!input) return { ok: false, reason: `There is no workflow input "${source.name}".` };
    const parsed = parsePyType(input.type);
    fromType = parsed.ok ? parsed.type : undefined;
    fromLabel = `input ${input.name}`;
  } else {
    const node = findNode(doc, source.id);
    if (!node) return { ok: false, reason: `There is no node "${source.id}".` };
    fromType = nodeOutputType(doc, node, sourceHandle);
    fromLabel = `${node.id}.${sourceHandle}`;
  }

  if (target.kind === 'output') {
    if (source.kind !== 'node') return { ok: false, reason: 'A workflow output takes a task’s output, not a workflow input directly.' };
    const declared = outputsOf(doc).find((o) => o.name === target.name)?.type;
    const parsed = declared ? parsePyType(declared) : undefined;
    const toType = parsed?.ok ? parsed.type : undefined;
    if (fromType && toType) {
      const fit = isAssignable(fromType, toType);
      if (fit === 'no') return mismatch(fromLabel, fromType, `output ${target.name}`, toType);
    }
    return { ok: true, from: fromLabel, fromType: fromType && formatPyType(fromType), to: `output ${target.name}`, toType: toType && formatPyType(toType) };
  }

  const node = findNode(doc, target.id);
  if (!node) return { ok: false, reason: `There is no node "${target.id}".` };
  if (source.kind === 'node' && source.id === target.id) return { ok: false, reason: `${node.id} cannot take its own output.` };
  if (source.kind === 'node' && wouldCreateCycle(doc, asNodeId(source.id), asNodeId(target.id))) {
    return { ok: false, reason: `That would make a cycle: ${target.id} already feeds ${source.id}.` };
  }
  const toType = nodeInputType(doc, node, targetHandle);
  const toLabel = `${node.id}.${targetHandle}`;
  if (fromType && toType) {
    const fit = isAssignable(fromType, toType);
    if (fit === 'no') {
      const result = mismatch(fromLabel, fromType, toLabel, toType);
      if (node.map && mappedInputs(doc, node).includes(targetHandle)) {
        return { ok: false, reason: `${result.reason} A map node takes a list for each mapped input.` };
      }
      return result;
    }
    if (fit === 'warn') {
      return {
        ok: true,
        warning: `${formatPyType(fromType)} is not checked against ${formatPyType(toType)} until the workflow runs.`,
        from: fromLabel,
        fromType: formatPyType(fromType),
        to: toLabel,
        toType: formatPyType(toType),
      };
    }
  }
  return { ok: true, from: fromLabel, fromType: fromType && formatPyType(fromType), to: toLabel, toType: toType && formatPyType(toType) };
}

function mismatch(fromLabel: string, from: PyType, toLabel: string, to: PyType): { ok: false; reason: string } {
  return { ok: false, reason: `Type mismatch: ${fromLabel} is ${formatPyType(from)}, but ${toLabel} expects ${formatPyType(to)}.` };
}
