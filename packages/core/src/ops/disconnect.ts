import type { NodeId } from '../document/ids';
import type { WorkflowDoc } from '../document/workflow-schema';
import { setNodeBinding } from './set-node-binding';

/** Removes the binding of one node input (whatever it was). The document itself when there is none. */
export function disconnect(doc: WorkflowDoc, { node, input }: { node: NodeId; input: string }): WorkflowDoc {
  return setNodeBinding(doc, node, input, undefined);
}
