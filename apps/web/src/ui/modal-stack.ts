import { create } from 'zustand';

/**
 * The open modal dialogs, innermost last. While one is open the rest of the page is inert (and under its backdrop),
 * so what must stay reachable — the toasts — renders inside the innermost one.
 */
export const useModalStack = create<{ dialogs: HTMLDialogElement[] }>(() => ({ dialogs: [] }));

export function pushModal(dialog: HTMLDialogElement): () => void {
  useModalStack.setState((s) => ({ dialogs: [...s.dialogs, dialog] }));
  return () => useModalStack.setState((s) => ({ dialogs: s.dialogs.filter((d) => d !== dialog) }));
}
