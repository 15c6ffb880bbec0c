import { parseWorkflow, type WorkflowDoc } from '@podflow/core';
import { ApiError } from './api-error';

/** A workflow document from a request (JSON data or YAML text), parsed at the boundary; 400 naming the field. */
export function parseDocumentBody(value: unknown, field: 'document' | 'yaml'): WorkflowDoc {
  const result = parseWorkflow(value);
  if (result.ok) return result.doc;
  const first = result.issues[0];
  const more = result.issues.length > 1 ? ` (and ${result.issues.length - 1} more)` : '';
  const path = first?.path ? `${field}.${first.path}` : field;
  const where = first?.line !== undefined ? `${path} (line ${first.line}:${first.col ?? 1})` : path;
  throw new ApiError(400, 'invalid-document', `${where}: ${first?.message ?? 'not a workflow document'}${more}`, {
    field: field === 'yaml' ? 'yaml' : path,
    issues: result.issues,
  });
}
