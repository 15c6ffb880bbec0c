import { create } from 'zustand';

/**
 * Edits typed into an editor that has not yet handed them to the document (the code and YAML editors wait for a
 * pause in typing). While any is pending the header must not say "Saved", and leaving the page hands them over at
 * once (`flushPendingEdits`), so the local draft written on the way out includes them.
 */
const flushers = new Map<string, () => void>();

export const usePendingEdits = create<{ count: number }>(() => ({ count: 0 }));

const publish = () => {
  if (usePendingEdits.getState().count !== flushers.size) usePendingEdits.setState({ count: flushers.size });
};

/** An editor (`key` unique to it) holds an edit that `flush` would hand to the document. */
export function markPending(key: string, flush: () => void): void {
  flushers.set(key, flush);
  publish();
}

/** The editor handed its edit over (or dropped it). */
export function clearPending(key: string): void {
  if (flushers.delete(key)) publish();
}

/** Hands every pending edit to the document, synchronously. */
export function flushPendingEdits(): void {
  for (const [key, flush] of [...flushers]) {
    flushers.delete(key);
    try {
      flush();
    } catch {
      /* one editor's failure must not keep the others' edits */
    }
  }
  publish();
}
