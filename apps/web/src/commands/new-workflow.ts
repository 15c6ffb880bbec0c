import { useUiStore } from '../ui/ui-store';
import { defineCommand } from './command';

export const newWorkflow = defineCommand({
  id: 'new-workflow',
  label: 'New workflow…',
  keys: ['Alt+N'],
  group: 'Workflow',
  run: () => useUiStore.getState().openDialog({ kind: 'new-workflow' }),
});
