import type { Binding, NodeOutputBinding } from '../document/workflow-schema';

/** True for a binding that takes an upstream node's output (an edge), as opposed to a workflow input or a constant. */
export const isNodeBinding = (binding: Binding): binding is NodeOutputBinding => 'node' in binding;
