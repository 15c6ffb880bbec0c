import type { NodeTypes } from '@xyflow/react';
import { TaskNode } from './nodes/TaskNode';
import { MapNode } from './nodes/MapNode';
import { DynamicNode } from './nodes/DynamicNode';
import { WorkflowInputNode } from './nodes/WorkflowInputNode';
import { WorkflowOutputNode } from './nodes/WorkflowOutputNode';

/** At module scope so React Flow never sees a new object (integration-notes §2.1). */
export const nodeTypes: NodeTypes = {
  task: TaskNode,
  map: MapNode,
  dynamic: DynamicNode,
  input: WorkflowInputNode,
  output: WorkflowOutputNode,
};
