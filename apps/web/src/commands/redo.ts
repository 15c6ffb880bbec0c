import { defineCommand } from './command';

export const redo = defineCommand({
  id: 'redo',
  label: 'Redo',
  keys: ['Mod+Shift+Z', 'Mod+Y'],
  group: 'Edit',
  enabled: ({ state }) => state.future.length > 0,
  run: ({ state }) => state.redo(),
});
