import {
  disconnect,
  nodeId,
  removeNodes,
  removeWorkflowInput,
  removeWorkflowOutput,
  type WorkflowDoc,
} from '@podflow/core';
import { parseCanvasId, parseEdgeId } from '../canvas/flow-ids';
import { useCanvasView } from '../canvas/canvas-view-store';
import { defineCommand } from './command';

/** Removes the selected nodes, workflow inputs/outputs and edges in one undo step. */
export function deleteCanvasItems(doc: WorkflowDoc, ids: readonly string[], edges: readonly string[]): WorkflowDoc {
  let next = doc;
  const nodeIds = [];
  for (const id of ids) {
    const ref = parseCanvasId(id);
    if (ref.kind === 'node') nodeIds.push(nodeId(ref.id));
    else if (ref.kind === 'input') next = removeWorkflowInput(next, ref.name);
    else next = removeWorkflowOutput(next, ref.name);
  }
  for (const id of edges) {
    const ref = parseEdgeId(id);
    if (!ref) continue;
    if (ref.kind === 'binding') next = disconnect(next, { node: nodeId(ref.nodeId), input: ref.input });
    else next = removeWorkflowOutput(next, ref.name);
  }
  if (nodeIds.length > 0) next = removeNodes(next, nodeIds);
  return next;
}

export const deleteSelection = defineCommand({
  id: 'delete-selection',
  label: 'Delete',
  keys: ['Delete', 'Backspace'],
  group: 'Edit',
  scope: 'canvas',
  enabled: ({ state }) => state.selection.ids.length > 0 || state.selection.edges.length > 0,
  run: ({ state }) => {
    const { ids, edges } = state.selection;
    const pending = ids.filter((id) => id.startsWith('output:')).map((id) => id.slice('output:'.length));
    useCanvasView.getState().removePendingOutputs(pending);
    state.apply((doc) => deleteCanvasItems(doc, ids, edges), 'Delete');
    state.select([]);
  },
});
