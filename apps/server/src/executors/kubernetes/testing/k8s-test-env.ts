import { randomBytes } from 'node:crypto';
import { CoreV1Api, KubeConfig, Watch, type V1Pod } from '@kubernetes/client-node';

/**
 * The test cluster of scripts/k8s (real kube-apiserver + kube-scheduler + etcd, kwok as the kubelet), reached through
 * KUBECONFIG, which scripts/k8s/test-k8s.mjs sets. No controller-manager runs there: a deleted namespace stays
 * Terminating, so every test file works in a fresh namespace and leaves it behind with the throwaway cluster.
 */
export function testKubeConfig(): KubeConfig {
  if (!process.env.KUBECONFIG) {
    throw new Error('KUBECONFIG is not set: run the Kubernetes tests with `node scripts/k8s/test-k8s.mjs OUT.json`');
  }
  const kc = new KubeConfig();
  kc.loadFromDefault();
  return kc;
}

export async function freshNamespace(kc: KubeConfig, prefix: string): Promise<string> {
  const name = `${prefix}-${randomBytes(3).toString('hex')}`.slice(0, 63);
  await kc.makeApiClient(CoreV1Api).createNamespace({ body: { metadata: { name, labels: { 'podflow.test/suite': prefix } } } });
  return name;
}

/** Every pod of a namespace seen by a separate watch: how many existed at once, from ADDED until DELETED. */
export class PodCensus {
  private readonly live = new Set<string>();
  readonly created = new Set<string>();
  readonly deleted = new Set<string>();
  max = 0;
  /** The watch ended before `stop()` (e.g. the API server went away): the census is incomplete. */
  broken = false;
  private controller: AbortController | undefined;
  private done = false;
  private readonly waiters: { test: () => boolean; resolve: () => void }[] = [];

  constructor(
    private readonly kc: KubeConfig,
    private readonly namespace: string,
    private readonly labelSelector: string,
  ) {}

  async start(): Promise<void> {
    const list = await this.kc.makeApiClient(CoreV1Api).listNamespacedPod({ namespace: this.namespace, labelSelector: this.labelSelector });
    for (const pod of list.items) this.add(pod);
    this.controller = await new Watch(this.kc).watch(
      `/api/v1/namespaces/${this.namespace}/pods`,
      { labelSelector: this.labelSelector, resourceVersion: list.metadata?.resourceVersion, allowWatchBookmarks: true },
      (type: string, pod: V1Pod) => {
        if (type === 'ADDED') this.add(pod);
        else if (type === 'DELETED') this.remove(pod);
        this.check();
      },
      () => {
        if (!this.done) this.broken = true;
      },
    );
  }

  get current(): number {
    return this.live.size;
  }

  /** Resolves once `test` holds (checked at every event). */
  until(test: () => boolean): Promise<void> {
    if (test()) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ test, resolve }));
  }

  stop(): void {
    this.done = true;
    this.controller?.abort();
  }

  private add(pod: V1Pod): void {
    const name = pod.metadata!.name!;
    this.created.add(name);
    this.live.add(name);
    this.max = Math.max(this.max, this.live.size);
  }

  private remove(pod: V1Pod): void {
    const name = pod.metadata!.name!;
    this.live.delete(name);
    this.deleted.add(name);
  }

  private check(): void {
    for (const w of [...this.waiters]) {
      if (w.test()) {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        w.resolve();
      }
    }
  }
}

/** Resolves with the pod once `test` holds for it (seen through a watch, from its current state on). */
export function waitForPod(kc: KubeConfig, namespace: string, name: string, test: (pod: V1Pod) => boolean, timeoutMs = 60_000): Promise<V1Pod> {
  let controller: AbortController | undefined;
  let settled = false;
  return new Promise<V1Pod>((resolve, reject) => {
    const finish = (f: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      controller?.abort();
      f();
    };
    const timer = setTimeout(() => finish(() => reject(new Error(`pod ${namespace}/${name} did not reach the expected state in ${timeoutMs} ms`))), timeoutMs);
    new Watch(kc)
      .watch(
        `/api/v1/namespaces/${namespace}/pods`,
        { fieldSelector: `metadata.name=${name}` },
        (type: string, pod: V1Pod) => {
          if (type !== 'DELETED' && test(pod)) finish(() => resolve(pod));
        },
        () => {},
      )
      .then(
        (c) => {
          controller = c;
          if (settled) c.abort();
        },
        (e: unknown) => finish(() => reject(e)),
      );
  });
}

/** Names of the objects of a kind in a namespace that carry Podflow's run label (what an attempt must not leave). */
export async function leftovers(kc: KubeConfig, namespace: string): Promise<{ pods: string[]; configMaps: string[] }> {
  const core = kc.makeApiClient(CoreV1Api);
  const selector = 'podflow/run';
  const [pods, cms] = await Promise.all([core.listNamespacedPod({ namespace, labelSelector: selector }), core.listNamespacedConfigMap({ namespace, labelSelector: selector })]);
  return { pods: pods.items.map((p) => p.metadata!.name!), configMaps: cms.items.map((c) => c.metadata!.name!) };
}
