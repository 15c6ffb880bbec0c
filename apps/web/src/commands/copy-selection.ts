import { extractFragment, nodeId } from '@podflow/core';
import { writeFragment } from '../clipboard/fragment-clipboard';
import { parseCanvasId } from '../canvas/flow-ids';
import { toast } from '../ui/toasts';
import { defineCommand, type CommandContext } from './command';

export const selectedTaskNodes = (ids: readonly string[]) => ids.filter((id) => parseCanvasId(id).kind === 'node').map(nodeId);

export async function copySelectionToClipboard({ state }: CommandContext): Promise<number> {
  const ids = selectedTaskNodes(state.selection.ids);
  if (!state.doc || ids.length === 0) return 0;
  await writeFragment(extractFragment(state.doc, ids));
  return ids.length;
}

export const copySelection = defineCommand({
  id: 'copy-selection',
  label: 'Copy',
  keys: ['Mod+C'],
  group: 'Edit',
  scope: 'canvas',
  enabled: ({ state }) => selectedTaskNodes(state.selection.ids).length > 0,
  run: async (ctx) => {
    const n = await copySelectionToClipboard(ctx);
    if (n) toast(`Copied ${n} node${n === 1 ? '' : 's'}`, 'success');
  },
});
