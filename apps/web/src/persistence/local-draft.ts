import { contentHash, parseWorkflow, stableStringify, type WorkflowDoc } from '@podflow/core';
import type { Revision } from '../api/workflows-api';

/**
 * A copy of each open workflow's latest document in localStorage, written on every change, so that a reload, a
 * crash or a stopped server loses nothing. `baseRevision` is the server draft it was edited from; `dirty` says the
 * server has not acknowledged it yet. The copy is parsed like any other boundary when read back.
 */
export interface LocalDraft {
  doc: WorkflowDoc;
  baseRevision: Revision | null;
  dirty: boolean;
  savedAt: number;
  /**
   * Hashes of documents this browser sent whose answer it may not have seen (a save in flight at a reload, the
   * last-chance save when the page closes). A server draft with one of these contents is this browser's own work,
   * not somebody else's: no conflict.
   */
  sentHashes?: string[];
}

/** Content hash of a document, independent of key order. */
export const docHash = (doc: WorkflowDoc): string => contentHash(stableStringify(doc));

const key = (workflowId: string) => `podflow.draft.${workflowId}`;

export function readLocalDraft(workflowId: string): LocalDraft | undefined {
  let raw: string | null;
  try {
    raw = localStorage.getItem(key(workflowId));
  } catch {
    return undefined;
  }
  if (!raw) return undefined;
  try {
    const data = JSON.parse(raw) as { doc?: unknown; baseRevision?: Revision | null; dirty?: boolean; savedAt?: number; sentHashes?: unknown };
    const parsed = parseWorkflow(data.doc);
    if (!parsed.ok) return undefined;
    const sentHashes = Array.isArray(data.sentHashes) ? data.sentHashes.filter((h): h is string => typeof h === 'string') : [];
    return { doc: parsed.doc, baseRevision: data.baseRevision ?? null, dirty: data.dirty === true, savedAt: data.savedAt ?? 0, sentHashes };
  } catch {
    return undefined;
  }
}

export function writeLocalDraft(workflowId: string, draft: LocalDraft): boolean {
  try {
    localStorage.setItem(key(workflowId), JSON.stringify(draft));
    return true;
  } catch {
    return false; // quota: the server copy still saves
  }
}

export function clearLocalDraft(workflowId: string): void {
  try {
    localStorage.removeItem(key(workflowId));
  } catch {
    /* ignore */
  }
}
