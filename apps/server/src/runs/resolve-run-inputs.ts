import { checkJsonValue, inputsOf, parsePyType, type Json, type WorkflowDoc } from '@podflow/core';

/**
 * The inputs a run starts with: the given values, checked against the workflow's declared inputs and types, with
 * defaults filled in. Problems name the field (`inputs.list_of_ints`) and say what to do.
 */
export type ResolvedInputs = { ok: true; inputs: Record<string, Json> } | { ok: false; field: string; message: string };

export function resolveRunInputs(doc: WorkflowDoc, given: Record<string, Json>): ResolvedInputs {
  const declared = inputsOf(doc);
  const names = new Set(declared.map((i) => i.name));
  for (const name of Object.keys(given)) {
    if (!names.has(name)) {
      const known = declared.length ? `its inputs are ${declared.map((i) => i.name).join(', ')}` : 'it takes none';
      return { ok: false, field: `inputs.${name}`, message: `the workflow has no input "${name}"; ${known}` };
    }
  }
  const inputs: Record<string, Json> = {};
  for (const input of declared) {
    const type = parsePyType(input.type);
    const value = Object.hasOwn(given, input.name) ? given[input.name] : input.default;
    if (value === undefined) {
      if (type.ok && type.type.kind === 'optional') {
        inputs[input.name] = null;
        continue;
      }
      return { ok: false, field: `inputs.${input.name}`, message: `the input "${input.name}" (${input.type}) has no default; give it a value` };
    }
    if (type.ok) {
      const problem = checkJsonValue(value, type.type, input.name);
      if (problem) return { ok: false, field: `inputs.${input.name}`, message: problem };
    }
    inputs[input.name] = value;
  }
  return { ok: true, inputs };
}
