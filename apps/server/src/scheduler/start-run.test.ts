import { describe, expect, it } from 'vitest';
import type { Json } from '@podflow/core';
import { EventLog, FakeExecutor, gate, waitFor, workflow, type FakeCall, type FakeResponse } from './__fixtures__/fake-executor';
import { MemoryOutputCache } from './output-cache';
import { RunSetupError, startRun, type StartRunOptions } from './start-run';

const TASKS = {
  double: 'def double(x: int) -> int:\n    return x * 2\n',
  add: 'def add(a: int, b: int) -> int:\n    return a + b\n',
  show: 'def show(n: int) -> str:\n    return str(n)\n',
};
const task = (name: keyof typeof TASKS, extra: Record<string, unknown> = {}) => ({ name, type: 'python', code: TASKS[name], ...extra });

/** The tasks' real behaviour, in JavaScript. */
function compute(call: FakeCall): FakeResponse {
  const i = call.inputs as Record<string, number>;
  switch (call.task) {
    case 'double':
      return { outputs: { o0: (i.x ?? 0) * 2 } };
    case 'add':
      return { outputs: { o0: (i.a ?? 0) + (i.b ?? 0) } };
    case 'show':
      return { outputs: { o0: String(i.n) } };
    default:
      throw new Error(`no fake for ${call.task}`);
  }
}

/** a = double(x); b = double(a); c = add(a, b); outputs: c. */
const chain = (extra: Record<string, unknown> = {}) =>
  workflow({
    inputs: [{ name: 'x', type: 'int', default: 1 }],
    outputs: [{ name: 'result', type: 'int', from: { node: 'c', output: 'o0' } }],
    tasks: [task('double'), task('add')],
    nodes: [
      { id: 'a', task: 'double', inputs: { x: { input: 'x' } } },
      { id: 'b', task: 'double', inputs: { x: { node: 'a', output: 'o0' } } },
      { id: 'c', task: 'add', inputs: { a: { node: 'a', output: 'o0' }, b: { node: 'b', output: 'o0' } } },
    ],
    ...extra,
  });

function start(options: Partial<StartRunOptions> & Pick<StartRunOptions, 'doc' | 'executor'>) {
  const log = new EventLog();
  const handle = startRun({ runId: 'run-1', inputs: {}, emit: log.emit, ...options });
  return { log, handle };
}

