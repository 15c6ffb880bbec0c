import { createServer, type Server } from 'node:http';
import { KubeConfig } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KubeApi } from './kube-api';

// An API server without API Priority and Fairness (turned off, or older than 1.20) answers without the
// X-Kubernetes-PF-* headers; the real kube-apiserver of the Kubernetes suite has it on (kube-api.k8s.test.ts). This
// stands in for the first: a loopback HTTP server answering the one call made with an empty pod list.
let server: Server;
let kc: KubeConfig;
let requests = 0;
beforeAll(async () => {
  server = createServer((req, res) => {
    requests++;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ apiVersion: 'v1', kind: 'PodList', metadata: { resourceVersion: '1' }, items: [] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'plain', server: `http://127.0.0.1:${port}`, skipTLSVerify: true }],
    users: [{ name: 'u', token: 't' }],
    contexts: [{ name: 'plain', cluster: 'plain', user: 'u' }],
    currentContext: 'plain',
  });
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('KubeApi rate limit, API server without Priority and Fairness', () => {
  it('neither qps nor burst given: keeps the fallback limit of 50 a second, burst 100', async () => {
    const api = new KubeApi(kc, { retrySeconds: 1 });
    const before = requests;
    const list = await api.listPods('default', 'a=b');
    expect(list.items).toEqual([]);
    expect(requests - before).toBe(1);
    expect(api.serverFairness).toBe(false);
    expect(api.limiter.limited).toBe(true);
    // The burst (100, one spent) is granted at once; the 101st call waits for a token.
    const calls = Array.from({ length: 100 }, () => api.listPods('default', 'a=b'));
    await new Promise((resolve) => setImmediate(resolve));
    expect(api.limiter.waiting).toBe(1);
    await Promise.all(calls);
  });
});
