import { describe, expect, it } from 'vitest';
import { nodeId, parseWorkflowOrThrow, removeNodes, tasksOf, type WorkflowDoc } from '@podflow/core';
import { orphanedTasks, removeTasks } from './orphaned-tasks';

const doc: WorkflowDoc = parseWorkflowOrThrow({
  apiVersion: 'podflow/v1alpha1',
  kind: 'Workflow',
  metadata: { name: 'w' },
  spec: {
    tasks: [
      { name: 'a', type: 'python', code: 'def a() -> int:\n    return 1\n' },
      { name: 'b', type: 'python', code: 'def b() -> int:\n    return 2\n' },
      { name: 'helper', type: 'python', code: 'def helper(x: int) -> int:\n    return x\n' },
      { name: 'dyn', type: 'dynamic', code: 'def dyn() -> int:\n    return helper(x=1)\n' },
    ],
    nodes: [
      { id: 'a', task: 'a' },
      { id: 'a2', task: 'a' },
      { id: 'b', task: 'b' },
      { id: 'helper', task: 'helper' },
      { id: 'dyn', task: 'dyn' },
    ],
  },
});

const without = (ids: string[]) => removeNodes(doc, ids.map(nodeId));

describe('orphanedTasks', () => {
  it('names a task once its last node is gone', () => {
    expect(orphanedTasks(doc, without(['b']))).toEqual(['b']);
  });
  it('keeps quiet while another node still invokes the task', () => {
    expect(orphanedTasks(doc, without(['a']))).toEqual([]);
    expect(orphanedTasks(doc, without(['a', 'a2']))).toEqual(['a']);
  });
  it('never offers a task that a dynamic task still calls', () => {
    expect(orphanedTasks(doc, without(['helper']))).toEqual([]);
    // Once the dynamic task's node is gone too, its task is offered; helper is still called by its code.
    expect(orphanedTasks(doc, without(['helper', 'dyn']))).toEqual(['dyn']);
  });
});

describe('removeTasks', () => {
  it('removes what core lets go and leaves the rest', () => {
    const after = removeTasks(without(['b', 'helper']), ['b', 'helper']);
    expect(tasksOf(after).map((t) => t.name)).toEqual(['a', 'helper', 'dyn']);
  });
  it('returns the same document when nothing can go', () => {
    const d = without([]);
    expect(removeTasks(d, ['a'])).toBe(d);
  });
});
