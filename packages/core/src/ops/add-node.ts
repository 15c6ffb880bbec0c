import type { NodeId } from '../document/ids';
import type { MapSettings, Position, WorkflowDoc, WorkflowNode } from '../document/workflow-schema';
import { nodesOf } from '../document/accessors';
import { uniqueNodeId } from './unique-node-id';
import { withSpecField } from './with-field';
import { withEntry } from './records';

export interface AddNodeArgs {
  /** The task the node invokes. */
  task: string;
  /** Preferred id; made valid and unique like the default, which is the task's name (then `_2`, `_3`…). */
  id?: string;
  position?: Position;
  map?: MapSettings;
}

/**
 * Adds a node invoking `task` at the end of the node list, with no bindings yet; returns it with the new node's id.
 * The task need not exist yet (validation reports it). O(V).
 */
export function addNode(doc: WorkflowDoc, args: AddNodeArgs): { doc: WorkflowDoc; id: NodeId } {
  const nodes = nodesOf(doc);
  const taken = new Set<string>();
  for (const n of nodes) taken.add(n.id);
  const id = uniqueNodeId(args.id ?? args.task, taken);
  const node: WorkflowNode = { id, task: args.task };
  if (args.map) node.map = args.map;
  let next = withSpecField(doc, 'nodes', [...nodes, node]);
  if (args.position && Number.isFinite(args.position.x) && Number.isFinite(args.position.y)) next = withSpecField(next, 'layout', withEntry(doc.spec.layout, id, args.position));
  return { doc: next, id };
}
