import { create } from 'zustand';
import type { NodeStatus, WorkflowDoc } from '@podflow/core';
import type { RunState, ExecutionRun } from './run-state';
import type { RunRecord } from './runs-api';
import type { RunLogs } from './log-buffer';
import type { StreamState } from './event-stream';
import { useCanvasOverlays } from '../canvas/canvas-overlays';

/**
 * The run shown in the editor: its live state (derived from its events, keyed by execution id), the document of the
 * version it ran, and what the run UI shows. Kept apart from the editor's store: a run is not part of the document or
 * its history. Node components read one execution with a narrow selector (`useExecution(id)`), so an event re-renders
 * only the node it is about.
 */
export type BottomTab = 'problems' | 'run';
export type PanelView = 'run' | 'history';
export type DetailsTab = 'logs' | 'attempts' | 'io';

export type RunDialogState =
  | { mode: 'run' }
  /** Re-run from a node (the "run one node" action): upstream outputs come from `runId`. */
  | { mode: 'node'; nodeId: string; runId?: string }
  /** Run this node alone ("Run this node" in the Code tab): its inputs typed in or taken from an earlier run. */
  | { mode: 'only'; nodeId: string };

export interface RunUiState {
  run: RunState | null;
  /** The run's record (version, executor options, times) from `GET /api/runs/:id`. */
  record: RunRecord | null;
  /** The document of the version the run ran. */
  runDoc: WorkflowDoc | null;
  logs: RunLogs | null;
  stream: StreamState | 'idle';
  cancelling: boolean;
  /** The execution whose details are shown. */
  selected: string | null;
  /** Map nodes whose items are listed in the run panel. */
  expanded: Record<string, boolean>;
  bottomTab: BottomTab;
  panelView: PanelView;
  detailsTab: DetailsTab;
  /** The canvas shows the run's version, read-only, instead of the draft. */
  readonly: boolean;
  dialog: RunDialogState | null;
}

export const EMPTY_RUN_UI: Omit<RunUiState, 'bottomTab' | 'dialog' | 'panelView'> = {
  run: null,
  record: null,
  runDoc: null,
  logs: null,
  stream: 'idle',
  cancelling: false,
  selected: null,
  expanded: {},
  detailsTab: 'logs',
  readonly: false,
};

export const useRunStore = create<RunUiState>(() => ({ ...EMPTY_RUN_UI, bottomTab: 'problems', panelView: 'run', dialog: null }));

/** One execution of the shown run (a node's, a map item's, a dynamic call's). */
export const useExecution = (executionId: string): ExecutionRun | undefined => useRunStore((s) => s.run?.executions[executionId]);

/** A node's status in the shown run, for `data-status` on the canvas node (none on a canvas of another version). */
export function useNodeRunStatus(nodeId: string): NodeStatus | undefined {
  const { runStatus } = useCanvasOverlays();
  return useRunStore((s) => (runStatus ? s.run?.executions[nodeId]?.status : undefined));
}

export const runUi = {
  select(executionId: string | null, tab?: DetailsTab): void {
    useRunStore.setState({ selected: executionId, bottomTab: 'run', panelView: 'run', ...(tab ? { detailsTab: tab } : {}) });
  },
  setBottomTab(bottomTab: BottomTab): void {
    useRunStore.setState({ bottomTab });
  },
  setPanelView(panelView: PanelView): void {
    useRunStore.setState({ panelView, bottomTab: 'run' });
  },
  setDetailsTab(detailsTab: DetailsTab): void {
    useRunStore.setState({ detailsTab });
  },
  toggleExpanded(executionId: string, open?: boolean): void {
    useRunStore.setState((s) => ({ expanded: { ...s.expanded, [executionId]: open ?? !s.expanded[executionId] } }));
  },
  openDialog(dialog: RunDialogState): void {
    useRunStore.setState({ dialog });
  },
  closeDialog(): void {
    useRunStore.setState({ dialog: null });
  },
};
