import type { NodeId } from '../document/ids';
import type { WorkflowDoc } from '../document/workflow-schema';
import { nodesOf } from '../document/accessors';
import { isNodeBinding } from './is-node-binding';

/**
 * The node graph as arrays of document positions, built in O(V + E). A binding to a node that does not exist is
 * ignored; when ids repeat (an invalid document) a reference means the first node with that id.
 */
export interface GraphIndex {
  /** Node ids in document order; position i is node i. */
  ids: NodeId[];
  /** Position of the first node with each id. */
  indexOf: ReadonlyMap<string, number>;
  /** preds[i]: positions of the nodes whose outputs node i takes, one entry per binding. */
  preds: number[][];
  /** succs[i]: positions of the nodes that take node i's outputs, one entry per binding. */
  succs: number[][];
}

export function graphIndex(doc: WorkflowDoc): GraphIndex {
  const nodes = nodesOf(doc);
  const ids = nodes.map((n) => n.id);
  const indexOf = new Map<string, number>();
  ids.forEach((id, i) => {
    if (!indexOf.has(id)) indexOf.set(id, i);
  });
  const preds: number[][] = ids.map(() => []);
  const succs: number[][] = ids.map(() => []);
  nodes.forEach((node, i) => {
    for (const binding of Object.values(node.inputs ?? {})) {
      if (!isNodeBinding(binding)) continue;
      const j = indexOf.get(binding.node);
      if (j === undefined) continue;
      preds[i]!.push(j);
      succs[j]!.push(i);
    }
  });
  return { ids, indexOf, preds, succs };
}
