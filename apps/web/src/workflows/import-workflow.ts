import { parseWorkflow } from '@podflow/core';
import { workflowsApi } from '../api/workflows-api';
import { navigate, workflowPath } from '../router/router';
import { useUiStore } from '../ui/ui-store';
import { toast } from '../ui/toasts';
import { queryClient } from '../api/query-client';
import { importFlyteModule } from './import-flyte-module';

/**
 * Imports a `.podflow.yaml` as a new workflow and opens it (a flytekit `.py` module: one workflow per @workflow).
 * A file that is not a valid workflow opens a dialog
 * listing its problems with line numbers; the workflow that was open is not touched either way.
 */
export async function importWorkflowFile(file: File): Promise<boolean> {
  if (/\.py$/i.test(file.name)) return importFlyteModule(file);
  const text = await file.text();
  const parsed = parseWorkflow(text);
  if (!parsed.ok) {
    useUiStore.getState().openDialog({ kind: 'import-error', fileName: file.name, issues: parsed.issues });
    return false;
  }
  const created = await workflowsApi.create(parsed.doc);
  await queryClient.invalidateQueries({ queryKey: ['workflows'] });
  toast(`Imported ${file.name}`, 'success');
  navigate(workflowPath(created.id));
  return true;
}

/** Opens the system file picker for `.podflow.yaml` / `.yaml` / `.json` files and flytekit modules (`.py`). */
export function pickWorkflowFile(): Promise<File | undefined> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = '.yaml,.yml,.json,.py,application/x-yaml,application/json,text/x-python';
    input.style.display = 'none';
    input.dataset.testid = 'import-file-input';
    input.addEventListener('change', () => {
      resolve(input.files?.[0]);
      input.remove();
    });
    input.addEventListener('cancel', () => {
      resolve(undefined);
      input.remove();
    });
    document.body.appendChild(input);
    input.click();
  });
}

export const isWorkflowFile = (file: File): boolean => /\.(ya?ml|json|py)$/i.test(file.name);
