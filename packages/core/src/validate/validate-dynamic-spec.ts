import type { WorkflowDoc } from '../document/workflow-schema';
import { findTask } from '../document/accessors';
import { taskSignature } from '../document/task-signature';
import type { DynamicBinding, DynamicSpec } from '../compile/runtime-contract';
import type { Diagnostic } from './diagnostic';

/**
 * Checks the sub-DAG a dynamic task returned at run time before the scheduler runs it: every call names a task of the
 * workflow with its parameters, every promise points at an earlier call's output, and ids are unique.
 */
export function validateDynamicSpec(doc: WorkflowDoc, spec: DynamicSpec, parentId = 'dynamic'): Diagnostic[] {
  const out: Diagnostic[] = [];
  const add = (path: string, message: string) => out.push({ code: 'dynamic-spec', severity: 'error', nodeId: parentId, path, message });
  const outputsById = new Map<string, string[]>();

  const checkBinding = (binding: DynamicBinding, path: string, where: string) => {
    if ('node' in binding) {
      const outputs = outputsById.get(binding.node);
      if (!outputs) add(path, `${where} uses the result of "${binding.node}", which is not an earlier call`);
      else if (!outputs.includes(binding.output)) add(path, `${where} reads output "${binding.output}" of ${binding.node}, which has outputs ${outputs.join(', ') || 'none'}`);
    } else if ('list' in binding) binding.list.forEach((b, i) => checkBinding(b, `${path}[${i}]`, where));
    else if ('dict' in binding) for (const [k, b] of Object.entries(binding.dict)) checkBinding(b, `${path}.${k}`, where);
  };

  spec.nodes.forEach((call, i) => {
    const path = `nodes[${i}]`;
    if (outputsById.has(call.id)) add(`${path}.id`, `two calls have the id "${call.id}"`);
    const task = findTask(doc, call.task);
    const signature = task ? taskSignature(doc, call.task) : undefined;
    if (!task || !signature) {
      add(`${path}.task`, `${parentId} calls "${call.task}", which is not a task of this workflow`);
      outputsById.set(call.id, []);
      return;
    }
    for (const [name, binding] of Object.entries(call.inputs)) {
      if (!signature.inputs.some((p) => p.name === name)) add(`${path}.inputs.${name}`, `${call.task}() has no parameter "${name}"`);
      checkBinding(binding, `${path}.inputs.${name}`, `${call.id}(${name}=…)`);
    }
    for (const param of signature.inputs) {
      if (!param.optional && !(param.name in call.inputs)) add(`${path}.inputs`, `${call.task}() is called without its required input ${param.name}`);
    }
    outputsById.set(call.id, signature.outputs.map((o) => o.name));
  });
  for (const [name, binding] of Object.entries(spec.outputs)) checkBinding(binding, `outputs.${name}`, `output ${name}`);
  return out;
}
