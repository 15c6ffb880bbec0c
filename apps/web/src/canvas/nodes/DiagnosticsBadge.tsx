import { memo } from 'react';
import { useDiagnostics } from '../../problems/diagnostics-store';
import { useCanvasOverlays } from '../canvas-overlays';
import { AlertTriangleIcon, ErrorIcon } from '../../ui/icons';
import styles from './DiagnosticsBadge.module.css';
import { cx } from '../../ui/cx';

/** Error / warning count of one node, read with a narrow selector (none on a canvas of another version). */
export const DiagnosticsBadge = memo(function DiagnosticsBadge({ id }: { id: string }) {
  const { diagnostics } = useCanvasOverlays();
  const counts = useDiagnostics((s) => (diagnostics ? s.countsByNode[id] : undefined));
  if (!counts) return null;
  const error = counts.errors > 0;
  const n = error ? counts.errors : counts.warnings;
  return (
    <span
      className={cx(styles.nodeBadge, error ? 'tone-error' : 'tone-warning')}
      title={counts.first}
      data-testid="node-diagnostics"
      aria-label={`${n} ${error ? 'error' : 'warning'}${n === 1 ? '' : 's'}: ${counts.first}`}
    >
      {error ? <ErrorIcon size={12} /> : <AlertTriangleIcon size={12} />}
      {n}
    </span>
  );
});
