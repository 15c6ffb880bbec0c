import { useUiStore } from '../ui/ui-store';
import { defineCommand } from './command';

export const toggleProblems = defineCommand({
  id: 'toggle-problems',
  label: 'Show / hide problems',
  keys: ['Mod+J'],
  group: 'View',
  run: () => {
    const ui = useUiStore.getState();
    ui.setProblemsOpen(!ui.problemsOpen);
  },
});
