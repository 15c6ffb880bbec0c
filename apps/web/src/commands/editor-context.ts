import type { ReactFlowInstance } from '@xyflow/react';
import { useEditorStore } from '../store/editor-store';
import type { CommandContext } from './command';
import type { FlowEdge } from '../canvas/derive-edges';
import type { FlowNode } from '../canvas/derive-nodes';
import { nodeBox } from '../canvas/view-culler';
import type { Box } from '../canvas/spatial-grid';

/** The live canvas, registered by `Canvas` while it is mounted (commands read it; nothing renders from it). */
let flow: ReactFlowInstance<FlowNode, FlowEdge> | null = null;
let pointer: { x: number; y: number } | null = null;
let nodes: readonly FlowNode[] = [];

/**
 * Every node of the workflow on the canvas, as derived (position, measured or estimated size): React Flow itself is
 * given only the nodes near the view (canvas/view-culler.ts), so its `getNodes()` and `getInternalNode()` know only
 * those. Fit-all, free spots and "bring this node into view" read these.
 */
export const setCanvasNodes = (all: readonly FlowNode[]): void => {
  nodes = all;
};
export const canvasNodes = (): readonly FlowNode[] => nodes;
/** A node's box on the editor's canvas, drawn or not. */
export const canvasNodeBox = (id: string): Box | undefined => {
  const n = nodes.find((node) => node.id === id);
  return n && nodeBox(n);
};

export const setFlowInstance = (instance: ReactFlowInstance<FlowNode, FlowEdge> | null): void => {
  flow = instance;
};
export const setCanvasPointer = (p: { x: number; y: number } | null): void => {
  pointer = p;
};

export function commandContext(): CommandContext {
  return { state: useEditorStore.getState(), flow, pointer };
}
