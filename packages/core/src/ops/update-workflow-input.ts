import { WorkflowInputSchema, type WorkflowDoc, type WorkflowInput } from '../document/workflow-schema';
import { inputsOf } from '../document/accessors';
import { done, refuse, type OpResult } from './op-result';
import { schemaRefusal } from './schema-refusal';
import { INPUT_FIELD_ORDER, withField, withSpecField } from './with-field';

/** Fields of a workflow input an update may set; `undefined` removes one. Renaming is `renameWorkflowInput`. */
export type WorkflowInputPatch = Partial<Omit<WorkflowInput, 'name'>>;

/** Changes a workflow input's type, description or default. Refused when it does not exist or the result is malformed. */
export function updateWorkflowInput(doc: WorkflowDoc, name: string, patch: WorkflowInputPatch): OpResult {
  const inputs = inputsOf(doc);
  const index = inputs.findIndex((i) => i.name === name);
  if (index < 0) return refuse(`there is no workflow input "${name}"`);
  let input = inputs[index]!;
  for (const [key, value] of Object.entries(patch) as [keyof WorkflowInputPatch, WorkflowInputPatch[keyof WorkflowInputPatch]][]) {
    if ((key as string) !== 'name') input = withField(input, key, value, INPUT_FIELD_ORDER);
  }
  if (input === inputs[index]) return done(doc);
  const parsed = WorkflowInputSchema.safeParse(input);
  if (!parsed.success) return refuse(schemaRefusal(`workflow input "${name}"`, parsed.error));
  return done(withSpecField(doc, 'inputs', inputs.with(index, input)));
}
