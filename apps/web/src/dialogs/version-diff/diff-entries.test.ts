import { describe, expect, it } from 'vitest';
import { parseWorkflowOrThrow, type WorkflowDoc } from '@podflow/core';
import { diffWorkflows } from '@podflow/core/diff';
import { diffEntries, fieldWords } from './diff-entries';
import { canvasStatuses, mergedDoc } from './diff-canvas-model';

const doc = (nodes: string[], extra: Partial<WorkflowDoc['spec']> = {}): WorkflowDoc =>
  parseWorkflowOrThrow(
    JSON.stringify({
      apiVersion: 'podflow/v1alpha1',
      kind: 'Workflow',
      metadata: { name: 'w' },
      spec: {
        tasks: [
          {
            name: 't',
            type: 'python',
            code: 'def t(x: int) -> int:\n    return x\n',
          },
        ],
        nodes: nodes.map((id) => ({ id, task: 't' })),
        layout: Object.fromEntries(nodes.map((id, i) => [id, { x: i * 100, y: 0 }])),
        ...extra,
      },
    }),
  );

describe('diff entries and the merged canvas', () => {
  it('lists added, removed and moved nodes in words, and the merged document keeps the removed node where it was', () => {
    const a = doc(['keep', 'gone']);
    const b = {
      ...doc(['keep', 'new']),
      spec: {
        ...doc(['keep', 'new']).spec,
        layout: { keep: { x: 5, y: 7 }, new: { x: 100, y: 0 } },
      },
    };
    const d = diffWorkflows(a, b);
    expect(diffEntries(d).map((e) => [e.status, e.what, e.title, e.detail])).toEqual([
      ['moved', 'Node', 'keep', 'moved (0, 0) → (5, 7)'],
      ['added', 'Node', 'new', 'task t'],
      ['removed', 'Node', 'gone', 'task t'],
    ]);
    const merged = mergedDoc(a, b);
    expect(merged.spec.nodes!.map((n) => n.id)).toEqual(['keep', 'new', 'gone']);
    expect(merged.spec.layout!.gone).toEqual({ x: 100, y: 0 });
    expect(merged.spec.layout!.keep).toEqual({ x: 5, y: 7 });
    expect([...canvasStatuses(d)]).toEqual([
      ['keep', 'moved'],
      ['new', 'added'],
      ['gone', 'removed'],
    ]);
  });

  it('a changed task with no node of its own is listed as a task; one told through its nodes is not repeated', () => {
    const a = doc(['n'], {
      tasks: [
        { name: 't', type: 'python', code: 'x' },
        { name: 'callee', type: 'python', code: 'y' },
      ],
    });
    const b = doc(['n'], {
      tasks: [
        { name: 't', type: 'python', code: 'x2' },
        { name: 'callee', type: 'python', code: 'y2' },
      ],
    });
    const entries = diffEntries(diffWorkflows(a, b));
    expect(entries.map((e) => [e.what, e.title, e.detail])).toEqual([
      ['Node', 'n', 'code'],
      ['Task', 'callee', 'code'],
    ]);
    expect(entries[1]!.target).toEqual({ kind: 'task', name: 'callee' });
  });

  it('names fields in words', () => {
    expect(fieldWords('pod.spec.containers')).toBe('containers');
    expect(fieldWords('inputs.int_val')).toBe('input int_val');
    expect(fieldWords('pod.spec.hostNetwork')).toBe('pod hostNetwork');
  });
});
