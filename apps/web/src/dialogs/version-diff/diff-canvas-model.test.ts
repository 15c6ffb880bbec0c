import { describe, expect, it } from 'vitest';
import { parseWorkflowOrThrow, type WorkflowDoc } from '@podflow/core';
import { diffEntries, diffWorkflows, fieldWords } from '@podflow/core/diff';
import { canvasStatuses, mergedDoc, REMOVED_OFFSET_Y } from './diff-canvas-model';

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
  it('lists added, removed and moved nodes in words, and the merged document holds both sides', () => {
    const a = doc(['keep', 'gone']);
    const b = {
      ...doc(['keep', 'new']),
      spec: {
        ...doc(['keep', 'new']).spec,
        // 'new' is put near where 'gone' was (not on its spot: that would be 'gone' renamed).
        layout: { keep: { x: 5, y: 7 }, new: { x: 100, y: 50 } },
      },
    };
    const d = diffWorkflows(a, b);
    expect(diffEntries(d).map((e) => [e.status, e.what, e.title, e.detail])).toEqual([
      ['moved', 'Node', 'keep', 'moved (0, 0) → (5, 7)'],
      ['added', 'Node', 'new', 'task t'],
      ['removed', 'Node', 'gone', 'task t'],
    ]);
    const merged = mergedDoc(a, b, d);
    expect(merged.spec.nodes!.map((n) => n.id)).toEqual(['keep', 'new', 'gone']);
    expect(merged.spec.layout!.gone).toEqual({ x: 100, y: REMOVED_OFFSET_Y }); // 'new' took its spot
    expect(merged.spec.layout!.keep).toEqual({ x: 5, y: 7 });
    expect([...canvasStatuses(d)]).toEqual([
      ['keep', 'moved'],
      ['new', 'added'],
      ['gone', 'removed'],
    ]);
  });

  it('a renamed node is drawn once, under its new id, labelled with the old one', () => {
    const a = doc(['old']);
    const b = { ...doc(['new']), spec: { ...doc(['new']).spec, layout: { new: { x: 0, y: 0 } } } };
    const d = diffWorkflows(a, b);
    expect(diffEntries(d).map((e) => [e.status, e.what, e.title, e.detail])).toEqual([['renamed', 'Node', 'new', 'from old']]);
    const merged = mergedDoc(a, b, d);
    expect(merged.spec.nodes!.map((n) => n.id)).toEqual(['new']);
    expect(merged.spec.layout).toEqual({ new: { x: 0, y: 0 } });
    expect([...canvasStatuses(d)]).toEqual([['new', 'renamed']]);
  });

  it('a removed node whose spot another node took is drawn below it, not on top of it', () => {
    const a = doc(['old']);
    const u = { name: 'u', type: 'python', code: 'def u(y: str) -> str:\n    return y\n' } as const;
    const other = doc([], { tasks: [u], nodes: [{ id: 'new' as never, task: 'u' }], layout: { new: { x: 0, y: 0 } } });
    const d = diffWorkflows(a, other);
    expect(d.nodes.map((n) => [n.id, n.status])).toEqual([
      ['new', 'added'],
      ['old', 'removed'],
    ]);
    const merged = mergedDoc(a, other, d);
    expect(merged.spec.layout).toEqual({ new: { x: 0, y: 0 }, old: { x: 0, y: REMOVED_OFFSET_Y } });
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
