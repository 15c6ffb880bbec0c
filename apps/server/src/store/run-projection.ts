import type Database from 'better-sqlite3';
import { nodeIdOfExecution, type ContainerStateAnswer, type RunEvent } from '@podflow/core';

/**
 * Keeps the `runs`, `executions` and `attempts` rows up to date from a run's events, inside the same transaction that
 * stores the events, so that reading a run is a few indexed selects and never a replay. The events stay the source of
 * truth: the rows can always be rebuilt from them.
 */
export type ContainerState = ContainerStateAnswer;

export class RunProjection {
  private readonly stmt;

  constructor(db: Database.Database) {
    this.stmt = {
      runStarted: db.prepare(`UPDATE runs SET status = 'running', started_at = COALESCE(started_at, ?) WHERE id = ?`),
      runEnded: db.prepare('UPDATE runs SET status = ?, outputs = ?, error = ?, ended_at = ? WHERE id = ?'),
      ensureExecution: db.prepare(`
        INSERT INTO executions (run_id, execution_id, node_id, task, status, first_seq) VALUES (?, ?, ?, ?, ?, ?)
        ON CONFLICT (run_id, execution_id) DO NOTHING`),
      queueExecution: db.prepare(`
        INSERT INTO executions (run_id, execution_id, node_id, task, status, first_seq) VALUES (?, ?, ?, ?, 'queued', ?)
        ON CONFLICT (run_id, execution_id) DO UPDATE SET node_id = excluded.node_id, task = excluded.task, status = 'queued'`),
      executionStatus: db.prepare('UPDATE executions SET status = ? WHERE run_id = ? AND execution_id = ?'),
      executionEnded: db.prepare('UPDATE executions SET status = ?, outputs = ?, reason = ? WHERE run_id = ? AND execution_id = ?'),
      insertAttempt: db.prepare(`
        INSERT INTO attempts (run_id, execution_id, attempt, pod_name, status, started_at, containers) VALUES (?, ?, ?, ?, 'running', ?, ?)
        ON CONFLICT (run_id, execution_id, attempt) DO UPDATE SET
          pod_name = excluded.pod_name, status = 'running', started_at = excluded.started_at, containers = excluded.containers`),
      attemptContainers: db.prepare('SELECT containers FROM attempts WHERE run_id = ? AND execution_id = ? AND attempt = ?'),
      setAttemptContainers: db.prepare('UPDATE attempts SET containers = ? WHERE run_id = ? AND execution_id = ? AND attempt = ?'),
      attemptEnded: db.prepare(
        'UPDATE attempts SET status = ?, exit_code = ?, reason = ?, ended_at = ? WHERE run_id = ? AND execution_id = ? AND attempt = ?',
      ),
    };
  }

  apply(e: RunEvent): void {
    const s = this.stmt;
    switch (e.type) {
      case 'run-started':
        s.runStarted.run(e.ts, e.runId);
        return;
      case 'node-queued':
        s.queueExecution.run(e.runId, e.executionId, e.nodeId, e.task, e.seq);
        return;
      case 'node-started':
        this.setExecutionStatus(e, e.executionId, 'running');
        return;
      case 'map-expanded':
      case 'dynamic-expanded':
      case 'log':
        return;
      case 'attempt-started': {
        this.ensureExecution(e, e.executionId, 'running');
        const containers: ContainerState[] = e.containers.map((name) => ({ name, state: 'running' }));
        s.insertAttempt.run(e.runId, e.executionId, e.attempt, e.podName, e.ts, JSON.stringify(containers));
        s.executionStatus.run('running', e.runId, e.executionId);
        return;
      }
      case 'container-ended': {
        const row = s.attemptContainers.get(e.runId, e.executionId, e.attempt) as { containers: string } | undefined;
        if (!row) return;
        const containers = JSON.parse(row.containers) as ContainerState[];
        const ended: ContainerState = { name: e.container, state: 'terminated', exitCode: e.exitCode, ...(e.reason ? { reason: e.reason } : {}) };
        const index = containers.findIndex((c) => c.name === e.container);
        if (index >= 0) containers[index] = ended;
        else containers.push(ended);
        s.setAttemptContainers.run(JSON.stringify(containers), e.runId, e.executionId, e.attempt);
        return;
      }
      case 'attempt-succeeded':
        s.attemptEnded.run('succeeded', 0, null, e.ts, e.runId, e.executionId, e.attempt);
        return;
      case 'attempt-failed':
        s.attemptEnded.run('failed', e.exitCode ?? null, e.reason, e.ts, e.runId, e.executionId, e.attempt);
        return;
      case 'node-retrying':
        this.setExecutionStatus(e, e.executionId, 'retrying');
        return;
      case 'node-succeeded':
        this.endExecution(e, e.executionId, 'succeeded', e.outputs, null);
        return;
      case 'node-cached':
        this.endExecution(e, e.executionId, 'cached', e.outputs, e.fromRun ? `reused from run ${e.fromRun}` : null);
        return;
      case 'node-failed':
        this.endExecution(e, e.executionId, 'failed', null, e.reason);
        return;
      case 'node-skipped':
        this.endExecution(e, e.executionId, 'skipped', null, e.reason);
        return;
      case 'node-cancelled':
        this.endExecution(e, e.executionId, 'cancelled', null, null);
        return;
      case 'run-succeeded':
        s.runEnded.run('succeeded', JSON.stringify(e.outputs), null, e.ts, e.runId);
        return;
      case 'run-failed':
        s.runEnded.run('failed', null, e.reason, e.ts, e.runId);
        return;
      case 'run-cancelled':
        s.runEnded.run('cancelled', null, e.reason ?? 'cancelled', e.ts, e.runId);
        return;
      default: {
        const unknown: never = e;
        throw new Error(`unknown run event ${JSON.stringify(unknown)}`);
      }
    }
  }

  private setExecutionStatus(e: RunEvent, executionId: string, status: string): void {
    this.ensureExecution(e, executionId, status);
    this.stmt.executionStatus.run(status, e.runId, executionId);
  }

  private endExecution(e: RunEvent, executionId: string, status: string, outputs: unknown, reason: string | null): void {
    this.ensureExecution(e, executionId, status);
    this.stmt.executionEnded.run(status, outputs === null ? null : JSON.stringify(outputs), reason, e.runId, executionId);
  }

  /** An execution that an event names before any `node-queued` (a skipped node that never queued, say). */
  private ensureExecution(e: RunEvent, executionId: string, status: string): void {
    this.stmt.ensureExecution.run(e.runId, executionId, nodeIdOfExecution(executionId), '', status, e.seq);
  }
}

/** `NODE[3]` → `NODE`, `NODE/CHILD` → `NODE`. */
