import { NODE_ID_PATTERN, type NodeId } from '../document/ids';
import type { WorkflowDoc } from '../document/workflow-schema';
import { nodesOf, outputsOf } from '../document/accessors';
import { isNodeBinding } from '../graph/is-node-binding';
import { mapBindings } from './map-bindings';
import { done, refuse, type OpResult } from './op-result';
import { withRenamedKey } from './records';
import { withSpecField } from './with-field';

/**
 * Gives a node a new id and follows it everywhere: bindings to its outputs, workflow outputs, its layout entry (kept in
 * place). Refused when the node does not exist, or the new id is invalid or taken.
 */
export function renameNode(doc: WorkflowDoc, oldId: NodeId, newId: NodeId): OpResult {
  const nodes = nodesOf(doc);
  const index = nodes.findIndex((n) => n.id === oldId);
  if (index < 0) return refuse(`there is no node "${oldId}"`);
  if (newId === oldId) return done(doc);
  if (!NODE_ID_PATTERN.test(newId)) {
    return refuse(`"${newId}" is not a valid node id: use a letter or _ first, then letters, digits, _ or -, at most 63 characters`);
  }
  if (nodes.some((n) => n.id === newId)) return refuse(`a node "${newId}" already exists`);
  let next = withSpecField(doc, 'nodes', nodes.with(index, { ...nodes[index]!, id: newId }));
  next = mapBindings(next, (b) => (isNodeBinding(b) && b.node === oldId ? { ...b, node: newId } : b));
  const outputs = outputsOf(doc);
  if (outputs.some((o) => o.from.node === oldId)) {
    next = withSpecField(next, 'outputs', outputs.map((o) => (o.from.node === oldId ? { ...o, from: { ...o.from, node: newId } } : o)));
  }
  const layout = doc.spec.layout;
  if (layout) next = withSpecField(next, 'layout', withRenamedKey(layout, oldId, newId));
  return done(next);
}
