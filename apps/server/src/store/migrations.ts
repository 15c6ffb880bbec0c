import type Database from 'better-sqlite3';

/**
 * The database schema, as the list of steps that builds it. `PRAGMA user_version` records how many steps a database
 * has taken; opening an older file runs the missing steps in one transaction each, so a database made by an earlier
 * Podflow is upgraded in place. Steps are never edited once released: a change is a new step at the end.
 */
export interface Migration {
  /** What the step does, for the error message when it fails. */
  description: string;
  up: (db: Database.Database) => void;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    description: 'workflows, drafts, versions, runs, executions, attempts, events and logs',
    up: (db) =>
      db.exec(`
        CREATE TABLE workflows (
          id          TEXT PRIMARY KEY,
          name        TEXT NOT NULL,
          description TEXT NOT NULL DEFAULT '',
          created_at  INTEGER NOT NULL,
          updated_at  INTEGER NOT NULL
        );
        CREATE TABLE drafts (
          workflow_id TEXT PRIMARY KEY REFERENCES workflows(id) ON DELETE CASCADE,
          revision    INTEGER NOT NULL,
          document    TEXT NOT NULL,
          updated_at  INTEGER NOT NULL
        );
        CREATE TABLE versions (
          workflow_id TEXT NOT NULL REFERENCES workflows(id) ON DELETE CASCADE,
          version     INTEGER NOT NULL,
          name        TEXT NOT NULL,
          document    TEXT NOT NULL,
          message     TEXT NOT NULL DEFAULT '',
          created_at  INTEGER NOT NULL,
          PRIMARY KEY (workflow_id, version)
        );
        CREATE TABLE runs (
          id          TEXT PRIMARY KEY,
          workflow_id TEXT NOT NULL,
          version     INTEGER NOT NULL,
          status      TEXT NOT NULL,
          executor    TEXT NOT NULL,
          inputs      TEXT NOT NULL,
          outputs     TEXT,
          error       TEXT,
          created_at  INTEGER NOT NULL,
          started_at  INTEGER,
          ended_at    INTEGER,
          last_seq    INTEGER NOT NULL DEFAULT 0,
          FOREIGN KEY (workflow_id, version) REFERENCES versions(workflow_id, version) ON DELETE CASCADE
        );
        CREATE INDEX runs_newest ON runs(created_at DESC, id DESC);
        CREATE INDEX runs_of_workflow ON runs(workflow_id, created_at DESC, id DESC);
        CREATE INDEX runs_by_status ON runs(status);
        CREATE TABLE executions (
          run_id       TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
          execution_id TEXT NOT NULL,
          node_id      TEXT NOT NULL,
          task         TEXT NOT NULL,
          status       TEXT NOT NULL,
          outputs      TEXT,
          reason       TEXT,
          first_seq    INTEGER NOT NULL,
          PRIMARY KEY (run_id, execution_id)
        ) WITHOUT ROWID;
        CREATE TABLE attempts (
          run_id       TEXT NOT NULL,
          execution_id TEXT NOT NULL,
          attempt      INTEGER NOT NULL,
          pod_name     TEXT NOT NULL,
          status       TEXT NOT NULL,
          exit_code    INTEGER,
          reason       TEXT,
          started_at   INTEGER NOT NULL,
          ended_at     INTEGER,
          containers   TEXT NOT NULL,
          PRIMARY KEY (run_id, execution_id, attempt),
          FOREIGN KEY (run_id, execution_id) REFERENCES executions(run_id, execution_id) ON DELETE CASCADE
        ) WITHOUT ROWID;
        CREATE TABLE events (
          run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
          seq    INTEGER NOT NULL,
          json   TEXT NOT NULL,
          PRIMARY KEY (run_id, seq)
        ) WITHOUT ROWID;
        CREATE TABLE logs (
          run_id       TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
          seq          INTEGER NOT NULL,
          execution_id TEXT NOT NULL,
          attempt      INTEGER NOT NULL,
          container    TEXT NOT NULL,
          stream       TEXT NOT NULL,
          ts           INTEGER NOT NULL,
          line         TEXT NOT NULL,
          PRIMARY KEY (run_id, seq)
        ) WITHOUT ROWID;
      `),
  },
  {
    description: 'output cache, run options, log index per attempt',
    up: (db) =>
      db.exec(`
        CREATE TABLE output_cache (
          key        TEXT PRIMARY KEY,
          outputs    TEXT NOT NULL,
          run_id     TEXT,
          created_at INTEGER NOT NULL
        ) WITHOUT ROWID;
        ALTER TABLE runs ADD COLUMN options TEXT NOT NULL DEFAULT '{}';
        CREATE INDEX logs_of_attempt ON logs(run_id, execution_id, attempt, container, seq);
      `),
  },
  {
    description: 'attempt results known before their pods are removed (resume after a restart)',
    up: (db) =>
      db.exec(`
        CREATE TABLE attempt_results (
          run_id       TEXT NOT NULL,
          execution_id TEXT NOT NULL,
          attempt      INTEGER NOT NULL,
          result       TEXT NOT NULL,
          PRIMARY KEY (run_id, execution_id, attempt)
        ) WITHOUT ROWID;
      `),
  },
];

export const SCHEMA_VERSION = MIGRATIONS.length;

export class DatabaseTooNewError extends Error {
  constructor(file: string, found: number) {
    super(
      `the database ${file} has schema version ${found}, newer than this Podflow knows (${SCHEMA_VERSION}); ` +
        'run a newer Podflow, or point --data-dir at another directory',
    );
    this.name = 'DatabaseTooNewError';
  }
}

/** Brings `db` up to `target` (default: the latest schema). Returns the version it started from. */
export function migrate(db: Database.Database, target = SCHEMA_VERSION): number {
  const from = db.pragma('user_version', { simple: true }) as number;
  if (from > SCHEMA_VERSION) throw new DatabaseTooNewError(db.name, from);
  for (let version = from; version < target; version++) {
    const step = MIGRATIONS[version];
    if (!step) break;
    db.transaction(() => {
      try {
        step.up(db);
      } catch (e) {
        throw new Error(`upgrading the database ${db.name} to version ${version + 1} (${step.description}) failed: ${(e as Error).message}`, {
          cause: e,
        });
      }
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
  return from;
}
