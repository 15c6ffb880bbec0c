import { documentSizeIssue, nameProblem, parseWorkflow, utf8Length, type ParseResult, type WorkflowDoc } from '@podflow/core';
import { ApiError } from './api-error';

/**
 * A workflow document from a request (JSON data or YAML text), parsed at the boundary; 400 naming the field. JSON
 * data meets the same size limit as text (core's MAX_DOCUMENT_BYTES), measured as its JSON text.
 */
export function parseDocumentBody(value: unknown, field: 'document' | 'yaml'): WorkflowDoc {
  const tooLarge = typeof value === 'string' ? undefined : documentSizeIssue(utf8Length(JSON.stringify(value) ?? ''));
  const result: ParseResult = tooLarge ? { ok: false, issues: [tooLarge] } : parseWorkflow(value);
  if (result.ok) {
    const problem = nameProblem(result.doc.metadata.name);
    if (!problem) return result.doc;
    const path = field === 'yaml' ? 'yaml' : 'document.metadata.name';
    throw new ApiError(400, 'invalid-document', `${field === 'yaml' ? 'yaml: metadata.name' : path}: ${problem}`, {
      field: path,
      issues: [{ path: 'metadata.name', message: problem }],
    });
  }
  const first = result.issues[0];
  const more = result.issues.length > 1 ? ` (and ${result.issues.length - 1} more)` : '';
  const path = first?.path ? `${field}.${first.path}` : field;
  const where = first?.line !== undefined ? `${path} (line ${first.line}:${first.col ?? 1})` : path;
  throw new ApiError(400, 'invalid-document', `${where}: ${first?.message ?? 'not a workflow document'}${more}`, {
    field: field === 'yaml' ? 'yaml' : path,
    issues: result.issues,
  });
}
