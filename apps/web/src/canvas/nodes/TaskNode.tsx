import { memo } from 'react';
import type { Node, NodeProps } from '@xyflow/react';
import type { TaskNodeData } from '../node-view';
import { TaskNodeBody } from './TaskNodeBody';

/** A node invoking a Python task once. */
export const TaskNode = memo(function TaskNode({ data, selected, width, height }: NodeProps<Node<TaskNodeData, 'task'>>) {
  return <TaskNodeBody data={data} selected={!!selected} width={width} height={height} />;
});
