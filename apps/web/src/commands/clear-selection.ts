import { useCanvasView } from '../canvas/canvas-view-store';
import { defineCommand } from './command';

export const clearSelection = defineCommand({
  id: 'clear-selection',
  label: 'Clear selection',
  keys: ['Escape'],
  group: 'Edit',
  scope: 'canvas',
  run: ({ state }) => {
    useCanvasView.getState().setMenu(null);
    state.select([]);
  },
});
