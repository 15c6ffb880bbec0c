import { useUiStore } from '../ui/ui-store';
import { defineCommand } from './command';

/** Connects a port of the selected item without a drag: a list of its ports, each with the ends it may take. */
export const connectPorts = defineCommand({
  id: 'connect-ports',
  label: 'Connect a port…',
  keys: ['C'],
  group: 'Canvas',
  scope: 'canvas',
  enabled: ({ state }) => state.selection.ids.length === 1,
  run: ({ state }) => {
    const [id] = state.selection.ids;
    if (id) useUiStore.getState().openDialog({ kind: 'connect', id });
  },
});
