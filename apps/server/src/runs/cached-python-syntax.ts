import { contentHash, stableStringify, tasksOf, type Diagnostic, type WorkflowDoc } from '@podflow/core';
import { checkPythonSyntax } from '../validation/python-syntax';

/**
 * Python's own syntax check of a document's task code (a python3 process per check), remembered by the code's
 * content so that the runs of an unchanged workflow do not each pay for it; concurrent requests for the same code
 * share one check.
 */
const MAX_ENTRIES = 256;
const checked = new Map<string, Promise<Diagnostic[]>>();

export function cachedPythonSyntax(doc: WorkflowDoc): Promise<Diagnostic[]> {
  const key = contentHash(stableStringify(tasksOf(doc).map((t) => [t.name, t.code])));
  const known = checked.get(key);
  if (known) return known;
  const pending = checkPythonSyntax(doc);
  if (checked.size >= MAX_ENTRIES) checked.delete(checked.keys().next().value as string);
  checked.set(key, pending);
  pending.catch(() => checked.delete(key));
  return pending;
}
