import { z } from 'zod';
import { NODE_ID_PATTERN } from '../document/ids';
import { nameProblem } from '../document/workflow-name';
import { ExecutionIdSchema } from '../run/execution-id';
import { JsonSchema, RunStatusSchema } from '../run/run-events';
import { RunIdParamSchema, WorkflowIdSchema } from './api-ids';

/**
 * What the API accepts (docs/api.md): path parameters, queries and bodies. The server parses every request with these
 * before a handler runs (a 400 names the field); the editor builds its requests from the same types; the OpenAPI
 * document is generated from them. A workflow document inside a body is checked by `parseWorkflow` (its own schema
 * and migrations), so here it is a placeholder naming that schema.
 */

/** Replaced by `$ref: #/components/schemas/WorkflowDocument` in the OpenAPI document. */
export const DocumentField = z.unknown().meta({ description: 'A workflow document (.podflow.yaml as JSON)', 'x-schema': 'WorkflowDocument' });

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
const boundedInt = (what: string, max: number) => positiveInt(what).refine((n) => n <= max, `at most ${max}`);

/** What a person may type where Kubernetes wants a short name; no control characters, no slashes. */
const SafeName = z
  .string()
  .min(1, 'must not be empty')
  .superRefine((s, ctx) => {
    const problem = nameProblem(s);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const ExecutorKindSchema = z.enum(['local', 'kubernetes']);
export type ExecutorKind = z.infer<typeof ExecutorKindSchema>;
export const ExampleNameSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'expected an example name like map-pod-workflow');

// ---------------------------------------------------------------- params

export const WorkflowParams = z.strictObject({ id: WorkflowIdSchema });
export const VersionParams = z.strictObject({ id: WorkflowIdSchema, version: positiveInt('a version number') });
export const RunParams = z.strictObject({ id: RunIdParamSchema });
export const ExampleParams = z.strictObject({ name: ExampleNameSchema });

// ---------------------------------------------------------------- queries (unknown query parameters are ignored)

const queryFlag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
export const ExportQuery = z.object({
  version: positiveInt('a version number').optional(),
  /**
   * `podflow` (default): the document itself; `argo`: the code ConfigMaps and an Argo Workflow (docs/argo-export.md);
   * `flyte`: a flytekit module (packages/flyte-bridge/README.md).
   */
  format: z.enum(['podflow', 'argo', 'flyte']).optional(),
  generateName: queryFlag.optional(),
  template: queryFlag.optional(),
});
export const SubmitArgoBody = z
  .strictObject({
    context: SafeName.optional(),
    namespace: z.string().regex(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, 'expected a namespace name (a DNS-1123 label)').optional(),
    inputs: z.record(z.string(), z.json()).optional(),
  })
  .optional();
/** A flytekit module to import: its file name (for diagnostics) and its Python source. */
export const FlyteImportBody = z.strictObject({
  filename: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*\.py$/, 'a Python module file name such as pod_example.py'),
  source: z.string().max(1024 * 1024, 'at most 1 MiB of Python'),
  workflow: z.string().optional(),
});
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
/** The log query as the editor writes it (numbers before they become query text). */
export type LogsQueryInput = { execution?: string; attempt?: number; container?: string; after?: number; limit?: number };
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

export const KubernetesTargetSchema = z.strictObject({
  context: SafeName.optional(),
  namespace: z.string().regex(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, 'expected a namespace name (a DNS-1123 label)').optional(),
});
/** A run's cluster, and the executor's client-side limit of Kubernetes API calls (as `podflow run --kube-api-qps/-burst`). */
export const KubernetesRunSchema = KubernetesTargetSchema.extend({
  qps: z
    .number({ error: 'expected a number of API calls a second' })
    .min(0, 'expected a number of API calls a second ≥ 0 (0: no limit)')
    .max(100_000, 'at most 100,000 calls a second')
    .optional()
    .meta({ description: 'API calls a second the executor may make (0: no client-side limit). Neither qps nor burst given: no client-side limit when the API server has API Priority and Fairness (Kubernetes ≥ 1.20 by default), else 50 a second' }),
  burst: z
    .number({ error: 'expected a whole number of API calls' })
    .int('expected a whole number of API calls')
    .min(1, 'expected a whole number of API calls ≥ 1')
    .max(100_000, 'at most 100,000 calls')
    .optional()
    .meta({ description: 'API calls the executor may make at once above the rate (default 100 when a limit applies)' }),
});
export const CreateRunBody = z.strictObject({
  workflowId: WorkflowIdSchema,
  version: z.number().int().positive().optional(),
  inputs: z.record(z.string(), JsonSchema).optional(),
  executor: ExecutorKindSchema.optional(),
  kubernetes: KubernetesRunSchema.optional(),
  reuseFrom: z.strictObject({ runId: RunIdParamSchema, fromNode: z.string().regex(NODE_ID_PATTERN, 'expected a node id').optional() }).optional(),
  only: z
    .strictObject({
      node: z.string().regex(NODE_ID_PATTERN, 'expected a node id'),
      inputs: z.record(z.string(), JsonSchema).optional().meta({ description: "values of the node's input ports, by port name" }),
      inputsFrom: RunIdParamSchema.optional().meta({ description: 'an ended run of this workflow whose upstream outputs (and workflow inputs) fill the ports not given' }),
    })
    .optional()
    .meta({ description: 'run only this node, with pinned inputs; the rest of the workflow does not run' }),
});
/** Check a workflow (the draft, or a version) against a live cluster before running it. */
export const PreflightBody = z.strictObject({ version: z.number().int().positive().optional(), kubernetes: KubernetesTargetSchema.optional() }).optional();
/** A run request as a client writes it (ids as plain text). */
export type CreateRunRequest = z.input<typeof CreateRunBody>;
