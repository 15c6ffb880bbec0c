import { memo } from 'react';
import type { Node, NodeProps } from '@xyflow/react';
import type { TaskNodeData } from '../node-view';
import { TaskNodeBody } from './TaskNodeBody';

/** A node invoking a dynamic task, which builds a sub-workflow of task calls when it runs. */
export const DynamicNode = memo(function DynamicNode({ data, selected, width, height }: NodeProps<Node<TaskNodeData, 'dynamic'>>) {
  return <TaskNodeBody data={data} selected={!!selected} width={width} height={height} />;
});
