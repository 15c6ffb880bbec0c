export { nodeEdges, type WorkflowEdge, type NodeEdge, type WorkflowInputEdge, type WorkflowOutputEdge } from './node-edges';
export { topoSort, type TopoSortResult } from './topo-sort';
export { upstream } from './upstream';
export { downstream } from './downstream';
export { wouldCreateCycle } from './would-create-cycle';
export { graphIndex, type GraphIndex } from './graph-index';
export { isNodeBinding } from './is-node-binding';
