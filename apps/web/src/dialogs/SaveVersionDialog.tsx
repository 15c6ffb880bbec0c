import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { workflowsApi } from '../api/workflows-api';
import { useEditorStore } from '../store/editor-store';
import { flushSave } from '../workflows/workflow-actions';
import { Dialog } from '../ui/Dialog';
import { toast } from '../ui/toasts';

/** Saves the current draft as a named, immutable version. */
export function SaveVersionDialog({ onClose }: { onClose: () => void }) {
  const workflowId = useEditorStore((s) => s.workflowId);
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const qc = useQueryClient();
  const submit = async () => {
    if (!workflowId) return;
    setBusy(true);
    try {
      await flushSave();
      const { version } = await workflowsApi.saveVersion(workflowId, message.trim() || undefined);
      await qc.invalidateQueries({ queryKey: ['versions', workflowId] });
      toast(`Saved version ${version}`, 'success');
      onClose();
    } catch (e) {
      toast((e as Error).message, 'error');
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog
      title="Save a version"
      description="A version is an immutable snapshot you can go back to. Your work is autosaved either way."
      onClose={onClose}
      testId="save-version-dialog"
      footer={
        <>
          <button className="btn" onClick={onClose}>
            Cancel
          </button>
          <button className="btn btn-primary" onClick={() => void submit()} disabled={busy} data-testid="save-version-submit">
            Save version
          </button>
        </>
      }
    >
      <label className="field">
        <span className="field-label">What changed? (optional)</span>
        <input
          className="input"
          value={message}
          onChange={(e) => setMessage(e.target.value)}
          onKeyDown={(e) => e.key === 'Enter' && void submit()}
          placeholder="e.g. Added the coalesce step"
          data-autofocus
        />
      </label>
    </Dialog>
  );
}
