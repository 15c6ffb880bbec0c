import type { WorkflowDoc, WorkflowNode } from '../document/workflow-schema';
import { inputsOf } from '../document/accessors';
import { mappedInputs } from '../document/mapped-inputs';
import type { Json } from '../util/json';

export interface PreviewInputs {
  known: Record<string, Json>;
  /** Inputs only known at run time, with where they come from (for a comment in the exported YAML). */
  unknown: { name: string; from: string }[];
}

/** What a node's inputs are without a run: constants and workflow input defaults; upstream outputs are unknown. */
export function previewInputs(doc: WorkflowDoc, node: WorkflowNode): PreviewInputs {
  const known: Record<string, Json> = {};
  const unknown: PreviewInputs['unknown'] = [];
  const mapped = new Set(mappedInputs(doc, node));
  for (const [name, binding] of Object.entries(node.inputs ?? {})) {
    if (mapped.has(name)) {
      unknown.push({ name, from: 'one item of the mapped list per pod' });
    } else if ('value' in binding) {
      known[name] = binding.value;
    } else if ('input' in binding) {
      const input = inputsOf(doc).find((i) => i.name === binding.input);
      if (input && input.default !== undefined) known[name] = input.default;
      else unknown.push({ name, from: `workflow input ${binding.input}` });
    } else {
      unknown.push({ name, from: `output ${binding.output} of node ${binding.node}` });
    }
  }
  return { known, unknown };
}