describe('startRun: ordering and data flow', () => {
  it('runs a node when its inputs are ready and passes outputs along', async () => {
    const executor = new FakeExecutor(compute);
    const { log, handle } = start({ doc: chain(), executor, inputs: { x: 3 } });
    expect(await handle.done).toEqual({ status: 'succeeded', outputs: { result: 18 } });
    expect(executor.calls.map((c) => [c.request.executionId, c.inputs])).toEqual([
      ['a', { x: 3 }],
      ['b', { x: 6 }],
      ['c', { a: 6, b: 12 }],
    ]);
    expect(log.types()).toEqual([
      'run-started',
      'node-queued:a', 'node-queued:b', 'node-queued:c',
      'node-started:a', 'attempt-started:a', 'attempt-succeeded:a', 'node-succeeded:a',
      'node-started:b', 'attempt-started:b', 'attempt-succeeded:b', 'node-succeeded:b',
      'node-started:c', 'attempt-started:c', 'attempt-succeeded:c', 'node-succeeded:c',
      'run-succeeded',
    ]);
    expect(log.of('run-started')[0]).toEqual({ type: 'run-started', workflow: 'sched-test', executor: 'fake', inputs: { x: 3 } });
    const started = log.of('attempt-started', 'a')[0]!;
    expect(started.podName).toMatch(/^sched-test-a-/);
    expect(started.containers).toEqual(['primary']);
    expect(log.of('log', 'a')[0]).toMatchObject({ container: 'primary', stream: 'stdout', attempt: 0, line: 'running a attempt 0' });
    expect(log.of('container-ended', 'a')[0]).toMatchObject({ container: 'primary', exitCode: 0, attempt: 0 });
  });

  it('starts independent nodes together', async () => {
    const g = gate();
    const executor = new FakeExecutor((call) => ({ until: g.promise, then: compute(call) }));
    const doc = workflow({
      tasks: [task('double')],
      nodes: [
        { id: 'p', task: 'double', inputs: { x: { value: 1 } } },
        { id: 'q', task: 'double', inputs: { x: { value: 2 } } },
      ],
    });
    const { handle } = start({ doc, executor });
    await waitFor(() => executor.calls.length === 2);
    expect(executor.maxRunning).toBe(2);
    g.open();
    expect((await handle.done).status).toBe('succeeded');
  });

  it('fills workflow inputs from defaults, and refuses missing, unknown or ill-typed inputs before starting', async () => {
    const executor = new FakeExecutor(compute);
    expect((await start({ doc: chain(), executor }).handle.done).outputs).toEqual({ result: 6 });
    const strict = chain({ inputs: [{ name: 'x', type: 'int' }] });
    expect(() => start({ doc: strict, executor })).toThrow(RunSetupError);
    expect(() => start({ doc: strict, executor })).toThrow(/the input "x" \(int\) has no default/);
    expect(() => start({ doc: strict, executor, inputs: { x: 'three' } })).toThrow(/expected int, got/);
    expect(() => start({ doc: strict, executor, inputs: { x: 1, y: 2 } })).toThrow(/the workflow has no input "y"/);
  });

  it('refuses a workflow with errors', () => {
    const doc = workflow({ tasks: [task('double')], nodes: [{ id: 'a', task: 'nope' }] });
    expect(() => start({ doc, executor: new FakeExecutor(compute) })).toThrow(RunSetupError);
  });

  it('answers its caller first: no event and no pod during the call, the run begins on the next turn of the event loop', async () => {
    const executor = new FakeExecutor(compute);
    const { log, handle } = start({ doc: chain(), executor, inputs: { x: 3 } });
    expect(log.events).toEqual([]);
    expect(executor.calls).toEqual([]);
    await new Promise<void>((resolve) => setImmediate(resolve));
    expect(log.types()[0]).toBe('run-started');
    expect(await handle.done).toEqual({ status: 'succeeded', outputs: { result: 18 } });
  });

  it('a run cancelled before it began ends cancelled, with no pod started', async () => {
    const executor = new FakeExecutor(compute);
    const { log, handle } = start({ doc: chain(), executor });
    handle.cancel('changed my mind');
    expect(await handle.done).toMatchObject({ status: 'cancelled' });
    expect(executor.calls).toEqual([]);
    expect(log.types().at(-1)).toBe('run-cancelled');
  });

  it('`checked`: the caller has refused blockers already, so startRun does not validate again', () => {
    // A document with an error: without `checked` it is refused here; with it, the caller's check stands.
    const doc = workflow({ tasks: [task('double')], nodes: [{ id: 'a', task: 'nope' }] });
    expect(() => start({ doc, executor: new FakeExecutor(compute) })).toThrow(RunSetupError);
    expect(() => start({ doc, executor: new FakeExecutor(compute), checked: true }).handle.cancel()).not.toThrow();
  });

  it('an executor that throws is a system failure of the attempt', async () => {
    const executor = new FakeExecutor(() => ({ throws: 'boom' }));
    const { log, handle } = start({ doc: chain(), executor });
    expect(await handle.done).toMatchObject({ status: 'failed' });
    expect(log.of('attempt-failed', 'a')[0]).toMatchObject({ kind: 'system', reason: expect.stringContaining('boom') });
  });
});

