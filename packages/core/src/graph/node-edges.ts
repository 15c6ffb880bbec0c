import type { NodeId } from '../document/ids';
import type { WorkflowDoc } from '../document/workflow-schema';
import { inputsOf, nodesOf, outputsOf } from '../document/accessors';
import { isNodeBinding } from './is-node-binding';

/** An upstream node's output feeding a node's input. */
export interface NodeEdge {
  kind: 'node';
  from: NodeId;
  output: string;
  to: NodeId;
  input: string;
}

/** A workflow input feeding a node's input (the canvas draws it from the `input:NAME` node). */
export interface WorkflowInputEdge {
  kind: 'workflow-input';
  from: string;
  to: NodeId;
  input: string;
}

/** A node's output that the workflow returns (drawn to the `output:NAME` node). */
export interface WorkflowOutputEdge {
  kind: 'workflow-output';
  from: NodeId;
  output: string;
  to: string;
}

export type WorkflowEdge = NodeEdge | WorkflowInputEdge | WorkflowOutputEdge;

/**
 * Every edge of the workflow, in document order: node-to-node edges and workflow-input edges as the consumers' bindings
 * list them, then workflow-output edges. References to a node or workflow input that does not exist are left out
 * (validation reports them).
 */
export function nodeEdges(doc: WorkflowDoc): WorkflowEdge[] {
  const nodes = nodesOf(doc);
  const nodeIds = new Set<string>(nodes.map((n) => n.id));
  const inputNames = new Set(inputsOf(doc).map((i) => i.name));
  const edges: WorkflowEdge[] = [];
  for (const node of nodes) {
    for (const [input, binding] of Object.entries(node.inputs ?? {})) {
      if (isNodeBinding(binding)) {
        if (nodeIds.has(binding.node)) edges.push({ kind: 'node', from: binding.node, output: binding.output, to: node.id, input });
      } else if ('input' in binding && inputNames.has(binding.input)) {
        edges.push({ kind: 'workflow-input', from: binding.input, to: node.id, input });
      }
    }
  }
  for (const output of outputsOf(doc)) {
    if (nodeIds.has(output.from.node)) edges.push({ kind: 'workflow-output', from: output.from.node, output: output.from.output, to: output.name });
  }
  return edges;
}
