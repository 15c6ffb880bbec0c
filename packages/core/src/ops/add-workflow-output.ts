import { WorkflowOutputSchema, type Position, type WorkflowDoc, type WorkflowOutput } from '../document/workflow-schema';
import { findNode, outputLayoutKey, outputsOf } from '../document/accessors';
import { done, refuse, type OpResult } from './op-result';
import { schemaRefusal } from './schema-refusal';
import { withSpecField } from './with-field';
import { withEntry } from './records';

/** Adds a workflow output taken from a node's output. Refused when the name is empty or taken, or the node is missing. */
export function addWorkflowOutput(doc: WorkflowDoc, output: WorkflowOutput, position?: Position): OpResult {
  const parsed = WorkflowOutputSchema.safeParse(output);
  if (!parsed.success) return refuse(schemaRefusal(`workflow output "${output.name}"`, parsed.error));
  if (output.name === '') return refuse('a workflow output needs a name');
  if (outputsOf(doc).some((o) => o.name === output.name)) return refuse(`a workflow output named "${output.name}" already exists`);
  if (!findNode(doc, output.from.node)) return refuse(`there is no node "${output.from.node}"`);
  let next = withSpecField(doc, 'outputs', [...outputsOf(doc), parsed.data]);
  if (position) next = withSpecField(next, 'layout', withEntry(doc.spec.layout, outputLayoutKey(output.name), position));
  return done(next);
}
