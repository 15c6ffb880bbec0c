import { describe, expect, it } from 'vitest';
import { parseWorkflowOrThrow } from '../document/parse-workflow';
import { validateWorkflow } from '../validate/validate-workflow';
import { seedDoc } from '../__fixtures__/seed-examples';
import { nodeInputPorts, resolveNodeInputs, singleNodeDoc, type EarlierRun } from './single-node-run';

const doc = parseWorkflowOrThrow({
  apiVersion: 'podflow/v1alpha1',
  kind: 'Workflow',
  metadata: { name: 'chain' },
  spec: {
    inputs: [
      { name: 'n', type: 'int', default: 4 },
      { name: 'label', type: 'str' },
    ],
    outputs: [{ name: 'o0', type: 'str', from: { node: 'describe', output: 'o0' } }],
    tasks: [
      { name: 'square', type: 'python', code: 'def square(x: int) -> int:\n    return x * x\n' },
      { name: 'describe', type: 'python', code: 'def describe(value: int, label: str, sep: str = ": ") -> str:\n    return label + sep + str(value)\n' },
    ],
    nodes: [
      { id: 'square', task: 'square', inputs: { x: { input: 'n' } } },
      { id: 'describe', task: 'describe', inputs: { value: { node: 'square', output: 'o0' }, label: { input: 'label' } } },
    ],
    layout: { 'input:n': { x: 0, y: 0 }, square: { x: 300, y: 0 }, describe: { x: 600, y: 0 } },
  },
});

const earlier: EarlierRun = { inputs: { n: 3, label: 'three squared' }, outputsOf: (id) => (id === 'square' ? { o0: 9 } : undefined) };

describe('nodeInputPorts', () => {
  it('lists the node’s inputs with the types it takes (a mapped input is a list)', () => {
    expect(nodeInputPorts(doc, 'describe')?.map((p) => [p.name, p.typeText, p.optional])).toEqual([
      ['value', 'int', false],
      ['label', 'str', false],
      ['sep', 'str', true],
    ]);
    expect(nodeInputPorts(seedDoc('map-pod-workflow'), 'map_pod_task')?.map((p) => p.typeText)).toEqual(['list[int]']);
    expect(nodeInputPorts(doc, 'nope')).toBeUndefined();
  });
});

describe('resolveNodeInputs', () => {
  it('takes typed values first, then the binding: workflow input default, earlier run', () => {
    expect(resolveNodeInputs(doc, 'square')).toEqual({ ok: true, inputs: { x: 4 } });
    expect(resolveNodeInputs(doc, 'square', { workflowInputs: { n: 7 } })).toEqual({ ok: true, inputs: { x: 7 } });
    expect(resolveNodeInputs(doc, 'describe', { from: earlier })).toEqual({ ok: true, inputs: { value: 9, label: 'three squared' } });
    expect(resolveNodeInputs(doc, 'describe', { from: earlier, given: { value: 100, sep: ' = ' } })).toEqual({
      ok: true,
      inputs: { value: 100, label: 'three squared', sep: ' = ' },
    });
  });

  it('names each input that has no value, and says where one could come from', () => {
    const r = resolveNodeInputs(doc, 'describe');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => p.field)).toEqual(['only.inputs.value', 'only.inputs.label']);
    // What was found is still given (a form prefills it).
    expect(resolveNodeInputs(doc, 'describe', { given: { label: 'l' } })).toMatchObject({ ok: false, inputs: { label: 'l' } });
    expect(r.problems[0]!.message).toContain('takes output o0 of node square; type the value in, or take it from an earlier run');
    expect(r.problems[1]!.message).toContain('the workflow input "label" has no value or default');
    const failedUpstream = resolveNodeInputs(doc, 'describe', { from: { ...earlier, outputsOf: () => undefined }, fromLabel: 'run run_ab12' });
    expect(failedUpstream.ok === false && failedUpstream.problems[0]!.message).toContain('run run_ab12 has no output o0 of node square');
  });

  it('refuses unknown names, ill-typed values and unknown nodes', () => {
    const r = resolveNodeInputs(doc, 'square', { given: { y: 1, x: 'four' } });
    expect(r.ok === false && r.problems.map((p) => [p.field, p.message])).toEqual([
      ['only.inputs.y', 'node square has no input "y"; its inputs are x'],
      ['only.inputs.x', 'input x: expected int, got string "four"'],
    ]);
    expect(resolveNodeInputs(doc, 'ghost')).toEqual({ ok: false, problems: [{ field: 'only.node', message: 'the workflow has no node "ghost"' }], inputs: {} });
  });
});

describe('singleNodeDoc', () => {
  it('holds the node alone with constant inputs and its outputs as the workflow’s, and validates clean', () => {
    const single = singleNodeDoc(doc, 'describe', { value: 9, label: 'x' });
    expect(single.spec.nodes).toEqual([{ id: 'describe', task: 'describe', inputs: { value: { value: 9 }, label: { value: 'x' } } }]);
    expect(single.spec.inputs).toBeUndefined();
    expect(single.spec.outputs).toEqual([{ name: 'o0', type: 'str', from: { node: 'describe', output: 'o0' } }]);
    expect(single.spec.layout).toEqual({ describe: { x: 600, y: 0 } });
    expect(validateWorkflow(single).filter((d) => d.severity === 'error')).toEqual([]);
    // The original is untouched.
    expect(doc.spec.nodes).toHaveLength(2);
  });

  it('keeps a map node a map node, and every task (a dynamic node calls others)', () => {
    const single = singleNodeDoc(seedDoc('map-pod-workflow'), 'map_pod_task', { int_val: [1, 2] });
    expect(single.spec.nodes?.[0]?.map).toBeDefined();
    expect(single.spec.outputs?.[0]?.type).toBe('list[str]');
    expect(validateWorkflow(single).filter((d) => d.severity === 'error')).toEqual([]);
    const dynamic = seedDoc('dynamic-pod-workflow');
    const one = singleNodeDoc(dynamic, 'dynamic_pod_task', { val: 2 });
    expect(one.spec.tasks).toEqual(dynamic.spec.tasks);
    expect(validateWorkflow(one).filter((d) => d.severity === 'error')).toEqual([]);
  });
});
