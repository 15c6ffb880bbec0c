import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import type { Json, RunId } from '@podflow/core';
import { eventBody, type WireEventBody } from '../../../../packages/core/src/run/__fixtures__/wire-events';
import type { Executor } from '../executors/executor';
import { ApiError } from '../http/api-error';
import { openDatabase } from '../store/open-database';
import { WorkflowStore } from '../store/workflow-store';
import { RunStore } from '../store/run-store';
import { RunEventStore } from '../store/run-event-store';
import type { WorkflowId } from '../store/ids';
import { sampleDoc, tempDir } from '../store/__fixtures__/temp-db';
import { RunService, SERVER_RESTARTED } from './run-service';
import type { RunOutcome, StartRun, StartRunRequest } from './run-starter';

const fakeExecutor: Executor = { name: 'local', runAttempt: () => Promise.reject(new Error('not used')), close: async () => {} };

/** A scheduler stand-in: runs `greet` once (or reuses it), then ends; waits for `release` when asked. */
function scriptedStartRun(calls: StartRunRequest[], options: { hold?: boolean } = {}): StartRun {
  return (request) => {
    calls.push(request);
    // Bodies written as they travel, read through core's schema (checked, branded ids).
    const emit = (body: WireEventBody) => request.emit(eventBody(body));
    let cancel: (reason?: string) => void = () => {};
    const cancelled = new Promise<string | undefined>((resolve) => (cancel = resolve));
    const done = (async (): Promise<RunOutcome> => {
      await Promise.resolve();
      emit({ type: 'run-started', workflow: request.doc.metadata.name, executor: 'local', inputs: request.inputs });
      emit({ type: 'node-queued', executionId: 'greet', nodeId: 'greet', task: 'greet' });
      const reused = request.reuse?.get('greet');
      if (reused) {
        emit({ type: 'node-cached', executionId: 'greet', outputs: reused });
        emit({ type: 'run-succeeded', outputs: reused });
        return { status: 'succeeded', outputs: reused };
      }
      emit({ type: 'attempt-started', executionId: 'greet', attempt: 0, podName: 'pod-greet', containers: ['primary'] });
      if (options.hold) {
        const reason = await cancelled;
        emit({ type: 'attempt-failed', executionId: 'greet', attempt: 0, kind: 'cancelled', reason: 'cancelled' });
        emit({ type: 'node-cancelled', executionId: 'greet' });
        emit({ type: 'run-cancelled', ...(reason ? { reason } : {}) });
        return { status: 'cancelled', outputs: {} };
      }
      const outputs: Record<string, Json> = { o0: `hi ${String(request.inputs.who)}` };
      emit({ type: 'attempt-succeeded', executionId: 'greet', attempt: 0 });
      emit({ type: 'node-succeeded', executionId: 'greet', outputs });
      emit({ type: 'run-succeeded', outputs });
      return { status: 'succeeded', outputs };
    })();
    return { cancel: (reason) => cancel(reason), done };
  };
}

