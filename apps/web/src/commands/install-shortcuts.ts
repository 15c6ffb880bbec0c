import { allCommands } from './all-commands';
import { matchesCombo } from './key-combo';
import { isEnabled, runCommand } from './run-command';
import { useUiStore } from '../ui/ui-store';
import { extractFragment } from '@podflow/core';
import { fragmentFromText, fragmentToText } from '../clipboard/fragment-clipboard';
import { commandContext } from './editor-context';
import { selectedTaskNodes } from './copy-selection';
import { pasteFragmentNow } from './paste';

/** Commands that still run while a text field (or the code editor) has focus. */
const GLOBAL_WHILE_TYPING = new Set(['save-version', 'export-pods', 'import-yaml', 'download-yaml', 'toggle-problems']);

/** Focus is on the canvas, or on nothing in particular (the page itself). */
function focusOnCanvas(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || el === document.body || el === document.documentElement || !el.closest) return true;
  return !!el.closest('[data-testid="canvas"]');
}

function isEditable(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || !el.closest) return false;
  return !!el.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"], .monaco-editor');
}

/** One keydown listener for every command's keys (the same commands the toolbar and menus run). */
export function installShortcuts(): () => void {
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.defaultPrevented || e.isComposing) return;
    if (useUiStore.getState().dialog) return; // dialogs handle their own keys
    const typing = isEditable(e.target);
    for (const command of allCommands) {
      if (!command.keys?.some((k) => matchesCombo(e, k))) continue;
      if (typing && !GLOBAL_WHILE_TYPING.has(command.id)) return;
      if (command.scope === 'canvas' && !focusOnCanvas(e.target)) return;
      // A disabled command leaves the key to the browser (Mod+C on selected text still copies it).
      if (!isEnabled(command)) return;
      e.preventDefault();
      runCommand(command);
      return;
    }
  };
  // Copy and paste from the browser's own Edit menu (the keyboard shortcuts above handle the keys themselves).
  const onCopy = (e: ClipboardEvent) => {
    if (isEditable(e.target) || !focusOnCanvas(e.target) || useUiStore.getState().dialog) return;
    const { state } = commandContext();
    const ids = selectedTaskNodes(state.selection.ids);
    if (!state.doc || ids.length === 0 || !e.clipboardData) return;
    e.preventDefault();
    e.clipboardData.setData('text/plain', fragmentToText(extractFragment(state.doc, ids)));
  };
  const onPaste = (e: ClipboardEvent) => {
    if (isEditable(e.target) || !focusOnCanvas(e.target) || useUiStore.getState().dialog) return;
    const fragment = fragmentFromText(e.clipboardData?.getData('text/plain') ?? '');
    if (!fragment || !commandContext().state.doc) return;
    e.preventDefault();
    pasteFragmentNow(commandContext(), fragment);
  };
  window.addEventListener('keydown', onKeyDown);
  document.addEventListener('copy', onCopy);
  document.addEventListener('paste', onPaste);
  return () => {
    window.removeEventListener('keydown', onKeyDown);
    document.removeEventListener('copy', onCopy);
    document.removeEventListener('paste', onPaste);
  };
}
