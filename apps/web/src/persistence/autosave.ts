import type { WorkflowDoc } from '@podflow/core';
import { ApiError } from '../api/api-error';
import { serverIsUp } from '../api/client';
import { DraftConflict, workflowsApi, type Revision } from '../api/workflows-api';
import { useEditorStore } from '../store/editor-store';
import { clearLocalDraft, docHash, writeLocalDraft } from './local-draft';

/**
 * Keeps the open workflow saved: every document change is written to the local draft at once and sent to the server
 * ~500 ms after the last change (PUT draft with If-Match). A stopped server leaves the work in the local draft and is
 * polled until it answers, then the work is sent. A 409 (saved elsewhere) is never overwritten silently: the save
 * state becomes `conflict` and the person chooses (`keepMine` / `takeTheirs`).
 */
export const SAVE_DELAY_MS = 500;
const LOCAL_DELAY_MS = 120;
const RETRY_MS = 2000;

export class Autosave {
  private saveTimer: number | undefined;
  private localTimer: number | undefined;
  private retryTimer: number | undefined;
  private inFlight = false;
  private unsubscribe: () => void;
  private stopped = false;
  /** Hashes of documents sent and not yet acknowledged (see LocalDraft.sentHashes). */
  private sent: string[] = [];

  constructor(private readonly workflowId: string) {
    this.unsubscribe = useEditorStore.subscribe((state, prev) => {
      if (state.workflowId !== this.workflowId || state.doc === prev.doc || !state.doc) return;
      this.onChange();
    });
    window.addEventListener('pagehide', this.flushOnExit);
    window.addEventListener('online', this.onOnline);
  }

  stop(): void {
    this.stopped = true;
    this.unsubscribe();
    window.clearTimeout(this.saveTimer);
    window.clearTimeout(this.retryTimer);
    if (this.localTimer !== undefined) {
      window.clearTimeout(this.localTimer);
      this.writeLocal();
    }
    window.removeEventListener('pagehide', this.flushOnExit);
    window.removeEventListener('online', this.onOnline);
  }

  /** Sends now (after a restore from the local draft, or when the server came back). */
  saveSoon(delay = 0): void {
    window.clearTimeout(this.saveTimer);
    this.saveTimer = window.setTimeout(() => void this.save(), delay);
  }

  private onChange(): void {
    const { save, setSave } = useEditorStore.getState();
    if (save.status === 'saved' || save.status === 'error') setSave({ status: 'saving', error: null });
    window.clearTimeout(this.localTimer);
    this.localTimer = window.setTimeout(() => this.writeLocal(), LOCAL_DELAY_MS);
    if (save.status === 'offline' || save.status === 'conflict') return; // sent when the server is back / once resolved
    this.saveSoon(SAVE_DELAY_MS);
  }

  private writeLocal(): void {
    this.localTimer = undefined;
    const { doc, save, workflowId } = useEditorStore.getState();
    if (!doc || workflowId !== this.workflowId) return;
    if (doc === save.savedDoc) clearLocalDraft(this.workflowId);
    else writeLocalDraft(this.workflowId, { doc, baseRevision: save.revision, dirty: true, savedAt: Date.now(), sentHashes: this.sent });
  }

  private async save(): Promise<void> {
    if (this.stopped || this.inFlight) return;
    const state = useEditorStore.getState();
    const { doc, save } = state;
    if (!doc || state.workflowId !== this.workflowId || save.status === 'conflict') return;
    if (doc === save.savedDoc) {
      if (save.status !== 'saved') state.setSave({ status: 'saved', error: null });
      return;
    }
    if (save.revision === null) return;
    this.inFlight = true;
    this.sent = [...this.sent, docHash(doc)].slice(-4);
    writeLocalDraft(this.workflowId, { doc, baseRevision: save.revision, dirty: true, savedAt: Date.now(), sentHashes: this.sent });
    try {
      const { revision } = await workflowsApi.saveDraft(this.workflowId, save.revision, doc);
      if (this.stopped) return;
      this.acknowledge(doc, revision);
    } catch (e) {
      if (this.stopped) return;
      this.fail(e);
    } finally {
      this.inFlight = false;
    }
    const after = useEditorStore.getState();
    if (!this.stopped && after.doc !== after.save.savedDoc && after.save.status === 'saving') this.saveSoon(SAVE_DELAY_MS);
  }

