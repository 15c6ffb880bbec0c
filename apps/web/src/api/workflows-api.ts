import { parseWorkflow, type RunStatus, type WorkflowDoc } from '@podflow/core';
import { ApiError } from './api-error';
import { request, requestText } from './client';

/** Typed calls of docs/api.md. Every document that enters from the server is parsed here (parse at the boundary). */

export type Revision = string | number;

export interface WorkflowSummary {
  id: string;
  name: string;
  description?: string;
  updatedAt: string;
  draftRevision: Revision;
  latestVersion?: number | null;
  /** The newest run (absent from servers that predate it). */
  lastRun?: { id: string; status: RunStatus; createdAt: string } | null;
}

export interface Draft {
  revision: Revision;
  document: WorkflowDoc;
  updatedAt?: string;
}

export interface WorkflowRecord {
  id: string;
  name: string;
  draft: Draft;
  latestVersion?: number | null;
}

export interface VersionSummary {
  version: number;
  createdAt: string;
  message?: string | null;
  name?: string;
}

export interface ExampleSummary {
  name: string;
  title: string;
  description?: string;
}

function parseDoc(raw: unknown): WorkflowDoc {
  const result = parseWorkflow(raw);
  if (!result.ok) {
    throw new ApiError(500, 'bad-document', `The server sent a document this editor cannot read: ${result.issues[0]?.message ?? 'unknown problem'}`);
  }
  return result.doc;
}

function parseDraft(raw: { revision: Revision; document: unknown; updatedAt?: string }): Draft {
  return { revision: raw.revision, document: parseDoc(raw.document), updatedAt: raw.updatedAt };
}

interface RawRecord {
  id: string;
  name: string;
  draft: { revision: Revision; document: unknown; updatedAt?: string };
  latestVersion?: number | null;
}
const parseRecord = (raw: RawRecord): WorkflowRecord => ({ ...raw, draft: parseDraft(raw.draft) });

export const workflowsApi = {
  list: () => request<WorkflowSummary[]>('/api/workflows'),
  get: async (id: string) => parseRecord(await request<RawRecord>(`/api/workflows/${encodeURIComponent(id)}`)),
  create: async (document: WorkflowDoc) => parseRecord(await request<RawRecord>('/api/workflows', { method: 'POST', body: { document } })),
  /** Saves the working draft; throws a `DraftConflict` when someone else saved since `revision`. */
  saveDraft: async (id: string, revision: Revision, document: WorkflowDoc, keepalive = false): Promise<{ revision: Revision }> => {
    try {
      return await request<{ revision: Revision }>(`/api/workflows/${encodeURIComponent(id)}/draft`, {
        method: 'PUT',
        headers: { 'If-Match': String(revision) },
        body: { document },
        keepalive,
      });
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        const raw = (e.body as { draft?: { revision: Revision; document: unknown } } | undefined)?.draft;
        if (raw) throw new DraftConflict(parseDraft(raw));
      }
      throw e;
    }
  },
  rename: (id: string, name: string) => request<unknown>(`/api/workflows/${encodeURIComponent(id)}`, { method: 'PATCH', body: { name } }),
  remove: (id: string) => request<void>(`/api/workflows/${encodeURIComponent(id)}`, { method: 'DELETE' }),
  duplicate: async (id: string, name?: string) =>
    parseRecord(await request<RawRecord>(`/api/workflows/${encodeURIComponent(id)}/duplicate`, { method: 'POST', body: name ? { name } : {} })),
  versions: (id: string) => request<VersionSummary[]>(`/api/workflows/${encodeURIComponent(id)}/versions`),
  saveVersion: (id: string, message?: string) =>
    request<{ version: number }>(`/api/workflows/${encodeURIComponent(id)}/versions`, { method: 'POST', body: message ? { message } : {} }),
  version: async (id: string, version: number) => {
    const raw = await request<{ version: number; document: unknown; createdAt: string; message?: string }>(
      `/api/workflows/${encodeURIComponent(id)}/versions/${version}`,
    );
    return { ...raw, document: parseDoc(raw.document) };
  },
  restore: (id: string, version: number) =>
    request<{ revision: Revision }>(`/api/workflows/${encodeURIComponent(id)}/versions/${version}/restore`, { method: 'POST', body: {} }),
  exportYaml: (id: string, version?: number) =>
    requestText(`/api/workflows/${encodeURIComponent(id)}/export.yaml${version !== undefined ? `?version=${version}` : ''}`),
};

export const examplesApi = {
  list: () => request<ExampleSummary[]>('/api/examples'),
  get: async (name: string) => {
    const raw = await request<{ name: string; yaml: string; document: unknown }>(`/api/examples/${encodeURIComponent(name)}`);
    return { name: raw.name, yaml: raw.yaml, document: parseDoc(raw.document) };
  },
};

/** Someone else saved the draft since this tab's revision; carries their draft so a person can choose. */
export class DraftConflict extends Error {
  constructor(readonly theirs: Draft) {
    super('The workflow was saved somewhere else since this tab loaded it.');
    this.name = 'DraftConflict';
  }
}
