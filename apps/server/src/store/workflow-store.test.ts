import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import { openDatabase } from './open-database';
import { WorkflowStore } from './workflow-store';
import { sampleDoc, tempDir } from './__fixtures__/temp-db';

describe('WorkflowStore', () => {
  let db: Database.Database;
  let store: WorkflowStore;
  let cleanup: () => void;
  beforeEach(() => {
    const tmp = tempDir();
    cleanup = tmp.cleanup;
    db = openDatabase(tmp.file);
    store = new WorkflowStore(db);
  });
  afterEach(() => {
    db.close();
    cleanup();
  });

  it('saves drafts only against the current revision', () => {
    const created = store.create(sampleDoc());
    expect(created.draft.revision).toBe(1);
    const saved = store.saveDraft(created.id, 1, sampleDoc('renamed'));
    expect(saved).toEqual({ ok: true, revision: 2 });
    const stale = store.saveDraft(created.id, 1, sampleDoc('lost'));
    expect(stale?.ok).toBe(false);
    if (stale && !stale.ok) expect(stale.draft.document.metadata.name).toBe('renamed');
    expect(store.get(created.id)?.name).toBe('renamed');
  });

  it('makes versions, reuses an unchanged one for runs, and restores', () => {
    const { id } = store.create(sampleDoc());
    expect(store.createVersion(id, 'first')).toBe(1);
    expect(store.createVersion(id, 'run', { reuseUnchanged: true })).toBe(1);
    store.saveDraft(id, 1, sampleDoc('changed'));
    expect(store.createVersion(id, 'run', { reuseUnchanged: true })).toBe(2);
    expect(store.listVersions(id)?.map((v) => [v.version, v.name, v.message])).toEqual([
      [2, 'changed', 'run'],
      [1, 'hello-flow', 'first'],
    ]);
    expect(store.restore(id, 1)).toEqual({ revision: 3 });
    expect(store.get(id)?.draft.document.metadata.name).toBe('hello-flow');
    expect(store.restore(id, 9)).toBe('no-version');
  });

  it('duplicates, renames and deletes', () => {
    const { id } = store.create(sampleDoc());
    const copy = store.duplicate(id, undefined);
    expect(copy?.name).toBe('hello-flow-copy');
    expect(store.rename(id, 'other')?.draft.document.metadata.name).toBe('other');
    expect(store.delete(id)).toBe(true);
    expect(store.get(id)).toBeUndefined();
    expect(store.list().map((w) => w.name)).toEqual(['hello-flow-copy']);
  });
});
