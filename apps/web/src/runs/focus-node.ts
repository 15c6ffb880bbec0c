import type { ReactFlowInstance } from '@xyflow/react';
import { canvasNodeBox, commandContext } from '../commands/editor-context';
import { useEditorStore } from '../store/editor-store';
import type { FlowEdge } from '../canvas/derive-edges';
import type { FlowNode } from '../canvas/derive-nodes';
import { useRunStore } from './run-store';

/** The read-only canvas of a run's version, registered while it is mounted. */
let versionFlow: ReactFlowInstance<FlowNode, FlowEdge> | null = null;
export const setVersionFlow = (flow: ReactFlowInstance<FlowNode, FlowEdge> | null): void => {
  versionFlow = flow;
};

/** Selects a node on the canvas shown (the draft's, or the run version's) and brings it into view. */
export function focusNode(nodeId: string): void {
  const readonly = useRunStore.getState().readonly;
  const flow = readonly ? versionFlow : commandContext().flow;
  if (!readonly) useEditorStore.getState().select([nodeId]);
  // The editor's canvas gives React Flow only the nodes near the view: its nodes' boxes come from the canvas.
  const box = readonly ? undefined : canvasNodeBox(nodeId);
  if (box && flow) {
    void flow.setCenter(box.x + (box.width || 240) / 2, box.y + (box.height || 120) / 2, { zoom: Math.max(flow.getZoom(), 0.9), duration: 300 });
    return;
  }
  const n = flow?.getInternalNode(nodeId);
  if (n && flow) {
    const w = n.measured.width ?? 240;
    const h = n.measured.height ?? 120;
    void flow.setCenter(n.internals.positionAbsolute.x + w / 2, n.internals.positionAbsolute.y + h / 2, { zoom: Math.max(flow.getZoom(), 0.9), duration: 300 });
  }
}
