import { useEffect, useState } from 'react';
import { useEditorStore } from '../store/editor-store';
import { openWorkflow } from '../persistence/open-workflow';
import { startAutosave, stopAutosave } from '../persistence/autosave';
import { useCanvasView } from '../canvas/canvas-view-store';
import { navigate } from '../router/router';
import { toast } from '../ui/toasts';
import { EditorLayout } from './EditorLayout';
import page from '../ui/message-page.module.css';

/** Opens `/w/:id`: loads the workflow (restoring unsaved local work), starts the autosave, shows the editor. */
export function EditorPage({ id }: { id: string }) {
  const [state, setState] = useState<{ phase: 'loading' } | { phase: 'ready' } | { phase: 'error'; status: number; message: string }>({
    phase: 'loading',
  });
  useEffect(() => {
    let cancelled = false;
    setState({ phase: 'loading' });
    useCanvasView.getState().reset();
    void openWorkflow(id).then((result) => {
      if (cancelled) return;
      if (!result.ok) {
        setState({ phase: 'error', status: result.status, message: result.message });
        return;
      }
      setState({ phase: 'ready' });
      const autosave = startAutosave(id);
      if (result.restored) toast('Restored unsaved changes from this browser', 'info');
      if (result.needsSave) autosave.saveSoon();
      cleanup = () => stopAutosave(autosave);
    });
    let cleanup = () => {};
    return () => {
      cancelled = true;
      cleanup();
      useEditorStore.getState().closeDocument();
    };
  }, [id]);

  if (state.phase === 'loading') {
    return (
      <div className={page.pageCenter} data-testid="editor-loading">
        <span className="spinner" /> Opening workflow…
      </div>
    );
  }
  if (state.phase === 'error') {
    return (
      <div className={page.pageCenter}>
        <div className={page.messageCard}>
          <h2>{state.status === 404 ? 'Workflow not found' : 'Cannot open this workflow'}</h2>
          <p className="muted">
            {state.status === 404 ? 'It may have been deleted.' : state.status === 0 ? 'The Podflow server cannot be reached, and this browser holds no copy of it.' : state.message}
          </p>
          <button className="btn btn-primary" onClick={() => navigate('/')}>
            All workflows
          </button>
        </div>
      </div>
    );
  }
  return <EditorLayout />;
}
