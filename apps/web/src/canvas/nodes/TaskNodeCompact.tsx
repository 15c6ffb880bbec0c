import { memo } from 'react';
import { Handle } from '@xyflow/react';
import type { NodeStatus } from '@podflow/core';
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
export const TaskNodeCompact = memo(function TaskNodeCompact(props: CompactProps) {
  noteRender(props.data.nodeId);
  const status = useNodeRunStatus(props.data.nodeId);
  return <CompactFrame {...props} status={status} standIn={false} />;
});

/**
 * The compact body's markup. As a stand-in (body-upgrades.ts) its ports are plain elements with React Flow's handle
 * classes and data attributes, at the same places: React Flow measures them, so edges end where they will, but they
 * hold no store subscription and start no connection.
 */
export function CompactFrame({ data, selected, width: drawnWidth, height: drawnHeight, status, standIn, fullTitle = false }: CompactProps & { status: NodeStatus | undefined; standIn: boolean; fullTitle?: boolean }) {
  const geometry = taskNodeGeometry(data);
  const width = drawnWidth ?? geometry.width;
  const height = drawnHeight ?? geometry.height;
  return (
    <div
      className={cx(node.pfNode, node.taskNode, `kind-${data.kind}`, selected && node.selected)}
      data-compact="true"
      data-stand-in={standIn || undefined}
      style={{ width, height }}
      data-status={status}
      data-testid={`node-${data.nodeId}`}
    >
      {data.kind === 'map' && <div className={node.mapStack} aria-hidden="true" />}
      <div className={cx(node.nodeHeader, !fullTitle && node.compactHeader)} data-testid="node-header">
        <div className={node.nodeTitle}>{data.nodeId}</div>
      </div>
      {geometry.handles.map((h) =>
        standIn ? (
          <div
            key={`${h.type}:${h.id}`}
            className={cx('react-flow__handle', `react-flow__handle-${h.position}`, node.portHandle, h.type)}
            data-handleid={h.id ?? undefined}
            data-nodeid={data.nodeId}
            data-handlepos={h.position}
            style={{ top: h.y + (h.height ?? 0) / 2 - BORDER }}
          />
        ) : (
          <Handle
            key={`${h.type}:${h.id}`}
            type={h.type}
            position={h.position}
            id={h.id ?? undefined}
            className={node.portHandle}
            style={{ top: h.y + (h.height ?? 0) / 2 - BORDER }}
          />
        ),
      )}
    </div>
  );
}
