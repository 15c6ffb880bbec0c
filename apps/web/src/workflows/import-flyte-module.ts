import { FlyteImportAnswer, parseWorkflow, type ParseIssue } from '@podflow/core';
import { request } from '../api/client';
import { workflowsApi } from '../api/workflows-api';
import { queryClient } from '../api/query-client';
import { navigate, workflowPath } from '../router/router';
import { useUiStore } from '../ui/ui-store';
import { toast } from '../ui/toasts';

/**
 * Imports a flytekit module (.py): the server reads it with flytekit and answers one document per @workflow; each
 * becomes a new workflow and the first opens. What Podflow refuses is listed with its line, in the import dialog.
 */
export async function importFlyteModule(file: File): Promise<boolean> {
  const filename = /^[A-Za-z_][A-Za-z0-9_]*\.py$/.test(file.name) ? file.name : `${file.name.replace(/\.py$/i, '').replace(/[^A-Za-z0-9_]+/g, '_').replace(/^(?=\d)/, '_') || 'module'}.py`;
  const answer = await request('/api/import/flyte', FlyteImportAnswer, { method: 'POST', body: { filename, source: await file.text() } });
  const created: string[] = [];
  const issues: ParseIssue[] = answer.diagnostics
    .filter((d) => d.severity === 'error')
    .map((d) => ({ path: d.construct, message: d.message, ...(d.line !== null ? { line: d.line } : {}) }));
  for (const w of answer.workflows) {
    const parsed = parseWorkflow(w.document);
    if (!parsed.ok) {
      issues.push(...parsed.issues.map((i) => ({ ...i, path: `${w.function}: ${i.path}` })));
      continue;
    }
    created.push((await workflowsApi.create(parsed.doc)).id);
  }
  await queryClient.invalidateQueries({ queryKey: ['workflows'] });
  if (issues.length > 0) useUiStore.getState().openDialog({ kind: 'import-error', fileName: file.name, issues });
  if (created.length > 0) {
    toast(`Imported ${answer.workflows.length} workflow${answer.workflows.length === 1 ? '' : 's'} from ${file.name}`, 'success');
    navigate(workflowPath(created[0]!));
  }
  return created.length > 0;
}
