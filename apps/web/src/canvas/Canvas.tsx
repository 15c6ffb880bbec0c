import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import {
  Background,
  BackgroundVariant,
  ReactFlow,
  type Connection,
  type EdgeChange,
  type FinalConnectionState,
  type IsValidConnection,
  type NodeChange,
  type ReactFlowInstance,
  useReactFlow,
  useStore,
  useStoreApi,
  useUpdateNodeInternals,
  type ReactFlowState,
} from '@xyflow/react';
import { findNode, inputsOf, moveNodes, type Position, type WorkflowDoc } from '@podflow/core';
import { useEditorStore } from '../store/editor-store';
import { setCanvasNodes, setCanvasPointer, setFlowInstance } from '../commands/editor-context';
import { toast } from '../ui/toasts';
import { importWorkflowFile, isWorkflowFile } from '../workflows/import-workflow';
import { applyConnection } from './apply-connection';
import { useCanvasView } from './canvas-view-store';
import { checkConnection } from './connection-check';
import { ConnectionHint } from './ConnectionHint';
import { EdgeDeriver, type FlowEdge } from './derive-edges';
import { NodeDeriver, type FlowNode } from './derive-nodes';
import { nodeTypes } from './node-types';
import { CanvasMenus } from './CanvasMenus';
import { CanvasControls } from './CanvasControls';
import { EmptyCanvas } from './EmptyCanvas';
import { registerCanvasDropTarget } from './canvas-drop-target';
import { useThemeStore } from '../theme/theme';
import { fitAll } from './fit-all';
import { interpretNodeChanges } from './interpret-node-changes';
import { WorkflowMinimap } from './WorkflowMinimap';
import { LevelOfDetailContext, useLevelOfDetail } from './nodes/use-compact';
import styles from './Canvas.module.css';
import { cx } from '../ui/cx';
import { cullWindow, isWindowStep, ViewCuller, windowKey } from './view-culler';
import { BodyUpgradeContext, BodyUpgrades, idleSchedule } from './nodes/body-upgrades';

const MULTI_SELECT_KEYS = ['Shift', 'Meta', 'Control'];
const PRO_OPTIONS = { hideAttribution: true };
const MINIMAP_MIN_CANVAS_HEIGHT = 520;
const MINIMAP_MIN_CANVAS_WIDTH = 640;
// Props React Flow compares by identity: module constants, so that a render of the canvas changes none of them (a
// new defaultEdgeOptions object re-renders every edge drawn).
const NO_IDS: ReadonlySet<string> = new Set();
const PAN_BUTTONS = [1, 2];
const ZOOM_KEYS = ['Meta', 'Control'];
const SNAP_GRID: [number, number] = [8, 8];
const DEFAULT_EDGE_OPTIONS = { type: 'default' };
// What React Flow is given (view-culler.ts): the nodes in a window of half a view's size on each side of the view,
// worked out again each time the view has moved a quarter of its size; React Flow draws those on screen. Each step
// costs React Flow a pass over the window's nodes and edges (its node lookup, its connection lookup): a window of
// 2.25² views rather than 3.25² halves that (and at 1,000 nodes, near a corner of the lattice, the window holds less
// than half of it: React Flow is given the window, not the whole workflow).
const CULL_MARGIN = 0.5;
const CULL_STEP = 0.25;
// Nodes drawn while the view moves get a stand-in body (nodes/body-upgrades.ts), upgraded this long after it stops.
const UPGRADE_QUIET_MS = 150;
const UPGRADE_BATCH = 12;
const windowOf = (s: ReactFlowState) => cullWindow(s.transform, s.width, s.height, CULL_MARGIN, CULL_STEP);
const selectWindowKey = (s: ReactFlowState): string => windowKey(windowOf(s));

/**
 * The canvas. Nodes and edges are derived from the document and the selection (memoised per node); React Flow's
 * changes are translated into core ops: a finished drag is one `moveNodes` (one undo step), a connection is
 * `connect`, selection goes to the selection slice. React Flow never holds the document.
 */
