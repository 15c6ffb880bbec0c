import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import type { RunId } from '@podflow/core';
import { runEvent } from '../../../../packages/core/src/run/__fixtures__/wire-events';
import { openDatabase } from '../store/open-database';
import { RunEventStore } from '../store/run-event-store';
import type { RunStore } from '../store/run-store';
import { seedRunRecord, tempDir } from '../store/__fixtures__/temp-db';
import { RunEventBus } from './event-bus';
import { followRunEvents } from './follow-run-events';

/** A client resuming past the run's last event (a Last-Event-ID from the future) is let go when the run ends. */
describe('followRunEvents resuming beyond the last event', () => {
  let db: Database.Database;
  let runs: RunStore;
  let events: RunEventStore;
  let bus: RunEventBus;
  let runId: RunId;
  let cleanup: () => void;

  beforeEach(() => {
    const tmp = tempDir();
    cleanup = tmp.cleanup;
    db = openDatabase(tmp.file);
    ({ runs, runId } = seedRunRecord(db));
    bus = new RunEventBus();
    events = new RunEventStore(db, { maxDelayMs: 1, maxBatch: 64, onCommitted: (e) => bus.publish(e) });
  });
  afterEach(() => {
    db.close();
    cleanup();
  });

  it('ends when the run ends, though every event is at or before the resume point', async () => {
    events.append(runEvent({ type: 'node-started', executionId: 'greet', runId, seq: 1, ts: 1 }));
    const sent: number[] = [];
    const stop = new AbortController();
    const following = followRunEvents(
      { bus, readAfter: (r, a, l) => events.readAfter(r, a, l), runStatus: (r) => runs.status(r) },
      runId,
      1000,
      (batch) => void sent.push(...batch.map((e) => e.seq)),
      stop.signal,
    );
    await new Promise((r) => setTimeout(r, 20));
    events.append(runEvent({ type: 'node-started', executionId: 'greet[1]', runId, seq: 2, ts: 2 }));
    events.append(runEvent({ type: 'run-succeeded', outputs: {}, runId, seq: 3, ts: 3 }));
    const outcome = await Promise.race([following, new Promise((r) => setTimeout(() => r('still open'), 2000))]);
    stop.abort();
    expect(outcome).toBe('ended');
    expect(sent).toEqual([]);
  });
});
