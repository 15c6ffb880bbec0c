import { Panel, useStore } from '@xyflow/react';
import { autoLayout, zoomIn, zoomOut, zoomToFit } from '../commands/all-commands';
import { runCommand } from '../commands/run-command';
import { formatCombo } from '../commands/key-combo';
import { FitIcon, LayoutIcon, ZoomInIcon, ZoomOutIcon } from '../ui/icons';
import styles from './CanvasControls.module.css';

/** Zoom and layout controls in the canvas corner (the same commands as the shortcuts). */
export function CanvasControls() {
  const zoom = useStore((s) => s.transform[2]);
  const title = (label: string, keys?: string[]) => (keys?.[0] ? `${label} (${formatCombo(keys[0])})` : label);
  return (
    <Panel position="bottom-left" className={styles.canvasControls} aria-label="Canvas controls">
      <button className="icon-btn sm" onClick={() => runCommand(zoomOut)} title={title('Zoom out', zoomOut.keys)} aria-label="Zoom out">
        <ZoomOutIcon size={15} />
      </button>
      <span className={styles.zoomLevel} data-testid="zoom-level">
        {Math.round(zoom * 100)}%
      </span>
      <button className="icon-btn sm" onClick={() => runCommand(zoomIn)} title={title('Zoom in', zoomIn.keys)} aria-label="Zoom in">
        <ZoomInIcon size={15} />
      </button>
      <span className={styles.controlsSep} />
      <button className="icon-btn sm" onClick={() => runCommand(zoomToFit)} title={title('Zoom to fit', zoomToFit.keys)} aria-label="Zoom to fit" data-testid="zoom-to-fit">
        <FitIcon size={15} />
      </button>
      <button className="icon-btn sm" onClick={() => runCommand(autoLayout)} title={title('Tidy up layout', autoLayout.keys)} aria-label="Tidy up layout" data-testid="auto-layout">
        <LayoutIcon size={15} />
      </button>
    </Panel>
  );
}
