import type Database from 'better-sqlite3';
import { executionIdOf, type AttemptAnswer, type ExecutionAnswer, type ExecutionId, type ExecutorKind, type Json, type NodeStatus, type RunId, type RunOptionsAnswer, type RunStatus, type RunSummaryAnswer } from '@podflow/core';
import type { WorkflowId } from './ids';
import { isoTime } from './iso-time';

/** Runs and their projection (executions, attempts), as the API answers them: the shapes are core's answer schemas. */
export type { ExecutorKind } from '@podflow/core';
export type RunOptions = RunOptionsAnswer;
export type AttemptView = AttemptAnswer;
export type ExecutionView = ExecutionAnswer;

export interface RunSummary extends RunSummaryAnswer {
  id: RunId;
  workflowId: WorkflowId;
}

export interface RunRecord extends RunSummary {
  options: RunOptions;
  executions: ExecutionView[];
}

export interface NewRun {
  id: RunId;
  workflowId: WorkflowId;
  version: number;
  executor: ExecutorKind;
  inputs: Record<string, Json>;
  options: RunOptions;
}

export interface RunQuery {
  workflowId?: WorkflowId;
  status?: RunStatus;
  limit: number;
  /** A run id: answer runs older than it. */
  before?: RunId;
}

interface RunRow {
  id: RunId;
  workflow_id: WorkflowId;
  version: number;
  status: RunStatus;
  executor: ExecutorKind;
  inputs: string;
  outputs: string | null;
  error: string | null;
  created_at: number;
  started_at: number | null;
  ended_at: number | null;
  last_seq: number;
  options: string;
}

const TERMINAL: ReadonlySet<RunStatus> = new Set(['succeeded', 'failed', 'cancelled']);
export const isTerminalRunStatus = (status: RunStatus): boolean => TERMINAL.has(status);

/** Reconciliation needs these beside the run: what was still going on when the server stopped. */
export interface UnfinishedExecution {
  executionId: ExecutionId;
  status: NodeStatus;
  runningAttempts: number[];
}

export class RunStore {
  private readonly stmt;

  constructor(private readonly db: Database.Database) {
    this.stmt = {
      insert: db.prepare(`
        INSERT INTO runs (id, workflow_id, version, status, executor, inputs, options, created_at)
        VALUES (@id, @workflowId, @version, 'queued', @executor, @inputs, @options, @createdAt)`),
      get: db.prepare('SELECT * FROM runs WHERE id = ?'),
      status: db.prepare('SELECT status FROM runs WHERE id = ?'),
      executions: db.prepare('SELECT * FROM executions WHERE run_id = ? ORDER BY first_seq, execution_id'),
      attempts: db.prepare('SELECT * FROM attempts WHERE run_id = ? ORDER BY execution_id, attempt'),
      unfinished: db.prepare(`SELECT id FROM runs WHERE status IN ('queued', 'running') ORDER BY created_at`),
      unfinishedExecutions: db.prepare(
        `SELECT execution_id, status FROM executions WHERE run_id = ? AND status IN ('queued', 'running', 'retrying') ORDER BY first_seq`,
      ),
      runningAttempts: db.prepare(`SELECT execution_id, attempt FROM attempts WHERE run_id = ? AND status = 'running'`),
      cursor: db.prepare('SELECT created_at, id FROM runs WHERE id = ?'),
    };
  }

  create(run: NewRun, now = Date.now()): RunRecord {
    this.stmt.insert.run({
      id: run.id,
      workflowId: run.workflowId,
      version: run.version,
      executor: run.executor,
      inputs: JSON.stringify(run.inputs),
      options: JSON.stringify(run.options),
      createdAt: now,
    });
    const created = this.get(run.id);
    if (!created) throw new Error(`run ${run.id} vanished while it was being created`);
    return created;
  }

  status(id: RunId): RunStatus | undefined {
    return (this.stmt.status.get(id) as { status: RunStatus } | undefined)?.status;
  }

  getSummary(id: RunId): RunSummary | undefined {
    const row = this.stmt.get.get(id) as RunRow | undefined;
    return row && toSummary(row);
  }

