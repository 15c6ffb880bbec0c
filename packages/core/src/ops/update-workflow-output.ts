import { WorkflowOutputSchema, type WorkflowDoc, type WorkflowOutput } from '../document/workflow-schema';
import { findNode, outputLayoutKey, outputsOf } from '../document/accessors';
import { done, refuse, type OpResult } from './op-result';
import { withRenamedKey } from './records';
import { schemaRefusal } from './schema-refusal';
import { OUTPUT_FIELD_ORDER, withField, withSpecField } from './with-field';

/** Fields of a workflow output an update may set (a new `name` moves its layout entry); `undefined` removes one. */
export type WorkflowOutputPatch = Partial<WorkflowOutput>;

/** Changes a workflow output. Refused when it does not exist, the new name is taken, or `from` names no node. */
export function updateWorkflowOutput(doc: WorkflowDoc, name: string, patch: WorkflowOutputPatch): OpResult {
  const outputs = outputsOf(doc);
  const index = outputs.findIndex((o) => o.name === name);
  if (index < 0) return refuse(`there is no workflow output "${name}"`);
  let output = outputs[index]!;
  for (const [key, value] of Object.entries(patch) as [keyof WorkflowOutput, WorkflowOutputPatch[keyof WorkflowOutput]][]) {
    output = withField(output, key, value, OUTPUT_FIELD_ORDER);
  }
  if (output === outputs[index]) return done(doc);
  const parsed = WorkflowOutputSchema.safeParse(output);
  if (!parsed.success) return refuse(schemaRefusal(`workflow output "${name}"`, parsed.error));
  if (output.name !== name) {
    if (output.name === '') return refuse('a workflow output needs a name');
    if (outputs.some((o) => o.name === output.name)) return refuse(`a workflow output named "${output.name}" already exists`);
  }
  if (output.from !== outputs[index]!.from && !findNode(doc, output.from.node)) return refuse(`there is no node "${output.from.node}"`);
  let next = withSpecField(doc, 'outputs', outputs.with(index, output));
  const layout = doc.spec.layout;
  if (layout && output.name !== name) next = withSpecField(next, 'layout', withRenamedKey(layout, outputLayoutKey(name), outputLayoutKey(output.name)));
  return done(next);
}
