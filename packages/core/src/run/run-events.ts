import { z } from 'zod';
import type { DynamicBinding, DynamicSpec } from '../compile/runtime-contract';
import type { Json } from '../util/json';
import { ExecutionIdSchema } from './execution-id';

/**
 * Run events: the source of truth of a run (DESIGN.md §1.6). The scheduler emits them; the server stores them,
 * streams them to the browser (SSE id = `seq`), and rebuilds a run's state from them after a restart. The schemas
 * below are the wire contract: the browser parses every event it receives with `RunEventSchema`, and the OpenAPI
 * document is generated from them. The types are inferred from the schemas, so the two cannot drift.
 */
export const RUN_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;
export const RunStatusSchema = z.enum(RUN_STATUSES);
export type RunStatus = z.infer<typeof RunStatusSchema>;

export const NODE_STATUSES = ['queued', 'running', 'retrying', 'succeeded', 'failed', 'cancelled', 'skipped', 'cached'] as const;
export const NodeStatusSchema = z.enum(NODE_STATUSES);
export type NodeStatus = z.infer<typeof NodeStatusSchema>;

export const LogStreamSchema = z.enum(['stdout', 'stderr']);
export type LogStream = z.infer<typeof LogStreamSchema>;

/** Why an attempt failed, in a form a person can act on and the scheduler can decide on. */
export const FailureKindSchema = z.enum([
  'error', // the task raised or a container exited non-zero
  'timeout',
  'oom',
  'unschedulable',
  'image', // ImagePullBackOff / ErrImagePull
  'config', // CreateContainerConfigError, a mount that cannot be made, a container with no command…
  'evicted',
  'deleted', // the pod was deleted by someone else
  'cancelled',
  'system',
]);
export type FailureKind = z.infer<typeof FailureKindSchema>;

/** Any JSON value (values travel as JSON). */
export const JsonSchema = z.json() as z.ZodType<Json>;
const JsonRecord = z.record(z.string(), JsonSchema);

const DynamicBindingSchema: z.ZodType<DynamicBinding> = z.lazy(() =>
  z.union([
    z.object({ value: z.unknown() }) as z.ZodType<{ value: unknown }>,
    z.object({ node: z.string(), output: z.string() }),
    z.object({ list: z.array(DynamicBindingSchema) }),
    z.object({ dict: z.record(z.string(), DynamicBindingSchema) }),
  ]),
);
/** A dynamic task's sub-DAG (validated against the workflow by `validateDynamicSpec`). */
export const DynamicSpecSchema: z.ZodType<DynamicSpec> = z.object({
  nodes: z.array(z.object({ id: z.string(), task: z.string(), inputs: z.record(z.string(), DynamicBindingSchema) })),
  outputs: z.record(z.string(), DynamicBindingSchema),
});

const exec = { executionId: ExecutionIdSchema };
const attempt = z.number().int().nonnegative();

export const RunEventBodySchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('run-started'), workflow: z.string(), version: z.number().int().optional(), executor: z.string(), inputs: JsonRecord }),
  z.object({ type: z.literal('node-queued'), ...exec, nodeId: z.string(), task: z.string() }),
  z.object({ type: z.literal('node-started'), ...exec }),
  z.object({ type: z.literal('map-expanded'), ...exec, items: z.number().int().nonnegative() }),
  z.object({ type: z.literal('dynamic-expanded'), ...exec, spec: DynamicSpecSchema }),
  z.object({ type: z.literal('attempt-started'), ...exec, attempt, podName: z.string(), containers: z.array(z.string()) }),
  z.object({ type: z.literal('log'), ...exec, attempt, container: z.string(), stream: LogStreamSchema, line: z.string(), ts: z.number() }),
  z.object({ type: z.literal('container-ended'), ...exec, attempt, container: z.string(), exitCode: z.number().int().nullable(), reason: z.string().optional() }),
  /**
   * A Kubernetes Event about the attempt's pod (FailedScheduling, FailedMount, FailedCreatePodSandBox, BackOff, an
   * image pull error…), as it happens: why a pod is not running yet. `warning`: the Event's type was Warning.
   */
  z.object({ type: z.literal('pod-event'), ...exec, attempt, reason: z.string(), message: z.string(), warning: z.boolean() }),
  z.object({ type: z.literal('attempt-succeeded'), ...exec, attempt }),
  z.object({ type: z.literal('attempt-failed'), ...exec, attempt, kind: FailureKindSchema, reason: z.string(), exitCode: z.number().int().nullable().optional() }),
  z.object({ type: z.literal('node-retrying'), ...exec, attempt, of: z.number().int() }),
  z.object({ type: z.literal('node-succeeded'), ...exec, outputs: JsonRecord }),
  z.object({ type: z.literal('node-cached'), ...exec, outputs: JsonRecord, fromRun: z.string().optional() }),
  z.object({ type: z.literal('node-failed'), ...exec, reason: z.string(), kind: FailureKindSchema }),
  z.object({ type: z.literal('node-skipped'), ...exec, reason: z.string() }),
  z.object({ type: z.literal('node-cancelled'), ...exec }),
  z.object({ type: z.literal('run-succeeded'), outputs: JsonRecord }),
  z.object({ type: z.literal('run-failed'), reason: z.string() }),
  z.object({ type: z.literal('run-cancelled'), reason: z.string().optional() }),
]);
export type RunEventBody = z.infer<typeof RunEventBodySchema>;

/** Members every stored event has besides its body. */
export const RunEventEnvelopeSchema = z.object({
  runId: z.string(),
  /** 1, 2, 3… per run, without gaps (the SSE id). */
  seq: z.number().int().positive(),
  /** Epoch milliseconds. */
  ts: z.number(),
});

export const RunEventSchema = z.intersection(RunEventBodySchema, RunEventEnvelopeSchema).meta({ description: 'A run event; the other members depend on `type`.' });
export type RunEvent = RunEventBody & z.infer<typeof RunEventEnvelopeSchema>;

export type RunEventType = RunEvent['type'];
