import { moveNodes } from '@podflow/core';
import { elkLayout } from '../layout/elk-layout';
import { anchorPositions, layoutGraph } from '../layout/layout-graph';
import { useEditorStore } from '../store/editor-store';
import { fitAll } from '../canvas/fit-all';
import { defineCommand } from './command';
import { canvasNodeBox, canvasNodes } from './editor-context';

/** Below this zoom node text cannot be read: a large workflow is shown from its start instead of whole. */
const READABLE_ZOOM = 0.45;

export const autoLayout = defineCommand({
  id: 'auto-layout',
  label: 'Tidy up layout',
  keys: ['Shift+L'],
  group: 'Canvas',
  enabled: ({ state }) => (state.doc?.spec.nodes?.length ?? 0) + (state.doc?.spec.inputs?.length ?? 0) > 0,
  run: async ({ state, flow }) => {
    const doc = state.doc;
    if (!doc) return;
    // Sizes as drawn (React Flow knows only the nodes near the view; the canvas keeps every size it measured).
    const graph = layoutGraph(doc, (id) => {
      const n = canvasNodes().find((node) => node.id === id);
      return n?.measured?.width && n.measured.height ? { width: n.measured.width, height: n.measured.height } : undefined;
    });
    const laid = await elkLayout(graph);
    const positions = anchorPositions(laid, (id) => canvasNodeBox(id));
    // The document may have changed while the worker ran: apply to the current one (moveNodes skips what is gone).
    useEditorStore.getState().apply((current) => moveNodes(current, positions), 'Tidy up layout');
    window.setTimeout(() => flow && fitAll(flow, document.querySelector<HTMLElement>('[data-testid="canvas"]'), { duration: 300, minZoom: READABLE_ZOOM }, canvasNodes()), 30);
  },
});
