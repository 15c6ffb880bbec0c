import { nameProblem } from '@podflow/core';
import { z } from 'zod';
import { RunIdParamSchema, WorkflowIdSchema } from '../store/ids';

/**
 * The API's request and answer shapes (docs/api.md). Requests are parsed with these before a handler runs; answers
 * are described by them in the OpenAPI document. A workflow document inside a body is checked by core's
 * `parseWorkflow` (its own schema and migrations), so here it is only a placeholder naming that schema.
 */

/** Replaced by `$ref: #/components/schemas/WorkflowDocument` in the OpenAPI document. */
export const DocumentField = z.unknown().meta({ description: 'A workflow document (.podflow.yaml as JSON)', 'x-schema': 'WorkflowDocument' });
/** Replaced by `$ref: #/components/schemas/RunEvent`. */
const RunEventField = z.unknown().meta({ description: 'A run event (packages/core/src/run/run-events.ts)', 'x-schema': 'RunEvent' });
const DiagnosticField = z.unknown().meta({ description: 'A diagnostic or parse issue: {path, message, line?, col?, code?, severity?}' });

const positiveInt = (what: string) =>
  z
    .string()
    .regex(/^[1-9][0-9]{0,8}$/, `expected ${what}: a whole number from 1`)
    .transform(Number);
const countFrom0 = (what: string) =>
  z
    .string()
    .regex(/^(0|[1-9][0-9]{0,14})$/, `expected ${what}: a whole number from 0`)
    .transform(Number);
const boundedInt = (what: string, max: number) =>
  positiveInt(what).refine((n) => n <= max, `at most ${max}`);

/** What a person may type where Kubernetes wants a short name; no control characters, no slashes. */
const SafeName = z
  .string()
  .min(1, 'must not be empty')
  .superRefine((s, ctx) => {
    const problem = nameProblem(s);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const RUN_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;
export const RunStatusSchema = z.enum(RUN_STATUSES);
export const ExecutorKindSchema = z.enum(['local', 'kubernetes']);
/** `NODE`, `NODE[3]`, `NODE/CHILD`, `NODE/CHILD[2]`… */
export const ExecutionIdSchema = z.string().regex(/^[A-Za-z_][A-Za-z0-9_-]{0,62}(\[[0-9]{1,9}\]|\/[A-Za-z0-9_.-]{1,128})*$/, 'expected an execution id like NODE, NODE[3] or NODE/CHILD').max(1024);
export const ExampleNameSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'expected an example name like map-pod-workflow');

// ---------------------------------------------------------------- params

export const WorkflowParams = z.strictObject({ id: WorkflowIdSchema });
export const VersionParams = z.strictObject({ id: WorkflowIdSchema, version: positiveInt('a version number') });
export const RunParams = z.strictObject({ id: RunIdParamSchema });
export const ExampleParams = z.strictObject({ name: ExampleNameSchema });

// ---------------------------------------------------------------- queries (unknown query parameters are ignored)

export const ExportQuery = z.object({ version: positiveInt('a version number').optional() });
export const RunsQuery = z.object({
  workflowId: WorkflowIdSchema.optional(),
  status: RunStatusSchema.optional(),
  limit: boundedInt('a page size', 200).optional(),
  before: RunIdParamSchema.optional(),
});
export const LogsQuery = z.object({
  execution: ExecutionIdSchema.optional(),
  attempt: countFrom0('an attempt number').optional(),
  container: SafeName.optional(),
  after: countFrom0('a log sequence number').optional(),
  limit: boundedInt('a page size', 5000).optional(),
});
export const EventsQuery = z.object({ after: countFrom0('an event sequence number').optional() });
export const LastEventIdSchema = countFrom0('an event sequence number (Last-Event-ID)');

// ---------------------------------------------------------------- bodies

export const CreateWorkflowBody = z
  .strictObject({ document: DocumentField.optional(), yaml: z.string().optional() })
  .refine((b) => (b.document === undefined) !== (b.yaml === undefined), { message: 'give either "document" (JSON) or "yaml" (text), not both' });
export const PutDraftBody = z.strictObject({ document: DocumentField });
export const RenameBody = z.strictObject({ name: SafeName });
export const DuplicateBody = z.strictObject({ name: SafeName.optional() }).optional();
export const CreateVersionBody = z.strictObject({ message: z.string().max(2000, 'at most 2,000 characters').optional() }).optional();
export const EmptyBody = z.strictObject({}).optional();

export const CreateRunBody = z.strictObject({
  workflowId: WorkflowIdSchema,
  version: z.number().int().positive().optional(),
  inputs: z.record(z.string(), z.json()).optional(),
  executor: ExecutorKindSchema.optional(),
  kubernetes: z
    .strictObject({
      context: SafeName.optional(),
      namespace: z.string().regex(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, 'expected a namespace name (a DNS-1123 label)').optional(),
    })
    .optional(),
  reuseFrom: z.strictObject({ runId: RunIdParamSchema, fromNode: z.string().regex(/^[A-Za-z_][A-Za-z0-9_-]{0,62}$/, 'expected a node id').optional() }).optional(),
});

// ---------------------------------------------------------------- answers (documentation)

export const ErrorAnswer = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      field: z.string().optional(),
      issues: z.array(DiagnosticField).optional(),
    }),
  });

