import { z } from 'zod';
import { PositionSchema, TaskSchema, WorkflowNodeSchema } from '../document/workflow-schema';

/**
 * What copy puts on the clipboard and paste takes, so that nodes can move between workflows: the nodes, the tasks
 * they need, and their positions keyed by node id. Parse clipboard text with `FragmentSchema` (a boundary).
 */
export const FragmentSchema = z.strictObject({
  tasks: z.array(TaskSchema),
  nodes: z.array(WorkflowNodeSchema),
  layout: z.record(z.string(), PositionSchema),
});
export type Fragment = z.infer<typeof FragmentSchema>;
