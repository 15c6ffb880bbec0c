import type { NodeId } from '../document/ids';
import type { WorkflowDoc } from '../document/workflow-schema';
import { findNode } from '../document/accessors';
import type { Json } from '../util/json';
import { nonFiniteAt } from './finite-json';
import { done, refuse, type OpResult } from './op-result';
import { setNodeBinding } from './set-node-binding';

/** Binds a node input to a constant, replacing its previous binding. Refused for a missing node or NaN/infinities. */
export function setInputValue(doc: WorkflowDoc, { node, input, value }: { node: NodeId; input: string; value: Json }): OpResult {
  if (!findNode(doc, node)) return refuse(`there is no node "${node}"`);
  const bad = nonFiniteAt(value);
  if (bad !== undefined) return refuse(`the value for "${input}" has a number JSON cannot carry (NaN or infinity) at ${bad}`);
  return done(setNodeBinding(doc, node, input, { value }));
}
