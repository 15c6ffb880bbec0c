import type { Position, WorkflowDoc } from '@podflow/core';
import { useEditorStore } from '../store/editor-store';
import { addNewTask, addNewWorkflowInput, addTaskNode, freshOutputName, type PaletteResult } from '../palette/palette-actions';
import type { PaletteItem } from '../palette/palette-items';
import { useCanvasView } from './canvas-view-store';
import { toast } from '../ui/toasts';

/**
 * Places a palette item at a canvas position (already converted with screenToFlowPosition): one undo step, and the new
 * item is selected. "Map over a task" first asks which task (a menu at the drop point).
 */
export function dropPaletteItem(item: PaletteItem, at: Position, screen: { x: number; y: number }): void {
  const store = useEditorStore.getState();
  const view = useCanvasView.getState();
  const doc = store.doc;
  if (!doc) return;
  const run = (label: string, make: (current: WorkflowDoc) => PaletteResult, after?: (id: string) => void) => {
    let created: string | undefined;
    let reason: string | undefined;
    store.apply((current) => {
      const r = make(current);
      if (!r.ok) {
        reason = r.reason;
        return current;
      }
      created = r.id;
      return r.doc;
    }, label);
    if (reason) toast(reason, 'error');
    if (created) {
      useEditorStore.getState().select([created]);
      after?.(created);
    }
  };
  switch (item.kind) {
    case 'python-task':
      return run('Add task', (d) => addNewTask(d, 'python', at));
    case 'dynamic-task':
      return run('Add dynamic task', (d) => addNewTask(d, 'dynamic', at));
    case 'existing-task':
      return run('Add task', (d) => addTaskNode(d, item.task, at));
    case 'map-task':
      view.setMenu({ kind: 'map-picker', x: screen.x, y: screen.y, at });
      return;
    case 'workflow-input':
      return run('Add input', (d) => addNewWorkflowInput(d, at), (id) => view.setEditing(id));
    case 'workflow-output': {
      const name = freshOutputName(doc, view.pendingOutputs.map((p) => p.name));
      view.addPendingOutput({ name, position: at });
      store.select([`output:${name}`]);
      return;
    }
  }
}

/** The map picker's choice: a new task, or an existing one, as a map node where the item was dropped. */
export function dropMapNode(task: string | null, at: Position): void {
  const store = useEditorStore.getState();
  const doc = store.doc;
  if (!doc) return;
  let created: string | undefined;
  let reason: string | undefined;
  store.apply((current) => {
    const r = task === null ? addNewTask(current, 'python', at, { map: true }) : addTaskNode(current, task, at, { map: true });
    if (!r.ok) {
      reason = r.reason;
      return current;
    }
    created = r.id;
    return r.doc;
  }, 'Add map node');
  if (reason) toast(reason, 'error');
  if (created) useEditorStore.getState().select([created]);
}
