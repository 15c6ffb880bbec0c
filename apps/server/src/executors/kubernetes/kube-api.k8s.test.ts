import type { KubeConfig } from '@kubernetes/client-node';
import { beforeAll, describe, expect, it } from 'vitest';
import { KubeApi } from './kube-api';
import { freshNamespace, testKubeConfig } from './testing/k8s-test-env';

// The executor's client-side limit of API calls against the real kube-apiserver, which has API Priority and Fairness
// (on by default since Kubernetes 1.20) and says so in every answer's X-Kubernetes-PF-* headers.
let kc: KubeConfig;
let ns: string;
beforeAll(async () => {
  kc = testKubeConfig();
  ns = await freshNamespace(kc, 'kube-api');
});

describe('KubeApi rate limit', () => {
  it('neither qps nor burst given: lifted after the first answer shows the server limits clients itself', async () => {
    const api = new KubeApi(kc, { retrySeconds: 5 });
    expect(api.limiter.limited).toBe(true); // 50 a second, burst 100, until the server has answered
    await api.listPods(ns, 'podflow/run=none');
    expect(api.serverFairness).toBe(true);
    expect(api.limiter.limited).toBe(false);
    // 150 calls at once: more than the fallback's burst, and none waits for a token.
    const calls = Array.from({ length: 150 }, () => api.listPods(ns, 'podflow/run=none'));
    expect(api.limiter.waiting).toBe(0);
    await Promise.all(calls);
    api.agents.destroy();
  });

  it('a limit the user set is kept, whatever the server does', async () => {
    for (const options of [{ qps: 5 }, { burst: 3 }, { qps: 20, burst: 40 }]) {
      const api = new KubeApi(kc, { ...options, retrySeconds: 5 });
      await api.listPods(ns, 'podflow/run=none');
      expect(api.serverFairness).toBe(true);
      expect(api.limiter.limited, JSON.stringify(options)).toBe(true);
      api.agents.destroy();
    }
  });
});
