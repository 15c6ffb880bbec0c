import type { StateCreator } from 'zustand';
import type { NodeStatus, RunStatus } from '@podflow/core';
import type { EditorState } from './editor-store';

/**
 * Live run state shown on the canvas (filled by the runs UI in a later issue). Kept out of React Flow's node data:
 * node components read `run.nodeStatus[id]` with a narrow selector, so a status change re-renders one node.
 */
export interface RunSlice {
  run: {
    runId: string | null;
    status: RunStatus | null;
    nodeStatus: Record<string, NodeStatus>;
  };
  setRun(runId: string | null, status: RunStatus | null): void;
  setNodeStatus(nodeId: string, status: NodeStatus): void;
  clearRun(): void;
}

export const createRunSlice: StateCreator<EditorState, [], [], RunSlice> = (set) => ({
  run: { runId: null, status: null, nodeStatus: {} },
  setRun: (runId, status) => set((s) => ({ run: { ...s.run, runId, status } })),
  setNodeStatus: (nodeId, status) => set((s) => ({ run: { ...s.run, nodeStatus: { ...s.run.nodeStatus, [nodeId]: status } } })),
  clearRun: () => set({ run: { runId: null, status: null, nodeStatus: {} } }),
});
