import type { StateCreator } from 'zustand';
import type { EditorState } from './editor-store';

/**
 * What the person has selected, kept apart from the document. `ids` are canvas ids: a node's id, or
 * `input:NAME` / `output:NAME` for the workflow's own inputs and outputs. `task` is set when a task definition is
 * picked in the palette (a task that no node invokes can still be edited).
 */
export interface CanvasSelection {
  ids: string[];
  edges: string[];
  task: string | null;
}

export type InspectorSelection =
  | { kind: 'node'; nodeId: string }
  | { kind: 'task'; task: string }
  | { kind: 'workflow' }
  | { kind: 'none' };

export interface SelectionSlice {
  selection: CanvasSelection;
  /** Field the inspector should reveal (set by the problems panel). */
  focusPath: string | undefined;
  select(ids: string[], edges?: string[]): void;
  selectTask(task: string | null): void;
  setFocusPath(path: string | undefined): void;
}

export const EMPTY_SELECTION: CanvasSelection = { ids: [], edges: [], task: null };

export const createSelectionSlice: StateCreator<EditorState, [], [], SelectionSlice> = (set, get) => ({
  selection: EMPTY_SELECTION,
  focusPath: undefined,
  select: (ids, edges = []) => {
    const cur = get().selection;
    if (cur.task === null && sameList(cur.ids, ids) && sameList(cur.edges, edges)) return;
    set({ selection: { ids, edges, task: null }, focusPath: undefined });
  },
  selectTask: (task) => set({ selection: { ids: [], edges: [], task }, focusPath: undefined }),
  setFocusPath: (focusPath) => set({ focusPath }),
});

function sameList(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const set = new Set(a);
  return b.every((x) => set.has(x));
}

/** What the inspector shows for a canvas selection. */
export function inspectorSelectionOf(selection: CanvasSelection): InspectorSelection {
  if (selection.task) return { kind: 'task', task: selection.task };
  if (selection.ids.length === 0) return { kind: 'workflow' };
  if (selection.ids.length > 1) return { kind: 'none' };
  const id = selection.ids[0]!;
  if (id.startsWith('input:') || id.startsWith('output:')) return { kind: 'workflow' };
  return { kind: 'node', nodeId: id };
}
