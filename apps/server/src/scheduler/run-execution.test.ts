import { describe, expect, it } from 'vitest';
import type { DynamicSpec } from '@podflow/core';
import { EventLog, FakeExecutor, waitFor, workflow, type FakeCall, type FakeResponse } from './__fixtures__/fake-executor';
import { startRun } from './start-run';

const CODE = {
  stringify: 'def stringify(val: int) -> str:\n    return f"{val} served courtesy of a dynamic pod task!"\n',
  coalesce: 'from typing import List\n\n\ndef coalesce(parts: List[str]) -> str:\n    return ", ".join(parts)\n',
  outer: 'def outer(val: int) -> str:\n    return inner(val=val)\n',
  inner: 'def inner(val: int) -> str:\n    return stringify(val=val)\n',
  fan: 'def fan(val: int) -> str:\n    return coalesce(parts=[stringify(val=val), stringify(val=val + 1)])\n',
  plain: 'def plain(val: int) -> str:\n    return str(val)\n',
};
type Name = keyof typeof CODE;
const DYNAMIC = new Set<Name>(['outer', 'inner', 'fan']);

function doc(root: Name, taskExtra: Partial<Record<Name, Record<string, unknown>>> = {}) {
  return workflow({
    inputs: [{ name: 'val', type: 'int', default: 6 }],
    outputs: [{ name: 'o0', type: 'str', from: { node: 'd', output: 'o0' } }],
    tasks: (Object.keys(CODE) as Name[]).map((name) => ({ name, type: DYNAMIC.has(name) ? 'dynamic' : 'python', code: CODE[name], ...taskExtra[name] })),
    nodes: [{ id: 'd', task: root, inputs: { val: { input: 'val' } } }],
  });
}

const call = (id: string, task: string, inputs: DynamicSpec['nodes'][number]['inputs']) => ({ id, task, inputs });

/** What each task's pod returns: dynamic tasks their recorded sub-DAG, python tasks their value. */
function behave(c: FakeCall): FakeResponse {
  const val = c.inputs.val as number;
  switch (c.task) {
    case 'stringify':
      return { outputs: { o0: `${val} served courtesy of a dynamic pod task!` } };
    case 'coalesce':
      return { outputs: { o0: (c.inputs.parts as string[]).join(', ') } };
    case 'outer':
      return { dynamic: { nodes: [call('inner', 'inner', { val: { value: val } })], outputs: { o0: { node: 'inner', output: 'o0' } } } };
    case 'inner':
      return { dynamic: { nodes: [call('stringify', 'stringify', { val: { value: val } })], outputs: { o0: { node: 'stringify', output: 'o0' } } } };
    case 'fan':
      return {
        dynamic: {
          nodes: [
            call('stringify', 'stringify', { val: { value: val } }),
            call('stringify_2', 'stringify', { val: { value: val + 1 } }),
            call('coalesce', 'coalesce', { parts: { list: [{ node: 'stringify', output: 'o0' }, { node: 'stringify_2', output: 'o0' }] } }),
          ],
          outputs: { o0: { node: 'coalesce', output: 'o0' } },
        },
      };
    default:
      return { outputs: { o0: String(val) } };
  }
}

function run(root: Name, respond: (c: FakeCall) => FakeResponse = behave, taskExtra = {}) {
  const executor = new FakeExecutor(respond);
  const log = new EventLog();
  const handle = startRun({ doc: doc(root, taskExtra), runId: 'r', inputs: {}, executor, emit: log.emit });
  return { executor, log, handle };
}

