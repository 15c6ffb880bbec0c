import { WorkflowIcon } from '../ui/icons';
import styles from './EmptyCanvas.module.css';

/** Shown on an empty workflow: what to do first. */
export function EmptyCanvas() {
  return (
    <div className={styles.emptyCanvas} data-testid="empty-canvas">
      <div className={styles.emptyCard}>
        <WorkflowIcon size={22} />
        <h3>Start building</h3>
        <p>
          Drag a <b>Python task</b> or a <b>workflow input</b> from the palette onto the canvas, then connect outputs to
          inputs. You can also drop a <code>.podflow.yaml</code> file here.
        </p>
      </div>
    </div>
  );
}
