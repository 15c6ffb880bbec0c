import { useEditorStore } from '../store/editor-store';
import { activeAutosave } from '../persistence/autosave';
import { Dialog } from '../ui/Dialog';
import { AlertTriangleIcon } from '../ui/icons';
import styles from './ConflictDialog.module.css';

/**
 * Shown when the server holds a draft saved elsewhere (another tab, another person) since this tab's revision.
 * Nothing is overwritten until the person chooses.
 */
export function ConflictDialog() {
  const conflict = useEditorStore((s) => s.save.conflict);
  const status = useEditorStore((s) => s.save.status);
  const theirNodes = conflict?.document.spec.nodes?.length ?? 0;
  const myNodes = useEditorStore((s) => s.doc?.spec.nodes?.length ?? 0);
  if (status !== 'conflict' || !conflict) return null;
  return (
    <Dialog
      title="This workflow changed somewhere else"
      onClose={() => undefined}
      width={520}
      testId="conflict-dialog"
      footer={
        <>
          <button className="btn" onClick={() => activeAutosave()?.takeTheirs()} data-testid="take-theirs">
            Take theirs
          </button>
          <button className="btn btn-primary" onClick={() => void activeAutosave()?.keepMine()} data-testid="keep-mine">
            Keep mine
          </button>
        </>
      }
    >
      <div className={styles.conflictBody}>
        <AlertTriangleIcon size={18} className={styles.conflictIcon} />
        <div>
          <p>
            Another tab or person saved this workflow after you started editing it here. Choose which version to keep — the other one is not lost:
            taking theirs leaves yours one undo away; keeping yours can be undone from <b>Version history</b> if versions were saved.
          </p>
          <ul className={styles.conflictSummary}>
            <li>
              <b>Yours</b> (this tab): {myNodes} node{myNodes === 1 ? '' : 's'}
            </li>
            <li>
              <b>Theirs</b> (saved, revision {String(conflict.revision)}): {theirNodes} node{theirNodes === 1 ? '' : 's'}
            </li>
          </ul>
        </div>
      </div>
    </Dialog>
  );
}
