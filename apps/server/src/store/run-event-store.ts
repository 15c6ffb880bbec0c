import type Database from 'better-sqlite3';
import { executionIdOf, type RunEvent } from '@podflow/core';
import { RunProjection } from './run-projection';

/**
 * Stores run events. Events are queued and written in batched transactions (a 1,000-item map emits tens of thousands
 * of them): one transaction stores a batch in `events` (and `log` events in `logs`, where the log API pages them),
 * updates the run projection, and advances each run's `last_seq`. Only after the commit are the events handed to
 * `onCommitted` (the live bus), so that anything a subscriber sees live is already readable from the database.
 *
 * A run's sequence numbers are shared by both tables and have no gaps, so a replay reads the range
 * (after, after + limit] from each and merges them.
 */
export interface RunEventStoreOptions {
  /** Longest time an event waits in the queue before its batch is written. */
  maxDelayMs?: number;
  /** A batch is written at once when the queue reaches this many events. */
  maxBatch?: number;
  onCommitted?: (events: readonly RunEvent[]) => void;
  /** A batch that could not be written (disk full…): it stays queued and is tried again. */
  onWriteError?: (error: Error) => void;
}

interface LogRow {
  seq: number;
  json: string | null;
  execution_id: string | null;
  attempt: number | null;
  container: string | null;
  stream: 'stdout' | 'stderr' | null;
  ts: number | null;
  line: string | null;
}

export class RunEventStore {
  private queue: RunEvent[] = [];
  private timer: NodeJS.Timeout | undefined;
  private retryDelayMs = 0;
  private closed = false;
  private droppedAfterClose = 0;
  private readonly maxDelayMs: number;
  private readonly maxBatch: number;
  private readonly writeBatch: (events: readonly RunEvent[]) => void;
  private readonly stmt;

  constructor(
    db: Database.Database,
    private readonly options: RunEventStoreOptions = {},
  ) {
    this.maxDelayMs = options.maxDelayMs ?? 15;
    this.maxBatch = options.maxBatch ?? 2000;
    const projection = new RunProjection(db);
    const insertEvent = db.prepare('INSERT INTO events (run_id, seq, json) VALUES (?, ?, ?)');
    const insertLog = db.prepare(
      'INSERT INTO logs (run_id, seq, execution_id, attempt, container, stream, ts, line) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const setLastSeq = db.prepare('UPDATE runs SET last_seq = MAX(last_seq, ?) WHERE id = ?');
    const runExists = db.prepare('SELECT 1 FROM runs WHERE id = ?').pluck();
    this.writeBatch = db.transaction((events: readonly RunEvent[]) => {
      const lastSeq = new Map<string, number>();
      const exists = new Map<string, boolean>();
      for (const e of events) {
        // Events of a run deleted meanwhile (its workflow was deleted while it ended) are dropped.
        let known = exists.get(e.runId);
        if (known === undefined) exists.set(e.runId, (known = runExists.get(e.runId) !== undefined));
        if (!known) continue;
        if (e.type === 'log') insertLog.run(e.runId, e.seq, e.executionId, e.attempt, e.container, e.stream, e.ts, e.line);
        else {
          insertEvent.run(e.runId, e.seq, JSON.stringify(e));
          projection.apply(e);
        }
        lastSeq.set(e.runId, e.seq);
      }
      for (const [runId, seq] of lastSeq) setLastSeq.run(seq, runId);
    });
    this.stmt = {
      readRange: db.prepare(`
        SELECT seq, json, NULL AS execution_id, NULL AS attempt, NULL AS container, NULL AS stream, NULL AS ts, NULL AS line
          FROM events WHERE run_id = @runId AND seq > @after AND seq <= @until
        UNION ALL
        SELECT seq, NULL, execution_id, attempt, container, stream, ts, line
          FROM logs WHERE run_id = @runId AND seq > @after AND seq <= @until
        ORDER BY seq`),
      lastSeq: db.prepare('SELECT last_seq FROM runs WHERE id = ?'),
    };
  }

  /** Queues an event; it is written within `maxDelayMs` (or at once when the queue is full). */
  append(event: RunEvent): void {
    if (this.closed) {
      if (this.droppedAfterClose++ === 0) process.stderr.write(`podflow: run ${event.runId} emitted "${event.type}" after the database was closed; dropped\n`);
      return;
    }
    this.queue.push(event);
    // After a failed write, wait for the retry instead of hammering the database.
    if (this.queue.length >= this.maxBatch && this.retryDelayMs === 0) this.schedule(0);
    else this.schedule(this.maxDelayMs);
  }

  /** Writes everything queued now. Throws if the database refuses (the events stay queued). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    while (this.queue.length > 0) {
      const batch = this.queue.slice(0, this.maxBatch * 4);
      this.writeBatch(batch);
      this.queue = this.queue.slice(batch.length);
      this.retryDelayMs = 0;
      try {
        this.options.onCommitted?.(batch);
      } catch (e) {
        this.options.onWriteError?.(e as Error);
      }
    }
  }

  /** Writes what is queued; later events are dropped (the database is about to close). */
  close(): void {
    this.flush();
    this.closed = true;
  }

  get pending(): number {
    return this.queue.length;
  }

  /** The last sequence number stored for a run (0 when none, undefined when the run does not exist). */
  lastSeq(runId: string): number | undefined {
    const row = this.stmt.lastSeq.get(runId) as { last_seq: number } | undefined;
    return row?.last_seq;
  }

  /** Events with `seq` in (after, after + limit], in order (fewer when the run has not got that far). */
  readAfter(runId: string, after: number, limit = 1000): RunEvent[] {
    const rows = this.stmt.readRange.all({ runId, after, until: after + limit }) as LogRow[];
    return rows.map((r) => (r.json !== null ? (JSON.parse(r.json) as RunEvent) : logEvent(runId, r)));
  }

  private schedule(delayMs: number): void {
    if (this.timer) {
      if (delayMs > 0) return;
      clearTimeout(this.timer);
    }
    this.timer = setTimeout(() => {
      this.timer = undefined;
      try {
        this.flush();
      } catch (e) {
        this.options.onWriteError?.(e as Error);
        this.retryDelayMs = Math.min(Math.max(this.retryDelayMs * 2, 100), 5000);
        this.schedule(this.retryDelayMs);
      }
    }, delayMs);
  }
}

function logEvent(runId: string, r: LogRow): RunEvent {
  return {
    type: 'log',
    runId,
    seq: r.seq,
    ts: r.ts ?? 0,
    executionId: executionIdOf(r.execution_id ?? ''),
    attempt: r.attempt ?? 0,
    container: r.container ?? '',
    stream: r.stream ?? 'stdout',
    line: r.line ?? '',
  };
}
