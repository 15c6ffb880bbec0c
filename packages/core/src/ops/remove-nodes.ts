import type { NodeId } from '../document/ids';
import type { WorkflowDoc } from '../document/workflow-schema';
import { nodesOf, outputLayoutKey, outputsOf } from '../document/accessors';
import { isNodeBinding } from '../graph/is-node-binding';
import { mapBindings } from './map-bindings';
import { withoutEntries } from './records';
import { withSpecField } from './with-field';

/**
 * Removes nodes with everything that refers to them: other nodes' bindings to their outputs, workflow outputs taken
 * from them (with those outputs' layout entries), and their own layout entries. Unknown ids are skipped; the document
 * itself is returned when nothing is removed. O(size of the document).
 */
export function removeNodes(doc: WorkflowDoc, ids: readonly NodeId[]): WorkflowDoc {
  const nodes = nodesOf(doc);
  const gone = new Set<string>(ids);
  if (!nodes.some((n) => gone.has(n.id))) return doc;
  let next = withSpecField(doc, 'nodes', nodes.filter((n) => !gone.has(n.id)));
  next = mapBindings(next, (b) => (isNodeBinding(b) && gone.has(b.node) ? undefined : b));
  const outputs = outputsOf(doc);
  const goneOutputs = new Set(outputs.filter((o) => gone.has(o.from.node)).map((o) => outputLayoutKey(o.name)));
  if (goneOutputs.size > 0) next = withSpecField(next, 'outputs', outputs.filter((o) => !gone.has(o.from.node)));
  const layout = doc.spec.layout;
  if (layout) next = withSpecField(next, 'layout', withoutEntries(layout, (key) => gone.has(key) || goneOutputs.has(key)));
  return next;
}
