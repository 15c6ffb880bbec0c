import { WorkflowInputSchema, type Position, type WorkflowDoc, type WorkflowInput } from '../document/workflow-schema';
import { inputLayoutKey, inputsOf } from '../document/accessors';
import { isPythonIdentifier } from '../util/names';
import { done, refuse, type OpResult } from './op-result';
import { schemaRefusal } from './schema-refusal';
import { withSpecField } from './with-field';
import { withEntry } from './records';

/** Adds a workflow input (and its canvas position). Refused when the name is not an identifier or is taken. */
export function addWorkflowInput(doc: WorkflowDoc, input: WorkflowInput, position?: Position): OpResult {
  const parsed = WorkflowInputSchema.safeParse(input);
  if (!parsed.success) return refuse(schemaRefusal(`workflow input "${input.name}"`, parsed.error));
  if (!isPythonIdentifier(input.name)) return refuse(`"${input.name}" is not a valid input name: use a Python identifier`);
  if (inputsOf(doc).some((i) => i.name === input.name)) return refuse(`a workflow input named "${input.name}" already exists`);
  let next = withSpecField(doc, 'inputs', [...inputsOf(doc), parsed.data]);
  if (position) next = withSpecField(next, 'layout', withEntry(doc.spec.layout, inputLayoutKey(input.name), position));
  return done(next);
}
