import { describe, expect, it } from 'vitest';
import { expectOk, expectRefused } from '../__fixtures__/expect-ok';
import { diamond, empty } from '../__fixtures__/small-docs';
import { addTask } from './add-task';

const task = { name: 'square', type: 'python' as const, code: 'def square(x: int) -> int:\n    return x * x\n' };

describe('addTask', () => {
  it('appends a task, creating the list when absent, and shares the rest', () => {
    const doc = expectOk(addTask(diamond, task));
    expect(doc.spec.tasks?.map((t) => t.name)).toEqual(['source', 'step', 'square']);
    expect(doc.spec.nodes).toBe(diamond.spec.nodes);
    expect(expectOk(addTask(empty, task)).spec).toEqual({ tasks: [task] });
  });

  it('refuses a taken name, a non-identifier and a malformed task', () => {
    expect(expectRefused(addTask(diamond, { ...task, name: 'step' }))).toMatch(/already exists/);
    expect(expectRefused(addTask(diamond, { ...task, name: 'my-task' }))).toMatch(/Python identifier/);
    expect(expectRefused(addTask(diamond, { ...task, retries: -1 }))).toMatch(/retries/);
  });
});
