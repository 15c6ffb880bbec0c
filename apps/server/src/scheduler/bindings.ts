import type { DynamicBinding, Json, WorkflowNode } from '@podflow/core';

/** A binding that cannot be resolved at run time (an upstream output that is not there). */
export class BindingError extends Error {
  override name = 'BindingError';
}

function outputOf(outputs: ReadonlyMap<string, Record<string, Json>>, node: string, output: string): Json {
  const values = outputs.get(node);
  if (!values) throw new BindingError(`node ${node} has no outputs (it has not succeeded)`);
  if (!Object.hasOwn(values, output)) {
    throw new BindingError(`node ${node} has no output "${output}"; its outputs are: ${Object.keys(values).join(', ') || '(none)'}`);
  }
  return values[output] as Json;
}

/** A workflow node's inputs: workflow inputs, constants and upstream outputs. Unbound (optional) inputs are left out. */
export function resolveNodeInputs(
  node: WorkflowNode,
  runInputs: Readonly<Record<string, Json>>,
  outputs: ReadonlyMap<string, Record<string, Json>>,
): Record<string, Json> {
  const inputs: Record<string, Json> = {};
  for (const [name, binding] of Object.entries(node.inputs ?? {})) {
    if ('value' in binding) inputs[name] = binding.value;
    else if ('input' in binding) {
      if (!Object.hasOwn(runInputs, binding.input)) throw new BindingError(`input "${name}" reads the workflow input "${binding.input}", which the run does not have`);
      inputs[name] = runInputs[binding.input] as Json;
    } else inputs[name] = outputOf(outputs, binding.node, binding.output);
  }
  return inputs;
}

/** A binding of a dynamic task's sub-DAG, against the outputs of its calls so far. */
export function resolveDynamicBinding(binding: DynamicBinding, outputs: ReadonlyMap<string, Record<string, Json>>): Json {
  if ('value' in binding) return binding.value as Json;
  if ('node' in binding) return outputOf(outputs, binding.node, binding.output);
  if ('list' in binding) return binding.list.map((b) => resolveDynamicBinding(b, outputs));
  return Object.fromEntries(Object.entries(binding.dict).map(([k, b]) => [k, resolveDynamicBinding(b, outputs)]));
}

/** The calls a binding depends on. */
export function dynamicDeps(binding: DynamicBinding, into: Set<string> = new Set()): Set<string> {
  if ('node' in binding) into.add(binding.node);
  else if ('list' in binding) for (const b of binding.list) dynamicDeps(b, into);
  else if ('dict' in binding) for (const b of Object.values(binding.dict)) dynamicDeps(b, into);
  return into;
}
