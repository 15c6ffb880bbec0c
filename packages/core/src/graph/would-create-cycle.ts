import type { NodeId } from '../document/ids';
import type { WorkflowDoc, WorkflowNode } from '../document/workflow-schema';
import { nodesOf } from '../document/accessors';
import { isNodeBinding } from './is-node-binding';

/**
 * Whether an edge from `from`'s output to `to`'s input would close a cycle: a self-loop, or `to` already feeding
 * `from`. Walks up from `from` through the bindings only (nothing is copied), so it costs O(V) for the id lookup plus
 * the size of `from`'s upstream — cheap enough to call on every pointer move while dragging a connection.
 * A dangling reference is not followed.
 */
export function wouldCreateCycle(doc: WorkflowDoc, from: NodeId, to: NodeId): boolean {
  if (from === to) return true;
  const byId = new Map<string, WorkflowNode>();
  for (const node of nodesOf(doc)) if (!byId.has(node.id)) byId.set(node.id, node);
  if (!byId.has(to)) return false;
  const seen = new Set<string>([from]);
  const stack: string[] = [from];
  while (stack.length > 0) {
    const node = byId.get(stack.pop()!);
    for (const binding of Object.values(node?.inputs ?? {})) {
      if (!isNodeBinding(binding) || seen.has(binding.node)) continue;
      if (binding.node === to) return true;
      seen.add(binding.node);
      stack.push(binding.node);
    }
  }
  return false;
}
