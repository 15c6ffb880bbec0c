import { useStore, type ReactFlowState } from '@xyflow/react';

/**
 * Below this zoom a task node's text is under 6.5 px, too small to read: nodes are drawn compact (title and ports),
 * which is what keeps a zoomed-out view of thousands of nodes cheap to draw and to pan.
 */
export const COMPACT_ZOOM = 0.5;

const isCompact = (s: ReactFlowState) => s.transform[2] < COMPACT_ZOOM;

/** Whether nodes are drawn compact now; a component re-renders only when that flips, not on every zoom step. */
export function useCompact(): boolean {
  return useStore(isCompact);
}
