import type { WorkflowDoc } from '../document/workflow-schema';
import { inputLayoutKey, inputsOf } from '../document/accessors';
import { mapBindings } from './map-bindings';
import { withoutEntries } from './records';
import { withSpecField } from './with-field';

/** Removes a workflow input, the `{ input }` bindings that take it, and its layout entry. The document itself if absent. */
export function removeWorkflowInput(doc: WorkflowDoc, name: string): WorkflowDoc {
  const inputs = inputsOf(doc);
  if (!inputs.some((i) => i.name === name)) return doc;
  let next = withSpecField(doc, 'inputs', inputs.filter((i) => i.name !== name));
  next = mapBindings(next, (b) => ('input' in b && b.input === name ? undefined : b));
  const layout = doc.spec.layout;
  const key = inputLayoutKey(name);
  if (layout) next = withSpecField(next, 'layout', withoutEntries(layout, (k) => k === key));
  return next;
}
