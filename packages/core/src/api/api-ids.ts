import { z } from 'zod';
import { runId, type RunId } from '../document/ids';

/**
 * Server-made ids as they travel through the API. Every id from a URL or a body is matched against its pattern before
 * it reaches the database, so that `..%2F`, `%00` and other surprises are refused at the door.
 */
export const WORKFLOW_ID_PATTERN = /^wf_[0-9a-f]{20}$/;
export const RUN_ID_PATTERN = /^run_[0-9a-f]{20}$/;

export const WorkflowIdSchema = z
  .string()
  .regex(WORKFLOW_ID_PATTERN, 'expected a workflow id like wf_0123456789abcdef0123')
  .brand<'WorkflowId'>();
export type WorkflowId = z.infer<typeof WorkflowIdSchema>;

export const RunIdParamSchema = z
  .string()
  .regex(RUN_ID_PATTERN, 'expected a run id like run_0123456789abcdef0123')
  .transform((s): RunId => runId(s));
