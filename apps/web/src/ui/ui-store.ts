import { create } from 'zustand';
import type { ParseIssue } from '@podflow/core';

/** Which dialog or panel is open: UI state only, never part of the document or its history. */
export type DialogState =
  | { kind: 'shortcuts' }
  | { kind: 'export'; nodeId?: string }
  | { kind: 'history' }
  | { kind: 'new-workflow' }
  | { kind: 'save-version' }
  | { kind: 'import-error'; fileName: string; issues: ParseIssue[] }
  | { kind: 'confirm-delete-workflow'; id: string; name: string }
  | { kind: 'rename-workflow'; id: string; name: string }
  /** Connect a port of this canvas item with the keyboard. */
  | { kind: 'connect'; id: string };

interface UiStore {
  dialog: DialogState | null;
  problemsOpen: boolean;
  openDialog(dialog: DialogState): void;
  closeDialog(): void;
  setProblemsOpen(open: boolean): void;
}

export const useUiStore = create<UiStore>((set) => ({
  dialog: null,
  problemsOpen: true,
  openDialog: (dialog) => set({ dialog }),
  closeDialog: () => set({ dialog: null }),
  setProblemsOpen: (problemsOpen) => set({ problemsOpen }),
}));
