import { WorkflowDocSchema, type WorkflowDoc, type WorkflowSpec } from '../document/workflow-schema';
import { done, refuse, type OpResult } from './op-result';
import { schemaRefusal } from './schema-refusal';
import { METADATA_FIELD_ORDER, withField, withSpecField } from './with-field';

/** Workflow-level settings; a field given as `undefined` is removed (except `name`, which is required). */
export interface WorkflowMetaPatch {
  name?: string;
  description?: string;
  defaults?: WorkflowSpec['defaults'];
  failurePolicy?: WorkflowSpec['failurePolicy'];
  podTemplate?: WorkflowSpec['podTemplate'];
  settings?: WorkflowSpec['settings'];
}

const SPEC_KEYS = ['defaults', 'failurePolicy', 'podTemplate', 'settings'] as const;

/** Changes the workflow's name, description, defaults, failure policy, pod template or settings. Refused when malformed. */
export function updateWorkflowMeta(doc: WorkflowDoc, patch: WorkflowMetaPatch): OpResult {
  let metadata = doc.metadata;
  if (patch.name !== undefined) metadata = withField(metadata, 'name', patch.name, METADATA_FIELD_ORDER);
  if (Object.hasOwn(patch, 'description')) metadata = withField(metadata, 'description', patch.description, METADATA_FIELD_ORDER);
  let next = metadata === doc.metadata ? doc : { ...doc, metadata };
  for (const key of SPEC_KEYS) {
    if (Object.hasOwn(patch, key)) next = withSpecField(next, key, patch[key]);
  }
  if (next === doc) return done(doc);
  const shape = WorkflowDocSchema.shape;
  const checks = [
    ['metadata', shape.metadata.safeParse(next.metadata)],
    ['spec.defaults', shape.spec.shape.defaults.safeParse(next.spec.defaults)],
    ['spec.failurePolicy', shape.spec.shape.failurePolicy.safeParse(next.spec.failurePolicy)],
    ['spec.podTemplate', shape.spec.shape.podTemplate.safeParse(next.spec.podTemplate)],
    ['spec.settings', shape.spec.shape.settings.safeParse(next.spec.settings)],
  ] as const;
  for (const [what, result] of checks) if (!result.success) return refuse(schemaRefusal(what, result.error));
  return done(next);
}
