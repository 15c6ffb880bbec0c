import type Database from 'better-sqlite3';
import { parseWorkflow, type DraftAnswer, type VersionAnswer, type VersionSummaryAnswer, type WorkflowAnswer, type WorkflowDoc, type WorkflowSummaryAnswer } from '@podflow/core';
import { newWorkflowId, type WorkflowId } from './ids';
import { isoTime } from './iso-time';

/**
 * Workflows: each has one working draft (autosaved, guarded by its revision) and immutable numbered versions.
 * The workflow's name and description mirror the draft's `metadata`. Documents are stored as JSON and parsed again
 * whenever they are read (parse at the boundary: a stored row is one).
 */
/** The shapes are core's answer schemas, with the server's branded ids and parsed documents. */
export interface WorkflowSummary extends WorkflowSummaryAnswer {
  id: WorkflowId;
}

export interface Draft extends DraftAnswer {
  document: WorkflowDoc;
}

export interface WorkflowRecord extends WorkflowAnswer {
  id: WorkflowId;
  draft: Draft;
}

export type VersionSummary = VersionSummaryAnswer;

export interface VersionRecord extends VersionAnswer {
  document: WorkflowDoc;
}

export type SaveDraftResult = { ok: true; revision: number } | { ok: false; draft: Draft };

interface DraftRow {
  revision: number;
  document: string;
  updated_at: number;
}

export class StoredDocumentError extends Error {
  constructor(where: string, detail: string) {
    super(`the stored document of ${where} cannot be read (${detail}); export it from a backup or restore another version`);
    this.name = 'StoredDocumentError';
  }
}

export class WorkflowStore {
  private readonly stmt;
  /** Parsed documents by their stored text's identity (`id@revision`, `id#version`): rows never change under a key. */
  private readonly parsed = new Map<string, WorkflowDoc>();

  constructor(private readonly db: Database.Database) {
    this.stmt = {
      list: db.prepare(`
        SELECT w.id, w.name, w.description, w.updated_at, d.revision,
               (SELECT MAX(version) FROM versions v WHERE v.workflow_id = w.id) AS latest
        FROM workflows w JOIN drafts d ON d.workflow_id = w.id
        ORDER BY w.updated_at DESC, w.id`),
      get: db.prepare(`
        SELECT w.id, w.name, w.description, d.revision, d.document, d.updated_at,
               (SELECT MAX(version) FROM versions v WHERE v.workflow_id = w.id) AS latest
        FROM workflows w JOIN drafts d ON d.workflow_id = w.id WHERE w.id = ?`),
      getDraft: db.prepare('SELECT revision, document, updated_at FROM drafts WHERE workflow_id = ?'),
      insertWorkflow: db.prepare('INSERT INTO workflows (id, name, description, created_at, updated_at) VALUES (?, ?, ?, ?, ?)'),
      insertDraft: db.prepare('INSERT INTO drafts (workflow_id, revision, document, updated_at) VALUES (?, 1, ?, ?)'),
      updateDraft: db.prepare('UPDATE drafts SET revision = revision + 1, document = ?, updated_at = ? WHERE workflow_id = ?'),
      touchWorkflow: db.prepare('UPDATE workflows SET name = ?, description = ?, updated_at = ? WHERE id = ?'),
      delete: db.prepare('DELETE FROM workflows WHERE id = ?'),
      listVersions: db.prepare('SELECT version, name, message, created_at FROM versions WHERE workflow_id = ? ORDER BY version DESC'),
      getVersion: db.prepare('SELECT version, name, message, created_at, document FROM versions WHERE workflow_id = ? AND version = ?'),
      latestVersion: db.prepare('SELECT version, document FROM versions WHERE workflow_id = ? ORDER BY version DESC LIMIT 1'),
      insertVersion: db.prepare('INSERT INTO versions (workflow_id, version, name, document, message, created_at) VALUES (?, ?, ?, ?, ?, ?)'),
    };
  }

