import type Database from 'better-sqlite3';
import type { AttemptResult } from '../executors/executor';

/**
 * An attempt's result, written synchronously the moment the executor knows it — before the pod is removed and long
 * before the batched run events are — so that a server killed in between does not lose it: the restarted server
 * counts that attempt with this result instead of running it again (issue #17 §1). Rows of ended runs are removed.
 */
export class AttemptResultStore {
  private readonly stmt;

  constructor(db: Database.Database) {
    this.stmt = {
      put: db.prepare('INSERT OR REPLACE INTO attempt_results (run_id, execution_id, attempt, result) VALUES (?, ?, ?, ?)'),
      ofRun: db.prepare('SELECT execution_id, attempt, result FROM attempt_results WHERE run_id = ?'),
      forget: db.prepare('DELETE FROM attempt_results WHERE run_id = ?'),
    };
  }

  put(runId: string, executionId: string, attempt: number, result: AttemptResult): void {
    this.stmt.put.run(runId, executionId, attempt, JSON.stringify(result));
  }

  /** `EXECUTION#ATTEMPT` → result. */
  ofRun(runId: string): Map<string, AttemptResult> {
    const rows = this.stmt.ofRun.all(runId) as { execution_id: string; attempt: number; result: string }[];
    return new Map(rows.map((r) => [`${r.execution_id}#${r.attempt}`, JSON.parse(r.result) as AttemptResult]));
  }

  forget(runId: string): void {
    this.stmt.forget.run(runId);
  }
}
