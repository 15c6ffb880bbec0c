import { create } from 'zustand';
import { createDocumentSlice, type DocumentSlice } from './document-slice';
import { createSelectionSlice, type SelectionSlice } from './selection-slice';
import { createSaveSlice, type SaveSlice } from './save-slice';

/**
 * The editor's one store: the document with its history, the selection, the save state and (later) the live run.
 * React Flow's nodes and edges are derived from `doc` and `selection`; they are never the document.
 * Components read it with narrow selectors (`useEditorStore((s) => s.save.status)`), never the whole state.
 */
export type EditorState = DocumentSlice & SelectionSlice & SaveSlice;

export const useEditorStore = create<EditorState>()((...a) => ({
  ...createDocumentSlice(...a),
  ...createSelectionSlice(...a),
  ...createSaveSlice(...a),
}));

export type EditorStore = typeof useEditorStore;
export const editor = useEditorStore;
