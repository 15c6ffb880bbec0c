import type { Diagnostic } from '@podflow/core';
import { useEditorStore } from '../store/editor-store';
import { canvasNodeBox, commandContext } from '../commands/editor-context';

/** Shows where a diagnostic points: selects its node (centred) or task, and hands the field's path to the inspector. */
export function goToDiagnostic(d: Diagnostic): void {
  const state = useEditorStore.getState();
  if (d.nodeId) {
    state.select([d.nodeId]);
    const flow = commandContext().flow;
    // Drawn or not: React Flow is given only the nodes near the view.
    const b = canvasNodeBox(d.nodeId);
    if (b && flow) void flow.setCenter(b.x + (b.width || 240) / 2, b.y + (b.height || 120) / 2, { zoom: Math.max(flow.getZoom(), 0.9), duration: 300 });
  } else if (d.task) {
    state.selectTask(d.task);
  } else {
    state.select([]);
  }
  useEditorStore.getState().setFocusPath(d.path || undefined);
}
