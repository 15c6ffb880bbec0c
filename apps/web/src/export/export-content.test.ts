import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { parseWorkflowOrThrow, type WorkflowDoc } from '@podflow/core';
import { exportContent } from './export-content';

import multipleContainers from '../../../../examples/seed/multiple-containers-pod-workflow.podflow.yaml?raw';
import mapPod from '../../../../examples/seed/map-pod-workflow.podflow.yaml?raw';
import podWorkflow from '../../../../examples/seed/pod-workflow.podflow.yaml?raw';
import dynamicPod from '../../../../examples/seed/dynamic-pod-workflow.podflow.yaml?raw';

const SEEDS: Record<string, string> = { 'multiple-containers-pod-workflow': multipleContainers, 'map-pod-workflow': mapPod, 'pod-workflow': podWorkflow, 'dynamic-pod-workflow': dynamicPod };
const load = (name: string): WorkflowDoc => parseWorkflowOrThrow(SEEDS[name]!);

describe('exportContent', () => {
  it('exports one node as its ConfigMaps and Pod', () => {
    const doc = load('multiple-containers-pod-workflow');
    const c = exportContent(doc, 'node', 'multiple_containers_pod_task');
    expect(c.filename).toBe('multiple-containers-pod-workflow-multiple_containers_pod_task.yaml');
    expect(c.summary).toBe('2 ConfigMaps · 1 Pod');
    const kinds = parseAllDocuments(c.text).map((d) => (d.toJS() as { kind: string }).kind);
    expect(kinds).toEqual(['ConfigMap', 'ConfigMap', 'Pod']);
  });

  it('exports every node as one multi-document file, shared ConfigMaps once', () => {
    const doc = load('map-pod-workflow');
    const c = exportContent(doc, 'all');
    const kinds = parseAllDocuments(c.text).map((d) => (d.toJS() as { kind: string }).kind);
    expect(kinds.filter((k) => k === 'Pod')).toHaveLength(2);
    expect(kinds.filter((k) => k === 'ConfigMap')).toHaveLength(3);
    expect(c.filename).toBe('map-pod-workflow.k8s.yaml');
    expect(c.failures).toEqual([]);
  });

  it('exports the workflow file', () => {
    const doc = load('pod-workflow');
    const c = exportContent(doc, 'workflow');
    expect(c.filename).toBe('pod-workflow.podflow.yaml');
    expect(c.text).toContain('kind: Workflow');
  });

  it('leaves out a node that cannot be compiled, and says why', () => {
    const doc = load('pod-workflow');
    const broken: WorkflowDoc = { ...doc, spec: { ...doc.spec, nodes: [...(doc.spec.nodes ?? []), { id: 'ghost' as never, task: 'missing' }] } };
    const c = exportContent(broken, 'all');
    expect(c.failures).toEqual([{ nodeId: 'ghost', message: expect.stringContaining('missing') }]);
    expect(c.summary).toMatch(/1 Pod$/);
  });

  it('shows the Pod first and each ConfigMap collapsed and named; the file keeps ConfigMaps first', () => {
    const c = exportContent(load('map-pod-workflow'), 'node', 'coalesce');
    expect(c.sections.map((x) => [x.kind, x.collapsed])).toEqual([['Pod', false], ['ConfigMap', true], ['ConfigMap', true]]);
    expect(c.sections[1]!.name).toMatch(/^podflow-runtime-/);
    expect(c.sections[1]!.note).toMatch(/^Podflow's runtime \(the Python entrypoint\), \d+ lines$/);
    expect(c.text.indexOf('kind: ConfigMap')).toBeLessThan(c.text.indexOf('kind: Pod'));
  });

  it('one node with its inputs typed: a pod that runs (inputs inside, result to the log); without them, a preview that says so', () => {
    const doc = load('map-pod-workflow');
    const preview = exportContent(doc, 'node', 'coalesce');
    expect(preview.unknownInputs).toEqual([expect.stringContaining('list_of_strings')]);
    expect(preview.text.startsWith('# PREVIEW, NOT RUNNABLE AS IS')).toBe(true);
    const runnable = exportContent(doc, 'node', 'coalesce', { inputs: { list_of_strings: '["a", "b"]' } });
    expect(runnable.unknownInputs).toEqual([]);
    expect(runnable.text).toContain('PODFLOW_INPUTS');
    const pod = parseAllDocuments(runnable.text).map((d) => d.toJS() as { kind: string; spec?: { containers: { env?: { name: string; value?: string }[] }[] } }).find((o) => o.kind === 'Pod');
    const inputsEnv = pod?.spec?.containers.flatMap((c) => c.env ?? []).find((e) => e.name === 'PODFLOW_INPUTS');
    expect(JSON.parse(inputsEnv?.value ?? 'null')).toEqual({ list_of_strings: ['a', 'b'] });
    expect(runnable.text).toContain('PODFLOW_OUTPUTS_TO_LOG');
    const bad = exportContent(doc, 'node', 'coalesce', { inputs: { list_of_strings: '[1,' } });
    expect(bad.diagnostics).toContainEqual(expect.objectContaining({ code: 'export-input', severity: 'error', message: expect.stringContaining('list_of_strings: "[1," is not valid JSON') }));
  });

  it('Argo: the Workflow first, its ConfigMaps collapsed; a dynamic task is refused before download, naming the node', () => {
    const c = exportContent(load('map-pod-workflow'), 'argo');
    expect(c.filename).toBe('map-pod-workflow.argo.yaml');
    expect(c.sections.map((x) => x.kind)).toEqual(['Workflow', 'ConfigMap', 'ConfigMap', 'ConfigMap']);
    expect(parseAllDocuments(c.text).map((d) => (d.toJS() as { kind: string }).kind)).toEqual(['ConfigMap', 'ConfigMap', 'ConfigMap', 'Workflow']);
    expect(c.refused).toBe(false);
    const refused = exportContent(load('dynamic-pod-workflow'), 'argo');
    expect(refused.refused).toBe(true);
    expect(refused.text).toBe('');
    expect(refused.diagnostics).toEqual([expect.objectContaining({ code: 'argo-dynamic-task', nodeId: 'dynamic_pod_task' })]);
  });

  it('exports the workflow as a flytekit module, or lists what flytekit cannot express', () => {
    const c = exportContent(load('map-pod-workflow'), 'flytekit');
    expect(c.filename).toBe('map_pod_workflow.py');
    expect(c.summary).toBe('flytekit module · 2 tasks · @workflow map_pod_workflow');
    expect(c.text).toContain('map_task(map_pod_task, metadata=TaskMetadata(retries=1))(int_val=list_of_ints)');
    const bad = load('pod-workflow');
    bad.spec.tasks![0]!.resources = { requests: { 'hugepages-2Mi': '1Gi' } };
    const refused = exportContent(bad, 'flytekit');
    expect(refused.text).toBe('');
    expect(refused.refused).toBe(true);
    expect(refused.diagnostics).toEqual([expect.objectContaining({ path: 'spec.tasks[0].resources.requests.hugepages-2Mi', message: expect.stringContaining("flytekit's Resources has no") })]);
  });
});
