import type Database from 'better-sqlite3';
import type { Json } from '@podflow/core';
import type { CachedOutputs, OutputCache } from '../scheduler/output-cache';

/**
 * The scheduler's output cache, kept in SQLite: results of cache-enabled tasks by cache key (task code + pod +
 * inputs, core's `taskCacheKey`), with the run that produced them, shared by every run of every workflow.
 */
export class OutputCacheStore implements OutputCache {
  private readonly stmt;

  constructor(db: Database.Database) {
    this.stmt = {
      get: db.prepare('SELECT outputs, run_id FROM output_cache WHERE key = ?'),
      set: db.prepare(`
        INSERT INTO output_cache (key, outputs, run_id, created_at) VALUES (?, ?, ?, ?)
        ON CONFLICT (key) DO UPDATE SET outputs = excluded.outputs, run_id = excluded.run_id, created_at = excluded.created_at`),
    };
  }

  get(key: string): CachedOutputs | undefined {
    const row = this.stmt.get.get(key) as { outputs: string; run_id: string | null } | undefined;
    if (!row) return undefined;
    const outputs = JSON.parse(row.outputs) as Record<string, Json>;
    return row.run_id === null ? { outputs } : { outputs, runId: row.run_id };
  }

  set(key: string, entry: CachedOutputs): void {
    this.stmt.set.run(key, JSON.stringify(entry.outputs), entry.runId ?? null, Date.now());
  }
}
