import { setMaxListeners } from 'node:events';
import type { KubeConfig, V1ConfigMap, V1Pod } from '@kubernetes/client-node';
import { ANNOTATION, DEFAULT_NAMESPACE, LABEL, toLabelValue } from '@podflow/core';
import { attemptFailure, type AttemptRequest, type AttemptResult, type AttemptSink, type Executor } from '../executor';
import { KubeApi } from './kube-api';
import { loadKubeConfig } from './load-kube-config';
import { NamespaceEventWatch } from './namespace-event-watch';
import { NamespacePodWatch } from './namespace-pod-watch';
import { PodAttempt, type AttemptHost, type AttemptSettings } from './pod-attempt';
import { PodReaper } from './pod-reaper';

export interface KubernetesExecutorOptions {
  /** A kubeconfig file (default: `$KUBECONFIG`, else `~/.kube/config`, else in-cluster). */
  kubeconfigPath?: string;
  /** A context of the kubeconfig (default: its current context). */
  context?: string;
  /** An already loaded kubeconfig; `kubeconfigPath` and `context` are then ignored. */
  kubeConfig?: KubeConfig;
  /** Where pods and ConfigMaps go (default: the compiled objects' own namespace, i.e. the workflow's). */
  namespace?: string;
  /** Client-side rate limit of API calls: calls per second (0: none) and burst; neither: automatic (kube-api.ts). */
  qps?: number;
  burst?: number;
  /** A pod the scheduler cannot place fails after this long, with the scheduler's message (default 60). */
  unschedulableTimeoutSeconds?: number;
  /** ErrImagePull / ImagePullBackOff fail the attempt after this long (default 60). */
  imagePullGraceSeconds?: number;
  /** CreateContainerConfigError and its kin fail the attempt after this long (default 10). */
  configErrorGraceSeconds?: number;
  /**
   * A pod waiting in ContainerCreating with a Warning Event that says why (FailedMount, FailedCreatePodSandBox…)
   * fails after this long, with that reason, instead of waiting for its timeout (default 120).
   */
  stuckGraceSeconds?: number;
  /** Cap on a pod's terminationGracePeriodSeconds when the executor deletes it (default 30). */
  maxGracePeriodSeconds?: number;
  /** How long a deleted pod may linger beyond its grace period before it is force-deleted (default 60). */
  deleteWaitSeconds?: number;
  /** How long API calls are retried while the API server is unreachable or overloaded (default 60). */
  apiRetrySeconds?: number;
  /**
   * A run whose cluster cannot be reached fails after this long (default 60): an attempt waits at most this for the
   * namespace's first pod list, then fails with "cannot reach the Kubernetes API at URL: connection refused".
   */
  unreachableSeconds?: number;
  /** Diagnostics (watch reconnects, failed clean-ups); default: none. */
  log?: (message: string) => void;
}

/** A pod of a run found after a restart, ready to be waited on again. */
export interface ReattachedAttempt {
  podName: string;
  namespace: string;
  /** `NODE`, `NODE[i]`, `NODE/CHILD` (the pod's `podflow/execution` annotation). */
  executionId: string;
  nodeId: string;
  attempt: number;
  /**
   * Waits for the pod as `runAttempt` would have: streams its logs into `sink` (lines at or before `logsAfter`, epoch
   * ms, are skipped — they were stored before the restart), applies `timeoutSeconds` from the pod's creation, and
   * deletes it and its per-attempt ConfigMaps at the end. Abort `signal` to cancel it instead.
   */
  resume(sink: AttemptSink, signal: AbortSignal, options?: { timeoutSeconds?: number; logsAfter?: number }): Promise<AttemptResult>;
}

const MANAGED = `${LABEL.managedBy}=podflow`;
/** Shared code ConfigMaps are re-checked this often (someone may have deleted one). */
const SHARED_CONFIGMAP_TTL_MS = 10 * 60 * 1000;

/**
 * Runs compiled pods on a Kubernetes cluster (DESIGN.md §4 "Kubernetes executor"). One watch per namespace feeds
 * every attempt; API calls go through one client-side rate limiter. The shared code ConfigMaps (immutable, named by
 * content) are created once and left in place for reuse; everything else an attempt creates is deleted by it.
 */
