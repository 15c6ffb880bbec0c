import { describe, expect, it } from 'vitest';
import type { Container } from 'kubernetes-types/core/v1';
import { parseAllDocuments } from 'yaml';
import { SEED_EXAMPLES, seedDoc } from '../__fixtures__/seed-examples';
import { parseWorkflowOrThrow } from '../document/parse-workflow';
import type { WorkflowDoc } from '../document/workflow-schema';
import { validateCompiledPod } from '../validate/validate-compiled-pod';
import { validateWorkflow } from '../validate/validate-workflow';
import { compile, compileWorkflow } from './compile';
import { CODE_MOUNT_PATH, CODE_VOLUME } from './runtime-contract';
import { toKubernetesYaml } from './to-kubernetes-yaml';

const container = (pod: { spec?: { containers: Container[] } }, name: string): Container => {
  const c = pod.spec?.containers.find((x) => x.name === name);
  if (!c) throw new Error(`no container ${name}`);
  return c;
};
const env = (c: Container) => Object.fromEntries((c.env ?? []).map((e) => [e.name, e.value]));

describe('compile: the seed examples, checked against Flyte semantics', () => {
  it('every seed example validates without errors and compiles to a schema-valid pod', () => {
    for (const name of SEED_EXAMPLES) {
      const doc = seedDoc(name);
      expect(validateWorkflow(doc).filter((d) => d.severity === 'error'), name).toEqual([]);
      for (const c of compileWorkflow(doc)) {
        expect(validateCompiledPod(doc, c).filter((d) => d.severity === 'error'), `${name}/${c.nodeId}`).toEqual([]);
      }
    }
  });

  it('pod_task: one container named primary appended, the node selector kept, memory 1G as request and limit', () => {
    const { pod } = compile(seedDoc('pod-workflow'), 'pod_task');
    expect(pod.spec?.containers.map((c) => c.name)).toEqual(['primary']);
    expect(pod.spec?.nodeSelector).toEqual({ node_group: 'memory' });
    const primary = container(pod, 'primary');
    expect(primary.resources).toEqual({ requests: { memory: '1G' }, limits: { memory: '1G' } });
    expect(primary.image).toBe('python:3.12-slim');
    expect(primary.command).toEqual(['python3', '-u', '$(PODFLOW_CODE_DIR)/entrypoint.py']);
    expect(pod.spec?.restartPolicy).toBe('Never');
  });

  it('multiple_containers_pod_task: the primary keeps /data and gets only memory 1G, with a warning; the sidecar is as written, plus the identity env', () => {
    const doc = seedDoc('multiple-containers-pod-workflow');
    const compiled = compile(doc, 'multiple_containers_pod_task');
    const { pod } = compiled;
    const diagnostics = validateCompiledPod(doc, compiled);
    const primary = container(pod, 'primary');
    expect(primary.volumeMounts).toEqual([
      { name: 'shared-data', mountPath: '/data' },
      { name: CODE_VOLUME, mountPath: CODE_MOUNT_PATH, readOnly: true },
    ]);
    expect(primary.resources).toEqual({ requests: { memory: '1G' }, limits: { memory: '1G' } });
    const warning = diagnostics.find((d) => d.code === 'resources-replaced');
    expect(warning?.severity).toBe('warning');
    expect(warning?.message).toContain('requests.cpu=1');
    expect(warning?.message).toContain('limits.memory=100Mi');
    const written = (doc.spec.tasks![0]!.pod!.spec!.containers as Container[])[1];
    const { env: sidecarEnv, ...sidecar } = container(pod, 'secondary');
    expect(sidecar).toEqual(written);
    // Like Flyte's FLYTE_* on every container: the sidecar knows which run, node and attempt it belongs to.
    expect(sidecarEnv).toEqual([
      { name: 'PODFLOW_WORKFLOW', value: 'multiple-containers-pod-workflow' },
      { name: 'PODFLOW_NODE', value: 'multiple_containers_pod_task' },
      { name: 'PODFLOW_EXECUTION', value: 'multiple_containers_pod_task' },
      { name: 'PODFLOW_RUN', value: 'preview' },
      { name: 'PODFLOW_ATTEMPT', value: '0' },
    ]);
    expect(pod.spec?.volumes?.[0]).toEqual({ name: 'shared-data', emptyDir: { medium: 'Memory' } });
  });

  it('map_pod_task: the container resources kept, the init container as written plus the identity env, the map item in the name and env', () => {
    const doc = seedDoc('map-pod-workflow');
    const { pod, executionId } = compile(doc, 'map_pod_task', { runId: 'r1', attempt: 1, inputs: { int_val: 2 }, itemIndex: 1 });
    expect(executionId).toBe('map_pod_task[1]');
    const primary = container(pod, 'primary');
    expect(primary.resources).toEqual({ requests: { cpu: '.5', memory: '500Mi' }, limits: { cpu: '.5', memory: '500Mi' } });
    const identity = { PODFLOW_WORKFLOW: 'map-pod-workflow', PODFLOW_NODE: 'map_pod_task', PODFLOW_EXECUTION: 'map_pod_task[1]', PODFLOW_RUN: 'r1', PODFLOW_ATTEMPT: '1', PODFLOW_ITEM_INDEX: '1' };
    expect(pod.spec?.initContainers?.map(({ env: _e, ...c }) => c)).toEqual(doc.spec.tasks![0]!.pod!.spec!.initContainers);
    expect(env(pod.spec!.initContainers![0]!)).toEqual(identity);
    expect(env(primary)).toMatchObject({ PODFLOW_INPUTS: '{"int_val":2}', PODFLOW_ITEM_INDEX: '1', PODFLOW_EXECUTION: 'map_pod_task[1]', PODFLOW_ATTEMPT: '1' });
    expect(pod.metadata?.labels).toMatchObject({ 'podflow/workflow': 'map-pod-workflow', 'podflow/run': 'r1', 'podflow/attempt': '1' });
    expect(pod.metadata?.annotations?.['podflow/primary-container']).toBe('primary');
  });

  it('dynamic_pod_task: the pod config applies to the dynamic pod; its task.json carries every task interface', () => {
    const doc = seedDoc('dynamic-pod-workflow');
    const compiled = compile(doc, 'dynamic_pod_task');
    expect(container(compiled.pod, 'primary').resources).toEqual({ requests: { cpu: '.5', memory: '450Mi' }, limits: { cpu: '.5', memory: '500Mi' } });
    const manifest = JSON.parse(compiled.configMaps[1]!.data!['task.json']!);
    expect(manifest).toEqual({
      mode: 'dynamic',
      task: 'dynamic_pod_task',
      tasks: {
        dynamic_pod_task: { inputs: [{ name: 'val', optional: false, type: 'int' }], mode: 'dynamic', outputs: ['o0'] },
        stringify: { inputs: [{ name: 'val', optional: false, type: 'int' }], mode: 'python', outputs: ['o0'] },
      },
    });
    expect(compiled.inputs).toEqual({ val: 6 });
  });

  it('a dynamic child runs in its own task’s plain pod, not the parent’s', () => {
    const doc = seedDoc('dynamic-pod-workflow');
    const child = compile(doc, 'dynamic_pod_task', { runId: 'r', attempt: 0, inputs: { val: 6 }, task: 'stringify', executionId: 'dynamic_pod_task/stringify' });
    expect(child.task).toBe('stringify');
    expect(container(child.pod, 'primary').resources).toBeUndefined();
    expect(child.pod.metadata?.annotations?.['podflow/execution']).toBe('dynamic_pod_task/stringify');
  });
});

