import type { WorkflowDoc } from '../document/workflow-schema';

/**
 * What an op that can be refused returns. A refusal leaves the document as it was and says why, in words a person can
 * act on (the editor shows `reason` as it is).
 */
export type OpResult = { ok: true; doc: WorkflowDoc } | { ok: false; reason: string };

export const done = (doc: WorkflowDoc): OpResult => ({ ok: true, doc });
export const refuse = (reason: string): OpResult => ({ ok: false, reason });
