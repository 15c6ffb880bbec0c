import { defineCommand } from './command';

export const zoomIn = defineCommand({
  id: 'zoom-in',
  label: 'Zoom in',
  keys: ['Mod+='],
  group: 'View',
  run: ({ flow }) => void flow?.zoomIn({ duration: 150 }),
});
