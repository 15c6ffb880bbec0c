import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CoreV1Api, type V1ConfigMap, type V1Pod } from '@kubernetes/client-node';
// The serializer every typed call of client-node sends its body through (not re-exported by the package index).
import { ObjectSerializer } from '@kubernetes/client-node/dist/gen/models/ObjectSerializer.js';
import { compile, ENV, REQUIREMENTS_CONTAINER, validateCompiledPod, nodesOf, parseWorkflow, tasksOf, type CompiledPod, type WorkflowDoc } from '@podflow/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { freshNamespace, testKubeConfig } from './testing/k8s-test-env';

/**
 * DESIGN.md §3 "Validation": every object compiled from the seed's examples is accepted by a real API server —
 * server-side validation with dryRun=All and fieldValidation=Strict (unknown fields are errors) — and client-node's
 * serializer, which the executor sends them through, drops nothing.
 */
const seedDir = fileURLToPath(new URL('../../../../../examples/seed/', import.meta.url));
const files = readdirSync(seedDir).filter((f) => f.endsWith('.podflow.yaml')).sort();

function load(file: string): WorkflowDoc {
  const parsed = parseWorkflow(readFileSync(join(seedDir, file), 'utf8'));
  if (!parsed.ok) throw new Error(`${file}: ${parsed.issues.map((i) => i.message).join('; ')}`);
  return parsed.doc;
}

/** Every node (preview), plus for a map node one item and for a dynamic node one child per other task. */
function compiledOf(doc: WorkflowDoc): { label: string; compiled: CompiledPod }[] {
  const out: { label: string; compiled: CompiledPod }[] = [];
  for (const node of nodesOf(doc)) {
    out.push({ label: node.id, compiled: compile(doc, node.id) });
    const task = tasksOf(doc).find((t) => t.name === node.task)!;
    if (node.map) {
      out.push({ label: `${node.id}[0]`, compiled: compile(doc, node.id, { runId: 'seed-run', attempt: 1, inputs: { int_val: 7 }, itemIndex: 0 }) });
    }
    if (task.type === 'dynamic') {
      for (const child of tasksOf(doc).filter((t) => t.name !== task.name)) {
        const executionId = `${node.id}/${child.name}`;
        out.push({ label: executionId, compiled: compile(doc, node.id, { runId: 'seed-run', attempt: 0, inputs: { val: 6 }, executionId, task: child.name }) });
      }
    }
  }
  return out;
}

/** JSON as it goes over the wire (kubernetes-types objects have no Dates, so this is the identity on them). */
const wire = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

describe('the seed examples compile to objects the API server accepts', () => {
  let core: CoreV1Api;
  let namespace: string;
  beforeAll(async () => {
    const kc = testKubeConfig();
    core = kc.makeApiClient(CoreV1Api);
    namespace = await freshNamespace(kc, 'pf-seed');
  });

  const place = <T extends { metadata?: object }>(o: T): T => ({ ...o, metadata: { ...o.metadata, namespace } });

  const check = async (doc: WorkflowDoc, compiled: CompiledPod) => {
    expect(validateCompiledPod(doc, compiled).filter((d) => d.severity === 'error')).toEqual([]);
    for (const cm of compiled.configMaps) {
      const body = place(cm) as unknown as V1ConfigMap;
      expect(wire(ObjectSerializer.serialize(body, 'V1ConfigMap', ''))).toEqual(wire(body));
      const created = await core.createNamespacedConfigMap({ namespace, body, dryRun: 'All', fieldValidation: 'Strict' });
      expect(created.metadata?.name).toBe(cm.metadata?.name);
    }
    const body = place(compiled.pod) as unknown as V1Pod;
    expect(wire(ObjectSerializer.serialize(body, 'V1Pod', ''))).toEqual(wire(body));
    const created = await core.createNamespacedPod({ namespace, body, dryRun: 'All', fieldValidation: 'Strict' });
    expect(created.metadata?.name).toBe(compiled.pod.metadata?.name);
    expect(created.spec?.containers.map((c) => c.name)).toEqual(compiled.pod.spec?.containers.map((c) => c.name));
  };

  it('finds the four seed examples', () => {
    expect(files).toHaveLength(4);
  });

  for (const file of files) {
    describe(file, () => {
      const doc = load(file);
      for (const { label, compiled } of compiledOf(doc)) {
        it(`${label}: its ${compiled.configMaps.length} ConfigMap(s) and its Pod`, async () => {
          await check(doc, compiled);
        });
      }
    });
  }

  it('a pod whose inputs are too large for the environment, with its per-attempt inputs ConfigMap', async () => {
    const doc = load('map-pod-workflow.podflow.yaml');
    const list_of_strings = Array.from({ length: 8000 }, (_, i) => `item-${i}-${'x'.repeat(8)}`);
    const compiled = compile(doc, 'coalesce', { runId: 'seed-run', attempt: 0, inputs: { list_of_strings } });
    const primary = compiled.pod.spec!.containers.find((c) => c.name === 'primary')!;
    expect(primary.env?.some((e) => e.name === ENV.inputsFile)).toBe(true);
    expect(compiled.configMaps).toHaveLength(3);
    await check(doc, compiled);
  });

  it('a task with requirements (install): its init container, deps volume and mount, with the pod\'s own init container', async () => {
    const parsed = parseWorkflow({
      apiVersion: 'podflow/v1alpha1',
      kind: 'Workflow',
      metadata: { name: 'reqs' },
      spec: {
        tasks: [
          {
            name: 'uses_dep',
            type: 'python',
            code: 'def uses_dep() -> str:\n    import requests\n    return requests.__version__\n',
            requirements: ['requests==2.32.3', 'attrs[tests]>=23; python_version >= "3.8"'],
            env: { PIP_INDEX_URL: 'https://pypi.example/simple' },
            pod: { spec: { initContainers: [{ name: 'fetch', image: 'busybox', command: ['true'] }], containers: [{ name: 'primary', securityContext: { runAsUser: 1000 } }] } },
          },
        ],
        nodes: [{ id: 'uses_dep', task: 'uses_dep' }],
      },
    });
    if (!parsed.ok) throw new Error(parsed.issues.map((i) => i.message).join('; '));
    const compiled = compile(parsed.doc, 'uses_dep', { runId: 'seed-run', attempt: 0, inputs: {} });
    expect(compiled.pod.spec?.initContainers?.map((c) => c.name)).toEqual(['fetch', REQUIREMENTS_CONTAINER]);
    await check(parsed.doc, compiled);
  });
});
