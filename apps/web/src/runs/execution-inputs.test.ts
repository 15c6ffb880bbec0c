import { describe, expect, it } from 'vitest';
import { parseWorkflowOrThrow, type WorkflowDoc } from '@podflow/core';
import { numberedEvents, runEvent, type WireEventBody } from '../../../../packages/core/src/run/__fixtures__/wire-events';
import { applyRunEvents, initialRunState } from './run-state';
import { executionInputs } from './execution-inputs';

const doc: WorkflowDoc = parseWorkflowOrThrow({
  apiVersion: 'podflow/v1alpha1',
  kind: 'Workflow',
  metadata: { name: 'w' },
  spec: {
    inputs: [{ name: 'xs', type: 'list[int]' }],
    tasks: [
      { name: 'm', type: 'python', code: 'def m(x: int, k: str) -> str:\n    return k + str(x)\n' },
      { name: 'join', type: 'python', code: 'def join(parts: list[str]) -> str:\n    return ",".join(parts)\n' },
      { name: 'dyn', type: 'dynamic', code: 'def dyn(s: str) -> str:\n    return join(parts=[s, s])\n' },
    ],
    nodes: [
      { id: 'm', task: 'm', map: {}, inputs: { x: { input: 'xs' }, k: { value: '#' } } },
      { id: 'join', task: 'join', inputs: { parts: { node: 'm', output: 'o0' } } },
      { id: 'dyn', task: 'dyn', inputs: { s: { node: 'join', output: 'o0' } } },
    ],
  },
});

const events = (bodies: WireEventBody[]) => numberedEvents(bodies, 'r');

describe('executionInputs', () => {
  const run = applyRunEvents(
    initialRunState('r'),
    events([
      { type: 'run-started', workflow: 'w', executor: 'local', inputs: { xs: [1, 2] } },
      { type: 'node-queued', executionId: 'm', nodeId: 'm', task: 'm' },
      { type: 'node-queued', executionId: 'join', nodeId: 'join', task: 'join' },
      { type: 'node-queued', executionId: 'dyn', nodeId: 'dyn', task: 'dyn' },
      { type: 'node-succeeded', executionId: 'm', outputs: { o0: ['#1', '#2'] } },
      { type: 'node-succeeded', executionId: 'join', outputs: { o0: '#1,#2' } },
      {
        type: 'dynamic-expanded',
        executionId: 'dyn',
        spec: {
          nodes: [
            { id: 'a', task: 'join', inputs: { parts: { list: [{ value: 'x' }, { value: 'y' }] } } },
            { id: 'b', task: 'join', inputs: { parts: { list: [{ node: 'a', output: 'o0' }, { value: 'z' }] } } },
          ],
          outputs: { o0: { node: 'b', output: 'o0' } },
        },
      },
    ]),
  );

  it('takes workflow inputs, constants and upstream outputs', () => {
    expect(executionInputs(doc, run, 'm')).toEqual({ values: { x: [1, 2], k: '#' }, pending: [] });
    expect(executionInputs(doc, run, 'join')).toEqual({ values: { parts: ['#1', '#2'] }, pending: [] });
  });

  it('gives a map item its own item of the mapped inputs', () => {
    expect(executionInputs(doc, run, 'm[1]')).toEqual({ values: { x: 2, k: '#' }, pending: [] });
  });

  it('resolves a dynamic call’s bindings, and says which are not known yet', () => {
    expect(executionInputs(doc, run, 'dyn/a')).toEqual({ values: { parts: ['x', 'y'] }, pending: [] });
    expect(executionInputs(doc, run, 'dyn/b')).toEqual({ values: {}, pending: ['parts'] });
    const later = applyRunEvents(run, [runEvent({ type: 'node-succeeded', executionId: 'dyn/a', outputs: { o0: 'x,y' }, runId: 'r', seq: run.lastSeq + 1, ts: 0 })]);
    expect(executionInputs(doc, later, 'dyn/b')).toEqual({ values: { parts: ['x,y', 'z'] }, pending: [] });
  });

  it('knows nothing of executions that are not in the document', () => {
    expect(executionInputs(doc, run, 'nope')).toBeUndefined();
    expect(executionInputs(doc, run, 'dyn/zzz')).toBeUndefined();
  });
});
