import type { NodeId } from '../document/ids';
import type { WorkflowDoc } from '../document/workflow-schema';
import { graphIndex } from './graph-index';
import { reachable } from './reachable';

/**
 * Every node whose outputs reach the given nodes, transitively. A given node is in the set only if another given node
 * (or itself, through a cycle) depends on it. Unknown ids are ignored. O(V + E).
 */
export function upstream(doc: WorkflowDoc, ids: NodeId | readonly NodeId[]): Set<NodeId> {
  const graph = graphIndex(doc);
  const starts = (typeof ids === 'string' ? [ids] : ids).flatMap((id) => graph.indexOf.get(id) ?? []);
  return reachable(graph.ids, graph.preds, starts);
}
