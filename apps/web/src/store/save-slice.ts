import type { StateCreator } from 'zustand';
import type { WorkflowDoc } from '@podflow/core';
import type { Draft, Revision } from '../api/workflows-api';
import type { EditorState } from './editor-store';

/**
 * Where the document stands against the server. `savedDoc` is the document the server last acknowledged (so "is
 * there unsaved work" is `doc !== savedDoc`); `revision` is the draft revision that acknowledgement carried, sent
 * as If-Match with the next save.
 */
export type SaveStatus = 'saved' | 'saving' | 'offline' | 'conflict' | 'error';

export interface SaveSlice {
  save: {
    status: SaveStatus;
    revision: Revision | null;
    savedDoc: WorkflowDoc | null;
    /** Someone else's draft, when a save answered 409. */
    conflict: Draft | null;
    error: string | null;
  };
  setSave(patch: Partial<SaveSlice['save']>): void;
}

export const createSaveSlice: StateCreator<EditorState, [], [], SaveSlice> = (set) => ({
  save: { status: 'saved', revision: null, savedDoc: null, conflict: null, error: null },
  setSave: (patch) => set((s) => ({ save: { ...s.save, ...patch } })),
});
