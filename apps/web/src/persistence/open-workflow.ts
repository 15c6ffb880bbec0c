import { ApiError } from '../api/api-error';
import { workflowsApi } from '../api/workflows-api';
import { useEditorStore } from '../store/editor-store';
import { clearLocalDraft, docHash, readLocalDraft } from './local-draft';

/**
 * Opens a workflow in the editor: the server's draft, unless this browser holds newer unsaved work for it.
 * - local work edited from the server's current revision → restored and sent;
 * - local work edited from an older revision (saved elsewhere since) → restored, and the conflict is offered;
 * - server unreachable → the local copy opens offline (saved once the server is back).
 */
export type OpenResult =
  | { ok: true; restored: boolean; needsSave: boolean }
  | { ok: false; status: number; message: string };

export async function openWorkflow(id: string): Promise<OpenResult> {
  const store = useEditorStore.getState();
  const local = readLocalDraft(id);
  try {
    const record = await workflowsApi.get(id);
    const server = record.draft;
    if (local?.dirty && local.baseRevision !== null && String(local.baseRevision) === String(server.revision)) {
      store.loadDocument(id, local.doc);
      store.setSave({ status: 'saving', revision: server.revision, savedDoc: server.document, conflict: null, error: null });
      return { ok: true, restored: true, needsSave: true };
    }
    if (local?.dirty) {
      const serverHash = docHash(server.document);
      if (serverHash === docHash(local.doc)) {
        // The server already has exactly this work (a save sent as the page closed).
        clearLocalDraft(id);
        store.loadDocument(id, server.document);
        store.setSave({ status: 'saved', revision: server.revision, savedDoc: server.document, conflict: null, error: null });
        return { ok: true, restored: false, needsSave: false };
      }
      if (local.sentHashes?.includes(serverHash)) {
        // The server's draft is something this browser sent: the local work follows on from it.
        store.loadDocument(id, local.doc);
        store.setSave({ status: 'saving', revision: server.revision, savedDoc: server.document, conflict: null, error: null });
        return { ok: true, restored: true, needsSave: true };
      }
      store.loadDocument(id, local.doc);
      store.setSave({ status: 'conflict', revision: server.revision, savedDoc: null, conflict: server, error: null });
      return { ok: true, restored: true, needsSave: false };
    }
    store.loadDocument(id, server.document);
    store.setSave({ status: 'saved', revision: server.revision, savedDoc: server.document, conflict: null, error: null });
    return { ok: true, restored: false, needsSave: false };
  } catch (e) {
    if (e instanceof ApiError && e.offline && local) {
      store.loadDocument(id, local.doc);
      store.setSave({ status: 'offline', revision: local.baseRevision, savedDoc: null, conflict: null, error: null });
      return { ok: true, restored: true, needsSave: true };
    }
    if (e instanceof ApiError) return { ok: false, status: e.status, message: e.message };
    return { ok: false, status: 0, message: e instanceof Error ? e.message : String(e) };
  }
}
