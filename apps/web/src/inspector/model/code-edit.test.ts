import { describe, expect, it } from 'vitest';
import type { WorkflowDoc } from '@podflow/core';
import { orphanedBindings, planCodeEdit, renamedFunction } from './code-edit';
import { dynamicCalls } from './dynamic-calls';
import { taskTabOf, workflowTabOf } from './focus';

const doc = (): WorkflowDoc => ({
  apiVersion: 'podflow/v1alpha1',
  kind: 'Workflow',
  metadata: { name: 'wf' },
  spec: {
    tasks: [
      { name: 'produce', type: 'python', code: 'def produce() -> int:\n    return 1\n' },
      { name: 'consume', type: 'python', code: 'def consume(x: int, y: int = 2) -> str:\n    return str(x + y)\n' },
      { name: 'fan', type: 'dynamic', code: 'import math\nfrom os import path as p\n\ndef helper(v):\n    return v\n\ndef fan(val: int) -> str:\n    print(val)\n    helper(1)\n    nope(a=1)\n    consume(val)\n    return consume(x=val)\n' },
    ],
    nodes: [
      { id: 'produce', task: 'produce' },
      { id: 'consume', task: 'consume', inputs: { x: { node: 'produce', output: 'o0' } } },
    ],
  } as never,
});

describe('planCodeEdit', () => {
  it('updates the code', () => {
    const plan = planCodeEdit(doc(), 'consume', 'def consume(x: int) -> str:\n    return str(x)\n');
    expect(plan.taskName).toBe('consume');
    expect(plan.doc.spec.tasks![1]!.code).toContain('return str(x)');
  });

  it('renames the task with its function, and nodes and dynamic calls follow', () => {
    const plan = planCodeEdit(doc(), 'consume', 'def eat(x: int, y: int = 2) -> str:\n    return str(x + y)\n');
    expect(plan.renamed).toEqual({ from: 'consume', to: 'eat' });
    expect(plan.doc.spec.tasks!.map((t) => t.name)).toEqual(['produce', 'eat', 'fan']);
    expect(plan.doc.spec.nodes![1]!.task).toBe('eat');
    // The node was named after the task, so it follows.
    expect(plan.doc.spec.nodes![1]!.id).toBe('eat');
    expect(plan.renamedNodes).toEqual([{ from: 'consume', to: 'eat' }]);
    expect(plan.doc.spec.tasks![2]!.code).toContain('return eat(x=val)');
  });

  it('keeps a node id that was chosen by hand', () => {
    const d = doc();
    d.spec.nodes![1] = { ...d.spec.nodes![1]!, id: 'my_consumer' as never };
    const plan = planCodeEdit(d, 'consume', 'def eat(x: int, y: int = 2) -> str:\n    return str(x + y)\n');
    expect(plan.doc.spec.nodes![1]).toMatchObject({ id: 'my_consumer', task: 'eat' });
    expect(plan.renamedNodes).toEqual([]);
  });

  it('says why a rename is refused, and still keeps the code', () => {
    const plan = planCodeEdit(doc(), 'consume', 'def produce(x: int) -> str:\n    return str(x)\n');
    expect(plan.renamed).toBeUndefined();
    expect(plan.renameRefused).toEqual({ to: 'produce', reason: expect.stringContaining('already exists') });
    expect(plan.doc.spec.tasks![1]!.code).toContain('def produce(x');
    // The next edit of that code (the old code no longer defines consume) still says why.
    const next = planCodeEdit(plan.doc, 'consume', 'def produce(x: int) -> str:\n    return str(x) + "!"\n');
    expect(next.renameRefused).toEqual({ to: 'produce', reason: expect.stringContaining('already exists') });
    expect(next.doc.spec.tasks!.map((t) => t.name)).toEqual(['produce', 'consume', 'fan']);
  });

  it('renames step by step while a name is typed, even through an empty name', () => {
    expect(renamedFunction('def consume(x: int) -> str: ...', 'def (x: int) -> str: ...', 'consume')).toBeUndefined();
    expect(renamedFunction('def (x: int) -> str: ...', 'def c(x: int) -> str: ...', 'consume')).toBe('c');
    expect(renamedFunction('def consume(): ...\ndef a(): ...', 'def b(): ...\ndef c(): ...', 'consume')).toBeUndefined();
    // Helpers beside the task's function are never taken for it.
    expect(renamedFunction('def helper(): ...\ndef consume(): ...', 'def helper(): ...\ndef eat(): ...', 'consume')).toBe('eat');
  });

  it('waits for a whole def line before renaming: a def typed from scratch does not rename the task at each letter', () => {
    for (const partial of ['def j', 'def join_all', 'def join_all(x: int', 'def join_all(x: int) -> str']) {
      expect(renamedFunction('', `${partial}\n    return x\n`, 'consume'), partial).toBeUndefined();
    }
    expect(renamedFunction('def join_all(x: int) -> str\n    return x\n', 'def join_all(x: int) -> str:\n    return x\n', 'consume')).toBe('join_all');
  });

  it('keeps offering a name that the old code already had when the old code had lost the task function', () => {
    expect(renamedFunction('def produce(x): ...', 'def produce(x): ...\n', 'consume')).toBe('produce');
  });
});

describe('orphanedBindings', () => {
  it('finds inputs bound to parameters the code no longer has', () => {
    const edited = planCodeEdit(doc(), 'consume', 'def consume(y: int = 2) -> str:\n    return str(y)\n').doc;
    expect(orphanedBindings(edited, 'consume')).toEqual([{ nodeId: 'consume', input: 'x', binding: { node: 'produce', output: 'o0' } }]);
    expect(orphanedBindings(doc(), 'consume')).toEqual([]);
    const broken = planCodeEdit(doc(), 'consume', 'def consume(y: int = 2 -> str:\n').doc;
    expect(orphanedBindings(broken, 'consume').length).toBeLessThanOrEqual(1);
  });
});

describe('dynamicCalls', () => {
  it('checks that called names are tasks, called with keywords', () => {
    const calls = dynamicCalls(doc(), doc().spec.tasks![2]!);
    expect(calls.map((c) => [c.name, c.status, c.line])).toEqual([
      ['nope', 'unknown', 10],
      ['consume', 'positional', 11],
      ['consume', 'task', 12],
    ]);
    expect(calls[0]!.col).toBe(5);
  });
});

describe('focus', () => {
  it('routes document paths to tabs', () => {
    const d = doc();
    expect(taskTabOf(d, 'spec.tasks[1].code', 'consume')).toBe('code');
    expect(taskTabOf(d, 'spec.tasks[1].pod.spec.containers[0].name', 'consume')).toBe('pod');
    expect(taskTabOf(d, 'spec.tasks[1].resources.requests.cpu', 'consume')).toBe('task');
    expect(taskTabOf(d, 'spec.tasks[0].code', 'consume')).toBeUndefined();
    expect(taskTabOf(d, 'spec.nodes[1].inputs.x', 'consume', 'consume')).toBe('task');
    expect(workflowTabOf('spec.podTemplate.spec.volumes[0].name')).toBe('template');
    expect(workflowTabOf('metadata.name')).toBe('settings');
    expect(workflowTabOf('spec.inputs[0].default')).toBe('settings');
  });
});
