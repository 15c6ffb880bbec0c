import type { RefObject } from 'react';
import type { ReactFlowInstance } from '@xyflow/react';
import type { PaletteItem } from '../palette/palette-items';
import { dropPaletteItem } from './drop-palette-item';
import { freeSpot } from './free-spot';
import { canvasNodes } from '../commands/editor-context';
import { nodeBox } from './view-culler';
import { DEFAULT_SIZE } from '../layout/layout-graph';
import type { FlowEdge } from './derive-edges';
import type { FlowNode } from './derive-nodes';

/**
 * The palette drags with pointer events (not HTML5 drag and drop), so the drop lands exactly under the pointer and
 * works the same with a mouse, a pen or a test's page.mouse. The canvas registers itself here as the drop target.
 */
let target: { wrapper: RefObject<HTMLDivElement | null>; flow: RefObject<ReactFlowInstance<FlowNode, FlowEdge> | null> } | null = null;

export function registerCanvasDropTarget(
  wrapper: RefObject<HTMLDivElement | null>,
  flow: RefObject<ReactFlowInstance<FlowNode, FlowEdge> | null>,
): () => void {
  target = { wrapper, flow };
  return () => {
    if (target?.wrapper === wrapper) target = null;
  };
}

/** True when the point is over the canvas. */
export function isOverCanvas(x: number, y: number): boolean {
  const el = target?.wrapper.current;
  if (!el) return false;
  const r = el.getBoundingClientRect();
  if (x < r.left || x > r.right || y < r.top || y > r.bottom) return false;
  const hit = document.elementFromPoint(x, y);
  return !hit || el.contains(hit) || !!hit.closest('[data-palette-ghost]');
}

/** Node top-left relative to the pointer, so a dropped node sits under the pointer as its ghost did. */
const GRAB = { x: 24, y: 18 };

export function dropOnCanvas(item: PaletteItem, x: number, y: number): boolean {
  const flow = target?.flow.current;
  if (!flow || !isOverCanvas(x, y)) return false;
  const p = flow.screenToFlowPosition({ x: x - GRAB.x, y: y - GRAB.y });
  dropPaletteItem(item, { x: Math.round(p.x / 8) * 8, y: Math.round(p.y / 8) * 8 }, { x, y });
  return true;
}

/**
 * Adds an item in the middle of the visible canvas (click or Enter on a palette item), at the nearest spot there
 * that covers nothing already placed.
 */
export function addAtCenter(item: PaletteItem): void {
  const el = target?.wrapper.current;
  const flow = target?.flow.current;
  if (!el || !flow) return;
  const r = el.getBoundingClientRect();
  const x = r.left + r.width / 2 - DEFAULT_SIZE.width / 2;
  const y = r.top + r.height / 2 - DEFAULT_SIZE.height / 2;
  // Every node of the workflow, drawn or not (React Flow is given only those near the view).
  const placed = canvasNodes().map((n) => {
    const b = nodeBox(n);
    return { ...b, width: b.width || DEFAULT_SIZE.width, height: b.height || DEFAULT_SIZE.height };
  });
  const at = freeSpot(placed, flow.screenToFlowPosition({ x, y }), DEFAULT_SIZE);
  const screen = flow.flowToScreenPosition(at);
  dropPaletteItem(item, at, { x: screen.x + DEFAULT_SIZE.width / 2, y: screen.y + DEFAULT_SIZE.height / 2 });
}
