import type { Edge } from '@xyflow/react';
import {
  inputsOf,
  isAssignable,
  nodeEdges,
  nodeInputType,
  nodeOutputType,
  nodesOf,
  parsePyType,
  type PyType,
  type WorkflowDoc,
  type WorkflowNode,
} from '@podflow/core';
import { bindingEdgeId, inputCanvasId, outputCanvasId, outputEdgeId, VALUE_HANDLE } from './flow-ids';

/**
 * React Flow edges derived from the bindings: one per bound node input (from a node output or a workflow input) and
 * one per workflow output. An edge whose types do not fit is drawn as an error; one only checked at run time
 * (any-JSON into a precise type) as a warning. Edge objects are reused while nothing about them changed.
 */
export type EdgeFit = 'yes' | 'warn' | 'no';
export interface FlowEdgeData extends Record<string, unknown> {
  fit: EdgeFit;
}
export type FlowEdge = Edge<FlowEdgeData>;

export class EdgeDeriver {
  private cache = new Map<string, FlowEdge>();

  derive(doc: WorkflowDoc, selectedEdges: ReadonlySet<string>): FlowEdge[] {
    const out: FlowEdge[] = [];
    const next = new Map<string, FlowEdge>();
    const byId = new Map<string, WorkflowNode>();
    for (const n of nodesOf(doc)) if (!byId.has(n.id)) byId.set(n.id, n);
    const inputTypes = new Map<string, PyType | undefined>();
    for (const i of inputsOf(doc)) {
      const parsed = parsePyType(i.type);
      inputTypes.set(i.name, parsed.ok ? parsed.type : undefined);
    }
    const fitOf = (e: ReturnType<typeof nodeEdges>[number]): EdgeFit => {
      if (e.kind === 'workflow-output') return 'yes';
      const target = byId.get(e.to);
      if (!target) return 'yes';
      let from: PyType | undefined;
      if (e.kind === 'node') {
        const source = byId.get(e.from);
        from = source ? nodeOutputType(doc, source, e.output) : undefined;
      } else {
        from = inputTypes.get(e.from);
      }
      const to = nodeInputType(doc, target, e.input);
      return from && to ? isAssignable(from, to) : 'yes';
    };
    for (const e of nodeEdges(doc)) {
      let edge: Omit<FlowEdge, 'selected' | 'data'> & { data?: FlowEdgeData };
      if (e.kind === 'workflow-output') {
        edge = { id: outputEdgeId(e.to), source: e.from, sourceHandle: e.output, target: outputCanvasId(e.to), targetHandle: VALUE_HANDLE };
      } else {
        const source = e.kind === 'node' ? e.from : inputCanvasId(e.from);
        const sourceHandle = e.kind === 'node' ? e.output : VALUE_HANDLE;
        edge = { id: bindingEdgeId(e.to, e.input), source, sourceHandle, target: e.to, targetHandle: e.input };
      }
      const fit = fitOf(e);
      const selected = selectedEdges.has(edge.id);
      const prev = this.cache.get(edge.id);
      const same =
        prev &&
        prev.source === edge.source &&
        prev.sourceHandle === edge.sourceHandle &&
        prev.target === edge.target &&
        prev.targetHandle === edge.targetHandle &&
        prev.selected === selected &&
        prev.data?.fit === fit;
      const value: FlowEdge = same
        ? prev
        : {
            ...edge,
            selected,
            data: { fit },
            className: fit === 'no' ? 'edge-error' : fit === 'warn' ? 'edge-warn' : undefined,
          };
      next.set(value.id, value);
      out.push(value);
    }
    this.cache = next;
    return out;
  }
}

