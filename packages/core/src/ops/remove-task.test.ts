import { describe, expect, it } from 'vitest';
import { expectOk, expectRefused } from '../__fixtures__/expect-ok';
import { diamond, mapAndDynamic } from '../__fixtures__/small-docs';
import { removeNodes } from './remove-nodes';
import { removeTask } from './remove-task';
import { nodeId } from '../document/ids';

describe('removeTask', () => {
  it('refuses while a node invokes the task, naming the nodes', () => {
    expect(expectRefused(removeTask(diamond, 'step'))).toBe('task "step" is still invoked by nodes "b", "c", "d"; remove or change those first');
  });

  it('refuses while a dynamic task calls it', () => {
    expect(expectRefused(removeTask(mapAndDynamic, 'stringify'))).toMatch(/called by dynamic task "dynamic_pod_task"/);
  });

  it('removes an unused task', () => {
    const doc = expectOk(removeTask(removeNodes(diamond, [nodeId('b'), nodeId('c'), nodeId('d')]), 'step'));
    expect(doc.spec.tasks!.map((t) => t.name)).toEqual(['source']);
  });

  it('refuses a missing task', () => {
    expect(expectRefused(removeTask(diamond, 'nope'))).toMatch(/no task/);
  });
});