export function Canvas() {
  const doc = useEditorStore((s) => s.doc)!;
  const workflowId = useEditorStore((s) => s.workflowId);
  const selection = useEditorStore((s) => s.selection);
  const pending = useCanvasView((s) => s.pendingOutputs);
  const theme = useThemeStore((s) => s.theme);
  const [dragging, setDragging] = useState<ReadonlyMap<string, Position>>(() => new Map());
  // Sizes React Flow measured, kept where the node deriver reads them when it makes a node object. Not React state:
  // a node drawn for the first time (every pan brings some) costs nothing here — React Flow already holds its size.
  const measured = useRef(new Map<string, { width: number; height: number }>()).current;
  const measuredFor = useRef(workflowId);
  if (measuredFor.current !== workflowId) {
    measuredFor.current = workflowId; // another workflow: its nodes may reuse ids, never sizes
    measured.clear();
  }
  const [anyMeasured, setAnyMeasured] = useState(false);
  const anyMeasuredRef = useRef(false);
  const nodeDeriver = useRef(new NodeDeriver());
  const edgeDeriver = useRef(new EdgeDeriver());
  const flowRef = useRef<ReactFlowInstance<FlowNode, FlowEdge> | null>(null);
  const wrapperRef = useRef<HTMLDivElement>(null);
  const flow = useReactFlow<FlowNode, FlowEdge>();
  const panZoomReady = useStore((st) => st.panZoom !== null);
  // On a short canvas (the run panel open, a small window) the minimap would cover the nodes it maps: it steps aside.
  const roomForMinimap = useStore((st) => st.height >= MINIMAP_MIN_CANVAS_HEIGHT && st.width >= MINIMAP_MIN_CANVAS_WIDTH);
  // Zoomed out to compact nodes, the dots would be a grey haze under 8 px apart that is repainted every frame of a pan.
  const lod = useLevelOfDetail();
  const compact = lod !== 'full';
  const draggingRef = useRef(dragging);
  draggingRef.current = dragging;

  const selectedIds = useMemo(() => new Set(selection.ids), [selection.ids]);
  const selectedEdges = useMemo(() => new Set(selection.edges), [selection.edges]);
  const nodes = useMemo(
    () => nodeDeriver.current.derive(doc, pending, { selected: selectedIds, dragging, measured }),
    [doc, pending, selectedIds, dragging, measured],
  );
  const edges = useMemo(() => edgeDeriver.current.derive(doc, selectedEdges), [doc, selectedEdges]);
  useEffect(() => setCanvasNodes(nodes), [nodes]);
  useEffect(() => () => setCanvasNodes([]), []);

  // Culling: the canvas re-renders when the window around the view has moved a step (a selector returning its key),
  // or when the nodes, edges, selection or drag change; between steps a pan is React Flow's transform and its own
  // culling of the window's few hundred nodes to the screen.
  const store = useStoreApi();
  // A step of the window re-renders React Flow with other nodes and edges (a pass over each, its connection lookup
  // rebuilt): deferred, that work is done between frames, not in the frame of the pointer move that crossed the step
  // (the margin around the view covers the frames it waits). A jump (framing, the minimap) is given at once.
  const liveWindow = useStore(selectWindowKey);
  const deferredWindow = useDeferredValue(liveWindow);
  const shownWindow = isWindowStep(deferredWindow, liveWindow) ? deferredWindow : liveWindow;
  const [culler] = useState(() => new ViewCuller());
  const draggingIds = useMemo(() => new Set(dragging.keys()), [dragging]);
  const updateNodeInternals = useUpdateNodeInternals();
  const lodRef = useRef(lod);
  lodRef.current = lod;
  const remeasure = useRef(updateNodeInternals);
  remeasure.current = updateNodeInternals;
  const [upgrades] = useState(
    () =>
      new BodyUpgrades({
        quietMs: UPGRADE_QUIET_MS,
        batch: UPGRADE_BATCH,
        now: () => performance.now(),
        schedule: idleSchedule,
        // The full body's ports are measured again (the stand-in had them where they were estimated to be).
        upgraded: (ids) => {
          if (lodRef.current === 'full') remeasure.current(ids);
        },
      }),
  );
  useEffect(() => store.subscribe((s, prev) => s.transform !== prev.transform && upgrades.viewMoved()), [store, upgrades]);
  const culled = useMemo(() => {
    const state = store.getState();
    const area = shownWindow ? windowOf(state) : null;
    const hasPorts = (id: string) => !!state.nodeLookup.get(id)?.internals.handleBounds;
    return culler.cull(nodes, edges, area && { window: area, selected: selectedIds, dragging: draggingIds, hasPorts });
    // shownWindow says when to look at the view again (the window is read from the store, not from the key).
  }, [culler, store, nodes, edges, selectedIds, draggingIds, shownWindow]);

  // React Flow's node changes, interpreted by a pure function; here they are only applied.
  const onNodesChange = useCallback((changes: NodeChange<FlowNode>[]) => {
    const state = useEditorStore.getState();
    // Ids that no longer name anything (a node renamed or removed by another edit) drop out of the selection.
    const selected = changes.some((c) => c.type === 'select')
      ? new Set(state.selection.ids.filter((id) => state.doc && canvasIdExists(state.doc, id)))
      : NO_IDS;
    const fx = interpretNodeChanges(changes, { dragging: draggingRef.current, selected });
    if (fx.measured) {
      for (const [id, size] of fx.measured) measured.set(id, size);
      if (!anyMeasuredRef.current) {
        anyMeasuredRef.current = true;
        setAnyMeasured(true);
      }
    }
    if (fx.commit) {
      const pendingMoves = new Map([...fx.commit].filter(([id]) => id.startsWith('output:')));
      if (pendingMoves.size) useCanvasView.getState().movePendingOutputs(pendingMoves);
      state.apply((d) => moveNodes(d, Object.fromEntries(fx.commit!)), 'Move');
    }
    if (fx.dragging) setDragging(fx.dragging);
    if (fx.selected) useEditorStore.getState().select(fx.selected, useEditorStore.getState().selection.edges);
  }, [measured]);

  const onEdgesChange = useCallback((changes: EdgeChange<FlowEdge>[]) => {
    const state = useEditorStore.getState();
    const edgesSel = new Set(state.selection.edges);
    let changed = false;
    for (const c of changes) {
      if (c.type !== 'select') continue;
      changed = true;
      if (c.selected) edgesSel.add(c.id);
      else edgesSel.delete(c.id);
    }
    if (changed) state.select(useEditorStore.getState().selection.ids, [...edgesSel]);
  }, []);

  const isValidConnection: IsValidConnection<FlowEdge> = useCallback((c) => {
    const d = useEditorStore.getState().doc;
    return !!d && checkConnection(d, c).ok;
  }, []);

  const onConnect = useCallback((c: Connection) => {
    let reason: string | undefined;
    useEditorStore.getState().apply((d) => {
      const r = applyConnection(d, c, useCanvasView.getState().pendingOutputs);
      if (!r.ok) reason = r.reason;
      return r.ok ? r.doc : d;
    }, 'Connect');
    if (reason) toast(reason, 'error');
  }, []);

  const onConnectEnd = useCallback((_e: MouseEvent | TouchEvent, state: FinalConnectionState) => {
    // Dropped on a handle that refused the connection: say why (the hint disappears with the drag).
    if (state.toHandle && !state.isValid && state.fromHandle) {
      const d = useEditorStore.getState().doc;
      if (!d) return;
      const [source, target] = state.fromHandle.type === 'source' ? [state.fromHandle, state.toHandle] : [state.toHandle, state.fromHandle];
      const r = checkConnection(d, { source: source.nodeId, sourceHandle: source.id, target: target.nodeId, targetHandle: target.id });
      if (!r.ok) toast(r.reason, 'error');
    }
  }, []);

  const onInit = useCallback((instance: ReactFlowInstance<FlowNode, FlowEdge>) => {
    flowRef.current = instance;
    setFlowInstance(instance);
  }, []);
  useEffect(() => () => setFlowInstance(null), []);

  // A newly opened workflow is framed once its nodes are measured.
  const framedFor = useRef<string | null>(null);
  const hasNodes = nodes.length > 0;
  const [framed, setFramed] = useState(false);
  useEffect(() => {
    if (!workflowId || framedFor.current === workflowId) return;
    if (!hasNodes) {
      framedFor.current = workflowId; // an empty workflow keeps the default view while it is built
      setFramed(true);
      return;
    }
    if (!anyMeasured || !panZoomReady) return;
    framedFor.current = workflowId;
    // A large workflow opens at a readable zoom on its first nodes (only those on screen are rendered);
    // "Zoom to fit" shows all of it.
    fitAll(flow, wrapperRef.current, { minZoom: 0.45 }, nodes);
    setFramed(true);
  }, [workflowId, anyMeasured, hasNodes, panZoomReady, flow, nodes]);

  useEffect(() => registerCanvasDropTarget(wrapperRef, flowRef), []);

  const onNodeContextMenu = useCallback((e: React.MouseEvent, node: FlowNode) => {
    e.preventDefault();
    const state = useEditorStore.getState();
    if (!state.selection.ids.includes(node.id)) state.select([node.id]);
    useCanvasView.getState().setMenu({ kind: 'node', x: e.clientX, y: e.clientY, id: node.id });
  }, []);
  const onPaneContextMenu = useCallback((e: React.MouseEvent | MouseEvent) => {
    e.preventDefault();
    useCanvasView.getState().setMenu({ kind: 'pane', x: e.clientX, y: e.clientY });
  }, []);
  const onNodeDoubleClick = useCallback((_e: React.MouseEvent, node: FlowNode) => {
    if (node.type === 'input' || node.type === 'output') useCanvasView.getState().setEditing(node.id);
  }, []);

  const [fileOver, setFileOver] = useState(false);
  const onDragOver = useCallback((e: React.DragEvent) => {
    if (!e.dataTransfer.types.includes('Files')) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
    setFileOver(true);
  }, []);
  const onDrop = useCallback((e: React.DragEvent) => {
    setFileOver(false);
    const file = e.dataTransfer.files[0];
    if (!file) return;
    e.preventDefault();
    if (!isWorkflowFile(file)) {
      toast(`${file.name} is not a .podflow.yaml file.`, 'error');
      return;
    }
    void importWorkflowFile(file).catch((err: unknown) => toast((err as Error).message, 'error'));
  }, []);

  const isEmpty = nodes.length === 0;
  return (
    <div
      className={cx(styles.canvas, fileOver && styles.fileOver)}
      ref={wrapperRef}
      data-testid="canvas"
      data-ready={framed ? 'true' : undefined}
      onDragOver={onDragOver}
      onDragLeave={() => setFileOver(false)}
      onDrop={onDrop}
      onPointerMove={(e) => setCanvasPointer({ x: e.clientX, y: e.clientY })}
      onPointerLeave={() => setCanvasPointer(null)}
    >
      <LevelOfDetailContext.Provider value={lod}>
        <BodyUpgradeContext.Provider value={upgrades}>
          <ReactFlow<FlowNode, FlowEdge>
            nodes={culled.nodes}
            edges={culled.edges}
            onlyRenderVisibleElements
            nodeTypes={nodeTypes}
            onNodesChange={onNodesChange}
            onEdgesChange={onEdgesChange}
            onConnect={onConnect}
            onConnectEnd={onConnectEnd}
            isValidConnection={isValidConnection}
            onInit={onInit}
            onNodeContextMenu={onNodeContextMenu}
            onPaneContextMenu={onPaneContextMenu}
            onNodeDoubleClick={onNodeDoubleClick}
            deleteKeyCode={null}
            selectionKeyCode={null}
            multiSelectionKeyCode={MULTI_SELECT_KEYS}
            selectionOnDrag
            panOnDrag={PAN_BUTTONS}
            panOnScroll
            panActivationKeyCode="Space"
            zoomActivationKeyCode={ZOOM_KEYS}
            minZoom={0.05}
            maxZoom={2}
            snapToGrid
            snapGrid={SNAP_GRID}
            connectionRadius={28}
            elevateEdgesOnSelect
            proOptions={PRO_OPTIONS}
            defaultEdgeOptions={DEFAULT_EDGE_OPTIONS}
            edgesReconnectable={false}
            colorMode={theme}
          >
            {!compact && <Background variant={BackgroundVariant.Dots} gap={16} size={1.2} color="var(--canvas-dot)" />}
            {!isEmpty && roomForMinimap && <WorkflowMinimap theme={theme} nodes={nodes} />}
            <CanvasControls />
            <ConnectionHint container={wrapperRef.current} />
          </ReactFlow>
        </BodyUpgradeContext.Provider>
      </LevelOfDetailContext.Provider>
      {isEmpty && <EmptyCanvas />}
      {fileOver && (
        <div className={styles.fileDropOverlay} aria-hidden="true">
          Drop a <code>.podflow.yaml</code> to import it as a new workflow
        </div>
      )}
      <CanvasMenus />
    </div>
  );
}

function canvasIdExists(doc: WorkflowDoc, id: string): boolean {
  if (id.startsWith('input:')) return inputsOf(doc).some((i) => `input:${i.name}` === id);
  if (id.startsWith('output:')) return true; // unconnected outputs live in the canvas view until connected
  return findNode(doc, id) !== undefined;
}
