import { createContext, useContext } from 'react';

/**
 * What canvas nodes lay over themselves from the editor's stores: the shown run's status and the draft's problems.
 * The editor's canvas shows both; a canvas of another version (a run's version, the version diff) turns off what is
 * not about the version it shows.
 */
export interface CanvasOverlays {
  runStatus: boolean;
  diagnostics: boolean;
}

export const CanvasOverlaysContext = createContext<CanvasOverlays>({ runStatus: true, diagnostics: true });

export const useCanvasOverlays = (): CanvasOverlays => useContext(CanvasOverlaysContext);

/** For a canvas that shows a version other than the draft and no run of its own. */
export const NO_OVERLAYS: CanvasOverlays = { runStatus: false, diagnostics: false };
/** For a run's version: that run's status, not the draft's problems. */
export const RUN_ONLY: CanvasOverlays = { runStatus: true, diagnostics: false };
