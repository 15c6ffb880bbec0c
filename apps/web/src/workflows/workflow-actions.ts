import type { WorkflowDoc } from '@podflow/core';
import { workflowsApi } from '../api/workflows-api';
import { queryClient } from '../api/query-client';
import { navigate, workflowPath } from '../router/router';
import { toast } from '../ui/toasts';
import { clearLocalDraft } from '../persistence/local-draft';
import { activeAutosave } from '../persistence/autosave';
import { useEditorStore } from '../store/editor-store';

/** Workflow-level actions shared by the home page, the workflows menu and dialogs. */
export async function createWorkflow(doc: WorkflowDoc): Promise<string> {
  const created = await workflowsApi.create(doc);
  await queryClient.invalidateQueries({ queryKey: ['workflows'] });
  navigate(workflowPath(created.id));
  return created.id;
}

export async function duplicateWorkflow(id: string): Promise<void> {
  // Send pending edits first so the copy has them.
  if (useEditorStore.getState().workflowId === id) await flushSave();
  const copy = await workflowsApi.duplicate(id);
  await queryClient.invalidateQueries({ queryKey: ['workflows'] });
  toast(`Duplicated as ${copy.name}`, 'success');
  navigate(workflowPath(copy.id));
}

export async function deleteWorkflow(id: string): Promise<void> {
  await workflowsApi.remove(id);
  clearLocalDraft(id);
  await queryClient.invalidateQueries({ queryKey: ['workflows'] });
  if (useEditorStore.getState().workflowId === id) navigate('/');
}

export async function renameWorkflow(id: string, name: string): Promise<void> {
  await workflowsApi.rename(id, name);
  await queryClient.invalidateQueries({ queryKey: ['workflows'] });
}

/** Waits (briefly) for the autosave to send what is pending. */
export async function flushSave(): Promise<void> {
  activeAutosave()?.saveSoon();
  for (let i = 0; i < 40; i++) {
    const { doc, save } = useEditorStore.getState();
    if (doc === save.savedDoc || save.status === 'offline' || save.status === 'conflict' || save.status === 'error') return;
    await new Promise((r) => setTimeout(r, 50));
  }
}

export function blankWorkflow(name: string): WorkflowDoc {
  return { apiVersion: 'podflow/v1alpha1', kind: 'Workflow', metadata: { name }, spec: {} };
}
