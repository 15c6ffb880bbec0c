import { getViewportForBounds, type ReactFlowInstance } from '@xyflow/react';
import type { FlowEdge } from './derive-edges';
import type { FlowNode } from './derive-nodes';
import { DEFAULT_SIZE } from '../layout/layout-graph';

/**
 * Frames every node of the workflow. React Flow's own fitView only sees nodes it has measured, and with
 * `onlyRenderVisibleElements` nodes off screen are never measured; here unmeasured nodes count with their estimated
 * (else a typical) size. The editor's canvas gives React Flow only the nodes near the view: it passes all of them
 * (`canvasNodes()`).
 */
export function fitAll(
  flow: ReactFlowInstance<FlowNode, FlowEdge>,
  canvas: HTMLElement | null,
  options: { duration?: number; maxZoom?: number; padding?: number; minZoom?: number } = {},
  nodes: readonly FlowNode[] = flow.getNodes(),
): void {
  if (!canvas || nodes.length === 0) return;
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const n of nodes) {
    const m = flow.getInternalNode(n.id)?.measured;
    const w = m?.width ?? n.measured?.width ?? n.initialWidth ?? DEFAULT_SIZE.width;
    const h = m?.height ?? n.measured?.height ?? n.initialHeight ?? DEFAULT_SIZE.height;
    x0 = Math.min(x0, n.position.x);
    y0 = Math.min(y0, n.position.y);
    x1 = Math.max(x1, n.position.x + w);
    y1 = Math.max(y1, n.position.y + h);
  }
  const r = canvas.getBoundingClientRect();
  let viewport = getViewportForBounds({ x: x0, y: y0, width: x1 - x0, height: y1 - y0 }, r.width, r.height, 0.05, options.maxZoom ?? 1.1, options.padding ?? 0.12);
  if (options.minZoom !== undefined && viewport.zoom < options.minZoom) {
    // Too large to show whole at a readable size: start at its top-left corner instead.
    const zoom = options.minZoom;
    viewport = { zoom, x: 32 - x0 * zoom, y: 32 - y0 * zoom };
  }
  void flow.setViewport(viewport, options.duration ? { duration: options.duration } : undefined);
}
