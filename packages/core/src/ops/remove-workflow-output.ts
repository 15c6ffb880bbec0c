import type { WorkflowDoc } from '../document/workflow-schema';
import { outputLayoutKey, outputsOf } from '../document/accessors';
import { withoutEntries } from './records';
import { withSpecField } from './with-field';

/** Removes a workflow output and its layout entry. The document itself if absent. */
export function removeWorkflowOutput(doc: WorkflowDoc, name: string): WorkflowDoc {
  const outputs = outputsOf(doc);
  if (!outputs.some((o) => o.name === name)) return doc;
  let next = withSpecField(doc, 'outputs', outputs.filter((o) => o.name !== name));
  const layout = doc.spec.layout;
  const key = outputLayoutKey(name);
  if (layout) next = withSpecField(next, 'layout', withoutEntries(layout, (k) => k === key));
  return next;
}
