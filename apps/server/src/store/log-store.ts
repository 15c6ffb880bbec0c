import type Database from 'better-sqlite3';
import type { LogLineAnswer } from '@podflow/core';

/** Pages through a run's log lines, oldest first; `after` and `next` are log sequence numbers (shared with events). */
export type LogLine = LogLineAnswer;

export interface LogQuery {
  executionId?: string;
  attempt?: number;
  container?: string;
  after: number;
  limit: number;
}

export class LogStore {
  constructor(private readonly db: Database.Database) {}

  page(runId: string, query: LogQuery): { lines: LogLine[]; next?: number } {
    const where = ['run_id = @runId', 'seq > @after'];
    const params: Record<string, unknown> = { runId, after: query.after, limit: query.limit + 1 };
    if (query.executionId !== undefined) {
      where.push('execution_id = @executionId');
      params.executionId = query.executionId;
    }
    if (query.attempt !== undefined) {
      where.push('attempt = @attempt');
      params.attempt = query.attempt;
    }
    if (query.container !== undefined) {
      where.push('container = @container');
      params.container = query.container;
    }
    const rows = this.db
      .prepare(
        `SELECT seq, ts, execution_id AS executionId, attempt, container, stream, line FROM logs
         WHERE ${where.join(' AND ')} ORDER BY seq LIMIT @limit`,
      )
      .all(params) as LogLine[];
    const lines = rows.slice(0, query.limit);
    const last = lines[lines.length - 1];
    return rows.length > query.limit && last ? { lines, next: last.seq } : { lines };
  }
}
