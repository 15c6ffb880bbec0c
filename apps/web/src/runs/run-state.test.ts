import { describe, expect, it } from 'vitest';
import type { RunEvent, RunEventBody } from '@podflow/core';
import { nodeIdOfExecution as nodeIdOf, parentExecutionId as parentOf } from '@podflow/core';
import { applyRunEvents, failedExecutions, initialRunState, type RunState } from './run-state';

/** Numbers a list of event bodies as the server does: seq 1, 2, 3… and a ts per event. */
function events(bodies: RunEventBody[], runId = 'run_1', start = 1): RunEvent[] {
  return bodies.map((b, i) => ({ ...b, runId, seq: start + i, ts: 1000 + (start + i) * 10 }) as RunEvent);
}

const failing: RunEventBody[] = [
  { type: 'run-started', workflow: 'failing', version: 3, executor: 'local', inputs: { n: 2 } },
  { type: 'node-queued', executionId: 'up', nodeId: 'up', task: 'up' },
  { type: 'node-queued', executionId: 'boom', nodeId: 'boom', task: 'boom' },
  { type: 'node-started', executionId: 'up' },
  { type: 'attempt-started', executionId: 'up', attempt: 0, podName: 'failing-up', containers: ['primary'] },
  { type: 'log', executionId: 'up', attempt: 0, container: 'primary', stream: 'stdout', line: 'up ran 2', ts: 1 },
  { type: 'container-ended', executionId: 'up', attempt: 0, container: 'primary', exitCode: 0, reason: 'Completed' },
  { type: 'attempt-succeeded', executionId: 'up', attempt: 0 },
  { type: 'node-succeeded', executionId: 'up', outputs: { o0: 20 } },
  { type: 'node-started', executionId: 'boom' },
  { type: 'attempt-started', executionId: 'boom', attempt: 0, podName: 'failing-boom-0', containers: ['primary'] },
  { type: 'log', executionId: 'boom', attempt: 0, container: 'primary', stream: 'stderr', line: 'Traceback (most recent call last):', ts: 1 },
  { type: 'log', executionId: 'boom', attempt: 0, container: 'primary', stream: 'stderr', line: 'ValueError: bad value 20', ts: 1 },
  { type: 'container-ended', executionId: 'boom', attempt: 0, container: 'primary', exitCode: 1, reason: 'Error' },
  { type: 'attempt-failed', executionId: 'boom', attempt: 0, kind: 'error', reason: 'ValueError: bad value 20', exitCode: 1 },
  { type: 'node-retrying', executionId: 'boom', attempt: 1, of: 2 },
  { type: 'attempt-started', executionId: 'boom', attempt: 1, podName: 'failing-boom-1', containers: ['primary'] },
  { type: 'log', executionId: 'boom', attempt: 1, container: 'primary', stream: 'stderr', line: 'ValueError: bad value 20', ts: 1 },
  { type: 'container-ended', executionId: 'boom', attempt: 1, container: 'primary', exitCode: 1, reason: 'Error' },
  { type: 'attempt-failed', executionId: 'boom', attempt: 1, kind: 'error', reason: 'ValueError: bad value 20', exitCode: 1 },
  { type: 'node-failed', executionId: 'boom', reason: 'ValueError: bad value 20', kind: 'error' },
  { type: 'run-failed', reason: 'node boom failed: ValueError: bad value 20' },
];

