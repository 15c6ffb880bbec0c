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
import { offer } from '../ui/toasts';
import { orphanedTasks, removeTasks } from '../palette/orphaned-tasks';
import { useEditorStore } from '../store/editor-store';
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
    const before = state.doc;
    state.apply((doc) => deleteCanvasItems(doc, ids, edges), 'Delete');
    state.select([]);
    const after = useEditorStore.getState().doc;
    if (before && after) offerToRemoveTasks(orphanedTasks(before, after));
  },
});

/**
 * After a delete left tasks that nothing invokes any more, offers to remove them too, as its own undo step (the task
 * stays in the palette's list until then, and can be placed again).
 */
function offerToRemoveTasks(names: readonly string[]): void {
  if (names.length === 0) return;
  const what = names.length === 1 ? `task ${names[0]}` : `${names.length} tasks (${names.join(', ')})`;
  offer(`No node uses ${what} any more.`, {
    label: names.length === 1 ? 'Remove task' : 'Remove tasks',
    testId: 'remove-orphaned-tasks',
    run: () => useEditorStore.getState().apply((doc) => removeTasks(doc, names), names.length === 1 ? `Remove task ${names[0]}` : 'Remove tasks'),
  });
}
