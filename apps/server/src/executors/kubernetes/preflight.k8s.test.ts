import { CoreV1Api, SchedulingV1Api, type KubeConfig } from '@kubernetes/client-node';
import type { WorkflowDoc } from '@podflow/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { EXECUTOR_ACCESS, preflight } from './preflight';
import { freshNamespace, testKubeConfig } from './testing/k8s-test-env';
import { serviceAccountKubeConfig } from './testing/service-account-kubeconfig';

// Issue #17 §3, against the real API server (dry runs, RBAC) and kube-scheduler's node (kwok-node-0, labels
// type=kwok, kubernetes.io/*): objects that exist give no diagnostic, objects that do not give one each, on the
// node and the document field.
let kc: KubeConfig;
let ns: string;
const priorityClass = `podflow-test-high-${Date.now().toString(36)}`;

const code = (name: string) => `def ${name}() -> int:\n    return 1\n`;
function doc(tasks: { name: string; pod?: unknown; resources?: unknown }[], namespace?: string): WorkflowDoc {
  return {
    apiVersion: 'podflow/v1alpha1',
    kind: 'Workflow',
    metadata: { name: 'preflight' },
    spec: {
      ...(namespace ? { defaults: { namespace } } : {}),
      tasks: tasks.map((t) => ({ type: 'python', code: code(t.name), ...t })),
      nodes: tasks.map((t) => ({ id: t.name, task: t.name })),
    },
  } as unknown as WorkflowDoc;
}

const referencing = (names: { secret: string; configMap: string; claim: string; account: string; priority: string }) => ({
  spec: {
    serviceAccountName: names.account,
    priorityClassName: names.priority,
    nodeSelector: { type: 'kwok' },
    volumes: [
      { name: 's', secret: { secretName: names.secret } },
      { name: 'c', configMap: { name: names.configMap } },
      { name: 'p', persistentVolumeClaim: { claimName: names.claim } },
    ],
    containers: [{ name: 'primary', volumeMounts: [{ name: 's', mountPath: '/s' }, { name: 'c', mountPath: '/c' }, { name: 'p', mountPath: '/p' }] }],
  },
});

beforeAll(async () => {
  kc = testKubeConfig();
  ns = await freshNamespace(kc, 'preflight');
  const core = kc.makeApiClient(CoreV1Api);
  await core.createNamespacedSecret({ namespace: ns, body: { metadata: { name: 'creds' }, stringData: { a: 'b' } } });
  await core.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: 'cfg' }, data: { a: 'b' } } });
  await core.createNamespacedPersistentVolumeClaim({ namespace: ns, body: { metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } } });
  await core.createNamespacedServiceAccount({ namespace: ns, body: { metadata: { name: 'runner' } } });
  await kc.makeApiClient(SchedulingV1Api).createPriorityClass({ body: { metadata: { name: priorityClass }, value: 1000 } });
});

