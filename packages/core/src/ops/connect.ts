import type { NodeId } from '../document/ids';
import type { Binding, WorkflowDoc } from '../document/workflow-schema';
import { findNode, inputsOf } from '../document/accessors';
import { wouldCreateCycle } from '../graph/would-create-cycle';
import { done, refuse, type OpResult } from './op-result';
import { setNodeBinding } from './set-node-binding';

export interface ConnectArgs {
  /** An upstream node's output, or a workflow input. */
  from: { node: NodeId; output: string } | { input: string };
  to: { node: NodeId; input: string };
}

/**
 * Binds a node input to an upstream output or a workflow input, replacing its previous binding (an input takes one).
 * Refused when either end does not exist, or the edge would be a self-loop or close a cycle. Types are checked by the
 * caller (from the tasks' signatures).
 */
export function connect(doc: WorkflowDoc, { from, to }: ConnectArgs): OpResult {
  if (!findNode(doc, to.node)) return refuse(`there is no node "${to.node}"`);
  let binding: Binding;
  if ('node' in from) {
    if (!findNode(doc, from.node)) return refuse(`there is no node "${from.node}"`);
    if (from.node === to.node) return refuse(`node "${to.node}" cannot take its own output`);
    if (wouldCreateCycle(doc, from.node, to.node)) {
      return refuse(`connecting "${from.node}" to "${to.node}" would create a cycle: "${to.node}" already feeds "${from.node}"`);
    }
    binding = { node: from.node, output: from.output };
  } else {
    if (!inputsOf(doc).some((i) => i.name === from.input)) return refuse(`there is no workflow input "${from.input}"`);
    binding = { input: from.input };
  }
  return done(setNodeBinding(doc, to.node, to.input, binding));
}
