import { memo } from 'react';
import { useRunStore } from '../../runs/run-store';
import { useCanvasOverlays } from '../canvas-overlays';
import { taskNodeGeometry } from '../node-geometry';
import type { TaskNodeData } from '../node-view';
import { noteRender } from './render-probe';
import { standInPorts } from './stand-in-ports';
import node from './node.module.css';
import styles from './TaskNodeStandIn.module.css';
import { cx } from '../../ui/cx';

export interface StandInProps {
  data: TaskNodeData;
  selected: boolean;
  width: number | undefined;
  height: number | undefined;
  /** Zoomed in, where the real body is the full one: the title at the full body's size (else the compact body's). */
  fullTitle: boolean;
}

/**
 * What a task node is drawn as while the view moves (body-upgrades.ts), made to cost little to mount and to paint:
 * one box at the node's size with its title, in the border of its selection or run status (read once, not
 * subscribed: the node is upgraded to its real body as soon as the view is still), and its ports as unpainted
 * elements where the real ones will be — React Flow measures them, so edges end where they will, but a pan draws no
 * port (painted ports, round and ringed, were about a third of a pan's raster time; bench/canvas-pan-probe.ts).
 */
export const TaskNodeStandIn = memo(function TaskNodeStandIn({ data, selected, width, height, fullTitle }: StandInProps) {
  noteRender(data.nodeId);
  const { runStatus } = useCanvasOverlays();
  const status = runStatus ? useRunStore.getState().run?.executions[data.nodeId]?.status : undefined;
  const geometry = taskNodeGeometry(data);
  return (
    <div
      className={cx(node.pfNode, styles.standIn, !fullTitle && styles.compactTitle, data.kind === 'map' && styles.map, selected && node.selected)}
      data-stand-in="true"
      data-status={status}
      data-testid={`node-${data.nodeId}`}
      style={{ width: width ?? geometry.width, height: height ?? geometry.height }}
    >
      <div className={styles.title}>{data.nodeId}</div>
      {standInPorts(geometry.handles).map((p) => (
        <div key={p.key} className={cx(p.type, styles.port)} data-handleid={p.id} data-nodeid={data.nodeId} data-handlepos={p.position} style={p.style} />
      ))}
    </div>
  );
});