export class KubernetesExecutor implements Executor {
  readonly name = 'kubernetes';
  readonly api: KubeApi;
  readonly kubeConfig: KubeConfig;
  private readonly settings: AttemptSettings;
  private readonly watches = new Map<string, NamespacePodWatch>();
  private readonly eventWatches = new Map<string, NamespaceEventWatch>();
  private readonly reapers = new Map<string, PodReaper>();
  private readonly shared = new Map<string, { done: Promise<void>; at: number }>();
  private readonly closing = new AbortController();
  private readonly inFlight = new Set<Promise<AttemptResult>>();
  private readonly log: (message: string) => void;
  private closed: Promise<void> | undefined;

  constructor(private readonly options: KubernetesExecutorOptions = {}) {
    this.kubeConfig = options.kubeConfig ?? loadKubeConfig(options);
    this.api = new KubeApi(this.kubeConfig, { qps: options.qps, burst: options.burst, retrySeconds: options.apiRetrySeconds ?? 60 });
    this.settings = {
      unschedulableSeconds: options.unschedulableTimeoutSeconds ?? 60,
      imagePullGraceSeconds: options.imagePullGraceSeconds ?? 60,
      configErrorGraceSeconds: options.configErrorGraceSeconds ?? 10,
      maxGracePeriodSeconds: options.maxGracePeriodSeconds ?? 30,
      deleteWaitSeconds: options.deleteWaitSeconds ?? 60,
      logRetrySeconds: Math.min(options.apiRetrySeconds ?? 60, 60),
      stuckGraceSeconds: options.stuckGraceSeconds ?? 120,
    };
    this.log = options.log ?? (() => {});
    setMaxListeners(0, this.closing.signal); // every attempt in flight listens to it
  }

  /** The namespace an attempt of this compiled pod runs in. */
  namespaceOf(pod: { metadata?: { namespace?: string } }): string {
    return this.options.namespace ?? pod.metadata?.namespace ?? DEFAULT_NAMESPACE;
  }

  runAttempt(request: AttemptRequest, sink: AttemptSink, signal: AbortSignal): Promise<AttemptResult> {
    return this.track(this.attempt(request, sink, signal));
  }

  private async attempt(request: AttemptRequest, sink: AttemptSink, signal: AbortSignal): Promise<AttemptResult> {
    try {
      if (this.closing.signal.aborted) return attemptFailure('cancelled', 'the Kubernetes executor was closed');
      const { pod, configMaps } = request.compiled;
      const name = pod.metadata?.name;
      if (!name) return attemptFailure('config', 'the compiled pod has no name');
      const primary = pod.metadata?.annotations?.[ANNOTATION.primaryContainer] ?? 'primary';
      if (!(pod.spec?.containers ?? []).some((c) => c.name === primary)) {
        return attemptFailure('config', `the pod has no container "${primary}" (the primary, named by the ${ANNOTATION.primaryContainer} annotation)`);
      }
      const namespace = this.namespaceOf(pod);
      // The only change to the compiled objects: the namespace they are created in (a run-time value).
      const place = <T extends { metadata?: object }>(o: T): T => ({ ...o, metadata: { ...o.metadata, namespace } });
      const perAttempt = configMaps.filter((cm) => cm.metadata?.labels?.[LABEL.run] !== undefined);
      const shared = configMaps.filter((cm) => !perAttempt.includes(cm));
      const attempt = new PodAttempt(this.host(namespace), name, primary, sink, signal, request.timeoutSeconds, this.closing.signal);
      return await attempt.run({
        kind: 'create',
        pod: place(pod) as unknown as V1Pod,
        shared: shared.map(place) as unknown as V1ConfigMap[],
        perAttempt: perAttempt.map(place) as unknown as V1ConfigMap[],
      });
    } catch (e) {
      return attemptFailure('system', `the Kubernetes executor failed: ${(e as Error).message}`);
    }
  }

