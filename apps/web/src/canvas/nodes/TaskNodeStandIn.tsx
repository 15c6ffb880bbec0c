import { memo } from 'react';
import { useRunStore } from '../../runs/run-store';
import { useCanvasOverlays } from '../canvas-overlays';
import { noteRender } from './render-probe';
import { CompactFrame, type CompactProps } from './TaskNodeCompact';

/**
 * What a task node is drawn as while the view moves (body-upgrades.ts): the compact body with plain ports, its run
 * status read once (not subscribed: the node is upgraded to its real body as soon as the view is still). `fullTitle`:
 * zoomed in, where the real body is the full one, the title at the full body's size (the compact body's large title is
 * made to be read zoomed out).
 */
export const TaskNodeStandIn = memo(function TaskNodeStandIn({ fullTitle, ...props }: CompactProps & { fullTitle: boolean }) {
  noteRender(props.data.nodeId);
  const { runStatus } = useCanvasOverlays();
  const status = runStatus ? useRunStore.getState().run?.executions[props.data.nodeId]?.status : undefined;
  return <CompactFrame {...props} status={status} standIn fullTitle={fullTitle} />;
});
