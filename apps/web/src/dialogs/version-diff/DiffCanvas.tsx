import { useEffect, useMemo, useRef } from 'react';
import { ReactFlow, ReactFlowProvider, useReactFlow } from '@xyflow/react';
import type { WorkflowDoc } from '@podflow/core';
import type { NodeDiffStatus, WorkflowDiff } from '@podflow/core/diff';
import { NodeDeriver, type FlowNode } from '../../canvas/derive-nodes';
import { EdgeDeriver, type FlowEdge } from '../../canvas/derive-edges';
import { nodeTypes } from '../../canvas/node-types';
import { useThemeStore } from '../../theme/theme';
import { READ_ONLY_FLOW, ReadOnlyCanvasChrome, useFramedWhenMeasured, useMeasuredSizes } from '../../canvas/ReadOnlyFlowParts';
import { CanvasOverlaysContext, NO_OVERLAYS } from '../../canvas/canvas-overlays';
import { canvasEdgeEnds, canvasStatuses, edgeEndsKey, mergedDoc } from './diff-canvas-model';
import styles from './DiffCanvas.module.css';
import statusColors from './DiffStatus.module.css';
import canvasStyles from '../../canvas/Canvas.module.css';
import { cx } from '../../ui/cx';

const NO_DRAG = new Map();
const NO_EDGES = new Set<string>();

const NODE_CLASS: Record<NodeDiffStatus, string> = {
  added: cx(styles.marked, statusColors.added),
  removed: cx(styles.marked, statusColors.removed, styles.removed),
  changed: cx(styles.marked, statusColors.changed),
  moved: cx(styles.marked, statusColors.moved, styles.moved),
  renamed: cx(styles.marked, statusColors.renamed, styles.renamed),
};
const EDGE_CLASS = { added: styles.edgeAdded!, removed: styles.edgeRemoved! };

/**
 * Both versions on one read-only canvas: the newer version's graph plus what only the older one had, each item that
 * differs outlined and labelled added / removed / changed / moved; edges added drawn solid green, removed dashed red.
 * Its own React Flow store, so the editor's canvas underneath is left alone.
 */
interface DiffCanvasProps {
  a: WorkflowDoc;
  b: WorkflowDoc;
  diff: WorkflowDiff;
  selected: string | undefined;
  /** Bumped when the selection came from the change list: the node is then brought into view if it is not. */
  reveal: number;
  onSelect: (nodeId: string) => void;
}

export function DiffCanvas(props: DiffCanvasProps) {
  return (
    <ReactFlowProvider>
      {/* Two versions, neither of them the draft with its run and problems. */}
      <CanvasOverlaysContext.Provider value={NO_OVERLAYS}>
        <DiffFlow {...props} />
      </CanvasOverlaysContext.Provider>
    </ReactFlowProvider>
  );
}

function DiffFlow({ a, b, diff, selected, reveal, onSelect }: DiffCanvasProps) {
  const theme = useThemeStore((s) => s.theme);
  const flow = useReactFlow<FlowNode, FlowEdge>();
  const wrapper = useRef<HTMLDivElement>(null);
  const nodeDeriver = useRef(new NodeDeriver());
  const edgeDeriver = useRef(new EdgeDeriver());
  const { measured, measuredRef, onNodesChange } = useMeasuredSizes();

  const merged = useMemo(() => mergedDoc(a, b, diff), [a, b, diff]);
  const statuses = useMemo(() => canvasStatuses(diff), [diff]);
  const renamedFrom = useMemo(() => new Map(diff.nodes.flatMap((n) => (n.renamedFrom !== undefined ? [[n.id, n.renamedFrom] as const] : []))), [diff]);
  const selectedSet = useMemo(() => new Set(selected ? [selected] : []), [selected]);
  const nodes = useMemo(
    () =>
      nodeDeriver.current
        .derive(merged, [], {
          selected: selectedSet,
          dragging: NO_DRAG,
          measured,
        })
        .map((n): FlowNode => {
          const status = statuses.get(n.id);
          const from = renamedFrom.get(n.id);
          return status
            ? {
                ...n,
                className: NODE_CLASS[status],
                domAttributes: { 'data-diff': status, ...(from !== undefined ? { 'data-renamed-from': from } : {}) } as FlowNode['domAttributes'],
              }
            : n;
        }),
    [merged, selectedSet, measured, statuses, renamedFrom],
  );
  const edges = useMemo(() => {
    const added = new Set(diff.edges.added.map((e) => edgeEndsKey(canvasEdgeEnds(e))));
    const removed = new Set(diff.edges.removed.map((e) => edgeEndsKey(canvasEdgeEnds(e))));
    const drawn = edgeDeriver.current.derive(merged, NO_EDGES).map((e): FlowEdge => {
      const key = edgeEndsKey(e);
      return added.has(key) ? { ...e, className: EDGE_CLASS.added } : removed.has(key) ? { ...e, className: EDGE_CLASS.removed } : e;
    });
    // Removed edges into nodes that are still there (their input is now bound elsewhere, or not at all).
    const present = new Set(drawn.map(edgeEndsKey));
    diff.edges.removed.forEach((e, i) => {
      const ends = canvasEdgeEnds(e);
      if (present.has(edgeEndsKey(ends))) return;
      drawn.push({
        id: `removed-edge-${i}`,
        ...ends,
        className: EDGE_CLASS.removed,
        data: { fit: 'yes' },
      });
    });
    return drawn;
  }, [merged, diff]);

  const framed = useFramedWhenMeasured(wrapper, nodes, measured, 0.2);

  // A node chosen from the list is brought into view when it is (partly) out of it.
  useEffect(() => {
    if (!reveal || !selected || !framed || !wrapper.current) return;
    const node = flow.getNode(selected);
    if (!node) return;
    const size = measuredRef.current.get(selected) ?? { width: 240, height: 120 };
    const { x, y, zoom } = flow.getViewport();
    const box = wrapper.current.getBoundingClientRect();
    const left = node.position.x * zoom + x;
    const top = node.position.y * zoom + y;
    const inside = left >= 0 && top >= 0 && left + size.width * zoom <= box.width && top + size.height * zoom <= box.height;
    if (!inside) void flow.setCenter(node.position.x + size.width / 2, node.position.y + size.height / 2, { zoom, duration: 200 });
  }, [reveal, selected, framed, flow]);

  return (
    <div
      className={cx(canvasStyles.canvas, styles.canvas)}
      ref={wrapper}
      data-testid="diff-canvas"
      data-ready={framed ? 'true' : undefined}
      onDoubleClickCapture={(e) => e.stopPropagation()}
    >
      <ReactFlow<FlowNode, FlowEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onNodeClick={(_e, n) => {
          if (n.type !== 'input' && n.type !== 'output') onSelect(n.id);
        }}
        {...READ_ONLY_FLOW}
        nodesFocusable={false}
        colorMode={theme}
      >
        <ReadOnlyCanvasChrome wrapper={wrapper} fitPadding={0.2} />
      </ReactFlow>
    </div>
  );
}