const Timestamp = z.string().meta({ description: 'ISO 8601, UTC' });
const Json = z.json();

export const WorkflowSummaryAnswer = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  updatedAt: Timestamp,
  draftRevision: z.number().int(),
  latestVersion: z.number().int().nullable(),
});
export const DraftAnswer = z.object({ revision: z.number().int(), document: DocumentField, updatedAt: Timestamp });
export const WorkflowAnswer = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  draft: DraftAnswer,
  latestVersion: z.number().int().nullable(),
});
export const RevisionAnswer = z.object({ revision: z.number().int() });
export const DraftConflictAnswer = ErrorAnswer.extend({ draft: DraftAnswer });
export const VersionSummaryAnswer = z.object({ version: z.number().int(), name: z.string(), message: z.string(), createdAt: Timestamp });
export const VersionAnswer = VersionSummaryAnswer.extend({ document: DocumentField });
export const ExampleSummaryAnswer = z.object({ name: z.string(), title: z.string(), description: z.string() });
export const ExampleAnswer = z.object({ name: z.string(), yaml: z.string(), document: DocumentField });

const ContainerAnswer = z.object({
  name: z.string(),
  state: z.enum(['running', 'terminated']),
  exitCode: z.number().int().nullable().optional(),
  reason: z.string().optional(),
});
const AttemptAnswer = z.object({
  attempt: z.number().int(),
  podName: z.string(),
  status: z.enum(['running', 'succeeded', 'failed']),
  exitCode: z.number().int().nullable(),
  reason: z.string().nullable(),
  startedAt: Timestamp,
  endedAt: Timestamp.nullable(),
  containers: z.array(ContainerAnswer),
});
const ExecutionAnswer = z.object({
  executionId: z.string(),
  nodeId: z.string(),
  task: z.string(),
  status: z.enum(['queued', 'running', 'retrying', 'succeeded', 'failed', 'cancelled', 'skipped', 'cached']),
  outputs: z.record(z.string(), Json).nullable(),
  reason: z.string().nullable(),
  attempts: z.array(AttemptAnswer),
});
export const RunSummaryAnswer = z.object({
  id: z.string(),
  workflowId: z.string(),
  version: z.number().int(),
  status: RunStatusSchema,
  executor: ExecutorKindSchema,
  inputs: z.record(z.string(), Json),
  outputs: z.record(z.string(), Json).nullable(),
  error: z.string().nullable(),
  createdAt: Timestamp,
  startedAt: Timestamp.nullable(),
  endedAt: Timestamp.nullable(),
  lastSeq: z.number().int(),
});
export const RunAnswer = RunSummaryAnswer.extend({
  options: z.object({
    kubernetes: z.object({ context: z.string().optional(), namespace: z.string().optional() }).optional(),
    reuseFrom: z.object({ runId: z.string(), fromNode: z.string().optional() }).optional(),
  }),
  executions: z.array(ExecutionAnswer),
});
export const RunPageAnswer = z.object({ runs: z.array(RunSummaryAnswer), next: z.string().optional() });
export const LogPageAnswer = z.object({
  lines: z.array(
    z.object({
      seq: z.number().int(),
      ts: z.number().meta({ description: 'epoch milliseconds' }),
      executionId: z.string(),
      attempt: z.number().int(),
      container: z.string(),
      stream: z.enum(['stdout', 'stderr']),
      line: z.string(),
    }),
  ),
  next: z.number().int().optional(),
});
export const HealthAnswer = z.object({ ok: z.literal(true), version: z.string() });
export const RunEventStreamAnswer = RunEventField;
