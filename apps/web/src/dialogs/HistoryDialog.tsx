import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { workflowsApi } from '../api/workflows-api';
import { useEditorStore } from '../store/editor-store';
import { flushSave } from '../workflows/workflow-actions';
import { Dialog } from '../ui/Dialog';
import { toast } from '../ui/toasts';
import { useUiStore } from '../ui/ui-store';
import { HistoryIcon, SaveIcon } from '../ui/icons';
import { formatWhen } from '../workflows/format-when';
import styles from './HistoryDialog.module.css';
import { cx } from '../ui/cx';

/**
 * The workflow's saved versions, newest first. Restoring makes the draft that version (one undo step here, so a
 * restore can be taken back).
 */
export function HistoryDialog({ onClose }: { onClose: () => void }) {
  const workflowId = useEditorStore((s) => s.workflowId)!;
  const qc = useQueryClient();
  const versions = useQuery({ queryKey: ['versions', workflowId], queryFn: () => workflowsApi.versions(workflowId) });
  const [busy, setBusy] = useState<number | null>(null);
  const restore = async (version: number) => {
    setBusy(version);
    try {
      await flushSave();
      const [{ revision }, v] = await Promise.all([workflowsApi.restore(workflowId, version), workflowsApi.version(workflowId, version)]);
      const state = useEditorStore.getState();
      state.setSave({ revision, savedDoc: v.document, status: 'saved', conflict: null });
      state.apply(() => v.document, `Restore version ${version}`);
      useEditorStore.getState().setSave({ status: 'saved', savedDoc: v.document });
      await qc.invalidateQueries({ queryKey: ['workflows'] });
      toast(`Restored version ${version}`, 'success');
      onClose();
    } catch (e) {
      toast((e as Error).message, 'error');
    } finally {
      setBusy(null);
    }
  };
  const list = [...(versions.data ?? [])].sort((a, b) => b.version - a.version);
  return (
    <Dialog
      title="Version history"
      description="Versions are immutable snapshots, made when you save one and by every run."
      onClose={onClose}
      width={560}
      testId="history-dialog"
      footer={
        <button className="btn" onClick={() => useUiStore.getState().openDialog({ kind: 'save-version' })} data-testid="open-save-version">
          <SaveIcon size={14} /> Save current as a version…
        </button>
      }
    >
      {versions.isLoading ? (
        <div className={styles.dialogLoading}>
          <span className="spinner" /> Loading versions…
        </div>
      ) : versions.isError ? (
        <p className="field-error">{(versions.error as Error).message}</p>
      ) : list.length === 0 ? (
        <div className={styles.emptyList}>
          <HistoryIcon size={20} />
          <p>No versions yet. Save one to be able to come back to this state.</p>
        </div>
      ) : (
        <ul className={styles.versionList} data-testid="version-list">
          {list.map((v) => (
            <li key={v.version} className={styles.versionRow}>
              <span className="version-badge">v{v.version}</span>
              <span className={styles.versionText}>
                <span className={styles.versionMessage}>{v.message || <span className="faint">No description</span>}</span>
                <span className={cx(styles.versionWhen, 'faint')}>{formatWhen(v.createdAt)}</span>
              </span>
              <button className="btn btn-sm" disabled={busy !== null} onClick={() => void restore(v.version)} data-testid={`restore-${v.version}`}>
                {busy === v.version ? 'Restoring…' : 'Restore'}
              </button>
            </li>
          ))}
        </ul>
      )}
    </Dialog>
  );
}
