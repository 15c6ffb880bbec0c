import { z } from 'zod';

/**
 * Execution ids (DESIGN.md §8): one per execution of a node in a run. A node's own execution is its node id; a map
 * item is `NODE[i]`; a dynamic task's child is `NODE/CHILD`; they nest (`NODE/CHILD[2]`, `A/B/C`). Built and read only
 * here, so that the scheduler, the store, the CLI and the editor agree on them.
 */
export type ExecutionId = string & z.$brand<'ExecutionId'>;

const EXECUTION_ID = /^[A-Za-z_][A-Za-z0-9_-]{0,62}(\[[0-9]{1,9}\]|\/[A-Za-z0-9_.-]{1,128})*$/;
const MAP_ITEM = /^(.*)\[(\d+)\]$/;

/** A well-formed execution id as plain text: the wire format inside run events and answers. */
export const ExecutionIdTextSchema = z.string().max(1024).regex(EXECUTION_ID, 'expected an execution id like NODE, NODE[3] or NODE/CHILD');

/**
 * The one parser of execution ids from outside (API queries, run events, answers): checks the text and gives the
 * branded id. A brand, not a transform: the wire format (JSON Schema, OpenAPI) stays the plain pattern-checked string.
 */
export const ExecutionIdSchema = ExecutionIdTextSchema.brand<'ExecutionId'>();

/**
 * Text known to be an execution id (read back from the store, written in a test) as the branded id: checked by the
 * same parser, so that a malformed one fails here, loudly, and not somewhere downstream.
 */
export const executionIdOf = (text: string): ExecutionId => ExecutionIdSchema.parse(text);

export const isExecutionId = (value: string): value is ExecutionId => value.length <= 1024 && EXECUTION_ID.test(value);

/** A node's own execution. */
export const nodeExecutionId = (nodeId: string): ExecutionId => nodeId as ExecutionId;
/** Item `index` of a map execution: `NODE[i]`. */
export const mapItemExecutionId = (parent: string, index: number): ExecutionId => `${parent}[${index}]` as ExecutionId;
/** The child `child` (a call id of the dynamic spec) of a dynamic execution: `NODE/CHILD`. */
export const dynamicChildExecutionId = (parent: string, child: string): ExecutionId => `${parent}/${child}` as ExecutionId;

/** `NODE[3]` → `{ parent: NODE, index: 3 }`; anything else → undefined. */
export function mapItemOf(executionId: string): { parent: ExecutionId; index: number } | undefined {
  const m = MAP_ITEM.exec(executionId);
  return m ? { parent: m[1] as ExecutionId, index: Number(m[2]) } : undefined;
}

export const isMapItem = (executionId: string): boolean => mapItemOf(executionId) !== undefined;

/** `NODE[3]` → `NODE`; `A/B` → `A`; `A/B/C` → `A/B`; a node's own execution → undefined. */
export function parentExecutionId(executionId: string): ExecutionId | undefined {
  const item = mapItemOf(executionId);
  if (item) return item.parent;
  const slash = executionId.lastIndexOf('/');
  return slash > 0 ? (executionId.slice(0, slash) as ExecutionId) : undefined;
}

/** The workflow node an execution belongs to: `NODE[3]` → `NODE`, `NODE/CHILD` → `NODE`. */
export const nodeIdOfExecution = (executionId: string): string => executionId.split(/[[/]/, 1)[0] ?? executionId;