describe('applyRunEvents', () => {
  it('derives a failed run with a retried node, its attempts, exit codes and the tail of stderr', () => {
    const s = applyRunEvents(initialRunState('run_1'), events(failing));
    expect(s.status).toBe('failed');
    expect(s.version).toBe(3);
    expect(s.inputs).toEqual({ n: 2 });
    expect(s.lastSeq).toBe(failing.length);
    expect(s.eventCount).toBe(failing.length);
    expect(s.gapAfter).toBeUndefined();
    expect(s.order).toEqual(['up', 'boom']);
    expect(s.executions.up).toMatchObject({ status: 'succeeded', outputs: { o0: 20 } });
    const boom = s.executions.boom!;
    expect(boom.status).toBe('failed');
    expect(boom.kind).toBe('error');
    expect(boom.retry).toEqual({ attempt: 1, of: 2 });
    expect(boom.attempts.map((a) => [a.attempt, a.status, a.exitCode])).toEqual([
      [0, 'failed', 1],
      [1, 'failed', 1],
    ]);
    expect(boom.attempts[0]!.stderrTail).toEqual(['Traceback (most recent call last):', 'ValueError: bad value 20']);
    expect(boom.attempts[1]!.containers).toEqual([{ name: 'primary', state: 'terminated', exitCode: 1, reason: 'Error' }]);
    expect(failedExecutions(s).map((e) => e.executionId)).toEqual(['boom']);
  });

  it('says "retrying" while a retry attempt runs', () => {
    const upTo = failing.findIndex((b) => b.type === 'attempt-started' && b.attempt === 1) + 1;
    const s = applyRunEvents(initialRunState('run_1'), events(failing.slice(0, upTo)));
    expect(s.executions.boom!.status).toBe('retrying');
    expect(s.executions.boom!.retry).toEqual({ attempt: 1, of: 2 });
  });

  it('gives the same state whether the events arrive in one batch or one by one, and ignores a replay', () => {
    const all = events(failing);
    const once = applyRunEvents(initialRunState('run_1'), all);
    let step = initialRunState('run_1');
    for (const e of all) step = applyRunEvents(step, [e]);
    expect(step).toEqual(once);
    // A reconnect that replays from an earlier point changes nothing.
    expect(applyRunEvents(once, all.slice(3))).toBe(once);
  });

  it('keeps the identity of executions that a batch did not touch', () => {
    const all = events(failing);
    const cut = failing.findIndex((b) => b.type === 'node-started' && b.executionId === 'boom');
    const before = applyRunEvents(initialRunState('run_1'), all.slice(0, cut));
    const after = applyRunEvents(before, all.slice(cut, cut + 3));
    expect(after.executions.up).toBe(before.executions.up);
    expect(after.executions.boom).not.toBe(before.executions.boom);
    // The earlier state was not mutated.
    expect(before.executions.boom!.status).toBe('queued');
    expect(before.executions.boom!.attempts).toEqual([]);
  });

  it('notes a gap in the sequence numbers', () => {
    const all = events(failing);
    const s = applyRunEvents(initialRunState('run_1'), [all[0]!, all[1]!, all[4]!]);
    expect(s.gapAfter).toBe(2);
  });

  it('counts a map node’s items by status and lists them in order', () => {
    const bodies: RunEventBody[] = [
      { type: 'run-started', workflow: 'm', executor: 'local', inputs: { xs: [1, 2, 3] } },
      { type: 'node-queued', executionId: 'm', nodeId: 'm', task: 't' },
      { type: 'node-started', executionId: 'm' },
      { type: 'map-expanded', executionId: 'm', items: 3 },
      { type: 'node-queued', executionId: 'm[0]', nodeId: 'm', task: 't' },
      { type: 'node-queued', executionId: 'm[1]', nodeId: 'm', task: 't' },
      { type: 'node-queued', executionId: 'm[2]', nodeId: 'm', task: 't' },
      { type: 'node-started', executionId: 'm[0]' },
      { type: 'node-started', executionId: 'm[1]' },
      { type: 'node-succeeded', executionId: 'm[0]', outputs: { o0: '1' } },
      { type: 'node-failed', executionId: 'm[1]', reason: 'boom', kind: 'error' },
    ];
    const s = applyRunEvents(initialRunState('run_1'), events(bodies));
    const m = s.executions.m!;
    expect(m.items).toBe(3);
    expect(m.children).toEqual(['m[0]', 'm[1]', 'm[2]']);
    expect(m.itemCounts).toEqual({ queued: 1, running: 0, succeeded: 1, failed: 1 });
    expect(s.executions['m[1]']!.parent).toBe('m');
    expect(s.executions['m[1]']!.nodeId).toBe('m');
    expect(failedExecutions(s).map((e) => e.executionId)).toEqual(['m[1]']);
  });

  it('records a dynamic node’s sub-DAG and the status of each call', () => {
    const bodies: RunEventBody[] = [
      { type: 'run-started', workflow: 'd', executor: 'local', inputs: { val: 6 } },
      { type: 'node-queued', executionId: 'dyn', nodeId: 'dyn', task: 'dyn' },
      { type: 'node-started', executionId: 'dyn' },
      { type: 'attempt-started', executionId: 'dyn', attempt: 0, podName: 'p', containers: ['primary'] },
      { type: 'attempt-succeeded', executionId: 'dyn', attempt: 0 },
      {
        type: 'dynamic-expanded',
        executionId: 'dyn',
        spec: { nodes: [{ id: 'stringify', task: 'stringify', inputs: { val: { value: 6 } } }], outputs: { o0: { node: 'stringify', output: 'o0' } } },
      },
      { type: 'node-queued', executionId: 'dyn/stringify', nodeId: 'dyn', task: 'stringify' },
      { type: 'node-started', executionId: 'dyn/stringify' },
      { type: 'node-succeeded', executionId: 'dyn/stringify', outputs: { o0: '6 served' } },
      { type: 'node-succeeded', executionId: 'dyn', outputs: { o0: '6 served' } },
      { type: 'run-succeeded', outputs: { o0: '6 served' } },
    ];
    const s = applyRunEvents(initialRunState('run_1'), events(bodies));
    const d = s.executions.dyn!;
    expect(d.dynamic?.nodes.map((n) => n.id)).toEqual(['stringify']);
    expect(d.children).toEqual(['dyn/stringify']);
    expect(d.childStatus).toEqual({ 'dyn/stringify': 'succeeded' });
    expect(s.executions['dyn/stringify']!.task).toBe('stringify');
    expect(s.outputs).toEqual({ o0: '6 served' });
    expect(s.status).toBe('succeeded');
  });

  it('marks reused nodes cached with the run they came from, and a cancelled run', () => {
    const bodies: RunEventBody[] = [
      { type: 'run-started', workflow: 'w', executor: 'local', inputs: {} },
      { type: 'node-queued', executionId: 'a', nodeId: 'a', task: 'a' },
      { type: 'node-queued', executionId: 'b', nodeId: 'b', task: 'b' },
      { type: 'node-cached', executionId: 'a', outputs: { o0: 1 }, fromRun: 'run_0' },
      { type: 'node-started', executionId: 'b' },
      { type: 'node-cancelled', executionId: 'b' },
      { type: 'run-cancelled', reason: 'cancelled from the API' },
    ];
    const s: RunState = applyRunEvents(initialRunState('run_1'), events(bodies));
    expect(s.executions.a).toMatchObject({ status: 'cached', fromRun: 'run_0', outputs: { o0: 1 } });
    expect(s.executions.b!.status).toBe('cancelled');
    expect(s.status).toBe('cancelled');
    expect(s.error).toBe('cancelled from the API');
  });
});