describe('RunService', () => {
  let db: Database.Database;
  let workflows: WorkflowStore;
  let runs: RunStore;
  let events: RunEventStore;
  let workflowId: WorkflowId;
  let cleanup: () => void;
  const calls: StartRunRequest[] = [];

  const service = (options: { hold?: boolean } = {}) =>
    new RunService({ workflows, runs, events, startRun: scriptedStartRun(calls, options), executorFor: async () => fakeExecutor });

  async function settle(id: RunId): Promise<void> {
    await expect.poll(() => { events.flush(); return runs.status(id); }).toMatch(/succeeded|failed|cancelled/);
  }

  beforeEach(() => {
    const tmp = tempDir();
    cleanup = tmp.cleanup;
    db = openDatabase(tmp.file);
    workflows = new WorkflowStore(db);
    runs = new RunStore(db);
    events = new RunEventStore(db);
    workflowId = workflows.create(sampleDoc()).id;
    calls.length = 0;
  });
  afterEach(() => {
    db.close();
    cleanup();
  });

  it('saves the draft as a version, runs it, and records the projection', async () => {
    const svc = service();
    const run = await svc.create({ workflowId, inputs: { who: 'Ada' } });
    expect(run).toMatchObject({ status: 'queued', version: 1, inputs: { who: 'Ada' } });
    await settle(run.id);
    const done = runs.get(run.id)!;
    expect(done).toMatchObject({ status: 'succeeded', outputs: { o0: 'hi Ada' } });
    expect(done.executions).toMatchObject([{ executionId: 'greet', status: 'succeeded', attempts: [{ podName: 'pod-greet', status: 'succeeded' }] }]);
    expect(events.readAfter(run.id, 0)[0]).toMatchObject({ type: 'run-started', version: 1, seq: 1 });

    const again = await svc.create({ workflowId });
    expect(again.version).toBe(1); // the draft did not change: the same version
    expect(again.inputs).toEqual({ who: 'world' }); // defaults filled in
    await settle(again.id);
  });

  it('refuses bad inputs, naming the field', async () => {
    const svc = service();
    await expect(svc.create({ workflowId, inputs: { who: 5 } })).rejects.toMatchObject({ status: 400, details: { field: 'inputs.who' } });
    await expect(svc.create({ workflowId, inputs: { whom: 'x' } })).rejects.toMatchObject({ status: 400, details: { field: 'inputs.whom' } });
    await expect(svc.create({ workflowId, version: 7 })).rejects.toBeInstanceOf(ApiError);
    expect(calls).toHaveLength(0);
    expect(workflows.listVersions(workflowId)).toEqual([]); // nothing was saved for a refused run
  });

  it('refuses a workflow with errors (422, with the diagnostics)', async () => {
    const broken = sampleDoc();
    broken.spec.nodes![0]!.task = 'nope';
    const id = workflows.create(broken).id;
    await expect(service().create({ workflowId: id })).rejects.toMatchObject({ status: 422, code: 'invalid-workflow' });
  });

  it('cancels a running run', async () => {
    const svc = service({ hold: true });
    const run = await svc.create({ workflowId });
    await expect.poll(() => { events.flush(); return runs.get(run.id)?.executions[0]?.status; }).toBe('running');
    expect(svc.cancel(run.id)).toBe('accepted');
    await settle(run.id);
    expect(runs.get(run.id)).toMatchObject({ status: 'cancelled', error: 'cancelled from the API' });
    expect(svc.cancel(run.id)).toBe('ended');
  });

  it('reuses unchanged outputs of an earlier run, except from the re-run node on', async () => {
    const svc = service();
    const first = await svc.create({ workflowId, inputs: { who: 'Ada' } });
    await settle(first.id);
    const reused = await svc.create({ workflowId, inputs: { who: 'Ada' }, reuseFrom: { runId: first.id } });
    expect(calls[1]!.reuse?.get('greet')).toEqual({ o0: 'hi Ada' });
    await settle(reused.id);
    expect(runs.get(reused.id)?.executions[0]?.status).toBe('cached');

    await svc.create({ workflowId, inputs: { who: 'Bob' }, reuseFrom: { runId: first.id } });
    expect(calls[2]!.reuse?.size).toBe(0); // an input changed
    await svc.create({ workflowId, inputs: { who: 'Ada' }, reuseFrom: { runId: first.id, fromNode: 'greet' } });
    expect(calls[3]!.reuse?.size).toBe(0); // re-run from the node itself
    const draft = workflows.getDraft(workflowId)!;
    workflows.saveDraft(workflowId, draft.revision, sampleDoc('hello-flow', 'def greet(who: str) -> str:\n    return "hello " + who\n'));
    await svc.create({ workflowId, inputs: { who: 'Ada' }, reuseFrom: { runId: first.id } });
    expect(calls[4]!.reuse?.size).toBe(0); // the task's code changed
    await expect(svc.create({ workflowId, reuseFrom: { runId: first.id, fromNode: 'ghost' } })).rejects.toMatchObject({
      details: { field: 'reuseFrom.fromNode' },
    });
    await svc.shutdown();
  });

  it('fails the runs a previous process left running, with "server restarted"', async () => {
    const svc = service({ hold: true });
    const run = await svc.create({ workflowId });
    await expect.poll(() => { events.flush(); return runs.get(run.id)?.executions[0]?.status; }).toBe('running');
    // The process "dies": a new service over the same database, without the first one ever ending its run.
    const next = new RunService({ workflows, runs, events, startRun: scriptedStartRun([]), executorFor: async () => fakeExecutor });
    expect(next.reconcile()).toEqual([run.id]);
    const ended = runs.get(run.id)!;
    expect(ended).toMatchObject({ status: 'failed', error: SERVER_RESTARTED });
    expect(ended.executions[0]).toMatchObject({ status: 'failed', reason: SERVER_RESTARTED, attempts: [{ status: 'failed', reason: SERVER_RESTARTED }] });
    const stored = events.readAfter(run.id, 0);
    expect(stored[stored.length - 1]).toMatchObject({ type: 'run-failed', reason: SERVER_RESTARTED });
    expect(stored.map((e) => e.seq)).toEqual(stored.map((_, i) => i + 1));
    expect(next.reconcile()).toEqual([]);
  });

  it('a Kubernetes run left unfinished is resumed, its stored events not repeated; when its pods cannot be found it fails saying why', async () => {
    const svc = service({ hold: true });
    const run = await svc.create({ workflowId, executor: 'kubernetes' });
    await expect.poll(() => { events.flush(); return runs.get(run.id)?.executions[0]?.status; }).toBe('running');
    const before = events.readAfter(run.id, 0).length;
    // a new process finds the run's pod again and goes on: the scheduler replays, only what is new is stored
    const resumedCalls: StartRunRequest[] = [];
    const next = new RunService({
      workflows, runs, events, startRun: scriptedStartRun(resumedCalls), executorFor: async () => fakeExecutor,
      reattach: async () => ({ executor: { ...fakeExecutor, name: 'kubernetes' }, pods: [] }),
    });
    expect(next.reconcile()).toEqual([]);
    expect(next.resumed).toEqual([run.id]);
    await expect.poll(() => { events.flush(); return runs.get(run.id)?.status; }).toBe('succeeded');
    const stored = events.readAfter(run.id, 0);
    expect(stored.map((e) => e.seq)).toEqual(stored.map((_, i) => i + 1));
    expect(stored.slice(before).map((e) => e.type)).toEqual(['attempt-succeeded', 'node-succeeded', 'run-succeeded']);
    expect(resumedCalls[0]!.executor.name).toBe('kubernetes');

    // another run, and a restart where the cluster cannot be reached: failed, with the reason
    const held = service({ hold: true });
    const second = await held.create({ workflowId, executor: 'kubernetes' });
    await expect.poll(() => { events.flush(); return runs.get(second.id)?.executions[0]?.status; }).toBe('running');
    const third = new RunService({
      workflows, runs, events, startRun: scriptedStartRun([]), executorFor: async () => fakeExecutor,
      reattach: () => Promise.reject(new Error('cannot reach the Kubernetes API at https://127.0.0.1:1: connection refused')),
    });
    third.reconcile();
    await expect.poll(() => { events.flush(); return runs.get(second.id)?.status; }).toBe('failed');
    expect(runs.get(second.id)!.error).toBe('server restarted, and the run could not be resumed: cannot reach the Kubernetes API at https://127.0.0.1:1: connection refused');
    const all = events.readAfter(second.id, 0);
    expect(all.map((e) => e.seq)).toEqual(all.map((_, i) => i + 1));
  });
});
