import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS, SCHEMA_VERSION, migrate } from './migrations';
import { openDatabase } from './open-database';
import { WorkflowStore } from './workflow-store';
import { RunStore } from './run-store';
import { sampleDoc, tempDir } from './__fixtures__/temp-db';

describe('migrations', () => {
  let cleanup = (): void => {};
  afterEach(() => cleanup());

  it('creates a new database at the latest version, with WAL and foreign keys', () => {
    const tmp = tempDir();
    cleanup = tmp.cleanup;
    const db = openDatabase(tmp.file);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
    db.close();
  });

  it('upgrades a version-1 database file in place, keeping its data', () => {
    const tmp = tempDir();
    cleanup = tmp.cleanup;
    // A database as the first release made it: only the first step, with a workflow, a version and a finished run.
    const old = new Database(tmp.file);
    migrate(old, 1);
    expect(old.pragma('user_version', { simple: true })).toBe(1);
    const doc = JSON.stringify(sampleDoc('old-flow'));
    old.prepare(`INSERT INTO workflows VALUES ('wf_00000000000000000001', 'old-flow', '', 1, 2)`).run();
    old.prepare(`INSERT INTO drafts VALUES ('wf_00000000000000000001', 4, ?, 2)`).run(doc);
    old.prepare(`INSERT INTO versions VALUES ('wf_00000000000000000001', 1, 'old-flow', ?, 'first', 1)`).run(doc);
    old
      .prepare(
        `INSERT INTO runs (id, workflow_id, version, status, executor, inputs, outputs, created_at, ended_at, last_seq)
         VALUES ('run_00000000000000000001', 'wf_00000000000000000001', 1, 'succeeded', 'local', '{}', '{"o0":"hi"}', 5, 6, 0)`,
      )
      .run();
    expect(() => old.prepare('SELECT * FROM output_cache').all()).toThrow(/no such table/);
    old.close();

    const db = openDatabase(tmp.file);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    const workflows = new WorkflowStore(db);
    const record = workflows.get('wf_00000000000000000001' as never);
    expect(record?.draft.revision).toBe(4);
    expect(record?.draft.document.metadata.name).toBe('old-flow');
    const run = new RunStore(db).get('run_00000000000000000001' as never);
    expect(run?.outputs).toEqual({ o0: 'hi' });
    expect(run?.options).toEqual({});
    expect(db.prepare('SELECT COUNT(*) AS n FROM output_cache').get()).toEqual({ n: 0 });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });

  it('refuses a database from a newer Podflow', () => {
    const tmp = tempDir();
    cleanup = tmp.cleanup;
    const db = new Database(tmp.file);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    expect(() => openDatabase(tmp.file)).toThrow(/newer than this Podflow knows/);
  });
});
