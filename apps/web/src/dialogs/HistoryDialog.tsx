import { lazy, Suspense, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { workflowsApi } from '../api/workflows-api';
import { useEditorStore } from '../store/editor-store';
import { flushSave } from '../workflows/workflow-actions';
import { Dialog } from '../ui/Dialog';
import { toast } from '../ui/toasts';
import { useUiStore } from '../ui/ui-store';
import { HistoryIcon, SaveIcon } from '../ui/icons';
import { formatWhen } from '../workflows/format-when';
import { VersionPicker } from './version-diff/VersionPicker';
import type { VersionRef } from './version-diff/version-ref';
import styles from './HistoryDialog.module.css';

// The comparison (the compiler, a second canvas, Monaco's diff editor) loads when first opened, never with the app.
const VersionDiffView = lazy(() => import('./version-diff/VersionDiffView').then((m) => ({ default: m.VersionDiffView })));
import { cx } from '../ui/cx';

/**
 * The workflow's saved versions, newest first. Restoring makes the draft that version (one undo step here, so a
 * restore can be taken back). Any two versions (or a version and the draft) can be compared, full screen.
 */
export function HistoryDialog({ onClose }: { onClose: () => void }) {
  const workflowId = useEditorStore((s) => s.workflowId)!;
  const qc = useQueryClient();
  const versions = useQuery({ queryKey: ['versions', workflowId], queryFn: () => workflowsApi.versions(workflowId) });
  const [busy, setBusy] = useState<number | null>(null);
  const [compare, setCompare] = useState<{ from: VersionRef; to: VersionRef } | null>(null);
  const [pick, setPick] = useState<{ from: VersionRef; to: VersionRef } | null>(null);
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
  // By default the newest version against the draft.
  const picked = pick ?? { from: list[0]?.version ?? 'draft', to: 'draft' };
  if (compare) {
    return (
      <Dialog
        title="Compare versions"
        onClose={onClose}
        width="auto"
        className={styles.full}
        bodyClassName={styles.fullBody}
        testId="history-dialog"
        footer={
          <button className="btn" onClick={() => setCompare(null)} data-testid="back-to-versions">
            Back to the versions
          </button>
        }
      >
        <Suspense
          fallback={
            <div className={cx(styles.dialogLoading, styles.loading)}>
              <span className="spinner" /> Loading the comparison…
            </div>
          }
        >
          <VersionDiffView workflowId={workflowId} versions={list} from={compare.from} to={compare.to} onChange={(from, to) => setCompare({ from, to })} />
        </Suspense>
      </Dialog>
    );
  }
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
        <>
          <div className={styles.compareBar}>
            <VersionPicker className={styles.picker} versions={list} from={picked.from} to={picked.to} onChange={(from, to) => setPick({ from, to })} />
            <button className="btn btn-sm btn-primary" disabled={picked.from === picked.to} onClick={() => setCompare(picked)} data-testid="compare-versions">
              Compare
            </button>
          </div>
          <ul className={styles.versionList} data-testid="version-list">
            {list.map((v) => (
              <li key={v.version} className={styles.versionRow}>
                <span className="version-badge">v{v.version}</span>
                <span className={styles.versionText}>
                  <span className={styles.versionMessage}>{v.message || <span className="faint">No description</span>}</span>
                  <span className={cx(styles.versionWhen, 'faint')}>{formatWhen(v.createdAt)}</span>
                </span>
                <button
                  className="btn btn-sm"
                  onClick={() => setCompare({ from: list.find((p) => p.version < v.version)!.version, to: v.version })}
                  disabled={!list.some((p) => p.version < v.version)}
                  title={`What changed since the version before v${v.version}`}
                  data-testid={`changes-${v.version}`}
                >
                  Changes
                </button>
                <button className="btn btn-sm" disabled={busy !== null} onClick={() => void restore(v.version)} data-testid={`restore-${v.version}`}>
                  {busy === v.version ? 'Restoring…' : 'Restore'}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </Dialog>
  );
}
