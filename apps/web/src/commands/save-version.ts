import { useUiStore } from '../ui/ui-store';
import { defineCommand } from './command';

export const saveVersion = defineCommand({
  id: 'save-version',
  label: 'Save version…',
  keys: ['Mod+S'],
  group: 'Workflow',
  enabled: ({ state }) => state.workflowId !== null,
  run: () => useUiStore.getState().openDialog({ kind: 'save-version' }),
});
