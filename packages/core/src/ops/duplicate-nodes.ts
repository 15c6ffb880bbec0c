import type { NodeId } from '../document/ids';
import type { Binding, Position, WorkflowDoc, WorkflowNode } from '../document/workflow-schema';
import { nodesOf } from '../document/accessors';
import { isNodeBinding } from '../graph/is-node-binding';
import { nodeIdBase, uniqueNodeId } from './unique-node-id';
import { withSpecField } from './with-field';

/**
 * Copies nodes: each copy invokes the same task (DESIGN §8), gets a fresh id (`square` → `square_2`), and is placed
 * at its original's position plus `offset`. Bindings between copied nodes point to the copies; bindings to other
 * nodes, workflow inputs and constants are kept. Returns the copies' ids in document order. Unknown ids are skipped.
 */
export function duplicateNodes(doc: WorkflowDoc, ids: readonly NodeId[], offset: Position): { doc: WorkflowDoc; ids: NodeId[] } {
  const nodes = nodesOf(doc);
  const wanted = new Set<string>(ids);
  const taken = new Set<string>(nodes.map((n) => n.id));
  const copyOf = new Map<string, NodeId>();
  const originals: WorkflowNode[] = [];
  for (const node of nodes) {
    if (!wanted.has(node.id) || copyOf.has(node.id)) continue;
    const id = uniqueNodeId(nodeIdBase(node.id), taken);
    taken.add(id);
    copyOf.set(node.id, id);
    originals.push(node);
  }
  if (originals.length === 0) return { doc, ids: [] };
  const remap = (b: Binding): Binding => (isNodeBinding(b) && copyOf.has(b.node) ? { node: copyOf.get(b.node)!, output: b.output } : b);
  const copies = originals.map((node): WorkflowNode => {
    const copy: WorkflowNode = { ...node, id: copyOf.get(node.id)! };
    if (node.inputs) copy.inputs = Object.fromEntries(Object.entries(node.inputs).map(([input, b]) => [input, remap(b)]));
    return copy;
  });
  let next = withSpecField(doc, 'nodes', [...nodes, ...copies]);
  const layout = doc.spec.layout;
  if (layout) {
    const placed = originals.flatMap((n): [string, Position][] => {
      const p = Object.hasOwn(layout, n.id) ? layout[n.id] : undefined;
      return p ? [[copyOf.get(n.id)!, { x: p.x + offset.x, y: p.y + offset.y }]] : [];
    });
    if (placed.length > 0) next = withSpecField(next, 'layout', { ...layout, ...Object.fromEntries(placed) });
  }
  return { doc: next, ids: copies.map((c) => c.id) };
}
