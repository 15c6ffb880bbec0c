import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import type { RunEvent, RunId } from '@podflow/core';
import { runEvent, type WireEventBody } from '../../../../packages/core/src/run/__fixtures__/wire-events';
import { openDatabase } from './open-database';
import type { RunStore } from './run-store';
import { RunEventStore } from './run-event-store';
import { LogStore } from './log-store';
import { seedRunRecord, tempDir } from './__fixtures__/temp-db';

describe('RunEventStore', () => {
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

  const at = (seq: number, body: WireEventBody): RunEvent => runEvent({ ...body, runId, seq, ts: 1000 + seq });

  it('writes every event of a large burst in batches, in order, and replays them merged with logs', () => {
    const committed: RunEvent[] = [];
    const store = new RunEventStore(db, { maxBatch: 500, onCommitted: (events) => committed.push(...events) });
    let seq = 0;
    store.append(at(++seq, { type: 'run-started', workflow: 'hello-flow', executor: 'local', inputs: {} }));
    for (let i = 0; i < 1000; i++) {
      const executionId = `greet[${i}]`;
      store.append(at(++seq, { type: 'node-queued', executionId, nodeId: 'greet', task: 'greet' }));
      store.append(at(++seq, { type: 'attempt-started', executionId, attempt: 0, podName: `p-${i}`, containers: ['primary', 'side'] }));
      store.append(at(++seq, { type: 'log', executionId, attempt: 0, container: 'primary', stream: 'stdout', line: `line ${i}`, ts: 5 }));
      store.append(at(++seq, { type: 'container-ended', executionId, attempt: 0, container: 'primary', exitCode: 0 }));
      store.append(at(++seq, { type: 'attempt-succeeded', executionId, attempt: 0 }));
      store.append(at(++seq, { type: 'node-succeeded', executionId, outputs: { o0: String(i) } }));
    }
    store.append(at(++seq, { type: 'run-succeeded', outputs: { o0: 'done' } }));
    store.flush();

    expect(committed.map((e) => e.seq)).toEqual(Array.from({ length: seq }, (_, i) => i + 1));
    const replayed: RunEvent[] = [];
    for (let after = 0; ; ) {
      const page = store.readAfter(runId, after, 700);
      if (page.length === 0) break;
      replayed.push(...page);
      after = page[page.length - 1]!.seq;
    }
    expect(replayed).toHaveLength(seq);
    expect(replayed.map((e) => e.seq)).toEqual(committed.map((e) => e.seq));
    expect(replayed[3]).toMatchObject({ type: 'log', line: 'line 0', container: 'primary', executionId: 'greet[0]' });
    expect(store.lastSeq(runId)).toBe(seq);

    const run = runs.get(runId)!;
    expect(run.status).toBe('succeeded');
    expect(run.outputs).toEqual({ o0: 'done' });
    expect(run.executions).toHaveLength(1000);
    expect(run.executions[7]).toMatchObject({ executionId: 'greet[7]', status: 'succeeded', outputs: { o0: '7' } });
    expect(run.executions[7]!.attempts[0]).toMatchObject({
      podName: 'p-7',
      status: 'succeeded',
      containers: [{ name: 'primary', state: 'terminated', exitCode: 0 }, { name: 'side', state: 'running' }],
    });

    const logs = new LogStore(db);
    const page = logs.page(runId, { executionId: 'greet[3]', after: 0, limit: 10 });
    expect(page.lines.map((l) => l.line)).toEqual(['line 3']);
  });

  it('writes on its own timer, and drops events of a run that no longer exists', async () => {
    const committed: RunEvent[] = [];
    const store = new RunEventStore(db, { maxDelayMs: 1, onCommitted: (events) => committed.push(...events) });
    store.append(at(1, { type: 'run-started', workflow: 'x', executor: 'local', inputs: {} }));
    store.append({ type: 'run-failed', reason: 'x', runId: 'run_ffffffffffffffffffff', seq: 1, ts: 1 });
    await expect.poll(() => store.pending).toBe(0);
    expect(committed).toHaveLength(2);
    expect(store.readAfter(runId, 0)).toHaveLength(1);
    expect(store.readAfter('run_ffffffffffffffffffff', 0)).toHaveLength(0);
  });
});
