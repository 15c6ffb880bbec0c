import { memo } from 'react';
import type { Node, NodeProps } from '@xyflow/react';
import type { TaskNodeData } from '../node-view';
import { TaskNodeBody } from './TaskNodeBody';

/** A map node: the task runs once per item of its mapped inputs (drawn as a stack). */
export const MapNode = memo(function MapNode({ data, selected, width, height }: NodeProps<Node<TaskNodeData, 'map'>>) {
  return <TaskNodeBody data={data} selected={!!selected} width={width} height={height} />;
});
