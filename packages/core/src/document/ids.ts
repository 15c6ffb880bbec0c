import { z } from 'zod';

/** Node ids are unique within a workflow; they key `spec.layout` and name executions (`NODE[i]`, `NODE/CHILD`). */
export const NodeIdSchema = z.string().brand<'NodeId'>();
export type NodeId = z.infer<typeof NodeIdSchema>;
export const nodeId = (id: string): NodeId => id as NodeId;

/** A run of a workflow version. */
export const RunIdSchema = z.string().brand<'RunId'>();
export type RunId = z.infer<typeof RunIdSchema>;
export const runId = (id: string): RunId => id as RunId;

/** Node ids match this pattern (checked by validation, so that a document with a bad id still opens). */
export const NODE_ID_PATTERN = /^[A-Za-z_][A-Za-z0-9_-]{0,62}$/;
