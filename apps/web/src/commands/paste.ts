import { pasteFragment } from '@podflow/core';
import { readFragment } from '../clipboard/fragment-clipboard';
import { useEditorStore } from '../store/editor-store';
import { toast } from '../ui/toasts';
import { defineCommand, type CommandContext } from './command';
import type { Fragment } from '@podflow/core';

/** Where pasted nodes go: under the pointer when it is over the canvas, else the middle of the view. */
function pastePosition(ctx: CommandContext): { x: number; y: number } {
  const { flow, pointer } = ctx;
  if (!flow) return { x: 0, y: 0 };
  if (pointer) return flow.screenToFlowPosition(pointer);
  const el = document.querySelector('.react-flow');
  const r = el?.getBoundingClientRect();
  return flow.screenToFlowPosition(r ? { x: r.left + r.width / 2 - 120, y: r.top + r.height / 2 - 60 } : { x: 0, y: 0 });
}

export function pasteFragmentNow(ctx: CommandContext, fragment: Fragment): void {
  let ids: string[] = [];
  const at = pastePosition(ctx);
  ctx.state.apply((doc) => {
    const r = pasteFragment(doc, fragment, at);
    ids = r.ids;
    return r.doc;
  }, 'Paste');
  if (ids.length) useEditorStore.getState().select(ids);
}

export const paste = defineCommand({
  id: 'paste',
  label: 'Paste',
  keys: ['Mod+V'],
  group: 'Edit',
  scope: 'canvas',
  enabled: ({ state }) => state.doc !== null,
  run: async (ctx) => {
    const fragment = await readFragment();
    if (!fragment) {
      toast('The clipboard holds no Podflow nodes. Copy nodes on a canvas first.', 'info');
      return;
    }
    pasteFragmentNow(ctx, fragment);
  },
});
