import { fitAll } from '../canvas/fit-all';
import { defineCommand } from './command';
import { canvasNodes } from './editor-context';

export const zoomToFit = defineCommand({
  id: 'zoom-to-fit',
  label: 'Zoom to fit',
  keys: ['Shift+1'],
  group: 'View',
  run: ({ flow }) => {
    if (flow) fitAll(flow, document.querySelector<HTMLElement>('[data-testid="canvas"]'), { duration: 250, maxZoom: 1.25 }, canvasNodes());
  },
});
