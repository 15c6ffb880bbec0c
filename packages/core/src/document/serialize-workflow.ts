import { stringify } from 'yaml';
import type { WorkflowDoc } from './workflow-schema';

/**
 * Writes a document as `.podflow.yaml`. Code is written as a literal block (`code: |`), so a file in git diffs line by
 * line; keys come in the schema's order (parsing normalises them), so saved files diff cleanly.
 */
export function serializeWorkflow(doc: WorkflowDoc): string {
  return stringify(doc, { lineWidth: 0, blockQuote: 'literal', aliasDuplicateObjects: false });
}