describe('compile: pod layout rules', () => {
  const docWith = (task: Record<string, unknown>, spec: Record<string, unknown> = {}): WorkflowDoc =>
    parseWorkflowOrThrow({
      apiVersion: 'podflow/v1alpha1',
      kind: 'Workflow',
      metadata: { name: 'wf' },
      spec: { ...spec, tasks: [{ name: 't', type: 'python', code: 'def t() -> int:\n    return 1\n', ...task }], nodes: [{ id: 't', task: 't' }] },
    });

  it('appends the placeholder primary last when the spec names other containers only', () => {
    const doc = docWith({ pod: { spec: { containers: [{ name: 'side', image: 'busybox', command: ['sleep', '1'] }] } } });
    expect(compile(doc, 't').pod.spec?.containers.map((c) => c.name)).toEqual(['side', 'primary']);
  });

  it('takes the primary image from the container, else the task, else the workflow default', () => {
    expect(container(compile(docWith({ image: 'task:1' }, { defaults: { image: 'wf:1' } }), 't').pod, 'primary').image).toBe('task:1');
    expect(container(compile(docWith({}, { defaults: { image: 'wf:1' } }), 't').pod, 'primary').image).toBe('wf:1');
    const own = docWith({ image: 'task:1', pod: { spec: { containers: [{ name: 'primary', image: 'own:1' }] } } });
    expect(container(compile(own, 't').pod, 'primary').image).toBe('own:1');
  });

  it('renames gpu to nvidia.com/gpu and fills a missing request from the limit', () => {
    const { pod } = compile(docWith({ resources: { limits: { gpu: 1, cpu: '2' } } }), 't');
    expect(container(pod, 'primary').resources).toEqual({ requests: { 'nvidia.com/gpu': 1, cpu: '2' }, limits: { 'nvidia.com/gpu': 1, cpu: '2' } });
  });

  it('workflow resource defaults fill only what the primary leaves unset, like Flyte’s platform defaults (Guaranteed pods)', () => {
    const defaults = { resources: { requests: { cpu: '2', memory: '200Mi' }, limits: { cpu: '2', memory: '1Gi' } } };
    // The seed's pod_task sets a memory request only: memory stays 1G (its limit takes the request), cpu takes the default.
    const seedLike = compile(docWith({ resources: { requests: { memory: '1G' } } }, { defaults }), 't');
    expect(container(seedLike.pod, 'primary').resources).toEqual({ requests: { memory: '1G', cpu: '2' }, limits: { memory: '1G', cpu: '2' } });
    // Nothing set: both defaults, request and limit as given.
    expect(container(compile(docWith({}, { defaults }), 't').pod, 'primary').resources).toEqual(defaults.resources);
    // The container's own resources count as set (no task resources replace them); sidecars get no defaults.
    const own = docWith({ pod: { spec: { containers: [{ name: 'primary', resources: { limits: { cpu: '1' } } }, { name: 'side', image: 'x', command: ['true'] }] } } }, { defaults });
    const pod = compile(own, 't').pod;
    expect(container(pod, 'primary').resources).toEqual({ requests: { cpu: '1', memory: '200Mi' }, limits: { cpu: '1', memory: '1Gi' } });
    expect(container(pod, 'side').resources).toBeUndefined();
  });

  it('a pod template’s primary container is not the same as resource defaults: task resources replace what it merged in', () => {
    const template = { podTemplate: { spec: { containers: [{ name: 'primary', resources: { requests: { cpu: '2' } } }] } } };
    const { pod } = compile(docWith({ resources: { requests: { memory: '1G' } } }, template), 't');
    expect(container(pod, 'primary').resources).toEqual({ requests: { memory: '1G' }, limits: { memory: '1G' } });
  });

  it('orders env: task env, then the container’s own, then Podflow’s', () => {
    const doc = docWith({ env: { A: '1' }, pod: { spec: { containers: [{ name: 'primary', env: [{ name: 'B', value: '2' }] }] } } });
    const names = (container(compile(doc, 't').pod, 'primary').env ?? []).map((e) => e.name);
    expect(names.slice(0, 3)).toEqual(['A', 'B', 'PODFLOW_CODE_DIR']);
  });

  it('replaces the primary’s own command with an info diagnostic, and keeps a user restartPolicy', () => {
    const doc = docWith({ pod: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'primary', command: ['echo'], args: ['hi'] }] } } });
    const compiled = compile(doc, 't');
    const { pod } = compiled;
    const diagnostics = validateCompiledPod(doc, compiled);
    expect(container(pod, 'primary').args).toBeUndefined();
    expect(diagnostics.find((d) => d.code === 'primary-command-replaced')?.severity).toBe('info');
    expect(pod.spec?.restartPolicy).toBe('OnFailure');
  });

  it('merges the workflow pod template underneath: task scalars win, lists append, default/primary containers merge in', () => {
    const doc = docWith(
      { pod: { spec: { nodeSelector: { a: 'task' }, tolerations: [{ key: 't', operator: 'Exists' }], containers: [{ name: 'side', image: 'x', command: ['true'] }] } } },
      {
        podTemplate: {
          metadata: { labels: { team: 'ml' } },
          spec: {
            nodeSelector: { a: 'template', b: 'template' },
            tolerations: [{ key: 'base', operator: 'Exists' }],
            serviceAccountName: 'runner',
            containers: [
              { name: 'default', env: [{ name: 'ALL', value: '1' }] },
              { name: 'primary', env: [{ name: 'PRIMARY_ONLY', value: '1' }] },
              { name: 'never-added', image: 'nope' },
            ],
          },
        },
      },
    );
    const { pod } = compile(doc, 't');
    expect(pod.spec?.nodeSelector).toEqual({ a: 'task', b: 'template' });
    expect(pod.spec?.tolerations?.map((t) => t.key)).toEqual(['base', 't']);
    expect(pod.spec?.serviceAccountName).toBe('runner');
    expect(pod.spec?.containers.map((c) => c.name)).toEqual(['side', 'primary']);
    expect(env(container(pod, 'side'))).toEqual({ ALL: '1', PODFLOW_WORKFLOW: 'wf', PODFLOW_NODE: 't', PODFLOW_EXECUTION: 't', PODFLOW_RUN: 'preview', PODFLOW_ATTEMPT: '0' });
    expect(env(container(pod, 'primary'))).toMatchObject({ ALL: '1', PRIMARY_ONLY: '1' });
    expect(pod.metadata?.labels?.team).toBe('ml');
  });

  it('moves large inputs into a per-attempt ConfigMap read through PODFLOW_INPUTS_FILE', () => {
    const doc = docWith({ code: 'def t(s: str) -> int:\n    return len(s)\n' });
    const big = 'x'.repeat(100_000);
    const compiled = compile(doc, 't', { runId: 'r', attempt: 0, inputs: { s: big } });
    expect(compiled.configMaps).toHaveLength(3);
    expect(compiled.configMaps[2]!.data!['inputs.json']).toContain(big);
    expect(env(container(compiled.pod, 'primary')).PODFLOW_INPUTS_FILE).toBe('$(PODFLOW_CODE_DIR)/inputs.json');
  });

  it('names tasks’ ConfigMaps by content, so a_b and a-b do not collide', () => {
    const a = docWith({ name: 'a_b', code: 'def a_b() -> int:\n    return 1\n' });
    const b = docWith({ name: 'a_b', code: 'def a_b() -> int:\n    return 2\n' });
    expect(compile({ ...a, spec: { ...a.spec, nodes: [{ id: 't' as never, task: 'a_b' }] } }, 't').configMaps[1]!.metadata!.name)
      .not.toBe(compile({ ...b, spec: { ...b.spec, nodes: [{ id: 't' as never, task: 'a_b' }] } }, 't').configMaps[1]!.metadata!.name);
  });
});

describe('toKubernetesYaml', () => {
  it('writes every ConfigMap once, then the Pods, as multi-document YAML kubectl accepts', () => {
    const yaml = toKubernetesYaml(compileWorkflow(seedDoc('map-pod-workflow')));
    const docs = parseAllDocuments(yaml).map((d) => d.toJS() as { kind: string });
    expect(docs.map((d) => d.kind)).toEqual(['ConfigMap', 'ConfigMap', 'ConfigMap', 'Pod', 'Pod']);
    expect(yaml).toContain('# inputs known only at run time: int_val (one item of the mapped list per pod)');
  });
});
