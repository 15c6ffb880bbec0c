import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import type { RunId } from '@podflow/core';
import { runEvent, type WireEventBody } from '../../../../packages/core/src/run/__fixtures__/wire-events';
import { openDatabase } from './open-database';
import type { RunStore } from './run-store';
import { RunEventStore } from './run-event-store';
import { seedRunRecord, tempDir } from './__fixtures__/temp-db';

describe('RunProjection: pod-event (why a pod is not running yet)', () => {
  let db: Database.Database;
  let runs: RunStore;
  let runId: RunId;
  let cleanup: () => void;
  beforeEach(() => {
    const tmp = tempDir();
    cleanup = tmp.cleanup;
    db = openDatabase(tmp.file);
    ({ runs, runId } = seedRunRecord(db));
  });
  afterEach(() => {
    db.close();
    cleanup();
  });

  it('a Warning shows on the running attempt and node, live; their end replaces it; a Normal one does not', () => {
    const store = new RunEventStore(db, {});
    let seq = 0;
    const put = (body: WireEventBody) => {
      store.append(runEvent({ ...body, runId, seq: ++seq, ts: 1000 + seq }));
      store.flush();
    };
    put({ type: 'node-queued', executionId: 'n', nodeId: 'n', task: 't' });
    put({ type: 'attempt-started', executionId: 'n', attempt: 0, podName: 'p', containers: ['primary'] });
    put({ type: 'pod-event', executionId: 'n', attempt: 0, reason: 'Scheduled', message: 'assigned to node', warning: false });
    expect(runs.get(runId)!.executions[0]).toMatchObject({ status: 'running' });
    expect(runs.get(runId)!.executions[0]!.reason ?? null).toBeNull();
    put({ type: 'pod-event', executionId: 'n', attempt: 0, reason: 'FailedMount', message: 'configmap "c" not found', warning: true });
    const live = runs.get(runId)!.executions[0]!;
    expect(live.reason).toBe('FailedMount: configmap "c" not found');
    expect(live.attempts[0]).toMatchObject({ status: 'running', reason: 'FailedMount: configmap "c" not found' });
    put({ type: 'attempt-failed', executionId: 'n', attempt: 0, kind: 'config', reason: 'FailedMount: configmap "c" not found (stuck)' });
    put({ type: 'pod-event', executionId: 'n', attempt: 0, reason: 'FailedMount', message: 'late', warning: true });
    put({ type: 'node-failed', executionId: 'n', kind: 'config', reason: 'FailedMount: configmap "c" not found (stuck)' });
    const ended = runs.get(runId)!.executions[0]!;
    expect(ended.reason).toBe('FailedMount: configmap "c" not found (stuck)');
    expect(ended.attempts[0]!.reason).toBe('FailedMount: configmap "c" not found (stuck)');
  });
});
