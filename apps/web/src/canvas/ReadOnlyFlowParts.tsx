import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import { Background, BackgroundVariant, Panel, useReactFlow, type NodeChange, type ReactFlowProps } from '@xyflow/react';
import { FitIcon, ZoomInIcon, ZoomOutIcon } from '../ui/icons';
import type { FlowEdge } from './derive-edges';
import type { FlowNode } from './derive-nodes';
import { fitAll } from './fit-all';
import controlStyles from './CanvasControls.module.css';

/**
 * What the read-only canvases (a run's version, a version diff) share: React Flow with nothing to edit — nodes do not
 * move, connect or get selected by React Flow, no delete or selection keys — panned by drag or scroll, zoomed with
 * Ctrl/⌘.
 */
export const READ_ONLY_FLOW: Partial<ReactFlowProps<FlowNode, FlowEdge>> = {
  nodesDraggable: false,
  nodesConnectable: false,
  edgesFocusable: false,
  elementsSelectable: false,
  deleteKeyCode: null,
  selectionKeyCode: null,
  multiSelectionKeyCode: null,
  panOnDrag: true,
  panOnScroll: true,
  zoomActivationKeyCode: ['Meta', 'Control'],
  minZoom: 0.05,
  maxZoom: 2,
  proOptions: { hideAttribution: true },
};

/** The dotted background and the zoom out / in / to fit buttons of a read-only canvas. */
export function ReadOnlyCanvasChrome({ wrapper, fitPadding }: { wrapper: RefObject<HTMLDivElement | null>; fitPadding?: number }) {
  const flow = useReactFlow<FlowNode, FlowEdge>();
  return (
    <>
      <Background variant={BackgroundVariant.Dots} gap={16} size={1.2} color="var(--canvas-dot)" />
      <Panel position="bottom-left" className={controlStyles.canvasControls} aria-label="Canvas controls">
        <button className="icon-btn sm" onClick={() => void flow.zoomOut({ duration: 150 })} aria-label="Zoom out" title="Zoom out">
          <ZoomOutIcon size={15} />
        </button>
        <button className="icon-btn sm" onClick={() => void flow.zoomIn({ duration: 150 })} aria-label="Zoom in" title="Zoom in">
          <ZoomInIcon size={15} />
        </button>
        <button className="icon-btn sm" onClick={() => fitAll(flow, wrapper.current, { duration: 200, maxZoom: 1, ...(fitPadding !== undefined ? { padding: fitPadding } : {}) })} aria-label="Zoom to fit" title="Zoom to fit">
          <FitIcon size={15} />
        </button>
      </Panel>
    </>
  );
}

export type MeasuredSizes = ReadonlyMap<string, { width: number; height: number }>;

/**
 * The sizes React Flow measured for a read-only canvas's nodes (its `onNodesChange` keeps only those), to derive the
 * nodes from; `measuredRef` is the latest, for effects that must not re-run on every measurement.
 */
export function useMeasuredSizes() {
  const [measured, setMeasured] = useState<MeasuredSizes>(() => new Map());
  const measuredRef = useRef(measured);
  measuredRef.current = measured;
  const onNodesChange = useCallback((changes: NodeChange<FlowNode>[]) => {
    let next: Map<string, { width: number; height: number }> | undefined;
    for (const c of changes) {
      if (c.type === 'dimensions' && c.dimensions) {
        next ??= new Map(measuredRef.current);
        next.set(c.id, { width: c.dimensions.width, height: c.dimensions.height });
      }
    }
    if (next) setMeasured(next);
  }, []);
  return { measured, measuredRef, onNodesChange };
}

/** Fits the view to the nodes once they are measured (at most 100 %); true from then on. */
export function useFramedWhenMeasured(wrapper: RefObject<HTMLDivElement | null>, nodes: FlowNode[], measured: MeasuredSizes, padding?: number): boolean {
  const flow = useReactFlow<FlowNode, FlowEdge>();
  const [framed, setFramed] = useState(false);
  useEffect(() => {
    if (framed || (nodes.length > 0 && measured.size === 0)) return;
    fitAll(flow, wrapper.current, { maxZoom: 1, ...(padding !== undefined ? { padding } : {}) }, nodes);
    setFramed(true);
  }, [framed, measured, nodes, flow, wrapper, padding]);
  return framed;
}
