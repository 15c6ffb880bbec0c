import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { inCluster } from './in-cluster';
import { loadKubeConfig } from './load-kube-config';

describe('loadKubeConfig', () => {
  const saved = { HOME: process.env.HOME, KUBECONFIG: process.env.KUBECONFIG, HOST: process.env.KUBERNETES_SERVICE_HOST, PORT: process.env.KUBERNETES_SERVICE_PORT, ROOT: process.env.PODFLOW_K8S_IN_CLUSTER_ROOT };
  const dir = mkdtempSync(join(tmpdir(), 'podflow-kubeconfig-'));
  const restore = (name: string, value: string | undefined) => (value === undefined ? delete process.env[name] : (process.env[name] = value));
  afterEach(() => {
    restore('HOME', saved.HOME);
    restore('KUBECONFIG', saved.KUBECONFIG);
    restore('KUBERNETES_SERVICE_HOST', saved.HOST);
    restore('KUBERNETES_SERVICE_PORT', saved.PORT);
    restore('PODFLOW_K8S_IN_CLUSTER_ROOT', saved.ROOT);
  });

  it('with no kubeconfig anywhere and not in a cluster, says so (never client-node\'s http://localhost:8080)', () => {
    process.env.HOME = dir;
    delete process.env.KUBECONFIG;
    delete process.env.KUBERNETES_SERVICE_HOST;
    expect(() => loadKubeConfig()).toThrow('cannot read the kubeconfig ~/.kube/config: there is none: set KUBECONFIG, create ~/.kube/config, or run the server in a cluster (deploy/)');
  });

  it('in a cluster: the service account\'s token, CA and namespace', () => {
    const sa = join(dir, 'root/var/run/secrets/kubernetes.io/serviceaccount');
    mkdirSync(sa, { recursive: true });
    writeFileSync(join(sa, 'token'), 'tok');
    writeFileSync(join(sa, 'ca.crt'), 'ca');
    writeFileSync(join(sa, 'namespace'), 'team-a\n');
    process.env.HOME = dir;
    delete process.env.KUBECONFIG;
    process.env.KUBERNETES_SERVICE_HOST = '10.0.0.1';
    process.env.KUBERNETES_SERVICE_PORT = '443';
    process.env.PODFLOW_K8S_IN_CLUSTER_ROOT = join(dir, 'root');
    expect(inCluster()).toEqual({ root: join(dir, 'root'), namespace: 'team-a' });
    const kc = loadKubeConfig();
    expect(kc.getCurrentCluster()).toMatchObject({ server: 'https://10.0.0.1:443', caFile: `${join(dir, 'root')}/var/run/secrets/kubernetes.io/serviceaccount/ca.crt` });
    // a kubeconfig, when there is one, wins
    process.env.KUBECONFIG = join(dir, 'kc.yaml');
    writeFileSync(process.env.KUBECONFIG, 'apiVersion: v1\nkind: Config\nclusters: [{name: c, cluster: {server: "https://example.invalid:6443"}}]\nusers: [{name: u, user: {token: t}}]\ncontexts: [{name: x, context: {cluster: c, user: u}}]\ncurrent-context: x\n');
    expect(loadKubeConfig().getCurrentCluster()?.server).toBe('https://example.invalid:6443');
    rmSync(dir, { recursive: true, force: true });
  });
});
