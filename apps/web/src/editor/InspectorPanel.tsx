import { lazy, Suspense, useCallback, useMemo } from 'react';
import type { WorkflowDoc } from '@podflow/core';
import type { InspectorSelection } from '../inspector/inspector-types';
import { useEditorStore } from '../store/editor-store';
import { inspectorSelectionOf } from '../store/selection-slice';
import { useDiagnostics } from '../problems/diagnostics-store';
import page from '../ui/message-page.module.css';
import styles from './InspectorPanel.module.css';

// The inspector holds Monaco: it loads after the canvas is on screen.
const Inspector = lazy(() => import('../inspector/Inspector').then((m) => ({ default: m.Inspector })));

/**
 * Mounts the inspector with the editor's state. `apply` is one undo step, except that consecutive applies with the
 * same label within a second merge (typing in a field is one step, not one per key).
 */
export function InspectorPanel() {
  const doc = useEditorStore((s) => s.doc);
  const selection = useEditorStore((s) => s.selection);
  const focusPath = useEditorStore((s) => s.focusPath);
  const diagnostics = useDiagnostics((s) => s.list);
  const inspectorSelection = useMemo(() => inspectorSelectionOf(selection), [selection]);
  const apply = useCallback((update: (doc: WorkflowDoc) => WorkflowDoc, label: string) => {
    useEditorStore.getState().apply(update, label, { coalesce: true });
  }, []);
  // The inspector renames nodes and tasks; it asks the selection to follow.
  const onSelect = useCallback((next: InspectorSelection) => {
    const store = useEditorStore.getState();
    if (next.kind === 'node') store.select([next.nodeId]);
    else if (next.kind === 'task') store.selectTask(next.task);
  }, []);
  if (!doc) return null;
  return (
    <aside className={styles.inspectorPanel} aria-label="Inspector" data-testid="inspector-panel">
      <Suspense
        fallback={
          <div className={page.panelLoading}>
            <span className="spinner" /> Loading inspector…
          </div>
        }
      >
        <Inspector doc={doc} selection={inspectorSelection} diagnostics={diagnostics} focusPath={focusPath} apply={apply} onSelect={onSelect} />
      </Suspense>
    </aside>
  );
}
