import { mkdirSync, readFileSync, rmSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as https from 'node:https';
import { AuthorizationV1Api, CoreV1Api, KubeConfig, KubernetesObjectApi, RbacAuthorizationV1Api, type KubernetesObject } from '@kubernetes/client-node';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshNamespace, testKubeConfig } from '../executors/kubernetes/testing/k8s-test-env';
import { api, send } from '../http/__fixtures__/http-client';
import { startServerProcess, tempDataDir, type ServerProcess } from '../http/__fixtures__/server-process';
import { find, flags, kustomizationResources, readManifest, REPO, type Deployment, type K8sObject } from './deploy-files';

// Issue #17 §5 on the test cluster: the deploy/ manifests are accepted by the real API server (dry run, strict);
// the built server, run on this machine the way the Deployment runs it — in-cluster config (client-node's
// loadFromCluster: a service-account token made by the API server's TokenRequest, its CA, its namespace file),
// the Deployment's args — runs the seed examples with only the Role of deploy/role.yaml; a verb the Role lacks is
// refused.
let kc: KubeConfig;
let ns: string;
const dir = mkdtempSync(join(tmpdir(), 'podflow-in-cluster-'));

beforeAll(async () => {
  kc = testKubeConfig();
  ns = await freshNamespace(kc, 'deploy');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A manifest object placed in the test namespace (the Namespace object itself gets a fresh name). */
function placed(o: K8sObject): KubernetesObject {
  const copy = structuredClone(o) as K8sObject & { subjects?: { namespace?: string }[] };
  if (o.kind === 'Namespace') copy.metadata.name = `${ns}-x`;
  else if (!['ClusterRole', 'ClusterRoleBinding'].includes(o.kind)) copy.metadata.namespace = ns;
  for (const s of copy.subjects ?? []) s.namespace = ns;
  return copy as KubernetesObject;
}

const PLURAL: Record<string, string> = {
  Namespace: 'namespaces',
  ServiceAccount: 'serviceaccounts',
  PersistentVolumeClaim: 'persistentvolumeclaims',
  Service: 'services',
  Deployment: 'deployments',
  Role: 'roles',
  RoleBinding: 'rolebindings',
  ClusterRole: 'clusterroles',
  ClusterRoleBinding: 'clusterrolebindings',
};

/** POST an object as kubectl would, with `dryRun=All&fieldValidation=Strict`: the API server's status and message. */
async function dryRunCreate(o: KubernetesObject): Promise<{ status: number; message: string }> {
  const group = o.apiVersion === 'v1' ? '/api/v1' : `/apis/${o.apiVersion}`;
  const scope = o.metadata?.namespace ? `/namespaces/${o.metadata.namespace}` : '';
  const url = new URL(`${kc.getCurrentCluster()!.server}${group}${scope}/${PLURAL[o.kind!]}?dryRun=All&fieldValidation=Strict`);
  const options: https.RequestOptions = { method: 'POST', headers: { 'content-type': 'application/json' } };
  await kc.applyToHTTPSOptions(options);
  return new Promise((resolve, reject) => {
    const req = https.request(url, options, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, message: (JSON.parse(text) as { message?: string }).message ?? '' }));
    });
    req.on('error', reject);
    req.end(JSON.stringify(o));
  });
}

describe('deploy/ on the test API server', () => {
  it('every manifest (and the optional ClusterRole) is accepted: dry run, strict field validation', async () => {
    const files = [...kustomizationResources(), 'cluster-role.yaml'];
    const kinds: string[] = [];
    for (const file of files) {
      for (const o of readManifest(file)) {
        const answer = await dryRunCreate(placed(o));
        expect(answer, `${file}: ${o.kind}`).toEqual({ status: 201, message: '' });
        kinds.push(o.kind);
      }
    }
    // and strict validation is really on: an unknown field is refused
    const typo = { ...placed(find('Service')), spec: { ...(find('Service') as unknown as { spec: object }).spec, selektor: {} } } as KubernetesObject;
    expect(await dryRunCreate(typo)).toMatchObject({ status: 400, message: expect.stringMatching(/unknown field "spec.selektor"/) });
    expect(kinds.sort()).toEqual(['ClusterRole', 'ClusterRoleBinding', 'Deployment', 'Namespace', 'PersistentVolumeClaim', 'Role', 'RoleBinding', 'Service', 'ServiceAccount']);
  });
});

