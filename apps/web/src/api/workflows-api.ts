import {
  CreatedVersionAnswer,
  DraftConflictAnswer,
  ExampleAnswer,
  ExampleListAnswer,
  RevisionAnswer,
  VersionAnswer,
  VersionListAnswer,
  WorkflowAnswer,
  WorkflowListAnswer,
  parseWorkflow,
  type DraftAnswer,
  type ExampleSummaryAnswer,
  type VersionSummaryAnswer,
  type WorkflowDoc,
  type WorkflowSummaryAnswer,
} from '@podflow/core';
import { ApiError } from './api-error';
import { request, requestText } from './client';

/**
 * Typed calls of docs/api.md. Every answer is parsed with core's schema for it, and every document that enters from
 * the server with `parseWorkflow` (parse at the boundary).
 */

export type Revision = number;
export type WorkflowSummary = WorkflowSummaryAnswer;
export type VersionSummary = VersionSummaryAnswer;
export type ExampleSummary = ExampleSummaryAnswer;

export interface Draft extends DraftAnswer {
  document: WorkflowDoc;
}

export interface WorkflowRecord extends WorkflowAnswer {
  draft: Draft;
}

function parseDoc(raw: unknown): WorkflowDoc {
  const result = parseWorkflow(raw);
  if (!result.ok) {
    throw new ApiError(500, 'bad-document', `The server sent a document this editor cannot read: ${result.issues[0]?.message ?? 'unknown problem'}`);
  }
  return result.doc;
}

const parseDraft = (raw: DraftAnswer): Draft => ({ ...raw, document: parseDoc(raw.document) });
const parseRecord = (raw: WorkflowAnswer): WorkflowRecord => ({ ...raw, draft: parseDraft(raw.draft) });
const workflowPath = (id: string) => `/api/workflows/${encodeURIComponent(id)}`;

export const workflowsApi = {
  list: () => request('/api/workflows', WorkflowListAnswer),
  get: async (id: string) => parseRecord(await request(workflowPath(id), WorkflowAnswer)),
  create: async (document: WorkflowDoc) => parseRecord(await request('/api/workflows', WorkflowAnswer, { method: 'POST', body: { document } })),
  /** Saves the working draft; throws a `DraftConflict` when someone else saved since `revision`. */
  saveDraft: async (id: string, revision: Revision, document: WorkflowDoc, keepalive = false): Promise<{ revision: Revision }> => {
    try {
      return await request(`${workflowPath(id)}/draft`, RevisionAnswer, { method: 'PUT', headers: { 'If-Match': String(revision) }, body: { document }, keepalive });
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        const conflict = DraftConflictAnswer.safeParse(e.body);
        if (conflict.success) throw new DraftConflict(parseDraft(conflict.data.draft));
      }
      throw e;
    }
  },
  rename: (id: string, name: string) => request(workflowPath(id), WorkflowAnswer, { method: 'PATCH', body: { name } }),
  remove: (id: string) => request(workflowPath(id), null, { method: 'DELETE' }),
  duplicate: async (id: string, name?: string) =>
    parseRecord(await request(`${workflowPath(id)}/duplicate`, WorkflowAnswer, { method: 'POST', body: name ? { name } : {} })),
  versions: (id: string) => request(`${workflowPath(id)}/versions`, VersionListAnswer),
  saveVersion: (id: string, message?: string) =>
    request(`${workflowPath(id)}/versions`, CreatedVersionAnswer, { method: 'POST', body: message ? { message } : {} }),
  version: async (id: string, version: number) => {
    const raw = await request(`${workflowPath(id)}/versions/${version}`, VersionAnswer);
    return { ...raw, document: parseDoc(raw.document) };
  },
  restore: (id: string, version: number) => request(`${workflowPath(id)}/versions/${version}/restore`, RevisionAnswer, { method: 'POST', body: {} }),
  exportYaml: (id: string, version?: number) => requestText(`${workflowPath(id)}/export.yaml${version !== undefined ? `?version=${version}` : ''}`),
};

export const examplesApi = {
  list: () => request('/api/examples', ExampleListAnswer),
  get: async (name: string) => {
    const raw = await request(`/api/examples/${encodeURIComponent(name)}`, ExampleAnswer);
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
