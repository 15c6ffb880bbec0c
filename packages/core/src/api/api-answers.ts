import { z } from 'zod';
import { ExecutionIdTextSchema } from '../run/execution-id';
import { JsonSchema, LogStreamSchema, NodeStatusSchema, RunEventSchema, RunStatusSchema } from '../run/run-events';
import { DocumentField, ExecutorKindSchema } from './api-requests';

/**
 * What the API answers (docs/api.md). The server's stored records are typed from these, its tests parse every answer
 * with them, the editor parses what it receives with them, and the OpenAPI document is generated from them. A
 * document inside an answer is a placeholder here: the editor parses it with `parseWorkflow` (schema + migrations).
 */
const Timestamp = z.string().meta({ description: 'ISO 8601, UTC' });
const JsonRecord = z.record(z.string(), JsonSchema);

/** A diagnostic or parse issue inside an error: at least a message, usually a path. */
export const ApiIssueSchema = z.looseObject({
  path: z.string().optional(),
  message: z.string(),
  code: z.string().optional(),
  severity: z.enum(['error', 'warning', 'info']).optional(),
  nodeId: z.string().optional(),
  task: z.string().optional(),
  line: z.number().int().optional(),
  col: z.number().int().optional(),
});
export type ApiIssue = z.infer<typeof ApiIssueSchema>;

/** A diagnostic (validate/diagnostic.ts) as the API sends it. */
export const DiagnosticAnswer = z.object({
  code: z.string(),
  severity: z.enum(['error', 'warning', 'info']),
  message: z.string(),
  path: z.string(),
  nodeId: z.string().optional(),
  task: z.string().optional(),
  line: z.number().int().optional(),
  col: z.number().int().optional(),
});

export const ErrorAnswer = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    field: z.string().optional(),
    issues: z.array(ApiIssueSchema).optional(),
  }),
});
export type ErrorAnswer = z.infer<typeof ErrorAnswer>;

export const WorkflowSummaryAnswer = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  updatedAt: Timestamp,
  draftRevision: z.number().int(),
  latestVersion: z.number().int().nullable(),
  lastRun: z.object({ id: z.string(), status: RunStatusSchema, createdAt: Timestamp }).nullable().meta({ description: 'The newest run of the workflow, if any' }),
});
export type WorkflowSummaryAnswer = z.infer<typeof WorkflowSummaryAnswer>;
export const DraftAnswer = z.object({ revision: z.number().int(), document: DocumentField, updatedAt: Timestamp });
export type DraftAnswer = z.infer<typeof DraftAnswer>;
export const WorkflowAnswer = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  draft: DraftAnswer,
  latestVersion: z.number().int().nullable(),
});
export type WorkflowAnswer = z.infer<typeof WorkflowAnswer>;
export const RevisionAnswer = z.object({ revision: z.number().int() });
export const DraftConflictAnswer = ErrorAnswer.extend({ draft: DraftAnswer });
export const VersionSummaryAnswer = z.object({ version: z.number().int(), name: z.string(), message: z.string(), createdAt: Timestamp });
export type VersionSummaryAnswer = z.infer<typeof VersionSummaryAnswer>;
export const VersionAnswer = VersionSummaryAnswer.extend({ document: DocumentField });
export type VersionAnswer = z.infer<typeof VersionAnswer>;
export const CreatedVersionAnswer = z.object({ version: z.number().int() });
export const ExampleSummaryAnswer = z.object({ name: z.string(), title: z.string(), description: z.string() });
export type ExampleSummaryAnswer = z.infer<typeof ExampleSummaryAnswer>;
export const ExampleAnswer = z.object({ name: z.string(), yaml: z.string(), document: DocumentField });

