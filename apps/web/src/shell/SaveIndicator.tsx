import { useEditorStore } from '../store/editor-store';
import { usePendingEdits } from '../persistence/pending-edits';
import { CheckIcon, CloudOffIcon, AlertTriangleIcon } from '../ui/icons';
import styles from './SaveIndicator.module.css';
import { cx } from '../ui/cx';

/** "Saved · Saving… · Offline — kept locally · Conflict": where the open workflow stands against the server. */
export function SaveIndicator() {
  const saved = useEditorStore((s) => s.save.status);
  // An edit still waiting in an editor (it hands edits over after a pause in typing) is not saved yet.
  const pending = usePendingEdits((s) => s.count > 0);
  const status = saved === 'saved' && pending ? 'saving' : saved;
  const error = useEditorStore((s) => s.save.error);
  switch (status) {
    case 'saved':
      return (
        <span className={styles.saveState} data-testid="save-state" data-status="saved" title="Every change is saved on the server">
          <CheckIcon size={13} /> Saved
        </span>
      );
    case 'saving':
      return (
        <span className={cx(styles.saveState, styles.saving)} data-testid="save-state" data-status="saving">
          <span className="spinner small" /> Saving…
        </span>
      );
    case 'offline':
      return (
        <span className={cx(styles.saveState, styles.toned, 'tone-warning')} data-testid="save-state" data-status="offline" title="The server cannot be reached. Your work is kept in this browser and saved when it is back.">
          <CloudOffIcon size={13} /> Offline — kept locally
        </span>
      );
    case 'conflict':
      return (
        <span className={cx(styles.saveState, styles.toned, 'tone-error')} data-testid="save-state" data-status="conflict" title="This workflow was saved somewhere else">
          <AlertTriangleIcon size={13} /> Conflict
        </span>
      );
    case 'error':
      return (
        <span className={cx(styles.saveState, styles.toned, 'tone-error')} data-testid="save-state" data-status="error" title={error ?? undefined}>
          <AlertTriangleIcon size={13} /> Not saved
        </span>
      );
  }
}
