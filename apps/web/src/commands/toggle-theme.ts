import { toggleTheme as toggle } from '../theme/theme';
import { defineCommand } from './command';

export const toggleTheme = defineCommand({
  id: 'toggle-theme',
  label: 'Toggle light / dark theme',
  keys: ['Mod+Shift+L'],
  group: 'View',
  run: () => toggle(),
});