describe('startRun: retries and timeouts', () => {
  it('retries every failure kind while retries remain', async () => {
    const kinds = ['error', 'timeout', 'oom', 'config'] as const;
    const executor = new FakeExecutor((call) => (call.task === 'double' && call.request.attempt < kinds.length ? { fail: kinds[call.request.attempt]!, reason: `try ${call.request.attempt}` } : compute(call)));
    const doc = chain({ tasks: [task('double', { retries: 4 }), task('add')] });
    const { log, handle } = start({ doc, executor });
    expect((await handle.done).status).toBe('succeeded');
    expect(log.trail('a')).toEqual([
      'node-queued', 'node-started',
      'attempt-started:0', 'attempt-failed:0', 'node-retrying',
      'attempt-started:1', 'attempt-failed:1', 'node-retrying',
      'attempt-started:2', 'attempt-failed:2', 'node-retrying',
      'attempt-started:3', 'attempt-failed:3', 'node-retrying',
      'attempt-started:4', 'attempt-succeeded:4', 'node-succeeded',
    ]);
    expect(log.of('node-retrying', 'a').map((e) => [e.attempt, e.of])).toEqual([[1, 5], [2, 5], [3, 5], [4, 5]]);
    expect(executor.calls.filter((c) => c.request.executionId === 'a').map((c) => c.request.compiled.pod.metadata?.labels?.['podflow/attempt'])).toEqual(['0', '1', '2', '3', '4']);
  });

  it('fails the node with the last reason once retries are exhausted', async () => {
    const executor = new FakeExecutor((call) => (call.task === 'double' ? { fail: 'error', reason: `ValueError: try ${call.request.attempt}`, exitCode: 1 } : compute(call)));
    const doc = chain({ tasks: [task('double', { retries: 1 }), task('add')] });
    const { log, handle } = start({ doc, executor });
    expect(await handle.done).toEqual({ status: 'failed', outputs: {}, error: 'node a failed: ValueError: try 1' });
    expect(log.of('attempt-failed', 'a').map((e) => [e.attempt, e.exitCode])).toEqual([[0, 1], [1, 1]]);
    expect(log.of('node-failed', 'a')).toEqual([{ type: 'node-failed', executionId: 'a', reason: 'ValueError: try 1', kind: 'error' }]);
    expect(log.of('node-skipped').map((e) => [e.executionId, e.reason])).toEqual([
      ['b', 'node a failed (failFast)'],
      ['c', 'node a failed (failFast)'],
    ]);
    expect(log.of('run-failed')).toHaveLength(1);
  });

  it('gives the executor the task timeout for every attempt', async () => {
    const executor = new FakeExecutor((call) => (call.request.executionId === 'a' && call.request.attempt === 0 ? { fail: 'timeout', reason: 'timed out after 5s' } : compute(call)));
    const doc = chain({ tasks: [task('double', { timeoutSeconds: 5, retries: 1 }), task('add')] });
    expect((await start({ doc, executor }).handle.done).status).toBe('succeeded');
    expect(executor.calls.filter((c) => c.task === 'double').map((c) => c.request.timeoutSeconds)).toEqual([5, 5, 5]);
    expect(executor.calls.filter((c) => c.task === 'add').map((c) => c.request.timeoutSeconds)).toEqual([undefined]);
  });
});

