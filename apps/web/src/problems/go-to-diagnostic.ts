import type { Diagnostic } from '@podflow/core';
import { useEditorStore } from '../store/editor-store';
import { commandContext } from '../commands/editor-context';

/** Shows where a diagnostic points: selects its node (centred) or task, and hands the field's path to the inspector. */
export function goToDiagnostic(d: Diagnostic): void {
  const state = useEditorStore.getState();
  if (d.nodeId) {
    state.select([d.nodeId]);
    const flow = commandContext().flow;
    const n = flow?.getInternalNode(d.nodeId);
    if (n && flow) {
      const w = n.measured.width ?? 240;
      const h = n.measured.height ?? 120;
      void flow.setCenter(n.internals.positionAbsolute.x + w / 2, n.internals.positionAbsolute.y + h / 2, { zoom: Math.max(flow.getZoom(), 0.9), duration: 300 });
    }
  } else if (d.task) {
    state.selectTask(d.task);
  } else {
    state.select([]);
  }
  useEditorStore.getState().setFocusPath(d.path || undefined);
}