describe('execution ids', () => {
  it('finds parents and nodes', () => {
    expect(parentOf('m[12]')).toBe('m');
    expect(parentOf('d/s')).toBe('d');
    expect(parentOf('d/s/t')).toBe('d/s');
    expect(parentOf('top')).toBeUndefined();
    expect(nodeIdOf('m[2]')).toBe('m');
    expect(nodeIdOf('d/s/t')).toBe('d');
  });
});

describe('applyRunEvents: pod-event (why a pod is not running yet)', () => {
  it('a Warning shows on the running attempt and the node; a Normal one does not; the attempt\'s end replaces it', () => {
    const stuck: RunEventBody[] = [
      { type: 'run-started', workflow: 'w', executor: 'kubernetes', inputs: {} },
      { type: 'node-queued', executionId: 'n', nodeId: 'n', task: 't' },
      { type: 'node-started', executionId: 'n' },
      { type: 'attempt-started', executionId: 'n', attempt: 0, podName: 'p', containers: ['primary'] },
      { type: 'pod-event', executionId: 'n', attempt: 0, reason: 'Scheduled', message: 'assigned', warning: false },
    ];
    let s = applyRunEvents(initialRunState('run_1'), events(stuck));
    expect(s.executions.n!.reason).toBeUndefined();
    const more: RunEventBody[] = [{ type: 'pod-event', executionId: 'n', attempt: 0, reason: 'FailedMount', message: 'configmap "c" not found', warning: true }];
    s = applyRunEvents(s, events(more, 'run_1', stuck.length + 1));
    expect(s.executions.n!.reason).toBe('FailedMount: configmap "c" not found');
    expect(s.executions.n!.attempts[0]!.reason).toBe('FailedMount: configmap "c" not found');
    const end: RunEventBody[] = [{ type: 'attempt-failed', executionId: 'n', attempt: 0, kind: 'config', reason: 'FailedMount: configmap "c" not found (stuck)' }];
    s = applyRunEvents(s, events(end, 'run_1', stuck.length + 2));
    expect(s.executions.n!.attempts[0]!.reason).toBe('FailedMount: configmap "c" not found (stuck)');
  });

  it('the local executor\'s "installing requirements" shows on the node while it runs, and goes once they are ready', () => {
    const bodies: RunEventBody[] = [
      { type: 'run-started', workflow: 'w', executor: 'local', inputs: {} },
      { type: 'node-queued', executionId: 'n', nodeId: 'n', task: 't' },
      { type: 'node-started', executionId: 'n' },
      { type: 'attempt-started', executionId: 'n', attempt: 0, podName: 'p', containers: ['primary'] },
      { type: 'pod-event', executionId: 'n', attempt: 0, reason: 'InstallingRequirements', message: 'requests==2.32.3', warning: false },
    ];
    let s = applyRunEvents(initialRunState('run_1'), events(bodies));
    expect(s.executions.n!.reason).toBe('Installing requirements: requests==2.32.3');
    const ready: RunEventBody[] = [{ type: 'pod-event', executionId: 'n', attempt: 0, reason: 'RequirementsReady', message: 'requests==2.32.3', warning: false }];
    s = applyRunEvents(s, events(ready, 'run_1', bodies.length + 1));
    expect(s.executions.n!.reason).toBeUndefined();
    expect(s.executions.n!.attempts[0]!.reason).toBeUndefined();
  });
});
