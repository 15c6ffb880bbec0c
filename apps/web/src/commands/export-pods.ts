import { useUiStore } from '../ui/ui-store';
import { parseCanvasId } from '../canvas/flow-ids';
import { defineCommand } from './command';

export const exportPods = defineCommand({
  id: 'export-pods',
  label: 'Export Kubernetes YAML…',
  keys: ['Mod+E'],
  group: 'Workflow',
  enabled: ({ state }) => state.doc !== null,
  run: ({ state }) => {
    const [only] = state.selection.ids;
    const nodeId = state.selection.ids.length === 1 && only && parseCanvasId(only).kind === 'node' ? only : undefined;
    useUiStore.getState().openDialog(nodeId ? { kind: 'export', nodeId } : { kind: 'export' });
  },
});
