import { setMaxListeners } from 'node:events';
import {
  ApiException,
  FetchError,
  type CoreV1Api,
  PatchStrategy,
  setHeaderOptions,
  type KubeConfig,
  type V1ConfigMap,
  type V1ConfigMapList,
  type V1Pod,
  type V1PodList,
} from '@kubernetes/client-node';
import { AgentPool, pooledCoreApi } from './agent-pool';
import { TokenBucket } from './token-bucket';

export interface KubeApiOptions {
  /**
   * Client-side rate limit: calls per second (0: none) and burst. Neither given: automatic — none once the API server
   * shows it has API Priority and Fairness (on by default since Kubernetes 1.20; it queues and sheds load per client
   * itself, which is why controller-runtime sets no client-side limit either), else 50 a second with a burst of 100.
   */
  qps?: number;
  burst?: number;
  /** How long a call is retried on a transient failure (network, 429, 5xx) before it fails (seconds). */
  retrySeconds: number;
}

/** The HTTP status of a failed API call, when the API server answered. */
export function apiStatus(e: unknown): number | undefined {
  return e instanceof ApiException ? (e.code as number) : undefined;
}

/** The API server's own message for a failed call (its Status), else the error's message. */
export function apiMessage(e: unknown): string {
  if (e instanceof ApiException) {
    const body: unknown = e.body;
    let status: unknown = body;
    if (typeof body === 'string') {
      try {
        status = JSON.parse(body);
      } catch {
        return body.trim() || `HTTP ${e.code}`;
      }
    }
    const message = status && typeof status === 'object' && 'message' in status ? (status as { message: unknown }).message : undefined;
    return typeof message === 'string' && message ? message : `HTTP ${e.code}`;
  }
  return (e as Error)?.message ?? String(e);
}

const NETWORK_REASONS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  EPIPE: 'connection closed',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'its certificate is self-signed and not trusted',
  SELF_SIGNED_CERT_IN_CHAIN: 'its certificate chain is not trusted',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'its certificate cannot be verified',
  CERT_HAS_EXPIRED: 'its certificate has expired',
  ERR_TLS_CERT_ALTNAME_INVALID: 'its certificate does not name this host',
};

/** Why the API server could not be reached (a network or TLS failure, no HTTP answer), in a few words; else undefined. */
export function networkReason(e: unknown): string | undefined {
  if (e instanceof ApiException) return undefined;
  const err = e as { code?: unknown; cause?: { code?: unknown }; message?: unknown } | undefined;
  const code = typeof err?.code === 'string' ? err.code : typeof err?.cause?.code === 'string' ? err.cause.code : undefined;
  if (code && NETWORK_REASONS[code]) return NETWORK_REASONS[code];
  if (e instanceof FetchError) return typeof err?.message === 'string' ? err.message.replace(/^request to \S+ failed, reason: /, '') : 'no answer';
  return undefined;
}

/** "cannot reach the Kubernetes API at https://…: connection refused" — for errors that got no HTTP answer. */
export class UnreachableError extends Error {
  override name = 'UnreachableError';
  constructor(
    readonly server: string,
    readonly reason: string,
  ) {
    super(`cannot reach the Kubernetes API at ${server}: ${reason}`);
  }
}

/** The fallback limit when neither qps nor burst is set and the API server has no Priority and Fairness. */
export const DEFAULT_QPS = 50;
export const DEFAULT_BURST = 100;

/** Response headers that API Priority and Fairness adds to every answer it classified. */
const FAIRNESS_HEADER = 'x-kubernetes-pf-prioritylevel-uid';

/** Worth retrying: the API server was unreachable, overloaded or restarting. */
export function isTransient(e: unknown): boolean {
  if (e instanceof ApiException) return [429, 500, 502, 503, 504].includes(e.code as number);
  if (e instanceof FetchError) return true;
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' && /^(ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|EAI_AGAIN|UND_ERR_.*)$/.test(code);
}

const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });

/**
 * The few API calls the executor makes, each through the client-side rate limiter and retried with backoff while
 * the failure is transient (so a restarting API server delays a run instead of failing it).
 */
export class KubeApi {
  readonly core: CoreV1Api;
  readonly limiter: TokenBucket;
  /** Kept-alive connections for short calls (log streams that follow use their own). */
  readonly agents = new AgentPool();
  private readonly closing = new AbortController();
  /** The API server's URL, as the kubeconfig names it. */
  readonly server: string;
  /** The last transient failure of any call (retried or not): why the API server cannot be reached right now. */
  lastTransientError: unknown;
  /** Calls made (after the rate limiter), for measurements; `logReads` of them read a container's log. */
  calls = 0;
  logReads = 0;
  /** Whether the API server showed API Priority and Fairness in an answer (undefined: no answer yet). */
  serverFairness: boolean | undefined;

  constructor(
    readonly kc: KubeConfig,
    private readonly options: KubeApiOptions,
  ) {
    const automatic = options.qps === undefined && options.burst === undefined;
    this.core = pooledCoreApi(kc, this.agents, (headers) => this.sawAnswer(headers, automatic));
    this.server = kc.getCurrentCluster()?.server ?? 'the configured cluster';
    setMaxListeners(0, this.closing.signal); // every call in flight listens to it
    this.limiter = new TokenBucket(options.qps ?? DEFAULT_QPS, options.burst ?? DEFAULT_BURST);
  }

