import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { ARGO_PARAMETER_MAX_BYTES } from '../../compile/runtime-contract';
import { seedDoc } from '../../__fixtures__/seed-examples';
import { syntheticWorkflow } from '../../__fixtures__/synthetic';
import { richDoc, richVariant } from './__fixtures__/argo-docs';
import type { ArgoTemplate } from './argo-types';
import { toArgoWorkflow, type ArgoExport } from './to-argo-workflow';
import { toArgoYaml } from './to-argo-yaml';

const ok = (e: ArgoExport) => {
  if (!e.ok) throw new Error(`refused: ${JSON.stringify(e.diagnostics)}`);
  return e;
};
const template = (e: ArgoExport, name: string): ArgoTemplate => {
  const t = ok(e).workflow.spec.templates.find((x) => x.name === name);
  if (!t) throw new Error(`no template ${name}: ${ok(e).workflow.spec.templates.map((x) => x.name).join(', ')}`);
  return t;
};

describe('toArgoWorkflow', () => {
  it('writes the code ConfigMaps, then one Workflow whose DAG has a task per node', () => {
    const e = ok(toArgoWorkflow(richDoc()));
    expect(e.configMaps.map((c) => c.metadata?.name?.replace(/-[0-9a-f]{12}$/, ''))).toEqual(['podflow-runtime', 'podflow-task-double', 'podflow-task-shout', 'podflow-task-sum-up']);
    expect(e.workflow.kind).toBe('Workflow');
    expect(e.workflow.metadata).toMatchObject({ name: 'argo-rich', namespace: 'pipelines' });
    const main = template(e, 'main');
    expect(main.dag!.tasks.map((t) => [t.name, t.template, t.dependencies ?? []])).toEqual([
      ['double', 'double-map', []],
      ['shout', 'shout-map', []],
      ['shout-once', 'shout-once-pod', []],
      ['sum-up', 'sum-up-pod', ['double', 'shout']],
    ]);
    expect(main.dag!.failFast).toBe(false); // failurePolicy: continue
    expect(main.outputs!.parameters).toEqual([
      { name: 'total', valueFrom: { parameter: '{{tasks.sum-up.outputs.parameters.o0}}' } },
      { name: 'words', valueFrom: { parameter: '{{tasks.shout.outputs.parameters.o0}}' } },
    ]);
    const yaml = toArgoYaml(e);
    const docs = yaml.split(/^---\n/m).filter(Boolean).map((d) => parseYaml(d) as { kind: string });
    expect(docs.map((d) => d.kind)).toEqual(['ConfigMap', 'ConfigMap', 'ConfigMap', 'ConfigMap', 'Workflow']);
    const workflowYaml = yaml.slice(yaml.lastIndexOf('---\n'));
    expect(workflowYaml).toMatch(/^---\nkind: Workflow|^---\napiVersion: argoproj.io\/v1alpha1/);
    expect(workflowYaml).not.toMatch(/PODFLOW_INPUTS\b|podflow\/run|\*a\d|&a\d/); // no preview inputs, no run label, no YAML aliases
  });

  it('workflow inputs become spec.arguments with their defaults as JSON; --input values replace them', () => {
    expect(ok(toArgoWorkflow(richDoc())).workflow.spec.arguments!.parameters).toEqual([
      { name: 'numbers', value: '[1,2,3]' },
      { name: 'greeting' },
      { name: 'scale', value: '2' },
    ]);
    const e = ok(toArgoWorkflow(richDoc(), { inputs: { greeting: 'hi', numbers: [5] } }));
    expect(e.workflow.spec.arguments!.parameters).toEqual([
      { name: 'numbers', value: '[5]' },
      { name: 'greeting', value: '"hi"' },
      { name: 'scale', value: '2' },
    ]);
    const bad = toArgoWorkflow(richDoc(), { inputs: { nope: 1 } });
    expect(bad.ok).toBe(false);
    expect(bad.diagnostics.map((d) => d.message)).toContain('--input nope: the workflow has no input named nope (it has: numbers, greeting, scale)');
  });

  it('a map node: withParam over the list, parallelism = concurrency, per-item retries, and a gather step', () => {
    const e = toArgoWorkflow(richDoc());
    const wrapper = template(e, 'double-map');
    expect(wrapper.parallelism).toBe(2);
    expect(wrapper.dag!.tasks[0]).toEqual({
      name: 'item',
      template: 'double-item',
      withParam: '{{inputs.parameters.n}}',
      arguments: { parameters: [{ name: 'n', value: '{{item}}' }, { name: 'scale', value: '{{inputs.parameters.scale}}' }] },
    });
    expect(wrapper.dag!.tasks[1]).toMatchObject({ name: 'gather', template: 'double-gather', dependencies: ['item'] });
    expect(wrapper.outputs!.parameters).toEqual([{ name: 'o0', valueFrom: { parameter: '{{tasks.gather.outputs.parameters.o0}}' } }]);
    expect(template(e, 'double-item').retryStrategy).toEqual({ limit: 3, retryPolicy: 'Always' });
    const gather = template(e, 'double-gather');
    expect(gather.container!.args).toEqual(['--argo-gather']);
    expect(gather.container!.env).toContainEqual({ name: 'PODFLOW_GATHER_MIN_RATIO', value: '1' });
    expect(gather.volumes![0]!.projected!.sources!.map((s) => s.configMap!.name)).toEqual([ok(e).configMaps[0]!.metadata!.name]);
  });

  it('minSuccessRatio < 1: failed items continue, the gather step checks the ratio, and a warning says how the lists differ', () => {
    const e = ok(toArgoWorkflow(richDoc()));
    expect(template(e, 'shout-map').dag!.tasks[0]!.continueOn).toEqual({ failed: true });
    expect(template(e, 'shout-map').parallelism).toBeUndefined();
    expect(template(e, 'shout-gather').container!.env).toContainEqual({ name: 'PODFLOW_GATHER_MIN_RATIO', value: '0.5' });
    expect(e.diagnostics).toContainEqual(expect.objectContaining({ code: 'argo-map-failed-items-last', severity: 'warning', nodeId: 'shout', path: 'spec.nodes[1].map.minSuccessRatio' }));
  });

  it('retries → retryStrategy, timeoutSeconds → activeDeadlineSeconds (rounded up), cache → memoize keyed on the inputs', () => {
    const e = toArgoWorkflow(richVariant('map: { concurrency: 2, retries: 3 }', 'map: { concurrency: 2 }'));
    const item = template(e, 'double-item');
    expect(item.retryStrategy).toEqual({ limit: 2, retryPolicy: 'Always' });
    expect(item.activeDeadlineSeconds).toBe(91);
    expect(item.memoize!.key).toMatch(/^[0-9a-f]{16}-\{\{inputs\.parameters\.n\}\}-\{\{inputs\.parameters\.scale\}\}$/);
    expect(item.memoize!.cache.configMap.name).toMatch(/^podflow-memo-[0-9a-f]{8}$/);
    expect(item.container!.env).toContainEqual({ name: 'PODFLOW_ATTEMPT', value: '{{retries}}' });
    expect(template(e, 'sum-up-pod').retryStrategy).toBeUndefined();
    expect(template(e, 'sum-up-pod').container!.env).toContainEqual({ name: 'PODFLOW_ATTEMPT', value: '0' });
  });

  it('a cache Argo cannot key (a str input) exports uncached, with a warning naming the task', () => {
    expect(ok(toArgoWorkflow(richDoc())).diagnostics.some((d) => d.code === 'argo-cache-not-memoized')).toBe(false);
    const cached = richVariant('      env: { LEVEL: debug }\n    - name: shout\n      type: python\n', '      env: { LEVEL: debug }\n    - name: shout\n      type: python\n      cache: { enabled: true }\n');
    const c = ok(toArgoWorkflow(cached));
    expect(c.diagnostics).toContainEqual(expect.objectContaining({ code: 'argo-cache-not-memoized', severity: 'warning', task: 'shout', nodeId: 'shout' }));
    expect(template(c, 'shout-item').memoize).toBeUndefined();
  });

  it('refuses a dynamic task, naming the node', () => {
    const e = toArgoWorkflow(seedDoc('dynamic-pod-workflow'));
    expect(e.ok).toBe(false);
    expect(e.diagnostics).toEqual([expect.objectContaining({ code: 'argo-dynamic-task', severity: 'error', nodeId: 'dynamic_pod_task', path: 'spec.nodes[0].task' })]);
    expect(e.diagnostics[0]!.message).toContain('builds its sub-DAG at run time');
  });

  it('refuses a value over Argo\'s parameter size, naming the node and field or the input', () => {
    const big = 'x'.repeat(ARGO_PARAMETER_MAX_BYTES);
    const e = toArgoWorkflow(richDoc(), { inputs: { greeting: big } });
    expect(e.ok).toBe(false);
    expect(e.diagnostics).toContainEqual(expect.objectContaining({ code: 'argo-parameter-too-large', path: 'spec.inputs[1]' }));
    const constant = toArgoWorkflow(richVariant('word: { value: ["a", "b c", "1"] }', `word: { value: ["${big}"] }`));
    expect(constant.diagnostics).toContainEqual(expect.objectContaining({ code: 'argo-parameter-too-large', nodeId: 'shout', path: 'spec.nodes[1].inputs.word' }));
    // Just under the limit is fine.
    expect(toArgoWorkflow(richDoc(), { inputs: { greeting: 'x'.repeat(ARGO_PARAMETER_MAX_BYTES - 2) } }).ok).toBe(true);
  });

  it('refuses an invalid workflow with the validator\'s own diagnostics', () => {
    const e = toArgoWorkflow(richVariant('values: { node: double, output: o0 }', 'values: { node: nowhere, output: o0 }'));
    expect(e.ok).toBe(false);
    expect(e.diagnostics.some((d) => d.severity === 'error' && d.nodeId === 'sum_up')).toBe(true);
  });

  it('--generate-name and --template', () => {
    expect(ok(toArgoWorkflow(richDoc(), { generateName: true })).workflow.metadata).toMatchObject({ generateName: 'argo-rich-' });
    expect(ok(toArgoWorkflow(richDoc(), { generateName: true })).workflow.metadata.name).toBeUndefined();
    const t = ok(toArgoWorkflow(richDoc(), { template: true })).workflow;
    expect(t.kind).toBe('WorkflowTemplate');
    expect(t.metadata.name).toBe('argo-rich');
  });

  it('names: node ids become Argo names without colliding (a_b and a-b, a node called main)', () => {
    const doc = syntheticWorkflow('chain', 3);
    const ids = ['a_b', 'a-b', 'main'];
    const renamed = { ...doc, spec: { ...doc.spec, nodes: doc.spec.nodes!.map((n, i) => ({ ...n, id: ids[i]!, ...(n.inputs?.a && 'node' in n.inputs.a ? { inputs: { a: { node: ids[i - 1]!, output: 'o0' } } } : {}) })), outputs: [{ name: 'result', type: 'int', from: { node: 'main', output: 'o0' } }], layout: {} } };
    const e = ok(toArgoWorkflow(renamed as typeof doc));
    const names = e.workflow.spec.templates.map((t) => t.name);
    expect(new Set(names).size).toBe(names.length);
    expect(template(e, 'main').dag!.tasks.map((t) => t.name)).toEqual(['a-b', expect.stringMatching(/^a-b-[0-9a-f]{6}$/), expect.stringMatching(/^main-[0-9a-f]{6}$/)]);
  });

  it('exports the 1,000-node lattice', () => {
    const e = ok(toArgoWorkflow(syntheticWorkflow('lattice', 1000)));
    expect(template(e, 'main').dag!.tasks).toHaveLength(1000);
    expect(e.configMaps).toHaveLength(3);
  });
});
