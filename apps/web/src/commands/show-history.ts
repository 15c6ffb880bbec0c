import { useUiStore } from '../ui/ui-store';
import { defineCommand } from './command';

export const showHistory = defineCommand({
  id: 'show-history',
  label: 'Version history…',
  keys: ['Mod+Shift+H'],
  group: 'Workflow',
  enabled: ({ state }) => state.workflowId !== null,
  run: () => useUiStore.getState().openDialog({ kind: 'history' }),
});
