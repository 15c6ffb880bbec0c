import { createContext } from 'react';
import { useStore, type ReactFlowState } from '@xyflow/react';

/**
 * Below this zoom a task node's text is under 6.5 px, too small to read: nodes are drawn compact (title and ports),
 * which is what keeps a zoomed-out view of thousands of nodes cheap to draw and to pan.
 */
export const COMPACT_ZOOM = 0.5;
/** Below this zoom even the compact title is under 4.5 px: a task node is a box in its kind's colour. */
export const BOX_ZOOM = 0.2;

export type LevelOfDetail = 'full' | 'compact' | 'box';

const isCompact = (s: ReactFlowState) => s.transform[2] < COMPACT_ZOOM;
const levelOf = (s: ReactFlowState): LevelOfDetail => (s.transform[2] < BOX_ZOOM ? 'box' : s.transform[2] < COMPACT_ZOOM ? 'compact' : 'full');

/** Whether nodes are drawn compact (or as boxes) now; a component re-renders only when that flips, not on every zoom step. */
export function useCompact(): boolean {
  return useStore(isCompact);
}

/**
 * The level of detail, given by the canvas to all its nodes at once: one store subscription for the canvas instead of
 * one per node (each runs on every frame of a pan). A canvas that does not give it leaves each node to subscribe.
 */
export const LevelOfDetailContext = createContext<LevelOfDetail | null>(null);

/** How task nodes are drawn at the current zoom; re-renders only when the level changes. */
export function useLevelOfDetail(): LevelOfDetail {
  return useStore(levelOf);
}