describe('dynamic tasks', () => {
  it('runs the sub-DAG the pod returned, each call with its own task, as NODE/CHILD', async () => {
    const { executor, log, handle } = run('inner');
    expect(await handle.done).toEqual({ status: 'succeeded', outputs: { o0: '6 served courtesy of a dynamic pod task!' } });
    expect(executor.calls.map((c) => [c.request.executionId, c.task, c.request.compiled.nodeId])).toEqual([
      ['d', 'inner', 'd'],
      ['d/stringify', 'stringify', 'd'],
    ]);
    expect(log.trail('d')).toEqual(['node-queued', 'node-started', 'attempt-started:0', 'attempt-succeeded:0', 'dynamic-expanded', 'node-succeeded']);
    expect(log.trail('d/stringify')).toEqual(['node-queued', 'node-started', 'attempt-started:0', 'attempt-succeeded:0', 'node-succeeded']);
    expect(log.of('node-queued', 'd/stringify')[0]).toEqual({ type: 'node-queued', executionId: 'd/stringify', nodeId: 'd', task: 'stringify' });
    expect(log.of('dynamic-expanded')[0]?.spec.nodes.map((n) => n.id)).toEqual(['stringify']);
    // The child runs its own task's pod, not the dynamic task's.
    expect(executor.calls[1]?.request.compiled.pod.metadata?.annotations?.['podflow/task']).toBe('stringify');
  });

  it('dynamic inside dynamic: ids nest as A/B/C', async () => {
    const { executor, handle } = run('outer');
    expect((await handle.done).outputs).toEqual({ o0: '6 served courtesy of a dynamic pod task!' });
    expect(executor.calls.map((c) => c.request.executionId)).toEqual(['d', 'd/inner', 'd/inner/stringify']);
  });

  it('resolves list bindings and orders calls by their dependencies', async () => {
    const { executor, handle } = run('fan');
    expect((await handle.done).outputs).toEqual({ o0: '6 served courtesy of a dynamic pod task!, 7 served courtesy of a dynamic pod task!' });
    const coalesce = executor.calls.find((c) => c.task === 'coalesce');
    expect(coalesce?.request.executionId).toBe('d/coalesce');
    expect(executor.calls.indexOf(coalesce!)).toBe(3);
  });

  it('an invalid sub-DAG fails the node before any call runs', async () => {
    const { executor, log, handle } = run('inner', (c) =>
      c.task === 'inner' ? { dynamic: { nodes: [call('x', 'no_such_task', {})], outputs: { o0: { node: 'x', output: 'o0' } } } } : behave(c),
    );
    const result = await handle.done;
    expect(result.status).toBe('failed');
    expect(result.error).toMatch(/invalid sub-DAG: .*no_such_task/);
    expect(executor.calls).toHaveLength(1);
    expect(log.of('dynamic-expanded')).toEqual([]);
  });

  it('a failing call fails the dynamic node (after its own retries), naming the call', async () => {
    const { executor, log, handle } = run('fan', (c) => (c.task === 'stringify' && c.inputs.val === 7 ? { fail: 'error', reason: 'ValueError: seven' } : behave(c)), {
      stringify: { retries: 1 },
    });
    const result = await handle.done;
    expect(result.error).toBe('node d failed: d/stringify_2 failed: ValueError: seven');
    expect(executor.calls.filter((c) => c.request.executionId === 'd/stringify_2').map((c) => c.request.attempt)).toEqual([0, 1]);
    expect(log.of('node-skipped').map((e) => e.executionId)).toEqual(['d/coalesce']);
    expect(log.trail('d').at(-1)).toBe('node-failed');
  });

  it('the dynamic pod itself is retried; its calls are not re-run', async () => {
    const { executor, handle } = run('inner', (c) => (c.task === 'inner' && c.request.attempt === 0 ? { fail: 'evicted' } : behave(c)), { inner: { retries: 1 } });
    expect((await handle.done).status).toBe('succeeded');
    expect(executor.calls.map((c) => `${c.request.executionId}#${c.request.attempt}`)).toEqual(['d#0', 'd#1', 'd/stringify#0']);
  });

  it('a python task that returns a sub-DAG fails', async () => {
    const { handle } = run('plain', () => ({ dynamic: { nodes: [], outputs: {} } }));
    expect((await handle.done).error).toMatch(/is not dynamic, but its pod returned a sub-DAG/);
  });

  it('cancelling stops the calls that run', async () => {
    const { executor, log, handle } = run('inner', (c) => (c.task === 'stringify' ? { hang: true } : behave(c)));
    await waitFor(() => executor.calls.length === 2);
    handle.cancel();
    expect((await handle.done).status).toBe('cancelled');
    expect(executor.calls[1]?.signal.aborted).toBe(true);
    expect(log.trail('d/stringify').at(-1)).toBe('node-cancelled');
    expect(log.trail('d').at(-1)).toBe('node-cancelled');
  });
});