describe('preflight against the test cluster', () => {
  it('objects that exist, a node that fits, full access: no diagnostics', async () => {
    const result = await preflight(doc([{ name: 'good', pod: referencing({ secret: 'creds', configMap: 'cfg', claim: 'data', account: 'runner', priority: priorityClass }) }]), { kubeConfig: kc, namespace: ns });
    expect(result.diagnostics).toEqual([]);
    expect(result.counts).toMatchObject({ pods: 1, dryRuns: 1, references: 5, nodes: 1, accessReviews: EXECUTOR_ACCESS.length });
  });

  it('objects that do not exist: one error each, on the node and the field', async () => {
    const result = await preflight(doc([{ name: 'bad', pod: referencing({ secret: 'nope-s', configMap: 'nope-c', claim: 'nope-p', account: 'nope-a', priority: 'nope-pc' }) }]), { kubeConfig: kc, namespace: ns });
    expect(result.diagnostics.map((d) => [d.severity, d.nodeId, d.path, d.message])).toEqual([
      ['error', 'bad', 'spec.tasks[0].pod.spec.volumes[0].secret.secretName', `Secret "nope-s" does not exist in namespace ${ns} — the pod would wait in ContainerCreating (FailedMount)`],
      ['error', 'bad', 'spec.tasks[0].pod.spec.volumes[1].configMap.name', `ConfigMap "nope-c" does not exist in namespace ${ns} — the pod would wait in ContainerCreating (FailedMount)`],
      ['error', 'bad', 'spec.tasks[0].pod.spec.volumes[2].persistentVolumeClaim.claimName', `PersistentVolumeClaim "nope-p" does not exist in namespace ${ns} — the pod would wait in ContainerCreating (FailedMount)`],
      ['error', 'bad', 'spec.tasks[0].pod.spec.serviceAccountName', `ServiceAccount "nope-a" does not exist in namespace ${ns}`],
      ['error', 'bad', 'spec.tasks[0].pod.spec.priorityClassName', 'PriorityClass "nope-pc" does not exist on the cluster'],
    ]);
  });

  it('a nodeSelector no node matches names the labels that exist', async () => {
    const result = await preflight(doc([{ name: 'memory', pod: { spec: { nodeSelector: { node_group: 'memory' } } } }, { name: 'kind', pod: { spec: { nodeSelector: { type: 'gpu' } } } }]), { kubeConfig: kc, namespace: ns });
    expect(result.diagnostics.map((d) => [d.code, d.nodeId, d.path, d.message])).toEqual([
      ['preflight-no-node', 'memory', 'spec.tasks[0].pod.spec.nodeSelector["node_group"]', expect.stringMatching(/^no node matches `node_group=memory` \(no node has the label node_group; labels on the nodes: .*kubernetes\.io\/hostname.*type/)],
      ['preflight-no-node', 'kind', 'spec.tasks[1].pod.spec.nodeSelector["type"]', 'no node matches `type=gpu` (type on the nodes: kwok)'],
    ]);
  });

  it('a refusal of the server-side dry run lands on the field of the document', async () => {
    const sidecar = { name: 'side', image: 'busybox', resources: { requests: { cpu: '2' }, limits: { cpu: '1' } } };
    const result = await preflight(doc([{ name: 'greedy', pod: { spec: { containers: [sidecar] } } }]), { kubeConfig: kc, namespace: ns });
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ code: 'preflight-dry-run', severity: 'error', nodeId: 'greedy', path: 'spec.tasks[0].pod.spec.containers[0].resources.requests', message: expect.stringMatching(/must be less than or equal to cpu limit/) }),
    ]);
    // nothing was created
    expect((await kc.makeApiClient(CoreV1Api).listNamespacedPod({ namespace: ns })).items).toEqual([]);
  });

  it('a namespace that does not exist', async () => {
    const result = await preflight(doc([{ name: 'lost' }], 'no-such-namespace-x'), { kubeConfig: kc });
    expect(result.diagnostics).toContainEqual(expect.objectContaining({ code: 'preflight-namespace', path: 'spec.defaults.namespace', message: 'namespace no-such-namespace-x does not exist on the cluster' }));
  });

  it('RBAC: a user who may only read pods is told what the executor needs; what it cannot read is a warning', async () => {
    const { kubeConfig } = await serviceAccountKubeConfig(kc, ns, 'reader', [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'watch'] }]);
    const result = await preflight(doc([{ name: 'needs', pod: referencing({ secret: 'creds', configMap: 'cfg', claim: 'data', account: 'runner', priority: priorityClass }) }]), { kubeConfig, namespace: ns });
    const forbidden = result.diagnostics.find((d) => d.code === 'preflight-forbidden');
    expect(forbidden?.message).toBe(
      `this user may not create pods, delete pods, get pods/log, create configmaps, list configmaps, patch configmaps, delete configmaps, list events, watch events in namespace ${ns} (SelfSubjectAccessReview); the executor needs it`,
    );
    // Deleting pods in batches is only better: without it, a warning.
    expect(result.diagnostics).toContainEqual(
      expect.objectContaining({ code: 'preflight-forbidden', severity: 'warning', message: `this user may not deletecollection pods in namespace ${ns} (SelfSubjectAccessReview): ended pods are deleted one by one instead of in batches (more API calls per pod)` }),
    );
    expect(result.diagnostics).toContainEqual(expect.objectContaining({ code: 'preflight-unchecked', severity: 'warning', path: 'spec.tasks[0].pod.spec.volumes[0].secret.secretName', message: 'cannot check that Secret "creds" exists: this user may not read Secrets here (forbidden)' }));
    expect(result.diagnostics).toContainEqual(expect.objectContaining({ code: 'preflight-unchecked', severity: 'warning', message: expect.stringMatching(/^node selectors and taints not checked: cannot list nodes .*deploy\/cluster-role\.yaml/) }));
  });
});
