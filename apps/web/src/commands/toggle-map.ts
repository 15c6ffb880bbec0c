import { findNode, findTask, nodeId, setMap } from '@podflow/core';
import { toast } from '../ui/toasts';
import { parseCanvasId } from '../canvas/flow-ids';
import { defineCommand, type CommandContext } from './command';

function selectedNode(ctx: CommandContext) {
  const [id] = ctx.state.selection.ids;
  if (ctx.state.selection.ids.length !== 1 || !id || parseCanvasId(id).kind !== 'node' || !ctx.state.doc) return undefined;
  return findNode(ctx.state.doc, id);
}

/** Makes the selected node a map node over its task, or a plain node again. */
export const toggleMap = defineCommand({
  id: 'toggle-map',
  label: 'Map over a list / run once',
  keys: ['M'],
  group: 'Canvas',
  scope: 'canvas',
  enabled: (ctx) => {
    const node = selectedNode(ctx);
    return !!node && findTask(ctx.state.doc!, node.task)?.type !== 'dynamic';
  },
  run: (ctx) => {
    const node = selectedNode(ctx);
    if (!node) return;
    let reason: string | undefined;
    ctx.state.apply((doc) => {
      const r = setMap(doc, nodeId(node.id), node.map ? undefined : {});
      if (!r.ok) reason = r.reason;
      return r.ok ? r.doc : doc;
    }, node.map ? 'Run once' : 'Map over a list');
    if (reason) toast(reason, 'error');
  },
});
