import type { Task, WorkflowDoc, WorkflowInput, WorkflowNode, WorkflowOutput, WorkflowSpec } from '../document/workflow-schema';

/** The order in which fields are written, so that a field an op adds lands where a person would put it. */
export const SPEC_FIELD_ORDER = ['defaults', 'podTemplate', 'failurePolicy', 'settings', 'inputs', 'outputs', 'tasks', 'nodes', 'layout'] as const satisfies readonly (keyof WorkflowSpec)[];
export const TASK_FIELD_ORDER = ['name', 'type', 'description', 'code', 'pod', 'resources', 'image', 'requirements', 'env', 'retries', 'timeoutSeconds', 'cache'] as const satisfies readonly (keyof Task)[];
export const NODE_FIELD_ORDER = ['id', 'task', 'description', 'map', 'inputs'] as const satisfies readonly (keyof WorkflowNode)[];
export const INPUT_FIELD_ORDER = ['name', 'type', 'description', 'default'] as const satisfies readonly (keyof WorkflowInput)[];
export const OUTPUT_FIELD_ORDER = ['name', 'type', 'description', 'from'] as const satisfies readonly (keyof WorkflowOutput)[];
export const METADATA_FIELD_ORDER = ['name', 'description'] as const satisfies readonly (keyof WorkflowDoc['metadata'])[];

/**
 * A copy of `obj` with one field set, or removed when `value` is undefined. A field that exists keeps its place; a
 * new one is put in `order`. Returns `obj` itself when nothing changes.
 */
export function withField<T extends object, K extends keyof T & string>(obj: T, key: K, value: T[K] | undefined, order: readonly (keyof T & string)[]): T {
  const has = Object.hasOwn(obj, key);
  if (value === undefined) {
    if (!has) return obj;
    const { [key]: _removed, ...rest } = obj;
    return rest as T;
  }
  if (has) return obj[key] === value ? obj : { ...obj, [key]: value };
  const source = obj as Record<string, unknown>;
  const entries: [string, unknown][] = [];
  for (const field of order) {
    if (field === key) entries.push([field, value]);
    else if (Object.hasOwn(source, field)) entries.push([field, source[field]]);
  }
  for (const [field, v] of Object.entries(source)) if (!(order as readonly string[]).includes(field)) entries.push([field, v]);
  return Object.fromEntries(entries) as T;
}

/** A copy of the document with one `spec` field set (or removed when undefined). */
export function withSpecField<K extends keyof WorkflowSpec & string>(doc: WorkflowDoc, key: K, value: WorkflowSpec[K] | undefined): WorkflowDoc {
  const spec = withField(doc.spec, key, value, SPEC_FIELD_ORDER);
  return spec === doc.spec ? doc : { ...doc, spec };
}