  private acknowledge(sent: WorkflowDoc, revision: Revision): void {
    const { doc, setSave } = useEditorStore.getState();
    const clean = doc === sent;
    this.sent = [];
    setSave({ status: clean ? 'saved' : 'saving', revision, savedDoc: sent, error: null, conflict: null });
    if (clean) clearLocalDraft(this.workflowId);
    else writeLocalDraft(this.workflowId, { doc: doc!, baseRevision: revision, dirty: true, savedAt: Date.now() });
  }

  private fail(e: unknown): void {
    const { setSave } = useEditorStore.getState();
    this.writeLocal();
    if (e instanceof DraftConflict) {
      setSave({ status: 'conflict', conflict: e.theirs });
      return;
    }
    if (e instanceof ApiError && e.offline) {
      setSave({ status: 'offline' });
      this.waitForServer();
      return;
    }
    if (e instanceof ApiError && e.status === 401) return; // the sign-in screen takes over
    setSave({ status: 'error', error: e instanceof Error ? e.message : String(e) });
    this.retryTimer = window.setTimeout(() => this.saveSoon(), RETRY_MS * 5);
  }

  private waitForServer(): void {
    window.clearTimeout(this.retryTimer);
    this.retryTimer = window.setTimeout(async () => {
      if (this.stopped) return;
      if (await serverIsUp()) {
        useEditorStore.getState().setSave({ status: 'saving' });
        this.saveSoon();
      } else {
        this.waitForServer();
      }
    }, RETRY_MS);
  }

  private onOnline = () => {
    if (useEditorStore.getState().save.status === 'offline') this.waitForServer();
  };

  /** Leaving the page: the local draft is written synchronously, and a last save is attempted. */
  private flushOnExit = () => {
    const { doc, save, workflowId } = useEditorStore.getState();
    if (!doc || workflowId !== this.workflowId || doc === save.savedDoc) return;
    const sending = save.revision !== null && save.status !== 'conflict';
    if (sending) this.sent = [...this.sent, docHash(doc)].slice(-4);
    writeLocalDraft(this.workflowId, { doc, baseRevision: save.revision, dirty: true, savedAt: Date.now(), sentHashes: this.sent });
    if (sending) {
      void workflowsApi.saveDraft(this.workflowId, save.revision!, doc, true).catch(() => undefined);
    }
  };

  /** Conflict: write this tab's document over the other save. */
  async keepMine(): Promise<void> {
    const { save, setSave } = useEditorStore.getState();
    if (!save.conflict) return;
    setSave({ status: 'saving', revision: save.conflict.revision, conflict: null });
    await this.save();
  }

  /** Conflict: take the other save; this tab's version stays one undo away. */
  takeTheirs(): void {
    const { save, setSave, apply } = useEditorStore.getState();
    const theirs = save.conflict;
    if (!theirs) return;
    setSave({ status: 'saved', revision: theirs.revision, savedDoc: theirs.document, conflict: null, error: null });
    apply(() => theirs.document, 'Take the other version');
    useEditorStore.getState().setSave({ status: 'saved', savedDoc: theirs.document });
    clearLocalDraft(this.workflowId);
  }
}

let current: Autosave | null = null;
export const startAutosave = (workflowId: string): Autosave => {
  current?.stop();
  current = new Autosave(workflowId);
  return current;
};
export const stopAutosave = (a: Autosave): void => {
  a.stop();
  if (current === a) current = null;
};
export const activeAutosave = (): Autosave | null => current;
