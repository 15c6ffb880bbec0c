import type { NodeId } from '../document/ids';
import type { Binding, WorkflowDoc } from '../document/workflow-schema';
import { nodesOf } from '../document/accessors';
import { NODE_FIELD_ORDER, withField, withSpecField } from './with-field';
import { withEntry } from './records';

/**
 * Sets (or, with undefined, removes) the binding of one input of the first node with `id`, keeping the input's place.
 * Returns the document itself when the node is missing or nothing changes.
 */
export function setNodeBinding(doc: WorkflowDoc, id: NodeId, input: string, binding: Binding | undefined): WorkflowDoc {
  const nodes = nodesOf(doc);
  const index = nodes.findIndex((n) => n.id === id);
  if (index < 0) return doc;
  const node = nodes[index]!;
  const inputs = node.inputs ?? {};
  let nextInputs: Record<string, Binding>;
  if (binding === undefined) {
    if (!Object.hasOwn(inputs, input)) return doc;
    nextInputs = Object.fromEntries(Object.entries(inputs).filter(([key]) => key !== input));
  } else {
    nextInputs = withEntry(inputs, input, binding);
  }
  return withSpecField(doc, 'nodes', nodes.with(index, withField(node, 'inputs', nextInputs, NODE_FIELD_ORDER)));
}
