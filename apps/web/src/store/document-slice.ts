import type { StateCreator } from 'zustand';
import type { WorkflowDoc } from '@podflow/core';
import type { EditorState } from './editor-store';
import type { CanvasSelection } from './selection-slice';

/**
 * The document and its history. Every change to the workflow goes through `apply(update, label)`: a pure
 * `(doc) → doc` (a core op) plus the label shown as "Undo <label>". History keeps snapshots of the document
 * (documents are immutable, so a snapshot is a pointer); nobody writes inverses.
 */
export interface HistoryEntry {
  doc: WorkflowDoc;
  selection: CanvasSelection;
  /** The change that followed this snapshot ("Move", "Delete"…). */
  label: string;
}

export interface ApplyOptions {
  /** Merge with the previous change when it had the same label and came less than a second ago (typing). */
  coalesce?: boolean;
}

export interface DocumentSlice {
  workflowId: string | null;
  doc: WorkflowDoc | null;
  past: HistoryEntry[];
  future: HistoryEntry[];
  /** Label and time of the last change, for coalescing. */
  lastChange: { label: string; at: number } | null;
  /** Opens a document: history starts empty. */
  loadDocument(workflowId: string, doc: WorkflowDoc): void;
  closeDocument(): void;
  /** One undo step (or merged into the last one, see `ApplyOptions`). Returns whether the document changed. */
  apply(update: (doc: WorkflowDoc) => WorkflowDoc, label: string, options?: ApplyOptions): boolean;
  undo(): void;
  redo(): void;
}

export const HISTORY_LIMIT = 200;
export const COALESCE_MS = 1000;

export const createDocumentSlice: StateCreator<EditorState, [], [], DocumentSlice> = (set, get) => ({
  workflowId: null,
  doc: null,
  past: [],
  future: [],
  lastChange: null,
  loadDocument: (workflowId, doc) =>
    set({ workflowId, doc, past: [], future: [], lastChange: null, selection: { ids: [], edges: [], task: null }, focusPath: undefined }),
  closeDocument: () => set({ workflowId: null, doc: null, past: [], future: [], lastChange: null }),
  apply: (update, label, options) => {
    const { doc, past, lastChange, selection } = get();
    if (!doc) return false;
    const next = update(doc);
    if (next === doc) return false;
    const now = Date.now();
    const merge = options?.coalesce === true && lastChange?.label === label && now - lastChange.at < COALESCE_MS && past.length > 0;
    const nextPast = merge ? past : [...past, { doc, selection, label }].slice(-HISTORY_LIMIT);
    set({ doc: next, past: nextPast, future: [], lastChange: { label, at: now } });
    return true;
  },
  undo: () => {
    const { doc, past, future, selection } = get();
    const entry = past.at(-1);
    if (!doc || !entry) return;
    set({
      doc: entry.doc,
      past: past.slice(0, -1),
      future: [{ doc, selection, label: entry.label }, ...future],
      selection: entry.selection,
      lastChange: null,
    });
  },
  redo: () => {
    const { doc, past, future, selection } = get();
    const entry = future[0];
    if (!doc || !entry) return;
    set({
      doc: entry.doc,
      past: [...past, { doc, selection, label: entry.label }],
      future: future.slice(1),
      selection: entry.selection,
      lastChange: null,
    });
  },
});
