import { useCallback, useEffect, useMemo, useRef } from 'react';
import { ReactFlow, type ReactFlowInstance } from '@xyflow/react';
import { findNode, findTask, nodeIdOfExecution, type WorkflowDoc } from '@podflow/core';
import { NodeDeriver, type FlowNode } from '../canvas/derive-nodes';
import { EdgeDeriver, type FlowEdge } from '../canvas/derive-edges';
import { nodeTypes } from '../canvas/node-types';
import { allCommands } from '../commands/all-commands';
import { matchesCombo } from '../commands/key-combo';
import { useThemeStore } from '../theme/theme';
import { READ_ONLY_FLOW, ReadOnlyCanvasChrome, useFramedWhenMeasured, useMeasuredSizes } from '../canvas/ReadOnlyFlowParts';
import { useRunStore } from './run-store';
import { backToDraft } from './run-controller';
import { setVersionFlow } from './focus-node';
import { StatusPill } from './run-bits';
import { shortRunId } from './run-format';
import inspectorPanel from '../editor/InspectorPanel.module.css';
import { cx } from '../ui/cx';
import paletteStyles from '../palette/Palette.module.css';
import canvasStyles from '../canvas/Canvas.module.css';
import styles from './RunVersionCanvas.module.css';
import runCss from './run.module.css';
import { CanvasOverlaysContext, RUN_ONLY } from '../canvas/canvas-overlays';

/**
 * The canvas of a run's version, read-only: the workflow as that run ran it (even when the draft changed since), with
 * the run's statuses on its nodes. Nothing here edits anything: nodes do not move or connect, in-place editing is
 * off, and the editor's editing shortcuts are held back while it is shown (they would change the hidden draft).
 */
const NO_DRAG = new Map();

/** Commands that leave the draft alone and may run while the version is shown. */
const ALLOWED = new Set(['zoom-to-fit', 'zoom-in', 'zoom-out', 'toggle-problems', 'toggle-theme', 'show-shortcuts', 'new-workflow', 'import-yaml', 'export-pods', 'download-yaml', 'save-version']);