describe('startRun: failure policy and cancellation', () => {
  /** f fails; h hangs; after_h depends on h; after_f depends on f; free runs. */
  const policyDoc = (failurePolicy?: 'failFast' | 'continue') =>
    workflow({
      ...(failurePolicy ? { failurePolicy } : {}),
      tasks: [task('double'), task('show')],
      nodes: [
        { id: 'f', task: 'double', inputs: { x: { value: -1 } } },
        { id: 'h', task: 'double', inputs: { x: { value: 0 } } },
        { id: 'after_h', task: 'show', inputs: { n: { node: 'h', output: 'o0' } } },
        { id: 'after_f', task: 'show', inputs: { n: { node: 'f', output: 'o0' } } },
      ],
    });

  it('failFast: a failure cancels running nodes and skips the rest', async () => {
    const executor = new FakeExecutor((call) => (call.inputs.x === -1 ? { fail: 'error', reason: 'negative' } : call.inputs.x === 0 ? { hang: true } : compute(call)));
    const { log, handle } = start({ doc: policyDoc(), executor });
    expect(await handle.done).toMatchObject({ status: 'failed', error: 'node f failed: negative' });
    expect(log.trail('h')).toEqual(['node-queued', 'node-started', 'attempt-started:0', 'attempt-failed:0', 'node-cancelled']);
    expect(log.of('node-skipped').map((e) => e.executionId).sort()).toEqual(['after_f', 'after_h']);
    expect(executor.calls.every((c) => c.task !== 'double' || c.signal.aborted || c.inputs.x === -1)).toBe(true);
  });

  it('continue: everything not downstream of the failure runs', async () => {
    const executor = new FakeExecutor((call) => (call.inputs.x === -1 ? { fail: 'error', reason: 'negative' } : compute(call)));
    const { log, handle } = start({ doc: policyDoc('continue'), executor });
    expect(await handle.done).toMatchObject({ status: 'failed', error: 'node f failed: negative' });
    expect(log.trail('after_h').at(-1)).toBe('node-succeeded');
    expect(log.of('node-skipped')).toEqual([{ type: 'node-skipped', executionId: 'after_f', reason: 'upstream node f failed' }]);
  });

  it('cancel stops everything started: running nodes end cancelled, the rest skipped', async () => {
    const executor = new FakeExecutor(() => ({ hang: true }));
    const { log, handle } = start({ doc: chain(), executor });
    await waitFor(() => executor.calls.length === 1);
    handle.cancel('user pressed stop');
    handle.cancel('twice is fine');
    expect(await handle.done).toEqual({ status: 'cancelled', outputs: {}, error: 'user pressed stop' });
    expect(executor.calls[0]?.signal.aborted).toBe(true);
    expect(log.trail('a').at(-1)).toBe('node-cancelled');
    expect(log.of('node-skipped').map((e) => [e.executionId, e.reason])).toEqual([
      ['b', 'the run was cancelled'],
      ['c', 'the run was cancelled'],
    ]);
    expect(log.events.at(-1)).toEqual({ type: 'run-cancelled', reason: 'user pressed stop' });
  });
});

describe('startRun: cache and reuse', () => {
  const cachedDoc = () => chain({ tasks: [task('double', { cache: { enabled: true, version: '1' } }), task('add')] });

  it('reuses outputs of cache-enabled tasks with the same code, pod and inputs', async () => {
    const cache = new MemoryOutputCache();
    const first = new FakeExecutor(compute);
    expect((await start({ doc: cachedDoc(), executor: first, cache, runId: 'r1' }).handle.done).outputs).toEqual({ result: 6 });
    expect(cache.size).toBe(2); // double(1), double(2); add is not cache-enabled

    const second = new FakeExecutor(compute);
    const { log, handle } = start({ doc: cachedDoc(), executor: second, cache, runId: 'r2' });
    expect((await handle.done).outputs).toEqual({ result: 6 });
    expect(second.calls.map((c) => c.task)).toEqual(['add']);
    expect(log.of('node-cached')).toEqual([
      { type: 'node-cached', executionId: 'a', outputs: { o0: 2 }, fromRun: 'r1' },
      { type: 'node-cached', executionId: 'b', outputs: { o0: 4 }, fromRun: 'r1' },
    ]);
    expect(log.trail('a')).toEqual(['node-queued', 'node-cached']);

    const third = new FakeExecutor(compute);
    await start({ doc: cachedDoc(), executor: third, cache, inputs: { x: 5 } }).handle.done;
    expect(third.calls.map((c) => c.task)).toEqual(['double', 'double', 'add']);
  });

  it('a failed execution is not cached', async () => {
    const cache = new MemoryOutputCache();
    await start({ doc: cachedDoc(), executor: new FakeExecutor(() => ({ fail: 'error' })), cache }).handle.done;
    expect(cache.size).toBe(0);
  });

  it('re-run from a node reuses the given outputs', async () => {
    const executor = new FakeExecutor(compute);
    const reuse = new Map<string, Record<string, Json>>([['a', { o0: 100 }]]);
    const { log, handle } = start({ doc: chain(), executor, reuse });
    expect((await handle.done).outputs).toEqual({ result: 300 });
    expect(executor.calls.map((c) => c.request.executionId)).toEqual(['b', 'c']);
    expect(log.of('node-cached')).toEqual([{ type: 'node-cached', executionId: 'a', outputs: { o0: 100 } }]);
  });
});
