import type { Binding, WorkflowDoc, WorkflowNode } from '../document/workflow-schema';
import { nodesOf } from '../document/accessors';
import { withSpecField } from './with-field';

/**
 * Rewrites every node's input bindings: `rewrite` returns the binding to keep (the same object for no change), a new
 * one, or undefined to remove it. Only nodes whose bindings change are copied; the document itself is returned when
 * none does. O(number of bindings).
 */
export function mapBindings(doc: WorkflowDoc, rewrite: (binding: Binding, input: string, node: WorkflowNode) => Binding | undefined): WorkflowDoc {
  const nodes = nodesOf(doc);
  let changed = false;
  const next = nodes.map((node) => {
    if (node.inputs === undefined) return node;
    let nodeChanged = false;
    const entries: [string, Binding][] = [];
    for (const [input, binding] of Object.entries(node.inputs)) {
      const result = rewrite(binding, input, node);
      if (result !== binding) nodeChanged = true;
      if (result !== undefined) entries.push([input, result]);
    }
    if (!nodeChanged) return node;
    changed = true;
    return { ...node, inputs: Object.fromEntries(entries) };
  });
  return changed ? withSpecField(doc, 'nodes', next) : doc;
}
