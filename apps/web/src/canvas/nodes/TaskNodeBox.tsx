import { memo, useMemo } from 'react';
import { useNodeRunStatus } from '../../runs/run-store';
import { taskNodeGeometry } from '../node-geometry';
import type { TaskNodeData } from '../node-view';
import { noteRender } from './render-probe';
import { cx } from '../../ui/cx';
import node from './node.module.css';
import styles from './TaskNodeBox.module.css';

const BORDER = 1;

/**
 * A task node zoomed out below BOX_ZOOM: a box in its kind's (or its run status') colour, at its drawn size, with no
 * text. Its ports are plain elements with React Flow's handle classes and data attributes — React Flow measures
 * them, so edges keep ending where the ports are — without the event handlers and store subscriptions of <Handle>.
 */
export const TaskNodeBox = memo(function TaskNodeBox({ data, selected, width: drawnWidth, height: drawnHeight }: { data: TaskNodeData; selected: boolean; width: number | undefined; height: number | undefined }) {
  noteRender(data.nodeId);
  const status = useNodeRunStatus(data.nodeId);
  const geometry = useMemo(() => taskNodeGeometry(data), [data]);
  const width = drawnWidth ?? geometry.width;
  const height = drawnHeight ?? geometry.height;
  return (
    <div
      className={cx(node.pfNode, node.taskNode, styles.box, `kind-${data.kind}`, selected && styles.selected)}
      data-lod="box"
      style={{ width, height }}
      data-status={status}
      data-testid={`node-${data.nodeId}`}
      title={data.nodeId}
    >
      {geometry.handles.map((h) => (
        <div
          key={`${h.type}:${h.id}`}
          className={cx('react-flow__handle', `react-flow__handle-${h.position}`, node.portHandle, h.type, styles.port)}
          data-handleid={h.id ?? undefined}
          data-nodeid={data.nodeId}
          data-handlepos={h.position}
          style={{ top: h.y + (h.height ?? 0) / 2 - BORDER }}
        />
      ))}
    </div>
  );
});
