import type { NodeId } from '../document/ids';
import type { WorkflowDoc } from '../document/workflow-schema';
import { graphIndex } from './graph-index';
import { reachable } from './reachable';

/**
 * Every node that takes the given nodes' outputs, transitively (what a failure of them skips, what a re-run from
 * them re-runs). A given node is in the set only if it is downstream of another given node (or of itself, through a
 * cycle). Unknown ids are ignored. O(V + E).
 */
export function downstream(doc: WorkflowDoc, ids: NodeId | readonly NodeId[]): Set<NodeId> {
  const graph = graphIndex(doc);
  const starts = (typeof ids === 'string' ? [ids] : ids).flatMap((id) => graph.indexOf.get(id) ?? []);
  return reachable(graph.ids, graph.succs, starts);
}
