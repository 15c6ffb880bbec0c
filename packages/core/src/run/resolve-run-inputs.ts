import type { WorkflowDoc } from '../document/workflow-schema';
import { inputsOf } from '../document/accessors';
import { checkJsonValue, parsePyType } from '../python/py-type';
import type { Json } from '../util/json';

export interface RunInputProblem {
  /** `inputs.NAME`, for an API answer that names the field. */
  field: string;
  message: string;
}

export type ResolvedRunInputs = { ok: true; inputs: Record<string, Json> } | { ok: false; problems: RunInputProblem[] };

/**
 * The inputs a run starts with (DESIGN.md §4): the given values, then the declared defaults; an Optional input with
 * neither is null. Every problem — unknown, missing or ill-typed — is reported at once, before anything starts.
 */
export function resolveRunInputs(doc: WorkflowDoc, given: Readonly<Record<string, Json>>): ResolvedRunInputs {
  const declared = inputsOf(doc);
  const problems: RunInputProblem[] = [];
  const inputs: Record<string, Json> = {};
  for (const name of Object.keys(given)) {
    if (!declared.some((i) => i.name === name)) {
      const known = declared.length ? `its inputs are ${declared.map((i) => i.name).join(', ')}` : 'it takes none';
      problems.push({ field: `inputs.${name}`, message: `the workflow has no input "${name}"; ${known}` });
    }
  }
  for (const input of declared) {
    const parsed = parsePyType(input.type);
    const type = parsed.ok ? parsed.type : undefined;
    let value: Json | undefined = Object.hasOwn(given, input.name) ? given[input.name] : input.default;
    if (value === undefined && type?.kind === 'optional') value = null;
    if (value === undefined) {
      problems.push({ field: `inputs.${input.name}`, message: `the input "${input.name}" (${input.type}) has no default; give it a value` });
      continue;
    }
    const problem = type ? checkJsonValue(value, type, input.name) : undefined;
    if (problem) problems.push({ field: `inputs.${input.name}`, message: `input ${problem}` });
    inputs[input.name] = value;
  }
  return problems.length ? { ok: false, problems } : { ok: true, inputs };
}