  /**
   * The pods of a run that are still there (after a server restart), by the `podflow/run` label, in `namespace`
   * (default: the executor's namespace, else `default`). Nothing is waited on until `resume` is called.
   */
  async reattach(runId: string, options: { namespace?: string } = {}): Promise<ReattachedAttempt[]> {
    const namespace = options.namespace ?? this.options.namespace ?? DEFAULT_NAMESPACE;
    const selector = `${MANAGED},${LABEL.run}=${toLabelValue(runId)}`;
    const [pods, configMaps] = await Promise.all([this.api.listPods(namespace, selector), this.api.listConfigMaps(namespace, selector)]);
    return pods.items.flatMap((pod): ReattachedAttempt[] => {
      const podName = pod.metadata?.name;
      if (!podName) return [];
      const uid = pod.metadata?.uid;
      const labels = pod.metadata?.labels ?? {};
      const perAttempt = configMaps.items
        .filter((cm) => cm.metadata?.ownerReferences?.some((o) => o.uid === uid) || cm.metadata?.name === `${podName}-inputs`)
        .map((cm) => cm.metadata!.name!);
      const primary = pod.metadata?.annotations?.[ANNOTATION.primaryContainer] ?? 'primary';
      return [
        {
          podName,
          namespace,
          executionId: pod.metadata?.annotations?.[ANNOTATION.execution] ?? labels[LABEL.node] ?? podName,
          nodeId: labels[LABEL.node] ?? '',
          attempt: Number(labels[LABEL.attempt] ?? 0),
          resume: (sink, signal, resumeOptions = {}) => {
            if (this.closing.signal.aborted) return Promise.resolve(attemptFailure('cancelled', 'the Kubernetes executor was closed'));
            const attempt = new PodAttempt(this.host(namespace), podName, primary, sink, signal, resumeOptions.timeoutSeconds, this.closing.signal, resumeOptions.logsAfter);
            return this.track(
              attempt.run({ kind: 'adopt', pod, perAttempt }).catch((e: unknown) => attemptFailure('system', `the Kubernetes executor failed: ${(e as Error).message}`)),
            );
          },
        },
      ];
    });
  }

  /** Cancels every attempt still running (their pods are deleted), then stops the watches. Idempotent. */
  close(): Promise<void> {
    this.closed ??= (async () => {
      this.closing.abort();
      await Promise.all(this.inFlight);
      for (const watch of this.watches.values()) watch.close();
      this.watches.clear();
      for (const watch of this.eventWatches.values()) watch.close();
      this.eventWatches.clear();
      this.api.close();
    })();
    return this.closed;
  }

  /** The namespace's shared watch (started on first use), for tests and diagnostics. */
  watchOf(namespace: string): NamespacePodWatch {
    let watch = this.watches.get(namespace);
    if (!watch) {
      watch = new NamespacePodWatch(this.api, namespace, MANAGED, this.log, this.options.unreachableSeconds ?? 60);
      this.watches.set(namespace, watch);
    }
    return watch;
  }

  /** The namespace's shared watch of Events about pods (started on first use). */
  eventsOf(namespace: string): NamespaceEventWatch {
    let watch = this.eventWatches.get(namespace);
    if (!watch) {
      watch = new NamespaceEventWatch(this.api, namespace, this.log);
      this.eventWatches.set(namespace, watch);
    }
    return watch;
  }

  /** The namespace's batch deleter of ended pods (started on first use). */
  reaperOf(namespace: string): PodReaper {
    let reaper = this.reapers.get(namespace);
    if (!reaper) {
      reaper = new PodReaper(this.api, namespace, this.log);
      this.reapers.set(namespace, reaper);
    }
    return reaper;
  }

  private host(namespace: string): AttemptHost {
    return {
      api: this.api,
      watch: this.watchOf(namespace),
      events: this.eventsOf(namespace),
      reaper: this.reaperOf(namespace),
      namespace,
      settings: this.settings,
      log: this.log,
      ensureSharedConfigMap: (cm) => this.ensureShared(namespace, cm),
    };
  }

  private ensureShared(namespace: string, cm: V1ConfigMap): Promise<void> {
    const key = `${namespace}/${cm.metadata?.name}`;
    const known = this.shared.get(key);
    if (known && Date.now() - known.at < SHARED_CONFIGMAP_TTL_MS) return known.done;
    const done = this.api.createConfigMap(namespace, cm).then(() => undefined);
    this.shared.set(key, { done, at: Date.now() });
    done.catch(() => {
      if (this.shared.get(key)?.done === done) this.shared.delete(key);
    });
    return done;
  }

  private track(attempt: Promise<AttemptResult>): Promise<AttemptResult> {
    this.inFlight.add(attempt);
    void attempt.finally(() => this.inFlight.delete(attempt));
    return attempt;
  }
}
