import { z } from 'zod';
import type { PodSpec } from 'kubernetes-types/core/v1';
import type { Json } from '../util/json';
import { isPlainObject } from '../util/json';
import { NodeIdSchema } from './ids';

/**
 * The workflow document (`*.podflow.yaml`), DESIGN.md §2. This schema checks the *shape* of Podflow's own envelope;
 * everything a person can get wrong while still having a document worth opening (a bad name, a dangling edge, a pod
 * spec field Kubernetes would refuse) is a diagnostic of `validateWorkflow`, so that the editor never refuses to open
 * a file it could show. Parsing never fills in defaults: what the user wrote is what is kept.
 */

export const API_VERSION = 'podflow/v1alpha1';
export const KIND = 'Workflow';

const JsonSchema: z.ZodType<Json> = z.lazy(() =>
  z.union([z.null(), z.boolean(), z.number(), z.string(), z.array(JsonSchema), z.record(z.string(), JsonSchema)]),
);

const StringMap = z.record(z.string(), z.string());

/** A pod spec is kept as written (unknown fields survive); validation checks it against Kubernetes' PodSpec schema. */
const PodSpecSchema = z.custom<PodSpec>((v) => isPlainObject(v), { message: 'expected a mapping (a Kubernetes PodSpec)' });

/** Where a node input takes its value from. */
export const BindingSchema = z.union([
  z.strictObject({ node: NodeIdSchema, output: z.string() }),
  z.strictObject({ input: z.string() }),
  z.strictObject({ value: JsonSchema }),
]);
export type Binding = z.infer<typeof BindingSchema>;
export type NodeOutputBinding = Extract<Binding, { node: unknown }>;

const QuantityMap = z.record(z.string(), z.union([z.string(), z.number()]));
export const ResourcesSchema = z.strictObject({ requests: QuantityMap.optional(), limits: QuantityMap.optional() });
export type Resources = z.infer<typeof ResourcesSchema>;

export const TaskPodSchema = z.strictObject({
  primaryContainerName: z.string().optional(),
  labels: StringMap.optional(),
  annotations: StringMap.optional(),
  spec: PodSpecSchema.optional(),
});
export type TaskPod = z.infer<typeof TaskPodSchema>;

export const TaskKindSchema = z.enum(['python', 'dynamic']);
export type TaskKind = z.infer<typeof TaskKindSchema>;

export const TaskSchema = z.strictObject({
  name: z.string(),
  type: TaskKindSchema,
  description: z.string().optional(),
  code: z.string(),
  pod: TaskPodSchema.optional(),
  resources: ResourcesSchema.optional(),
  image: z.string().optional(),
  env: StringMap.optional(),
  retries: z.number().int().min(0).max(100).optional(),
  timeoutSeconds: z.number().positive().optional(),
  cache: z.strictObject({ enabled: z.boolean(), version: z.string().optional() }).optional(),
  /** pip requirements (PEP 508, no URLs or options) the task's code imports; see `spec.settings.requirements`. */
  requirements: z.array(z.string()).optional(),
});
export type Task = z.infer<typeof TaskSchema>;

export const MapSettingsSchema = z.strictObject({
  over: z.array(z.string()).optional(),
  concurrency: z.number().int().positive().optional(),
  minSuccessRatio: z.number().min(0).max(1).optional(),
  retries: z.number().int().min(0).max(100).optional(),
});
export type MapSettings = z.infer<typeof MapSettingsSchema>;

export const WorkflowNodeSchema = z.strictObject({
  id: NodeIdSchema,
  task: z.string(),
  description: z.string().optional(),
  map: MapSettingsSchema.optional(),
  inputs: z.record(z.string(), BindingSchema).optional(),
});
export type WorkflowNode = z.infer<typeof WorkflowNodeSchema>;

export const WorkflowInputSchema = z.strictObject({
  name: z.string(),
  type: z.string(),
  description: z.string().optional(),
  default: JsonSchema.optional(),
});
export type WorkflowInput = z.infer<typeof WorkflowInputSchema>;

export const WorkflowOutputSchema = z.strictObject({
  name: z.string(),
  type: z.string().optional(),
  description: z.string().optional(),
  from: z.strictObject({ node: NodeIdSchema, output: z.string() }),
});
export type WorkflowOutput = z.infer<typeof WorkflowOutputSchema>;

export const PositionSchema = z.strictObject({ x: z.number(), y: z.number() });
export type Position = z.infer<typeof PositionSchema>;

export const FailurePolicySchema = z.enum(['failFast', 'continue']);
export type FailurePolicy = z.infer<typeof FailurePolicySchema>;

/**
 * How a cluster gets a task's `requirements`: `install` (default) — an init container pip-installs them into a volume
 * the primary imports from; `image` — the task's image already contains them, and the pod is left as it is. The local
 * executor installs them either way (into a cached environment per distinct set).
 */
export const RequirementsModeSchema = z.enum(['install', 'image']);
export type RequirementsMode = z.infer<typeof RequirementsModeSchema>;
export const DEFAULT_REQUIREMENTS_MODE: RequirementsMode = 'install';

export const WorkflowSettingsSchema = z.strictObject({ requirements: RequirementsModeSchema.optional() });
export type WorkflowSettings = z.infer<typeof WorkflowSettingsSchema>;

export const WorkflowSpecSchema = z.strictObject({
  defaults: z
    .strictObject({
      image: z.string().optional(),
      namespace: z.string().optional(),
      /** Requests and limits for a primary container that sets neither for a resource (Flyte's platform defaults). */
      resources: ResourcesSchema.optional(),
    })
    .optional(),
  podTemplate: z
    .strictObject({
      metadata: z.strictObject({ labels: StringMap.optional(), annotations: StringMap.optional() }).optional(),
      spec: PodSpecSchema.optional(),
    })
    .optional(),
  failurePolicy: FailurePolicySchema.optional(),
  settings: WorkflowSettingsSchema.optional(),
  inputs: z.array(WorkflowInputSchema).optional(),
  outputs: z.array(WorkflowOutputSchema).optional(),
  tasks: z.array(TaskSchema).optional(),
  nodes: z.array(WorkflowNodeSchema).optional(),
  layout: z.record(z.string(), PositionSchema).optional(),
});
export type WorkflowSpec = z.infer<typeof WorkflowSpecSchema>;

export const WorkflowDocSchema = z.strictObject({
  apiVersion: z.literal(API_VERSION),
  kind: z.literal(KIND),
  metadata: z.strictObject({ name: z.string(), description: z.string().optional() }),
  spec: WorkflowSpecSchema,
});
export type WorkflowDoc = z.infer<typeof WorkflowDocSchema>;

/** Defaults applied when a document leaves a field out (read through these, never written into the document). */
export const DEFAULT_IMAGE = 'python:3.12-slim';
export const DEFAULT_NAMESPACE = 'default';
export const DEFAULT_PRIMARY_CONTAINER = 'primary';
