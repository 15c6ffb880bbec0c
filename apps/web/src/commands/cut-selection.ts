import { nodeId, removeNodes } from '@podflow/core';
import { defineCommand } from './command';
import { copySelectionToClipboard, selectedTaskNodes } from './copy-selection';

export const cutSelection = defineCommand({
  id: 'cut-selection',
  label: 'Cut',
  keys: ['Mod+X'],
  group: 'Edit',
  scope: 'canvas',
  enabled: ({ state }) => selectedTaskNodes(state.selection.ids).length > 0,
  run: async (ctx) => {
    const ids = selectedTaskNodes(ctx.state.selection.ids);
    await copySelectionToClipboard(ctx);
    ctx.state.apply((doc) => removeNodes(doc, ids.map(nodeId)), 'Cut');
    ctx.state.select([]);
  },
});
