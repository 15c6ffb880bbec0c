import type { WorkflowDoc } from '../document/workflow-schema';
import { inputLayoutKey, inputsOf } from '../document/accessors';
import { isPythonIdentifier } from '../util/names';
import { mapBindings } from './map-bindings';
import { done, refuse, type OpResult } from './op-result';
import { withRenamedKey } from './records';
import { withSpecField } from './with-field';

/** Renames a workflow input, with the `{ input }` bindings that take it and its layout entry. */
export function renameWorkflowInput(doc: WorkflowDoc, oldName: string, newName: string): OpResult {
  const inputs = inputsOf(doc);
  const index = inputs.findIndex((i) => i.name === oldName);
  if (index < 0) return refuse(`there is no workflow input "${oldName}"`);
  if (newName === oldName) return done(doc);
  if (!isPythonIdentifier(newName)) return refuse(`"${newName}" is not a valid input name: use a Python identifier`);
  if (inputs.some((i) => i.name === newName)) return refuse(`a workflow input named "${newName}" already exists`);
  let next = withSpecField(doc, 'inputs', inputs.with(index, { ...inputs[index]!, name: newName }));
  next = mapBindings(next, (b) => ('input' in b && b.input === oldName ? { input: newName } : b));
  const layout = doc.spec.layout;
  if (layout) next = withSpecField(next, 'layout', withRenamedKey(layout, inputLayoutKey(oldName), inputLayoutKey(newName)));
  return done(next);
}
