import { memo, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { Panel, useReactFlow, useStoreApi, type ReactFlowState } from '@xyflow/react';
import type { FlowNode } from './derive-nodes';
import styles from './WorkflowMinimap.module.css';
import { cx } from '../ui/cx';

const WIDTH = 168;
const HEIGHT = 112;
const COLOR_VAR: Record<string, string> = { task: '--kind-task', map: '--kind-map', dynamic: '--kind-dynamic', input: '--kind-input', output: '--kind-output' };

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}


/** The area the nodes cover, with a margin: computed when the minimap is redrawn, never per frame. */
function nodesBox(nodes: readonly FlowNode[]): Box {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const n of nodes) {
    const w = n.measured?.width ?? n.initialWidth ?? 0;
    const h = n.measured?.height ?? n.initialHeight ?? 0;
    minX = Math.min(minX, n.position.x);
    minY = Math.min(minY, n.position.y);
    maxX = Math.max(maxX, n.position.x + w);
    maxY = Math.max(maxY, n.position.y + h);
  }
  if (!Number.isFinite(minX)) return { x: 0, y: 0, width: 1, height: 1 };
  const margin = Math.max(maxX - minX, maxY - minY) * 0.05 + 20;
  return { x: minX - margin, y: minY - margin, width: maxX - minX + 2 * margin, height: maxY - minY + 2 * margin };
}

const REDRAW_DELAY_MS = 150;

/** How the box is scaled and centred into the minimap. */
function fit(box: Box): { scale: number; offsetX: number; offsetY: number } {
  const scale = Math.max(box.width / WIDTH, box.height / HEIGHT);
  return { scale, offsetX: (WIDTH - box.width / scale) / 2, offsetY: (HEIGHT - box.height / scale) / 2 };
}

/**
 * The part of the workflow on screen, in minimap pixels (clipped by the minimap's edges): moved by a transform (a pan
 * frame lays out nothing), sized only when the size changes (a zoom, a resize).
 */
function placeView(el: HTMLElement | null, box: Box, s: Pick<ReactFlowState, 'transform' | 'width' | 'height'>): void {
  if (!el) return;
  const { scale, offsetX, offsetY } = fit(box);
  const [tx, ty, zoom] = s.transform;
  el.style.transform = `translate(${offsetX + (-tx / zoom - box.x) / scale}px, ${offsetY + (-ty / zoom - box.y) / scale}px)`;
  const width = `${s.width / zoom / scale}px`;
  const height = `${s.height / zoom / scale}px`;
  if (el.style.width !== width) el.style.width = width;
  if (el.style.height !== height) el.style.height = height;
}

/** Every node as a box in its kind's colour. */
function drawNodes(canvas: HTMLCanvasElement | null, nodes: readonly FlowNode[], box: Box): void {
  const ctx = canvas?.getContext('2d');
  if (!canvas || !ctx) return;
  const { scale, offsetX, offsetY } = fit(box);
  const dpr = window.devicePixelRatio || 1;
  canvas.width = WIDTH * dpr;
  canvas.height = HEIGHT * dpr;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, WIDTH, HEIGHT);
  const style = getComputedStyle(canvas);
  const colors = new Map<string, string>();
  const colorOf = (type: string) => {
    let c = colors.get(type);
    if (c === undefined) {
      c = style.getPropertyValue(COLOR_VAR[type] ?? '--text-3').trim() || '#888';
      colors.set(type, c);
    }
    return c;
  };
  for (const n of nodes) {
    const w = (n.measured?.width ?? n.initialWidth ?? 0) / scale;
    const h = (n.measured?.height ?? n.initialHeight ?? 0) / scale;
    ctx.fillStyle = colorOf(n.type ?? 'task');
    ctx.fillRect(offsetX + (n.position.x - box.x) / scale, offsetY + (n.position.y - box.y) / scale, Math.max(1, w), Math.max(1, h));
  }
}

/**
 * The overview in the canvas's corner: every node of the workflow (all of them, not only those React Flow is given) as a box in its kind's colour, and the part on screen outlined.
 * Drawn on one <canvas> when the nodes have changed (after a drag, not during it); a pan or zoom moves only the outline, by setting its
 * style from a store subscription (not a render of the minimap per frame). (React Flow's own MiniMap
 * keeps an SVG element and a store subscription per node, which at 5,000 nodes is most of a pan frame.)
 * Press or drag on it to bring that part of the workflow to the centre.
 */
export const WorkflowMinimap = memo(function WorkflowMinimap({ theme, nodes }: { theme: string; nodes: readonly FlowNode[] }) {
  const store = useStoreApi();
  const flow = useReactFlow();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const viewRef = useRef<HTMLDivElement>(null);
  const [box, setBox] = useState<Box>(() => nodesBox(nodes));
  const drawnOnce = useRef(false);

  // Redrawn once the nodes stop changing for a moment: a drag changes them every frame, and a pass over 5,000
  // nodes each frame is the work the minimap exists to avoid. The first drawing is at once.
  useEffect(() => {
    const draw = () => {
      drawnOnce.current = true;
      const b = nodesBox(nodes);
      setBox((old) => (old.x === b.x && old.y === b.y && old.width === b.width && old.height === b.height ? old : b));
      drawNodes(canvasRef.current, nodes, b);
    };
    if (!drawnOnce.current) {
      draw();
      return;
    }
    const handle = window.setTimeout(draw, REDRAW_DELAY_MS);
    return () => window.clearTimeout(handle);
  }, [nodes, theme]);

  const { scale, offsetX, offsetY } = fit(box);

  useLayoutEffect(() => {
    placeView(viewRef.current, box, store.getState());
    return store.subscribe((s, prev) => {
      if (s.transform !== prev.transform || s.width !== prev.width || s.height !== prev.height) placeView(viewRef.current, box, s);
    });
  }, [store, box]);

  const centreAt = (e: React.PointerEvent<HTMLDivElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    const x = box.x + (e.clientX - r.left - offsetX) * scale;
    const y = box.y + (e.clientY - r.top - offsetY) * scale;
    void flow.setCenter(x, y, { zoom: flow.getZoom() });
  };

  return (
    <Panel position="bottom-right" className={cx('react-flow__minimap', 'minimap', styles.workflowMinimap)} role="region" aria-label="Minimap" data-testid="minimap">
      <div
        className={styles.workflowMinimapSurface}
        style={{ width: WIDTH, height: HEIGHT }}
        onPointerDown={(e) => {
          if (e.button !== 0) return; // the primary button only: a middle-button pan that starts here must not jump the view
          e.currentTarget.setPointerCapture(e.pointerId);
          centreAt(e);
        }}
        onPointerMove={(e) => {
          if (e.currentTarget.hasPointerCapture(e.pointerId)) centreAt(e);
        }}
      >
        <canvas ref={canvasRef} style={{ width: WIDTH, height: HEIGHT }} aria-hidden="true" />
        <div className={styles.workflowMinimapView} ref={viewRef} data-testid="minimap-view" />
      </div>
    </Panel>
  );
});
