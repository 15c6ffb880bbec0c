import { checkJsonValue, inputsOf, parsePyType, type Json, type WorkflowDoc } from '@podflow/core';

/**
 * A run's workflow inputs: those given, then the declared defaults; an Optional input with neither is null
 * (DESIGN.md §4). Every problem is reported at once, before anything starts.
 */
export function resolveRunInputs(doc: WorkflowDoc, given: Readonly<Record<string, Json>>): { inputs: Record<string, Json> } | { problems: string[] } {
  const declared = inputsOf(doc);
  const problems: string[] = [];
  const inputs: Record<string, Json> = {};
  for (const name of Object.keys(given)) {
    if (!declared.some((i) => i.name === name)) {
      problems.push(`unknown input "${name}"; the workflow's inputs are: ${declared.map((i) => i.name).join(', ') || '(none)'}`);
    }
  }
  for (const input of declared) {
    const parsed = parsePyType(input.type);
    const type = parsed.ok ? parsed.type : undefined;
    let value: Json | undefined = Object.hasOwn(given, input.name) ? given[input.name] : input.default;
    if (value === undefined && type?.kind === 'optional') value = null;
    if (value === undefined) {
      problems.push(`missing required input "${input.name}" (${input.type})`);
      continue;
    }
    const problem = type ? checkJsonValue(value, type, input.name) : undefined;
    if (problem) problems.push(`input ${problem}`);
    inputs[input.name] = value;
  }
  return problems.length ? { problems } : { inputs };
}
