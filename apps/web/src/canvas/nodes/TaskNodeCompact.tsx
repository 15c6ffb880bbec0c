import { memo } from 'react';
import { Handle } from '@xyflow/react';
import { useNodeRunStatus } from '../../runs/run-store';
import { taskNodeGeometry } from '../node-geometry';
import type { TaskNodeData } from '../node-view';
import { noteRender } from './render-probe';
import node from './node.module.css';
import { cx } from '../../ui/cx';

const BORDER = 1;

export interface CompactProps {
  data: TaskNodeData;
  selected: boolean;
  width: number | undefined;
  height: number | undefined;
}

/**
 * A task node drawn compact, for views zoomed out below COMPACT_ZOOM: the box at its drawn size, its title, its run
 * status colour, and its ports where the full body has them (so edges stay where they were, and a drag from a port
 * still connects) — without the rows of names and types, chips, icons and badges.
 */
export const TaskNodeCompact = memo(function TaskNodeCompact({ data, selected, width: drawnWidth, height: drawnHeight }: CompactProps) {
  noteRender(data.nodeId);
  const status = useNodeRunStatus(data.nodeId);
  const geometry = taskNodeGeometry(data);
  const width = drawnWidth ?? geometry.width;
  const height = drawnHeight ?? geometry.height;
  return (
    <div
      className={cx(node.pfNode, node.taskNode, `kind-${data.kind}`, selected && node.selected)}
      data-compact="true"
      style={{ width, height }}
      data-status={status}
      data-testid={`node-${data.nodeId}`}
    >
      {data.kind === 'map' && <div className={node.mapStack} aria-hidden="true" />}
      <div className={cx(node.nodeHeader, node.compactHeader)} data-testid="node-header">
        <div className={node.nodeTitle}>{data.nodeId}</div>
      </div>
      {geometry.handles.map((h) => (
        <Handle
          key={`${h.type}:${h.id}`}
          type={h.type}
          position={h.position}
          id={h.id ?? undefined}
          className={cx(node.portHandle, node.compactPort)}
          style={{ top: h.y + (h.height ?? 0) / 2 - BORDER }}
        />
      ))}
    </div>
  );
});