  list(): WorkflowSummary[] {
    const rows = this.stmt.list.all() as { id: WorkflowId; name: string; description: string; updated_at: number; revision: number; latest: number | null }[];
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      description: r.description,
      updatedAt: isoTime(r.updated_at),
      draftRevision: r.revision,
      latestVersion: r.latest,
    }));
  }

  get(id: WorkflowId): WorkflowRecord | undefined {
    const r = this.stmt.get.get(id) as
      | { id: WorkflowId; name: string; description: string; revision: number; document: string; updated_at: number; latest: number | null }
      | undefined;
    if (!r) return undefined;
    return {
      id: r.id,
      name: r.name,
      description: r.description,
      draft: { revision: r.revision, document: this.read(`${id}@${r.revision}`, r.document, `workflow ${id}`), updatedAt: isoTime(r.updated_at) },
      latestVersion: r.latest,
    };
  }

  getDraft(id: WorkflowId): Draft | undefined {
    const r = this.stmt.getDraft.get(id) as DraftRow | undefined;
    return r && this.toDraft(r, id);
  }

  create(doc: WorkflowDoc, now = Date.now()): WorkflowRecord {
    const id = newWorkflowId();
    this.db.transaction(() => {
      this.stmt.insertWorkflow.run(id, doc.metadata.name, doc.metadata.description ?? '', now, now);
      this.stmt.insertDraft.run(id, JSON.stringify(doc), now);
    })();
    return this.mustGet(id);
  }

  /** Saves the draft when `expectedRevision` is still the current one; otherwise answers the current draft. */
  saveDraft(id: WorkflowId, expectedRevision: number, doc: WorkflowDoc, now = Date.now()): SaveDraftResult | undefined {
    return this.db.transaction((): SaveDraftResult | undefined => {
      const current = this.stmt.getDraft.get(id) as DraftRow | undefined;
      if (!current) return undefined;
      if (current.revision !== expectedRevision) return { ok: false, draft: this.toDraft(current, id) };
      this.writeDraft(id, doc, now);
      return { ok: true, revision: current.revision + 1 };
    })();
  }

  /** Renames the draft's `metadata.name` (a new draft revision). */
  rename(id: WorkflowId, name: string, now = Date.now()): WorkflowRecord | undefined {
    return this.db.transaction(() => {
      const draft = this.getDraft(id);
      if (!draft) return undefined;
      this.writeDraft(id, { ...draft.document, metadata: { ...draft.document.metadata, name } }, now);
      return this.mustGet(id);
    })();
  }

  delete(id: WorkflowId): boolean {
    return this.stmt.delete.run(id).changes > 0;
  }

  duplicate(id: WorkflowId, name: string | undefined, now = Date.now()): WorkflowRecord | undefined {
    const draft = this.getDraft(id);
    if (!draft) return undefined;
    const metadata = { ...draft.document.metadata, name: name ?? copyName(draft.document.metadata.name) };
    return this.create({ ...draft.document, metadata }, now);
  }

  listVersions(id: WorkflowId): VersionSummary[] | undefined {
    if (!this.getDraft(id)) return undefined;
    const rows = this.stmt.listVersions.all(id) as { version: number; name: string; message: string; created_at: number }[];
    return rows.map((r) => ({ version: r.version, name: r.name, message: r.message, createdAt: isoTime(r.created_at) }));
  }

  getVersion(id: WorkflowId, version: number): VersionRecord | undefined {
    const r = this.stmt.getVersion.get(id, version) as
      | { version: number; name: string; message: string; created_at: number; document: string }
      | undefined;
    if (!r) return undefined;
    return {
      version: r.version,
      name: r.name,
      message: r.message,
      createdAt: isoTime(r.created_at),
      document: this.read(`${id}#${version}`, r.document, `workflow ${id} version ${version}`),
    };
  }

  /**
   * Snapshots the draft (or `document`, a draft read earlier) as a new immutable version. With `reuseUnchanged` (what a run does), the latest version is
   * answered instead when the draft has not changed since it was made, so that ten runs do not make ten versions.
   */
  createVersion(
    id: WorkflowId,
    message: string,
    options: { reuseUnchanged?: boolean; now?: number; document?: WorkflowDoc } = {},
  ): number | undefined {
    const now = options.now ?? Date.now();
    return this.db.transaction(() => {
      const draft = this.stmt.getDraft.get(id) as DraftRow | undefined;
      if (!draft) return undefined;
      // A run snapshots the draft as it was when the run was asked for (`document`), even if it was saved since.
      const text = options.document ? JSON.stringify(options.document) : draft.document;
      const latest = this.stmt.latestVersion.get(id) as { version: number; document: string } | undefined;
      if (options.reuseUnchanged && latest && latest.document === text) return latest.version;
      const version = (latest?.version ?? 0) + 1;
      const doc = options.document ?? readDocument(draft.document, `workflow ${id}`);
      this.stmt.insertVersion.run(id, version, doc.metadata.name, text, message, now);
      return version;
    })();
  }

  /** Makes a version the draft again (a new draft revision). */
  restore(id: WorkflowId, version: number, now = Date.now()): { revision: number } | 'no-workflow' | 'no-version' {
    return this.db.transaction(() => {
      const draft = this.stmt.getDraft.get(id) as DraftRow | undefined;
      if (!draft) return 'no-workflow' as const;
      const v = this.getVersion(id, version);
      if (!v) return 'no-version' as const;
      this.writeDraft(id, v.document, now);
      return { revision: draft.revision + 1 };
    })();
  }

  private toDraft(r: DraftRow, id: WorkflowId): Draft {
    return { revision: r.revision, document: this.read(`${id}@${r.revision}`, r.document, `workflow ${id}`), updatedAt: isoTime(r.updated_at) };
  }

  /** Parses a stored document once per key (a small LRU; callers never change documents). */
  private read(key: string, json: string, where: string): WorkflowDoc {
    const known = this.parsed.get(key);
    if (known) {
      this.parsed.delete(key);
      this.parsed.set(key, known);
      return known;
    }
    const doc = readDocument(json, where);
    if (this.parsed.size >= PARSED_CACHE_SIZE) this.parsed.delete(this.parsed.keys().next().value as string);
    this.parsed.set(key, doc);
    return doc;
  }

  private writeDraft(id: WorkflowId, doc: WorkflowDoc, now: number): void {
    this.stmt.updateDraft.run(JSON.stringify(doc), now, id);
    this.stmt.touchWorkflow.run(doc.metadata.name, doc.metadata.description ?? '', now, id);
  }

  private mustGet(id: WorkflowId): WorkflowRecord {
    const record = this.get(id);
    if (!record) throw new Error(`workflow ${id} vanished while it was being written`);
    return record;
  }
}

const PARSED_CACHE_SIZE = 64;

export function readDocument(json: string, where: string): WorkflowDoc {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (e) {
    throw new StoredDocumentError(where, (e as Error).message);
  }
  const parsed = parseWorkflow(data);
  if (!parsed.ok) throw new StoredDocumentError(where, parsed.issues.map((i) => `${i.path}: ${i.message}`).join('; '));
  return parsed.doc;
}

/** `name` → `name-copy`, kept within a DNS-1123 label's 63 characters. */
function copyName(name: string): string {
  return `${name.slice(0, 58).replace(/-+$/, '')}-copy`;
}
