import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, podflow, repoRoot } from '../../cli/cli-harness';
import { api } from '../../http/__fixtures__/http-client';
import { startServerProcess, tempDataDir } from '../../http/__fixtures__/server-process';
import { createKubernetesExecutor } from './index';

// issue #12: a Kubernetes run whose cluster cannot be reached fails within a bounded time (60 s by default, set by
// --unreachable-seconds / PODFLOW_K8S_UNREACHABLE_SECONDS) with the reason on the run and on the node.
const dir = mkdtempSync(join(tmpdir(), 'podflow-unreachable-'));
let server = '';
let kubeconfig = '';
const seed = join(repoRoot, 'examples', 'seed', 'pod-workflow.podflow.yaml');

/** A loopback port where nothing listens (bound, then released). */
async function deadPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

beforeAll(async () => {
  server = `https://127.0.0.1:${await deadPort()}`;
  kubeconfig = join(dir, 'kubeconfig');
  writeFileSync(
    kubeconfig,
    [
      'apiVersion: v1',
      'kind: Config',
      'clusters: [{name: dead, cluster: {server: "' + server + '", insecure-skip-tls-verify: true}}]',
      'users: [{name: u, user: {token: some-token}}]',
      'contexts: [{name: dead, context: {cluster: dead, user: u}}]',
      'current-context: dead',
      '',
    ].join('\n'),
  );
  buildCli();
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const reason = () => `cannot reach the Kubernetes API at ${server}: connection refused`;

describe('a cluster that cannot be reached', () => {
  it('fails an attempt after unreachableSeconds with the server and the reason', async () => {
    const executor = createKubernetesExecutor({ kubeconfigPath: kubeconfig, unreachableSeconds: 1, apiRetrySeconds: 0.2 });
    try {
      const pod = { metadata: { name: 'p', namespace: 'default', annotations: {} }, spec: { containers: [{ name: 'primary', image: 'x' }] } };
      const started = Date.now();
      const result = await executor.runAttempt(
        { compiled: { pod, configMaps: [] } as never, runId: 'r', executionId: 'n', attempt: 0 },
        { log: () => {} },
        new AbortController().signal,
      );
      expect(result).toEqual({ ok: false, kind: 'system', reason: reason() });
      expect(Date.now() - started).toBeLessThan(30_000); // bounded (the bound itself is 1 s)
      // A retry does not wait the bound again: the watch already knows the cluster is unreachable.
      const again = await executor.runAttempt(
        { compiled: { pod, configMaps: [] } as never, runId: 'r', executionId: 'n', attempt: 1 },
        { log: () => {} },
        new AbortController().signal,
      );
      expect(again).toEqual({ ok: false, kind: 'system', reason: reason() });
    } finally {
      await executor.close();
    }
  }, 60_000);

  it('the built CLI: run --executor kubernetes fails with exit 1 and the reason (flag and environment)', () => {
    const r = podflow(['run', seed, '--executor', 'kubernetes', '--kubeconfig', kubeconfig, '--unreachable-seconds', '2', '--json', '--data-dir', join(dir, 'cli')]);
    expect(r.status).toBe(1);
    const out = JSON.parse(r.stdout) as { status: string; error?: string };
    expect(out.status).toBe('failed');
    expect(out.error).toContain(reason());
    const env = podflow(['run', seed, '--executor', 'kubernetes', '--json', '--data-dir', join(dir, 'cli')], {
      env: { KUBECONFIG: kubeconfig, PODFLOW_K8S_UNREACHABLE_SECONDS: '1' },
    });
    expect(env.status).toBe(1);
    expect((JSON.parse(env.stdout) as { error?: string }).error).toContain(reason());
  }, 120_000);

  it('the built CLI refuses a bound that is not a positive number (exit 2)', () => {
    const r = podflow(['run', seed, '--executor', 'kubernetes', '--kubeconfig', kubeconfig, '--unreachable-seconds', 'soon']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--unreachable-seconds must be a positive number of seconds, not "soon"');
    const env = podflow(['run', seed, '--executor', 'kubernetes', '--kubeconfig', kubeconfig], { env: { PODFLOW_K8S_UNREACHABLE_SECONDS: '-3' } });
    expect(env.status).toBe(2);
    expect(env.stderr).toContain('PODFLOW_K8S_UNREACHABLE_SECONDS must be a positive number of seconds, not "-3"');
  });

  it('the built CLI: preflight exits 3 naming the server and why', () => {
    const r = podflow(['preflight', seed, '--kubeconfig', kubeconfig]);
    expect(r.status).toBe(3);
    expect(r.stderr).toContain(`error[preflight-unreachable]: ${reason()}`);
  }, 60_000);

  it('the built server: the run fails with the reason on the run and on the node', async () => {
    const data = tempDataDir();
    const proc = await startServerProcess({ dataDir: data.dir, env: { KUBECONFIG: kubeconfig, PODFLOW_K8S_UNREACHABLE_SECONDS: '2' } });
    try {
      const http = api(proc);
      const { parse } = await import('yaml');
      const { readFileSync } = await import('node:fs');
      const workflowId = (await http.post('/api/workflows', { document: parse(readFileSync(seed, 'utf8')) })).json().id;
      const created = await http.post('/api/runs', { workflowId, executor: 'kubernetes' });
      expect(created.status).toBe(201);
      const runId = created.json().id;
      await expect.poll(async () => (await http.get(`/api/runs/${runId}`)).json().status, { timeout: 45_000, interval: 250 }).toBe('failed');
      const run = (await http.get(`/api/runs/${runId}`)).json();
      expect(run.error).toContain(reason());
      expect(run.executions[0]).toMatchObject({ status: 'failed' });
      expect(run.executions[0].reason).toContain(reason());

      // preflight through the API: the unreachable cluster is a diagnostic (200, ok false); bad requests are 4xx
      const check = await http.post(`/api/workflows/${workflowId}/preflight`, {});
      expect(check.status, check.text).toBe(200);
      expect(check.json()).toMatchObject({ ok: false, diagnostics: [{ code: 'preflight-unreachable', severity: 'error', message: reason() }] });
      expect((await http.post('/api/workflows/wf_0123456789abcdef0123/preflight', {})).status).toBe(404);
      expect((await http.post(`/api/workflows/${workflowId}/preflight`, { kubernetes: { namespace: 'Not_A_Name' } })).json().error).toMatchObject({ field: 'kubernetes.namespace' });
      const noContext = await http.post(`/api/workflows/${workflowId}/preflight`, { kubernetes: { context: 'no-such-context' } });
      expect(noContext.status).toBe(400);
      expect(noContext.json().error).toMatchObject({ code: 'executor-unavailable', field: 'kubernetes', message: expect.stringContaining('no context "no-such-context"') });
      const broken = await http.post('/api/workflows', { document: { apiVersion: 'podflow/v1alpha1', kind: 'Workflow', metadata: { name: 'broken' }, spec: { tasks: [{ name: 't', type: 'python', code: 'def t(:\n' }], nodes: [{ id: 't', task: 't' }] } } });
      const invalid = await http.post(`/api/workflows/${broken.json().id}/preflight`, {});
      expect(invalid.status).toBe(422);
      expect(invalid.json().error.code).toBe('invalid-workflow');
    } finally {
      await proc.stop();
      data.cleanup();
    }
  }, 120_000);
});
