import { describe, expect, it } from 'vitest';
import { seedDoc } from '../__fixtures__/seed-examples';
import type { WorkflowDoc } from '../document/workflow-schema';
import { checkRun } from './check-run';

const withTask = (doc: WorkflowDoc, task: NonNullable<WorkflowDoc['spec']['tasks']>[number]): WorkflowDoc => ({ ...doc, spec: { ...doc.spec, tasks: [...(doc.spec.tasks ?? []), task] } });

describe('checkRun: may this run?', () => {
  it('the seed’s stringify, called only by the dynamic task, is used and clean', () => {
    const { diagnostics, blockers } = checkRun(seedDoc('dynamic-pod-workflow'));
    expect(diagnostics.filter((d) => d.task === 'stringify')).toEqual([]);
    expect(blockers).toEqual([]);
  });

  it('a task that no node and no dynamic task calls is a warning, and its errors do not block a run', () => {
    const doc = withTask(seedDoc('pod-workflow'), { name: 'leftover', type: 'python', code: 'def leftover(x: int) -> int\n    return x\n' });
    const { diagnostics, blockers } = checkRun(doc);
    const mine = diagnostics.filter((d) => d.task === 'leftover');
    expect(mine.find((d) => d.code === 'task-unused')).toMatchObject({ severity: 'warning', path: 'spec.tasks[1].name' });
    expect(mine.some((d) => d.severity === 'error')).toBe(true);
    expect(blockers).toEqual([]);
  });

  it('errors of a used task block the run, and Python’s own syntax report is not repeated', () => {
    const doc = seedDoc('pod-workflow');
    const broken: WorkflowDoc = { ...doc, spec: { ...doc.spec, tasks: doc.spec.tasks!.map((t) => ({ ...t, code: `${t.code}\ndef (:\n` })) } };
    const name = broken.spec.tasks![0]!.name;
    const fromPython = { code: 'python-syntax', severity: 'error' as const, task: name, path: 'spec.tasks[0].code', message: 'Python: invalid syntax' };
    const { diagnostics, blockers } = checkRun(broken, [fromPython]);
    expect(diagnostics.filter((d) => d.code === 'python-syntax')).toHaveLength(1);
    expect(blockers.length).toBeGreaterThan(0);
    expect(blockers.every((d) => d.severity === 'error')).toBe(true);
    // Python's report counts when core's parser found nothing.
    expect(checkRun(doc, [fromPython]).blockers).toEqual([fromPython]);
  });
});
