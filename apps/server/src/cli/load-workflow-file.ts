import { readFile, stat } from 'node:fs/promises';
import { formatIssue, MAX_DOCUMENT_BYTES, parseWorkflow, formatBytes, type WorkflowDoc } from '@podflow/core';
import { UsageError } from './usage-error';

/** Reads and parses a `.podflow.yaml` (or JSON) file named on the command line; problems are printed, not thrown. */
export async function loadWorkflowFile(file: string | undefined): Promise<{ ok: true; doc: WorkflowDoc } | { ok: false; message: string }> {
  if (!file) throw new UsageError('missing FILE (a .podflow.yaml workflow)');
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch {
    return { ok: false, message: `${file}: no such file` };
  }
  if (size > MAX_DOCUMENT_BYTES) return { ok: false, message: `${file}: the file is ${formatBytes(size)}, over the ${formatBytes(MAX_DOCUMENT_BYTES)} limit` };
  const text = await readFile(file, 'utf8');
  const parsed = parseWorkflow(text);
  if (!parsed.ok) return { ok: false, message: parsed.issues.map((i) => `${file}:${formatIssue(i)}`).join('\n') };
  return { ok: true, doc: parsed.doc };
}