  /** The first answer tells whether the server limits clients itself; if it does, an automatic limit is lifted. */
  private sawAnswer(headers: Record<string, string>, automatic: boolean): void {
    if (this.serverFairness !== undefined) return;
    this.serverFairness = headers[FAIRNESS_HEADER] !== undefined;
    if (this.serverFairness && automatic) this.limiter.lift();
  }

  /** Waits for a token of the rate limiter (for requests made outside `call`, e.g. log streams). */
  throttle(signal?: AbortSignal): Promise<void> {
    return this.limiter.take(signal ? AbortSignal.any([signal, this.closing.signal]) : this.closing.signal);
  }

  /**
   * One API call: waits for the rate limiter, then retries transient failures with exponential backoff until
   * `retrySeconds` have passed or `signal` aborts; other failures are thrown at once.
   */
  async call<T>(fn: (core: CoreV1Api) => Promise<T>, signal?: AbortSignal): Promise<T> {
    const deadline = Date.now() + this.options.retrySeconds * 1000;
    for (let attempt = 0; ; attempt++) {
      await this.throttle(signal);
      try {
        this.calls++;
        return await fn(this.core);
      } catch (e) {
        if (isTransient(e)) this.lastTransientError = e;
        const stop = signal?.aborted || this.closing.signal.aborted;
        if (!isTransient(e) || stop || Date.now() >= deadline) throw e;
        const retryAfter = e instanceof ApiException ? Number(e.headers?.['retry-after']) : NaN;
        const backoff = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : Math.min(4000, 250 * 2 ** attempt);
        await sleep(backoff * (0.75 + Math.random() * 0.5), signal ? AbortSignal.any([signal, this.closing.signal]) : this.closing.signal);
      }
    }
  }

  createPod(namespace: string, body: V1Pod, signal?: AbortSignal): Promise<V1Pod> {
    return this.call((core) => core.createNamespacedPod({ namespace, body }), signal);
  }

  /** The pod, or undefined when it does not exist. */
  async readPod(namespace: string, name: string): Promise<V1Pod | undefined> {
    try {
      return await this.call((core) => core.readNamespacedPod({ namespace, name }));
    } catch (e) {
      if (apiStatus(e) === 404) return undefined;
      throw e;
    }
  }

  /**
   * Deletes a pod, only if it is still the one with `uid`: `gone` when it no longer exists (or the name now belongs
   * to another pod), `deleting` when the API server accepted the deletion.
   */
  async deletePod(namespace: string, name: string, uid: string | undefined, gracePeriodSeconds: number): Promise<'deleting' | 'gone'> {
    try {
      await this.call((core) =>
        core.deleteNamespacedPod({ namespace, name, gracePeriodSeconds, ...(uid ? { body: { preconditions: { uid } } } : {}) }),
      );
      return 'deleting';
    } catch (e) {
      const status = apiStatus(e);
      if (status === 404 || status === 409) return 'gone';
      throw e;
    }
  }

  /**
   * Deletes every pod that matches a label selector in one call (`deletecollection`); the namespace's watch reports
   * each one gone. Used with `podflow/pod in (…)`, which names exactly the pods meant (pod-reaper.ts).
   */
  async deletePods(namespace: string, labelSelector: string, gracePeriodSeconds: number): Promise<void> {
    await this.call((core) => core.deleteCollectionNamespacedPod({ namespace, labelSelector, gracePeriodSeconds }));
  }

  /** Creates a ConfigMap; `exists` when one of that name is already there. */
  async createConfigMap(namespace: string, body: V1ConfigMap, signal?: AbortSignal): Promise<'created' | 'exists'> {
    try {
      await this.call((core) => core.createNamespacedConfigMap({ namespace, body }), signal);
      return 'created';
    } catch (e) {
      if (apiStatus(e) === 409) return 'exists';
      throw e;
    }
  }

  async deleteConfigMap(namespace: string, name: string): Promise<void> {
    try {
      await this.call((core) => core.deleteNamespacedConfigMap({ namespace, name }));
    } catch (e) {
      if (apiStatus(e) !== 404) throw e;
    }
  }

  /** Makes `pod` the owner of a ConfigMap, so that garbage collection removes it should the executor not. */
  async setOwner(namespace: string, configMap: string, pod: V1Pod): Promise<void> {
    const owner = { apiVersion: 'v1', kind: 'Pod', name: pod.metadata!.name!, uid: pod.metadata!.uid! };
    await this.call((core) =>
      core.patchNamespacedConfigMap(
        { namespace, name: configMap, body: { metadata: { ownerReferences: [owner] } } },
        setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
      ),
    );
  }

  listPods(namespace: string, labelSelector: string, signal?: AbortSignal): Promise<V1PodList> {
    return this.call((core) => core.listNamespacedPod({ namespace, labelSelector }), signal);
  }

  listConfigMaps(namespace: string, labelSelector: string): Promise<V1ConfigMapList> {
    return this.call((core) => core.listNamespacedConfigMap({ namespace, labelSelector }));
  }

  /** Stops retries and rejects calls waiting for the rate limiter. */
  close(): void {
    this.closing.abort(new Error('the Kubernetes executor was closed'));
    this.limiter.close(new Error('the Kubernetes executor was closed'));
    this.agents.destroy();
  }
}

export { sleep };