export function RunVersionCanvas() {
  const doc = useRunStore((s) => s.runDoc)!;
  const version = useRunStore((s) => s.run?.version ?? s.record?.version);
  const runId = useRunStore((s) => s.run?.runId);
  const status = useRunStore((s) => s.run?.status);
  const selected = useRunStore((s) => s.selected);
  const theme = useThemeStore((s) => s.theme);
  const wrapper = useRef<HTMLDivElement>(null);
  const nodeDeriver = useRef(new NodeDeriver());
  const edgeDeriver = useRef(new EdgeDeriver());
  const { measured, onNodesChange } = useMeasuredSizes();
  const selectedSet = useMemo(() => new Set(selected ? [nodeIdOfExecution(selected)] : []), [selected]);
  const nodes = useMemo(() => nodeDeriver.current.derive(doc, [], { selected: selectedSet, dragging: NO_DRAG, measured }), [doc, selectedSet, measured]);
  const edges = useMemo(() => edgeDeriver.current.derive(doc, new Set()), [doc]);


  const onInit = useCallback((instance: ReactFlowInstance<FlowNode, FlowEdge>) => setVersionFlow(instance), []);
  useEffect(() => () => setVersionFlow(null), []);

  const framed = useFramedWhenMeasured(wrapper, nodes, measured);

  useHoldEditingKeys();

  return (
    <div className={cx(canvasStyles.canvas, styles.runVersionCanvas)} ref={wrapper} data-testid="run-version-canvas" data-version-canvas data-ready={framed ? 'true' : undefined} onDoubleClickCapture={(e) => e.stopPropagation()}>
      <div className={styles.runVersionBanner} data-testid="run-version-banner">
        <span className={runCss.versionChip}>v{version}</span>
        <span>
          <b>Read-only:</b> the workflow as run <span className="mono">{runId ? shortRunId(runId) : ''}</span> ran it
        </span>
        {status && <StatusPill status={status} />}
        <button className="btn btn-sm btn-primary" onClick={backToDraft} data-testid="back-to-draft">
          Back to the draft
        </button>
      </div>
      {/* The run's own status on its nodes; the draft's problems are not about this version. */}
      <CanvasOverlaysContext.Provider value={RUN_ONLY}>
        <ReactFlow<FlowNode, FlowEdge>
          nodes={nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          onNodesChange={onNodesChange}
          onInit={onInit}
          onNodeClick={(_e, n) => {
            if (n.type === 'input' || n.type === 'output') return;
            const { selected: cur, run } = useRunStore.getState();
            if (cur && nodeIdOfExecution(cur) === n.id) return;
            useRunStore.setState({ selected: run?.executions[n.id] ? n.id : null, bottomTab: 'run', panelView: 'run' });
          }}
          onPaneClick={() => useRunStore.setState({ selected: null })}
          {...READ_ONLY_FLOW}
          colorMode={theme}
          onlyRenderVisibleElements
        >
          <ReadOnlyCanvasChrome wrapper={wrapper} />
        </ReactFlow>
      </CanvasOverlaysContext.Provider>
    </div>
  );
}

/** While the version is shown, editing shortcuts (undo, paste, delete…) would act on the hidden draft: hold them back. */
function useHoldEditingKeys(): void {
  useEffect(() => {
    const editable = (t: EventTarget | null) => !!(t as HTMLElement | null)?.closest?.('input, textarea, select, [contenteditable=""], [contenteditable="true"], .monaco-editor');
    const onKey = (e: KeyboardEvent) => {
      if (editable(e.target)) return;
      const command = allCommands.find((c) => c.keys?.some((k) => matchesCombo(e, k)));
      if (command && !ALLOWED.has(command.id)) {
        e.preventDefault();
        e.stopPropagation();
      }
    };
    const onClipboard = (e: ClipboardEvent) => {
      if (!editable(e.target)) e.stopPropagation();
    };
    window.addEventListener('keydown', onKey, true);
    window.addEventListener('paste', onClipboard, true);
    window.addEventListener('cut', onClipboard, true);
    return () => {
      window.removeEventListener('keydown', onKey, true);
      window.removeEventListener('paste', onClipboard, true);
      window.removeEventListener('cut', onClipboard, true);
    };
  }, []);
}

/** The side panels while a run's version is shown: what that version's selected node ran (read-only). */
export function RunVersionInspector() {
  const doc = useRunStore((s) => s.runDoc);
  const selected = useRunStore((s) => s.selected);
  const executionTask = useRunStore((s) => (s.selected ? s.run?.executions[s.selected]?.task : undefined));
  if (!doc) return <aside className={inspectorPanel.inspectorPanel} />;
  const nodeId = selected ? nodeIdOfExecution(selected) : undefined;
  const node = nodeId ? findNode(doc, nodeId) : undefined;
  const taskName = executionTask || node?.task;
  const task = taskName ? findTask(doc, taskName) : undefined;
  return (
    <aside className={cx(inspectorPanel.inspectorPanel, styles.runVersionInspector)} aria-label="The run's version" data-testid="run-version-inspector">
      <div className={styles.rvScroll}>
        <div className={styles.rvHead}>
          <div className={styles.rvCaption}>Read-only · as run</div>
          <div className={styles.rvTitle}>{task ? task.name : doc.metadata.name}</div>
          {task && <div className={cx('faint', runCss.smallText)}>{task.type === 'dynamic' ? 'Dynamic task' : 'Python task'}{node?.map ? ' · mapped' : ''}</div>}
        </div>
        {task ? <TaskAsRun doc={doc} task={task.name} /> : <p className={cx('faint', styles.rvHint)}>Select a node to see the code and pod it ran with.</p>}
      </div>
    </aside>
  );
}

function TaskAsRun({ doc, task: name }: { doc: WorkflowDoc; task: string }) {
  const task = findTask(doc, name)!;
  return (
    <>
      <h4 className={styles.rvSub}>Code</h4>
      <pre className={styles.rvCode} data-testid="run-version-code">
        {task.code}
      </pre>
      {(task.retries !== undefined || task.timeoutSeconds !== undefined || task.image) && (
        <dl className={styles.rvFacts}>
          {task.retries !== undefined && (
            <>
              <dt>Retries</dt>
              <dd>{task.retries}</dd>
            </>
          )}
          {task.timeoutSeconds !== undefined && (
            <>
              <dt>Timeout</dt>
              <dd>{task.timeoutSeconds} s</dd>
            </>
          )}
          {task.image && (
            <>
              <dt>Image</dt>
              <dd className="mono">{task.image}</dd>
            </>
          )}
        </dl>
      )}
      {task.pod && (
        <>
          <h4 className={styles.rvSub}>Pod</h4>
          <pre className={styles.rvCode}>{JSON.stringify(task.pod, null, 2)}</pre>
        </>
      )}
    </>
  );
}

/** In place of the palette while the version is shown: nothing to add to a version that already ran. */
export function RunVersionPalette() {
  return (
    <aside className={cx(paletteStyles.palette, styles.runVersionPalette)} aria-label="Read-only">
      <div className={styles.rvHead}>
        <div className={styles.rvCaption}>Viewing a run</div>
        <p className={cx('faint', styles.rvHint)}>This is the version the run ran; it cannot be edited. Go back to the draft to change the workflow.</p>
        <button className="btn btn-sm" onClick={backToDraft}>
          Back to the draft
        </button>
      </div>
    </aside>
  );
}
