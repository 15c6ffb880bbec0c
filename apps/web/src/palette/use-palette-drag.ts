import { create } from 'zustand';
import { addAtCenter, dropOnCanvas, isOverCanvas } from '../canvas/canvas-drop-target';
import type { PaletteItem } from './palette-items';

/**
 * Pointer-driven drag from the palette: past a few pixels of movement a ghost follows the pointer; releasing over
 * the canvas drops the item there; a click without movement adds it in the middle of the view.
 */
interface PaletteDragStore {
  item: PaletteItem | null;
  x: number;
  y: number;
  overCanvas: boolean;
}

export const usePaletteDrag = create<PaletteDragStore>(() => ({ item: null, x: 0, y: 0, overCanvas: false }));

const THRESHOLD = 4;

export function startPaletteDrag(item: PaletteItem, e: React.PointerEvent, onClick?: () => void): void {
  if (e.button !== 0) return;
  e.preventDefault();
  const startX = e.clientX;
  const startY = e.clientY;
  let dragging = false;
  const move = (ev: PointerEvent) => {
    if (!dragging && Math.hypot(ev.clientX - startX, ev.clientY - startY) < THRESHOLD) return;
    dragging = true;
    usePaletteDrag.setState({ item, x: ev.clientX, y: ev.clientY, overCanvas: isOverCanvas(ev.clientX, ev.clientY) });
  };
  const up = (ev: PointerEvent) => {
    cleanup();
    usePaletteDrag.setState({ item: null, overCanvas: false });
    if (dragging) dropOnCanvas(item, ev.clientX, ev.clientY);
    else if (onClick) onClick();
    else addAtCenter(item);
  };
  const cancel = (ev: KeyboardEvent | PointerEvent) => {
    if (ev instanceof KeyboardEvent && ev.key !== 'Escape') return;
    cleanup();
    usePaletteDrag.setState({ item: null, overCanvas: false });
  };
  const cleanup = () => {
    window.removeEventListener('pointermove', move);
    window.removeEventListener('pointerup', up);
    window.removeEventListener('pointercancel', cancel);
    window.removeEventListener('keydown', cancel, true);
  };
  window.addEventListener('pointermove', move);
  window.addEventListener('pointerup', up);
  window.addEventListener('pointercancel', cancel);
  window.addEventListener('keydown', cancel, true);
}
