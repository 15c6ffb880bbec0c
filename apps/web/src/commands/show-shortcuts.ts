import { useUiStore } from '../ui/ui-store';
import { defineCommand } from './command';

export const showShortcuts = defineCommand({
  id: 'show-shortcuts',
  label: 'Keyboard shortcuts',
  keys: ['?'],
  group: 'Help',
  run: () => useUiStore.getState().openDialog({ kind: 'shortcuts' }),
});
