import { duplicateNodes, nodeId } from '@podflow/core';
import { useEditorStore } from '../store/editor-store';
import { parseCanvasId } from '../canvas/flow-ids';
import { defineCommand } from './command';

const taskNodeIds = (ids: readonly string[]) => ids.filter((id) => parseCanvasId(id).kind === 'node').map(nodeId);

export const duplicateSelection = defineCommand({
  id: 'duplicate-selection',
  label: 'Duplicate',
  keys: ['Mod+D'],
  group: 'Edit',
  scope: 'canvas',
  enabled: ({ state }) => taskNodeIds(state.selection.ids).length > 0,
  run: ({ state }) => {
    let created: string[] = [];
    state.apply((doc) => {
      const r = duplicateNodes(doc, taskNodeIds(state.selection.ids), { x: 40, y: 40 });
      created = r.ids;
      return r.doc;
    }, 'Duplicate');
    if (created.length) useEditorStore.getState().select(created);
  },
});
