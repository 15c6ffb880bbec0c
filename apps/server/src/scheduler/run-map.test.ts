import { describe, expect, it } from 'vitest';
import { EventLog, FakeExecutor, gate, waitFor, workflow, type FakeCall, type FakeResponse } from './__fixtures__/fake-executor';
import { startRun } from './start-run';

const SHOW = 'def show(n: int, prefix: str = "") -> str:\n    return prefix + str(n)\n';
const PAIR = 'def pair(a: int, b: int) -> int:\n    return a * b\n';
const JOIN = 'from typing import List, Optional\n\n\ndef join(items: List[Optional[str]]) -> str:\n    return ", ".join(str(i) for i in items)\n';

const show = (call: FakeCall): FakeResponse => ({ outputs: { o0: `${(call.inputs.prefix as string | undefined) ?? ''}${call.inputs.n}` } });
const join = (call: FakeCall): FakeResponse => ({ outputs: { o0: (call.inputs.items as unknown[]).map(String).join(', ') } });

function mapDoc(map: Record<string, unknown> = {}, list = [1, 2, 3], taskExtra: Record<string, unknown> = {}) {
  return workflow({
    inputs: [{ name: 'xs', type: 'list[int]', default: list }],
    outputs: [{ name: 'joined', type: 'str', from: { node: 'j', output: 'o0' } }],
    tasks: [
      { name: 'show', type: 'python', code: SHOW, ...taskExtra },
      { name: 'join', type: 'python', code: JOIN },
    ],
    nodes: [
      { id: 'm', task: 'show', map, inputs: { n: { input: 'xs' }, prefix: { value: '#' } } },
      { id: 'j', task: 'join', inputs: { items: { node: 'm', output: 'o0' } } },
    ],
  });
}

function run(doc: ReturnType<typeof mapDoc>, respond: (call: FakeCall) => FakeResponse) {
  const executor = new FakeExecutor((call) => (call.task === 'join' ? join(call) : respond(call)));
  const log = new EventLog();
  const handle = startRun({ doc, runId: 'r', inputs: {}, executor, emit: log.emit });
  return { executor, log, handle };
}

