import { randomBytes } from 'node:crypto';
import { runId, type RunId, type WorkflowId } from '@podflow/core';

export { RunIdParamSchema, WorkflowIdSchema, type WorkflowId } from '@podflow/core';

/** Server-made ids; their patterns and schemas are core's (api/api-ids.ts), shared with the editor. */
export const newWorkflowId = (): WorkflowId => `wf_${randomBytes(10).toString('hex')}` as WorkflowId;
export const newRunId = (): RunId => runId(`run_${randomBytes(10).toString('hex')}`);
