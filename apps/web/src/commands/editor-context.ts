import type { ReactFlowInstance } from '@xyflow/react';
import { useEditorStore } from '../store/editor-store';
import type { CommandContext } from './command';
import type { FlowEdge } from '../canvas/derive-edges';
import type { FlowNode } from '../canvas/derive-nodes';

/** The live canvas, registered by `Canvas` while it is mounted (commands read it; nothing renders from it). */
let flow: ReactFlowInstance<FlowNode, FlowEdge> | null = null;
let pointer: { x: number; y: number } | null = null;

export const setFlowInstance = (instance: ReactFlowInstance<FlowNode, FlowEdge> | null): void => {
  flow = instance;
};
export const setCanvasPointer = (p: { x: number; y: number } | null): void => {
  pointer = p;
};

export function commandContext(): CommandContext {
  return { state: useEditorStore.getState(), flow, pointer };
}