  get(id: RunId): RunRecord | undefined {
    return this.db.transaction(() => {
      const row = this.stmt.get.get(id) as RunRow | undefined;
      if (!row) return undefined;
      const attempts = new Map<string, AttemptView[]>();
      for (const a of this.stmt.attempts.all(id) as AttemptRow[]) {
        const list = attempts.get(a.execution_id) ?? [];
        list.push(toAttempt(a));
        attempts.set(a.execution_id, list);
      }
      const executions = (this.stmt.executions.all(id) as ExecutionRow[]).map(
        (e): ExecutionView => ({
          executionId: e.execution_id,
          nodeId: e.node_id,
          task: e.task,
          status: e.status,
          outputs: e.outputs === null ? null : (JSON.parse(e.outputs) as Record<string, Json>),
          reason: e.reason,
          attempts: attempts.get(e.execution_id) ?? [],
        }),
      );
      return { ...toSummary(row), options: JSON.parse(row.options) as RunOptions, executions };
    })();
  }

  /** Newest first; `next` is the `before` of the following page. */
  list(query: RunQuery): { runs: RunSummary[]; next?: RunId } {
    const where: string[] = [];
    const params: Record<string, unknown> = { limit: query.limit + 1 };
    if (query.workflowId) {
      where.push('workflow_id = @workflowId');
      params.workflowId = query.workflowId;
    }
    if (query.status) {
      where.push('status = @status');
      params.status = query.status;
    }
    if (query.before) {
      const cursor = this.stmt.cursor.get(query.before) as { created_at: number; id: string } | undefined;
      if (!cursor) return { runs: [] };
      where.push('(created_at, id) < (@cursorTime, @cursorId)');
      params.cursorTime = cursor.created_at;
      params.cursorId = cursor.id;
    }
    const sql = `SELECT * FROM runs ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC, id DESC LIMIT @limit`;
    const rows = this.db.prepare(sql).all(params) as RunRow[];
    const page = rows.slice(0, query.limit).map(toSummary);
    const last = page[page.length - 1];
    return rows.length > query.limit && last ? { runs: page, next: last.id } : { runs: page };
  }

  /** Runs the database still shows as queued or running (at start-up: runs that a previous process left behind). */
  unfinishedRunIds(): RunId[] {
    return (this.stmt.unfinished.all() as { id: RunId }[]).map((r) => r.id);
  }

  unfinishedExecutions(id: RunId): UnfinishedExecution[] {
    const running = new Map<string, number[]>();
    for (const a of this.stmt.runningAttempts.all(id) as { execution_id: string; attempt: number }[]) {
      running.set(a.execution_id, [...(running.get(a.execution_id) ?? []), a.attempt]);
    }
    return (this.stmt.unfinishedExecutions.all(id) as { execution_id: string; status: NodeStatus }[]).map((e) => ({
      executionId: executionIdOf(e.execution_id),
      status: e.status,
      runningAttempts: running.get(e.execution_id) ?? [],
    }));
  }
}

interface ExecutionRow {
  execution_id: string;
  node_id: string;
  task: string;
  status: NodeStatus;
  outputs: string | null;
  reason: string | null;
}

interface AttemptRow {
  execution_id: string;
  attempt: number;
  pod_name: string;
  status: AttemptView['status'];
  exit_code: number | null;
  reason: string | null;
  started_at: number;
  ended_at: number | null;
  containers: string;
}

function toSummary(r: RunRow): RunSummary {
  return {
    id: r.id,
    workflowId: r.workflow_id,
    version: r.version,
    status: r.status,
    executor: r.executor,
    inputs: JSON.parse(r.inputs) as Record<string, Json>,
    outputs: r.outputs === null ? null : (JSON.parse(r.outputs) as Record<string, Json>),
    error: r.error,
    createdAt: isoTime(r.created_at),
    startedAt: isoTime(r.started_at),
    endedAt: isoTime(r.ended_at),
    lastSeq: r.last_seq,
  };
}

function toAttempt(a: AttemptRow): AttemptView {
  return {
    attempt: a.attempt,
    podName: a.pod_name,
    status: a.status,
    exitCode: a.exit_code,
    reason: a.reason,
    startedAt: isoTime(a.started_at),
    endedAt: isoTime(a.ended_at),
    containers: JSON.parse(a.containers) as AttemptAnswer['containers'],
  };
}

