import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import type { RunEvent, RunId } from '@podflow/core';
import { runEvent, type WireEventBody } from '../../../../packages/core/src/run/__fixtures__/wire-events';
import { openDatabase } from '../store/open-database';
import type { RunStore } from '../store/run-store';
import { RunEventStore } from '../store/run-event-store';
import { seedRunRecord, tempDir } from '../store/__fixtures__/temp-db';
import { RunEventBus } from './event-bus';
import { followRunEvents, type FollowRunEventsDeps } from './follow-run-events';

describe('followRunEvents', () => {
  let db: Database.Database;
  let runs: RunStore;
  let events: RunEventStore;
  let bus: RunEventBus;
  let runId: RunId;
  let deps: FollowRunEventsDeps;
  let cleanup: () => void;

  beforeEach(() => {
    const tmp = tempDir();
    cleanup = tmp.cleanup;
    db = openDatabase(tmp.file);
    ({ runs, runId } = seedRunRecord(db));
    bus = new RunEventBus();
    events = new RunEventStore(db, { maxDelayMs: 1, maxBatch: 64, onCommitted: (e) => bus.publish(e) });
    deps = { bus, readAfter: (r, a, l) => events.readAfter(r, a, l), runStatus: (r) => runs.status(r) };
  });
  afterEach(() => {
    db.close();
    cleanup();
  });

  /** Emits `total` events over many event-loop turns; the last one ends the run. */
  async function produce(total: number, onProgress?: (seq: number) => void): Promise<void> {
    let seq = 0;
    // A fixed pseudo-random pattern of event-loop turns (0 or 1 ms): the same interleaving on every run.
    let state = 0x2545f491;
    const coin = () => ((state = (state * 1103515245 + 12345) >>> 0) & 0x10000) !== 0;
    const body = (n: number): WireEventBody =>
      n === total
        ? { type: 'run-succeeded', outputs: {} }
        : n % 3 === 0
          ? { type: 'log', executionId: 'greet', attempt: 0, container: 'primary', stream: 'stdout', line: `l${n}`, ts: n }
          : { type: 'node-started', executionId: `greet[${n}]` };
    while (seq < total) {
      for (let i = 0; i < 37 && seq < total; i++) {
        seq++;
        events.append(runEvent({ ...body(seq), runId, seq, ts: seq }));
      }
      onProgress?.(seq);
      await new Promise((r) => setTimeout(r, coin() ? 0 : 1));
    }
  }

  async function follow(after: number, slow = false, maxQueued?: number): Promise<number[]> {
    const seen: number[] = [];
    const result = await followRunEvents(
      deps,
      runId,
      after,
      async (batch: RunEvent[]) => {
        seen.push(...batch.map((e) => e.seq));
        if (slow) await new Promise((r) => setTimeout(r, 1));
      },
      new AbortController().signal,
      maxQueued,
    );
    expect(result).toBe('ended');
    return seen;
  }

  const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);

  it('hands every event to followers that join before, during and after the run, exactly once', async () => {
    const total = 3000;
    const followers: Promise<{ after: number; seen: number[] }>[] = [];
    const join = (after: number, slow = false, maxQueued?: number) => followers.push(follow(after, slow, maxQueued).then((seen) => ({ after, seen })));
    join(0);
    join(0, true, 16); // slow, with a tiny queue: falls behind and catches up from the database
    const joined = new Set<number>();
    await produce(total, (seq) => {
      for (const mark of [300, 1500, 2900]) {
        if (seq >= mark && !joined.has(mark)) {
          joined.add(mark);
          join(0);
          join(mark - 100);
        }
      }
    });
    join(0);
    join(total - 5);
    const results = await Promise.all(followers);
    expect(results).toHaveLength(10);
    for (const { after, seen } of results) expect(seen).toEqual(range(after + 1, total));
    expect(bus.subscriberCount(runId)).toBe(0);
  });

  it('ends at once for a finished run the client has fully seen', async () => {
    await produce(10);
    await expect.poll(() => events.pending).toBe(0);
    expect(await follow(10)).toEqual([]);
  });

  it('stops when aborted', async () => {
    const abort = new AbortController();
    const pending = followRunEvents(deps, runId, 0, () => {}, abort.signal);
    abort.abort();
    expect(await pending).toBe('aborted');
  });
});
