import { describe, expect, it } from 'vitest';
import { parseWorkflowOrThrow, taskSignature } from '@podflow/core';
import { addNewTask, addNewWorkflowInput, addTaskNode, freshOutputName, starterCode } from './palette-actions';

const blank = () =>
  parseWorkflowOrThrow({ apiVersion: 'podflow/v1alpha1', kind: 'Workflow', metadata: { name: 'w' }, spec: {} });

describe('palette actions', () => {
  it('adds a python task with starter code and a node where it was dropped', () => {
    const r = addNewTask(blank(), 'python', { x: 100, y: 50 });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.id).toBe('task_1');
    expect(r.doc.spec.tasks?.[0]).toMatchObject({ name: 'task_1', type: 'python' });
    expect(r.doc.spec.nodes?.[0]).toMatchObject({ id: 'task_1', task: 'task_1' });
    expect(r.doc.spec.layout?.task_1).toEqual({ x: 100, y: 50 });
    const sig = taskSignature(r.doc, 'task_1');
    expect(sig?.inputs.map((i) => i.name)).toEqual(['x']);
    expect(sig?.outputs.map((o) => o.name)).toEqual(['o0']);
  });

  it('numbers new tasks on', () => {
    const a = addNewTask(blank(), 'python', { x: 0, y: 0 });
    if (!a.ok) throw new Error(a.reason);
    const b = addNewTask(a.doc, 'python', { x: 0, y: 0 });
    expect(b.ok && b.id).toBe('task_2');
  });

  it('gives dynamic tasks parseable starter code', () => {
    const r = addNewTask(blank(), 'dynamic', { x: 0, y: 0 });
    if (!r.ok) throw new Error(r.reason);
    expect(r.doc.spec.tasks?.[0]?.type).toBe('dynamic');
    expect(taskSignature(r.doc, r.id)?.outputs[0]?.typeText).toMatch(/list\[int\]/i);
    expect(starterCode('dynamic', 'd')).toContain('def d(');
  });

  it('maps over an existing task, and refuses a dynamic one', () => {
    const a = addNewTask(blank(), 'python', { x: 0, y: 0 });
    if (!a.ok) throw new Error(a.reason);
    const m = addTaskNode(a.doc, 'task_1', { x: 0, y: 200 }, { map: true });
    expect(m.ok && m.id).toBe('task_1_2');
    if (m.ok) expect(m.doc.spec.nodes?.[1]?.map).toEqual({});
    const d = addNewTask(a.doc, 'dynamic', { x: 0, y: 0 });
    if (!d.ok) throw new Error(d.reason);
    expect(addTaskNode(d.doc, 'dynamic_1', { x: 0, y: 0 }, { map: true }).ok).toBe(false);
  });

  it('adds workflow inputs and names outputs', () => {
    const r = addNewWorkflowInput(blank(), { x: 0, y: 0 });
    expect(r.ok && r.id).toBe('input:input_1');
    expect(freshOutputName(blank(), [])).toBe('o0');
    expect(freshOutputName(blank(), ['o0'])).toBe('o1');
  });
});