describe('map nodes', () => {
  it('fans out one execution per item (other inputs bound to every item) and collects lists in order', async () => {
    const { executor, log, handle } = run(mapDoc(), show);
    expect(await handle.done).toEqual({ status: 'succeeded', outputs: { joined: '#1, #2, #3' } });
    const items = executor.calls.filter((c) => c.task === 'show');
    expect(items.map((c) => [c.request.executionId, c.inputs])).toEqual([
      ['m[0]', { n: 1, prefix: '#' }],
      ['m[1]', { n: 2, prefix: '#' }],
      ['m[2]', { n: 3, prefix: '#' }],
    ]);
    expect(items.map((c) => c.request.compiled.pod.spec?.containers?.[0]?.env?.find((e) => e.name === 'PODFLOW_ITEM_INDEX')?.value)).toEqual(['0', '1', '2']);
    expect(log.of('map-expanded')).toEqual([{ type: 'map-expanded', executionId: 'm', items: 3 }]);
    expect(log.of('node-queued').map((e) => [e.executionId, e.nodeId])).toEqual([
      ['m', 'm'], ['j', 'j'], ['m[0]', 'm'], ['m[1]', 'm'], ['m[2]', 'm'],
    ]);
    expect(log.of('node-succeeded', 'm')).toEqual([{ type: 'node-succeeded', executionId: 'm', outputs: { o0: ['#1', '#2', '#3'] } }]);
    expect(log.trail('m')).toEqual(['node-queued', 'node-started', 'map-expanded', 'node-succeeded']);
  });

  it('runs at most map.concurrency items at once', async () => {
    const { executor, handle } = run(mapDoc({ concurrency: 2 }, [1, 2, 3, 4, 5, 6, 7]), show);
    expect((await handle.done).status).toBe('succeeded');
    expect(executor.maxRunning).toBe(2);
  });

  it('without map.concurrency every item may run at once', async () => {
    const g = gate();
    const { executor, handle } = run(mapDoc({}, [1, 2, 3, 4]), (call) => ({ until: g.promise, then: show(call) }));
    await waitFor(() => executor.running === 4);
    g.open();
    expect((await handle.done).status).toBe('succeeded');
  });

  it('retries items per item with map.retries, overriding the task retries', async () => {
    const { executor, log, handle } = run(mapDoc({ retries: 2 }, [1, 2], { retries: 0 }), (call) =>
      call.inputs.n === 2 && call.request.attempt < 2 ? { fail: 'error', reason: 'flaky' } : show(call),
    );
    expect((await handle.done).status).toBe('succeeded');
    expect(executor.calls.filter((c) => c.request.executionId === 'm[1]').map((c) => c.request.attempt)).toEqual([0, 1, 2]);
    expect(log.of('node-retrying', 'm[1]').map((e) => [e.attempt, e.of])).toEqual([[1, 3], [2, 3]]);
  });

  it('uses the task retries when map.retries is absent', async () => {
    const { executor, handle } = run(mapDoc({}, [1], { retries: 1 }), (call) => (call.request.attempt === 0 ? { fail: 'oom' } : show(call)));
    expect((await handle.done).status).toBe('succeeded');
    expect(executor.calls.filter((c) => c.task === 'show')).toHaveLength(2);
  });

  it('minSuccessRatio 0.5: a failed item becomes null and the node succeeds', async () => {
    const { log, handle } = run(mapDoc({ minSuccessRatio: 0.5 }), (call) => (call.inputs.n === 2 ? { fail: 'error', reason: 'ValueError: two' } : show(call)));
    expect(await handle.done).toEqual({ status: 'succeeded', outputs: { joined: '#1, null, #3' } });
    expect(log.of('node-failed', 'm[1]')).toEqual([{ type: 'node-failed', executionId: 'm[1]', reason: 'ValueError: two', kind: 'error' }]);
    expect(log.of('node-succeeded', 'm')[0]?.outputs).toEqual({ o0: ['#1', null, '#3'] });
  });

  it('minSuccessRatio 1.0: the node fails as soon as one item fails; running items are cancelled, the rest skipped', async () => {
    const g = gate();
    const { executor, log, handle } = run(mapDoc({ concurrency: 2, minSuccessRatio: 1 }, [1, 2, 3, 4]), (call) =>
      call.inputs.n === 2 ? { fail: 'error', reason: 'ValueError: two' } : { until: g.promise, then: show(call) },
    );
    const result = await handle.done;
    expect(result.status).toBe('failed');
    expect(result.error).toBe('node m failed: 1 of 4 items failed; at least 4 had to succeed (minSuccessRatio 1). First failure: m[1]: ValueError: two');
    expect(log.trail('m[0]').at(-1)).toBe('node-cancelled');
    expect(log.of('node-skipped').map((e) => e.executionId)).toEqual(['m[2]', 'm[3]', 'j']);
    expect(executor.calls.filter((c) => c.task === 'show').map((c) => c.request.executionId)).toEqual(['m[0]', 'm[1]']);
    expect(log.of('node-failed', 'm')[0]?.kind).toBe('error');
  });

  it('minSuccessRatio: fails only once success is impossible', async () => {
    // 5 items, ratio 0.6 → 3 must succeed; items 1 and 2 fail (still possible), item 3 fails → impossible.
    const { handle, log } = run(mapDoc({ concurrency: 1, minSuccessRatio: 0.6 }, [1, 2, 3, 4, 5]), (call) => ((call.inputs.n as number) >= 2 && (call.inputs.n as number) <= 4 ? { fail: 'error' } : show(call)));
    expect((await handle.done).error).toMatch(/3 of 5 items failed; at least 3 had to succeed/);
    expect(log.of('node-skipped').map((e) => e.executionId)).toEqual(['m[4]', 'j']);
  });

  it('mapped lists of unequal length fail the node with a clear message', async () => {
    const doc = workflow({
      tasks: [{ name: 'pair', type: 'python', code: PAIR }],
      nodes: [{ id: 'p', task: 'pair', map: { over: ['a', 'b'] }, inputs: { a: { value: [1, 2, 3] }, b: { value: [1, 2] } } }],
    });
    const log = new EventLog();
    const executor = new FakeExecutor(() => ({ outputs: { o0: 0 } }));
    const result = await startRun({ doc, runId: 'r', inputs: {}, executor, emit: log.emit }).done;
    expect(result.error).toBe('node p failed: the mapped inputs have unequal lengths: a has 3, b has 2; every mapped list must have as many items');
    expect(executor.calls).toEqual([]);
  });

  it('maps over several inputs in step', async () => {
    const doc = workflow({
      outputs: [{ name: 'o', type: 'list[int]', from: { node: 'p', output: 'o0' } }],
      tasks: [{ name: 'pair', type: 'python', code: PAIR }],
      nodes: [{ id: 'p', task: 'pair', map: { over: ['a', 'b'] }, inputs: { a: { value: [1, 2, 3] }, b: { value: [4, 5, 6] } } }],
    });
    const executor = new FakeExecutor((c) => ({ outputs: { o0: (c.inputs.a as number) * (c.inputs.b as number) } }));
    expect((await startRun({ doc, runId: 'r', inputs: {}, executor, emit: () => {} }).done).outputs).toEqual({ o: [4, 10, 18] });
  });

  it('an empty list succeeds with empty lists and starts no pod', async () => {
    const { executor, log, handle } = run(mapDoc({}, []), show);
    expect(await handle.done).toEqual({ status: 'succeeded', outputs: { joined: '' } });
    expect(executor.calls.map((c) => c.task)).toEqual(['join']);
    expect(log.of('map-expanded')[0]?.items).toBe(0);
  });

  it('cancelling the run cancels running items and skips the others', async () => {
    const { executor, log, handle } = run(mapDoc({ concurrency: 1 }), () => ({ hang: true }));
    await waitFor(() => executor.calls.length === 1);
    handle.cancel();
    expect((await handle.done).status).toBe('cancelled');
    expect(log.trail('m[0]').at(-1)).toBe('node-cancelled');
    expect(log.of('node-skipped').map((e) => e.executionId).sort()).toEqual(['j', 'm[1]', 'm[2]']);
    expect(log.trail('m').at(-1)).toBe('node-cancelled');
  });

  it('caches items one by one', async () => {
    const { MemoryOutputCache } = await import('./output-cache');
    const cache = new MemoryOutputCache();
    const doc = mapDoc({}, [1, 2], { cache: { enabled: true } });
    const first = new FakeExecutor((c) => (c.task === 'join' ? join(c) : show(c)));
    await startRun({ doc, runId: 'r1', inputs: {}, executor: first, emit: () => {}, cache }).done;
    const second = new FakeExecutor((c) => (c.task === 'join' ? join(c) : show(c)));
    const log = new EventLog();
    const result = await startRun({ doc, runId: 'r2', inputs: { xs: [1, 2, 3] }, executor: second, emit: log.emit, cache }).done;
    expect(result.outputs).toEqual({ joined: '#1, #2, #3' });
    expect(second.calls.filter((c) => c.task === 'show').map((c) => c.request.executionId)).toEqual(['m[2]']);
    expect(log.of('node-cached').map((e) => e.executionId)).toEqual(['m[0]', 'm[1]']);
  });
});