describe('the built server with in-cluster settings and only the Role', () => {
  let server: ServerProcess | undefined;
  let token = '';
  afterAll(async () => {
    await server?.stop();
  });

  beforeAll(async () => {
    // The ServiceAccount, Role and RoleBinding of deploy/, for real, in the test namespace.
    const objects = KubernetesObjectApi.makeApiClient(kc);
    for (const kind of ['ServiceAccount', 'Role', 'RoleBinding']) await objects.create(placed(find(kind)));
    const account = find('ServiceAccount').metadata.name;
    const request = await kc.makeApiClient(CoreV1Api).createNamespacedServiceAccountToken({ namespace: ns, name: account, body: { spec: { audiences: [], expirationSeconds: 3600 } } });
    token = request.status!.token;
    const sa = join(dir, 'var/run/secrets/kubernetes.io/serviceaccount');
    mkdirSync(sa, { recursive: true });
    writeFileSync(join(sa, 'token'), token);
    writeFileSync(join(sa, 'namespace'), ns);
    const cluster = kc.getCurrentCluster()!;
    writeFileSync(join(sa, 'ca.crt'), cluster.caData ? Buffer.from(cluster.caData, 'base64') : readFileSync(cluster.caFile!));
    const url = new URL(cluster.server);

    // The Deployment's args, but on loopback (tests never listen beyond it), a free port and a temporary data dir.
    const container = find<Deployment>('Deployment').spec.template.spec.containers[0]!;
    const args = flags(container.args)
      .filter(([k]) => !['host', 'port', 'data-dir'].includes(k))
      .map(([k, v]) => `--${k}=${v}`);
    const data = tempDataDir();
    server = await startServerProcess({
      dataDir: data.dir,
      args: ['--host=127.0.0.1', ...args],
      env: { KUBECONFIG: '', HOME: dir, KUBERNETES_SERVICE_HOST: url.hostname, KUBERNETES_SERVICE_PORT: url.port, PODFLOW_K8S_IN_CLUSTER_ROOT: dir },
    });
    expect(server.stderr()).toContain(`in a cluster (service account of namespace ${ns}): Kubernetes runs go to ${ns} unless they name one; the local executor is off`);
  }, 120_000);

  /** A seed example with kwok's stand-in results: kwok runs no code, so each task's pod says what it returned. */
  function seed(name: string, results: Record<string, unknown>): unknown {
    const doc = parse(readFileSync(join(REPO, 'examples', 'seed', `${name}.podflow.yaml`), 'utf8')) as { spec: { tasks: { name: string; pod?: { annotations?: Record<string, string>; spec?: { nodeSelector?: unknown } } }[] } };
    for (const task of doc.spec.tasks) {
      task.pod ??= {};
      task.pod.annotations = { ...task.pod.annotations, 'podflow.test/message': JSON.stringify({ ok: true, ...(results[task.name] as object) }) };
      // The test cluster's one node has no node_group label (preflight says so): the selector is dropped here.
      if (task.pod.spec?.nodeSelector) delete task.pod.spec.nodeSelector;
    }
    return doc;
  }

  const SEEDS: [string, Record<string, unknown>, Record<string, unknown>][] = [
    ['pod-workflow', { pod_task: { outputs: { o0: 'Hello from pod task!' } } }, { o0: 'Hello from pod task!' }],
    ['multiple-containers-pod-workflow', { multiple_containers_pod_task: { outputs: { o0: 'hi pod world\n' } } }, { o0: 'hi pod world\n' }],
    ['map-pod-workflow', { map_pod_task: { outputs: { o0: 'x' } }, coalesce: { outputs: { o0: 'x x x' } } }, { o0: 'x x x' }],
    [
      'dynamic-pod-workflow',
      {
        dynamic_pod_task: { dynamic: { nodes: [{ id: 'stringify', task: 'stringify', inputs: { val: { value: 6 } } }], outputs: { o0: { node: 'stringify', output: 'o0' } } } },
        stringify: { outputs: { o0: '6 served courtesy of a dynamic pod task!' } },
      },
      { o0: '6 served courtesy of a dynamic pod task!' },
    ],
  ];

  it.each(SEEDS)('runs %s on the cluster (executor kubernetes by default, in its own namespace)', async (name, results, outputs) => {
    const http = api(server!);
    const created = await http.post('/api/workflows', { document: seed(name, results) });
    expect(created.status, created.text).toBe(201);
    const workflowId = created.json().id;
    const check = await http.post(`/api/workflows/${workflowId}/preflight`, {});
    expect(check.status, check.text).toBe(200);
    expect(check.json()).toMatchObject({ namespace: ns, ok: true });
    const run = await http.post('/api/runs', { workflowId });
    expect(run.status, run.text).toBe(201);
    expect(run.json().executor).toBe('kubernetes');
    const runId = run.json().id;
    await expect.poll(async () => (await http.get(`/api/runs/${runId}`)).json().status, { timeout: 90_000, interval: 250 }).toMatch(/succeeded|failed|cancelled/);
    const ended = (await http.get(`/api/runs/${runId}`)).json();
    expect(ended, JSON.stringify(ended.error)).toMatchObject({ status: 'succeeded', outputs });
  });

  it('the local executor is off in the cluster', async () => {
    const http = api(server!);
    const workflowId = (await http.post('/api/workflows', { document: seed('pod-workflow', {}) })).json().id;
    const run = await http.post('/api/runs', { workflowId, executor: 'local' });
    expect(run.status).toBe(400);
    expect(run.json().error).toMatchObject({ code: 'executor-disabled', field: 'executor' });
    expect(run.json().error.message).toMatch(/next to its service-account token and database/);
  });

  it('preflight through the API: what the Role does not grant is reported, not a failure', async () => {
    const http = api(server!);
    const workflowId = (await http.post('/api/workflows', { document: seed('pod-workflow', {}) })).json().id;
    const check = (await http.post(`/api/workflows/${workflowId}/preflight`, {})).json();
    // No ClusterRole here: nodes cannot be listed, so node selectors are "not checked" (a warning), and ok stays true.
    expect(check.ok).toBe(true);
    expect(check.diagnostics).toContainEqual(expect.objectContaining({ code: 'preflight-unchecked', severity: 'warning', message: expect.stringMatching(/cannot list nodes/) }));
  });

  it('the Host check holds: the Service names pass, another name is refused', async () => {
    const ok = await send(server!, 'GET', '/api/workflows', { headers: { host: `podflow.podflow.svc:8080` } });
    expect(ok.status).toBe(200);
    const refused = await send(server!, 'GET', '/api/workflows', { headers: { host: 'evil.example:8080' } });
    expect(refused.status).toBe(403);
  });

  it('the Role is enough and no more: a verb it lacks is refused for the service account', async () => {
    const sa = new KubeConfig();
    const cluster = kc.getCurrentCluster()!;
    sa.loadFromOptions({
      clusters: [{ name: 'c', server: cluster.server, caData: cluster.caData, caFile: cluster.caFile }],
      users: [{ name: 'sa', token }],
      contexts: [{ name: 'sa', cluster: 'c', user: 'sa', namespace: ns }],
      currentContext: 'sa',
    });
    const core = sa.makeApiClient(CoreV1Api);
    // granted: list pods
    await expect(core.listNamespacedPod({ namespace: ns })).resolves.toBeDefined();
    // not granted: secrets, pod updates, exec, other namespaces, and RBAC itself
    const code = (p: Promise<unknown>) => p.then(() => 200, (e: { code?: number }) => e.code);
    expect(await code(core.listNamespacedSecret({ namespace: ns }))).toBe(403);
    expect(await code(core.patchNamespacedPod({ namespace: ns, name: 'x', body: {} }))).toBe(403);
    expect(await code(core.listNamespacedPod({ namespace: 'default' }))).toBe(403);
    expect(await code(sa.makeApiClient(RbacAuthorizationV1Api).listNamespacedRole({ namespace: ns }))).toBe(403);
    const review = await sa.makeApiClient(AuthorizationV1Api).createSelfSubjectAccessReview({ body: { spec: { resourceAttributes: { namespace: ns, verb: 'create', resource: 'pods', subresource: 'exec' } } } });
    expect(review.status?.allowed).toBe(false);
  });
});