export const ContainerStateAnswer = z.object({
  name: z.string(),
  state: z.enum(['running', 'terminated']),
  exitCode: z.number().int().nullable().optional(),
  reason: z.string().optional(),
});
export type ContainerStateAnswer = z.infer<typeof ContainerStateAnswer>;
export const AttemptAnswer = z.object({
  attempt: z.number().int(),
  podName: z.string(),
  status: z.enum(['running', 'succeeded', 'failed']),
  exitCode: z.number().int().nullable(),
  reason: z.string().nullable(),
  startedAt: Timestamp,
  endedAt: Timestamp.nullable(),
  containers: z.array(ContainerStateAnswer),
});
export type AttemptAnswer = z.infer<typeof AttemptAnswer>;
export const ExecutionAnswer = z.object({
  executionId: ExecutionIdTextSchema,
  nodeId: z.string(),
  task: z.string(),
  status: NodeStatusSchema,
  outputs: JsonRecord.nullable(),
  reason: z.string().nullable(),
  attempts: z.array(AttemptAnswer),
});
export type ExecutionAnswer = z.infer<typeof ExecutionAnswer>;
export const RunSummaryAnswer = z.object({
  id: z.string(),
  workflowId: z.string(),
  version: z.number().int(),
  status: RunStatusSchema,
  executor: ExecutorKindSchema,
  inputs: JsonRecord,
  outputs: JsonRecord.nullable(),
  error: z.string().nullable(),
  createdAt: Timestamp,
  startedAt: Timestamp.nullable(),
  endedAt: Timestamp.nullable(),
  /** The last event's sequence number: a client that has seen it has seen everything so far. */
  lastSeq: z.number().int(),
});
export type RunSummaryAnswer = z.infer<typeof RunSummaryAnswer>;
export const RunOptionsAnswer = z.object({
  kubernetes: z.object({ context: z.string().optional(), namespace: z.string().optional(), qps: z.number().optional(), burst: z.number().int().optional() }).optional(),
  reuseFrom: z.object({ runId: z.string(), fromNode: z.string().optional() }).optional(),
  only: z.object({ node: z.string(), inputs: z.record(z.string(), JsonSchema), inputsFrom: z.string().optional() }).optional(),
});
export type RunOptionsAnswer = z.infer<typeof RunOptionsAnswer>;
export const RunAnswer = RunSummaryAnswer.extend({ options: RunOptionsAnswer, executions: z.array(ExecutionAnswer) });
export type RunAnswer = z.infer<typeof RunAnswer>;
export const RunPageAnswer = z.object({ runs: z.array(RunSummaryAnswer), next: z.string().optional() });
export type RunPageAnswer = z.infer<typeof RunPageAnswer>;
export const LogLineAnswer = z.object({
  seq: z.number().int(),
  ts: z.number().meta({ description: 'epoch milliseconds' }),
  executionId: ExecutionIdTextSchema,
  attempt: z.number().int(),
  container: z.string(),
  stream: LogStreamSchema,
  line: z.string(),
});
export type LogLineAnswer = z.infer<typeof LogLineAnswer>;
export const LogPageAnswer = z.object({ lines: z.array(LogLineAnswer), next: z.number().int().optional() });
export type LogPageAnswer = z.infer<typeof LogPageAnswer>;
/** One thing a flytekit import refused or warned about, named by file, line and construct. */
export const FlyteImportDiagnosticAnswer = z.object({
  severity: z.enum(['error', 'warning']),
  code: z.string(),
  file: z.string(),
  line: z.number().int().nullable(),
  construct: z.string(),
  message: z.string(),
  workflow: z.string().optional(),
});
export const FlyteImportAnswer = z.object({
  workflows: z.array(z.object({ function: z.string(), document: DocumentField })),
  diagnostics: z.array(FlyteImportDiagnosticAnswer),
});
export type FlyteImportAnswer = z.infer<typeof FlyteImportAnswer>;
/** What preflight found: every refusal, missing reference, unplaceable pod and missing permission, as diagnostics. */
export const PreflightAnswer = z.object({
  ok: z.boolean().meta({ description: 'no errors: the cluster would accept every pod and some node can take each' }),
  namespace: z.string(),
  server: z.string(),
  counts: z.object({ pods: z.number(), dryRuns: z.number(), references: z.number(), nodes: z.number(), accessReviews: z.number() }),
  diagnostics: z.array(DiagnosticAnswer),
});
export type PreflightAnswer = z.infer<typeof PreflightAnswer>;
export const HealthAnswer = z.object({ ok: z.literal(true), version: z.string() });
/** One `data:` of `GET /api/runs/:id/events` (the SSE id is its `seq`). */
export const RunEventStreamAnswer = RunEventSchema;
export const WorkflowListAnswer = z.array(WorkflowSummaryAnswer);
export const VersionListAnswer = z.array(VersionSummaryAnswer);
export const ExampleListAnswer = z.array(ExampleSummaryAnswer);
/** `GET /api/openapi.json`: an OpenAPI 3.1 document (its own meta-schema describes the rest). */
export const OpenApiAnswer = z.looseObject({
  openapi: z.literal('3.1.0'),
  info: z.looseObject({ title: z.string(), version: z.string() }),
  paths: z.record(z.string(), z.record(z.string(), z.unknown())),
  components: z.looseObject({ schemas: z.record(z.string(), z.unknown()) }),
});
export type OpenApiAnswer = z.infer<typeof OpenApiAnswer>;

/** POST /api/workflows/:id/submit-argo */
export const SubmitArgoAnswer = z.object({
  kind: z.enum(['Workflow', 'WorkflowTemplate']),
  name: z.string(),
  namespace: z.string(),
  follow: z.string(),
  configMaps: z.array(z.object({ name: z.string(), created: z.boolean() })),
});
