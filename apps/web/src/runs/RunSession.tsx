import { useEffect } from 'react';
import { closeRun, openRun, runFromUrl } from './run-controller';
import { useRunStore } from './run-store';

/**
 * Ties the shown run to the open editor: a reload (or a link) with `?run=ID` shows that run again, replaying its
 * events from the start and following it live; leaving the workflow stops following it.
 */
export function RunSession() {
  useEffect(() => {
    const fromUrl = runFromUrl();
    if (fromUrl && useRunStore.getState().run?.runId !== fromUrl.runId) openRun(fromUrl.runId, { readonly: fromUrl.readonly });
    return () => closeRun({ keepUrl: true });
  }, []);
  return null;
}
