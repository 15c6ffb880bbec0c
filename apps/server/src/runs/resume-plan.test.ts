import type { RunEvent } from '@podflow/core';
import { describe, expect, it } from 'vitest';
import type { AttemptRequest, AttemptResult, AttemptSink, Executor } from '../executors/executor';
import type { ReattachedAttempt } from '../executors/kubernetes/kubernetes-executor';
import { ResumePlan } from './resume-plan';
import { ResumingExecutor } from './resuming-executor';
import { eventBody, runEvent, type WireEventBody } from '../../../../packages/core/src/run/__fixtures__/wire-events';

// As the run service stores them: `ts` is when the event was emitted (a log line's own stamp is replaced by it).
const stored = (bodies: WireEventBody[]): RunEvent[] => bodies.map((b, i) => runEvent({ ...b, runId: 'r', seq: i + 1, ts: 1000 + i }));
const LOG_TS = 1011;

const events = stored([
  { type: 'run-started', workflow: 'w', executor: 'kubernetes', inputs: {} },
  { type: 'node-queued', executionId: 'm', nodeId: 'm', task: 't' },
  { type: 'node-started', executionId: 'm' },
  { type: 'map-expanded', executionId: 'm', items: 4 },
  { type: 'attempt-started', executionId: 'm[0]', attempt: 0, podName: 'p0', containers: ['primary'] },
  { type: 'container-ended', executionId: 'm[0]', attempt: 0, container: 'primary', exitCode: 0 },
  { type: 'attempt-succeeded', executionId: 'm[0]', attempt: 0 },
  { type: 'node-succeeded', executionId: 'm[0]', outputs: { o0: 0 } },
  { type: 'attempt-started', executionId: 'm[1]', attempt: 0, podName: 'p1', containers: ['primary'] },
  { type: 'attempt-failed', executionId: 'm[1]', attempt: 0, kind: 'error', reason: 'boom', exitCode: 1 },
  { type: 'attempt-started', executionId: 'm[1]', attempt: 1, podName: 'p1b', containers: ['primary'] },
  { type: 'log', executionId: 'm[1]', attempt: 1, container: 'primary', stream: 'stdout', line: 'half', ts: 0 },
  { type: 'attempt-started', executionId: 'm[2]', attempt: 0, podName: 'p2', containers: ['primary'] },
  { type: 'attempt-started', executionId: 'm[3]', attempt: 0, podName: 'p3', containers: ['primary'] },
]);

describe('ResumePlan: a run rebuilt from its stored events', () => {
  const plan = new ResumePlan(events, new Map<string, AttemptResult>([['m[2]#0', { ok: true, outputs: { o0: 4 } }]]));

  it('knows how each attempt ended, which were in flight (with their last stored log line), and checkpoints', () => {
    expect(plan.lastSeq).toBe(events.length);
    expect(plan.attempt('m[0]', 0)).toEqual({ state: 'succeeded', outputs: { o0: 0 } });
    expect(plan.attempt('m[1]', 0)).toEqual({ state: 'failed', kind: 'error', reason: 'boom', exitCode: 1 });
    expect(plan.attempt('m[1]', 1)).toEqual({ state: 'started', lastLogTs: LOG_TS });
    expect(plan.attempt('m[2]', 0)).toEqual({ state: 'succeeded', outputs: { o0: 4 } }); // its result outlived the events
    expect(plan.attempt('m[3]', 0)).toEqual({ state: 'started' });
    expect(plan.attempt('m[4]', 0)).toBeUndefined();
  });

  it('drops each stored event once when the scheduler emits it again; new ones pass', () => {
    const p = new ResumePlan(events);
    expect(p.consume(eventBody({ type: 'node-queued', executionId: 'm', nodeId: 'm', task: 't' }))).toBe(true);
    expect(p.consume(eventBody({ type: 'node-queued', executionId: 'm', nodeId: 'm', task: 't' }))).toBe(false);
    expect(p.consume(eventBody({ type: 'attempt-started', executionId: 'm[3]', attempt: 0, podName: 'p3', containers: ['primary'] }))).toBe(true);
    expect(p.consume(eventBody({ type: 'attempt-succeeded', executionId: 'm[3]', attempt: 0 }))).toBe(false);
    expect(p.consume(eventBody({ type: 'log', executionId: 'm[1]', attempt: 1, container: 'primary', stream: 'stdout', line: 'half', ts: LOG_TS }))).toBe(false);
  });
});

describe('ResumingExecutor: nothing runs twice', () => {
  const fresh: string[] = [];
  const inner: Executor = {
    name: 'kubernetes',
    runAttempt: (r: AttemptRequest) => {
      fresh.push(`${r.executionId}#${r.attempt}`);
      return Promise.resolve({ ok: true, outputs: { o0: 9 } });
    },
    close: () => Promise.resolve(),
  };
  const resumed: { key: string; logsAfter: number | undefined }[] = [];
  const pod = (executionId: string, attempt: number): ReattachedAttempt => ({
    podName: `pod-${executionId}`,
    namespace: 'ns',
    executionId,
    nodeId: 'm',
    attempt,
    resume: (_sink: AttemptSink, _signal: AbortSignal, o) => {
      resumed.push({ key: `${executionId}#${attempt}`, logsAfter: o?.logsAfter });
      return Promise.resolve({ ok: true, outputs: { o0: 1 } });
    },
  });
  const executor = new ResumingExecutor(inner, new ResumePlan(events), [pod('m[1]', 1), pod('m[9]', 0)]);
  const ask = (executionId: string, attempt: number) =>
    executor.runAttempt({ executionId, attempt, runId: 'r', compiled: {} as never }, { log: () => {} }, new AbortController().signal);

  it('answers ended attempts from the record, re-attaches in-flight ones, runs the rest', async () => {
    expect(await ask('m[0]', 0)).toEqual({ ok: true, outputs: { o0: 0 } });
    expect(await ask('m[1]', 0)).toEqual({ ok: false, kind: 'error', reason: 'boom', exitCode: 1 });
    expect(await ask('m[1]', 1)).toEqual({ ok: true, outputs: { o0: 1 } });
    expect(resumed).toEqual([{ key: 'm[1]#1', logsAfter: LOG_TS }]);
    expect(await ask('m[3]', 0)).toEqual({ ok: true, outputs: { o0: 9 } }); // in flight, but its pod is gone
    expect(await ask('m[4]', 0)).toEqual({ ok: true, outputs: { o0: 9 } });
    expect(fresh).toEqual(['m[3]#0', 'm[4]#0']);
    expect(executor.counts).toEqual({ replayed: 2, reattached: 1, fresh: 2 });
    expect(executor.unclaimed().map((p) => p.executionId)).toEqual(['m[9]']);
  });
});
