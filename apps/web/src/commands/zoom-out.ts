import { defineCommand } from './command';

export const zoomOut = defineCommand({
  id: 'zoom-out',
  label: 'Zoom out',
  keys: ['Mod+-'],
  group: 'View',
  run: ({ flow }) => void flow?.zoomOut({ duration: 150 }),
});
