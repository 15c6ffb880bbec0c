import { defineCommand } from './command';

export const undo = defineCommand({
  id: 'undo',
  label: 'Undo',
  keys: ['Mod+Z'],
  group: 'Edit',
  enabled: ({ state }) => state.past.length > 0,
  run: ({ state }) => state.undo(),
});
