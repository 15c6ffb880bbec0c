import { describe, expect, it } from 'vitest';
import { SEED_EXAMPLES, seedDoc, seedText } from '../__fixtures__/seed-examples';
import { parseWorkflowOrThrow } from '../document/parse-workflow';
import type { Diagnostic } from './diagnostic';
import { validateWorkflow } from './validate-workflow';

const errorsOf = (yaml: string): Diagnostic[] => validateWorkflow(parseWorkflowOrThrow(yaml)).filter((d) => d.severity === 'error');
const mapText = () => seedText('map-pod-workflow');
const sidecarText = () => seedText('multiple-containers-pod-workflow');

describe('validateWorkflow', () => {
  it('finds no errors in the seed examples', () => {
    for (const name of SEED_EXAMPLES) expect(validateWorkflow(seedDoc(name)).filter((d) => d.severity === 'error'), name).toEqual([]);
  });

  it('reports a cycle naming its nodes', () => {
    const text = mapText().replace('int_val: { input: list_of_ints }', 'int_val: { node: coalesce, output: o0 }');
    const cycle = errorsOf(text).find((d) => d.code === 'cycle');
    expect(cycle?.message).toContain('map_pod_task');
    expect(cycle?.message).toContain('coalesce');
  });

  it('reports an unknown task on the node that invokes it', () => {
    const d = errorsOf(mapText().replace('task: coalesce', 'task: coalesec')).find((x) => x.code === 'unknown-task');
    expect(d).toMatchObject({ code: 'unknown-task', nodeId: 'coalesce', path: 'spec.nodes[1].task' });
  });

  it('reports a type mismatch on an edge, with both types', () => {
    // coalesce takes list[str]; feeding it the workflow's list[int] is a mismatch.
    const text = mapText().replace('list_of_strings: { node: map_pod_task, output: o0 }', 'list_of_strings: { input: list_of_ints }');
    const d = errorsOf(text).find((x) => x.code === 'edge-type-mismatch');
    expect(d).toMatchObject({ nodeId: 'coalesce', path: 'spec.nodes[1].inputs.list_of_strings' });
    expect(d?.message).toContain('list[int]');
    expect(d?.message).toContain('list[str]');
  });

  it('accepts a map node: list[int] mapped to int, and its list[str] output into list[str]', () => {
    expect(errorsOf(mapText())).toEqual([]);
  });

  it('reports an invalid container name and an invalid volume name where they are', () => {
    const text = sidecarText().replace('name: secondary', 'name: Secondary_1').replace(/- name: shared-data\n(\s+)emptyDir/, '- name: shared_data\n$1emptyDir');
    const codes = errorsOf(text).map((d) => `${d.code} ${d.path}`);
    expect(codes).toContain('container-name spec.tasks[0].pod.spec.containers[1].name');
    expect(codes).toContain('volume-name spec.tasks[0].pod.spec.volumes[0].name');
  });

  it('reports a mount of a missing volume, naming the volume and the container', () => {
    const text = sidecarText().replace(/\n\s+volumes:\n\s+- name: shared-data\n\s+emptyDir:\n\s+medium: Memory/, '');
    const d = errorsOf(text).filter((x) => x.code === 'mount-missing-volume');
    expect(d).toHaveLength(2);
    expect(d[0]!.message).toContain('"shared-data"');
    expect(d[0]!.path).toBe('spec.tasks[0].pod.spec.containers[0].volumeMounts[0].name');
  });

  it('reports a Python syntax error with its line in the task code', () => {
    const text = mapText().replace('return str(int_val)', 'return str(int_val');
    const d = errorsOf(text).find((x) => x.code === 'python-syntax');
    expect(d).toMatchObject({ task: 'map_pod_task', path: 'spec.tasks[0].code' });
    expect(d?.line).toBeGreaterThanOrEqual(2);
  });

  it('reports pod spec schema errors such as an enum typo, with the field path', () => {
    const text = sidecarText().replace('image: alpine', 'image: alpine\n              imagePullPolicy: Sometimes');
    const d = errorsOf(text).find((x) => x.code === 'pod-schema');
    expect(d?.path).toBe('spec.tasks[0].pod.spec.containers[1].imagePullPolicy');
    expect(d?.message).toContain('"IfNotPresent"');
  });

  it('reports reserved names and a missing required input', () => {
    const text = mapText().replace('      inputs:\n        int_val: { input: list_of_ints }\n', '').replace('type: python\n      code: |\n        def map_pod_task', 'type: python\n      env: { PODFLOW_X: "1" }\n      code: |\n        def map_pod_task');
    const codes = errorsOf(text).map((d) => d.code);
    expect(codes).toContain('reserved-name');
    expect(codes).toContain('missing-input');
  });

  it('refuses a map over a dynamic task', () => {
    const text = seedText('dynamic-pod-workflow').replace('      task: dynamic_pod_task\n', '      task: dynamic_pod_task\n      map: {}\n').replace('type: int\n      default: 6', 'type: list[int]\n      default: [6]');
    expect(errorsOf(text).map((d) => d.code)).toContain('map-dynamic');
  });
});
