import type { V1Pod } from '@kubernetes/client-node';
import { apiMessage, apiStatus, networkReason, sleep, UnreachableError, type KubeApi } from './kube-api';
import { watchOnce, type WatchEnd } from './watch-once';

export type PodEvent =
  | { type: 'upsert'; pod: V1Pod }
  | { type: 'deleted'; pod: V1Pod }
  /** A re-list did not contain the pod: it may have been deleted while the watch was down, or not be created yet. */
  | { type: 'absent' }
  /** The watch lost the API server, or found it again (see `downSince`). */
  | { type: 'connection' };

type Listener = (event: PodEvent) => void;

/**
 * ONE watch of Podflow's pods in a namespace, shared by every attempt there (no polling): list, then watch from the
 * list's resourceVersion with bookmarks; after a disconnect it resumes from the last resourceVersion seen, and when
 * that has expired (410 Gone) it lists again and reports what changed meanwhile — including pods that vanished.
 * Listeners subscribe by pod name.
 */
export class NamespacePodWatch {
  private readonly pods = new Map<string, V1Pod>();
  private readonly listeners = new Map<string, Set<Listener>>();
  private resourceVersion: string | undefined;
  private current: AbortController | undefined;
  private readonly closing = new AbortController();
  private synced = false;
  /** Why listing failed for good (401/403): attempts waiting for the first list fail instead of waiting forever. */
  private refused: unknown;
  private readonly readyWaiters = new Set<{ resolve: () => void; reject: (e: unknown) => void }>();
  /** Since when the watch has had no successful list (epoch ms; undefined once synced). */
  private unsyncedSince: number | undefined = Date.now();
  /** The last failure of listing while unsynced, to say why the API server cannot be reached. */
  private lastFailure: unknown;
  /** The last error that ended a watch connection (why the API server is out of reach, after the first sync). */
  private lastWatchError: unknown;
  /** Since when (epoch ms) the watch has failed to list or watch, after having synced; undefined while it works. */
  downSince: number | undefined;
  /** How often it listed, (re)connected, found its resourceVersion expired, or failed — for tests and diagnostics. */
  readonly stats = { lists: 0, watches: 0, expired: 0, failures: 0 };

  constructor(
    private readonly api: KubeApi,
    readonly namespace: string,
    private readonly labelSelector: string,
    private readonly log: (message: string) => void = () => {},
    /** `ready` rejects with an UnreachableError once no list has succeeded for this long (seconds). */
    private readonly unreachableSeconds = 60,
  ) {
    void this.loop();
  }

  /**
   * Resolves once the first list has been read (events for pods created after that are never missed); rejects when
   * the API server refuses the list (401/403), when no list has succeeded for `unreachableSeconds` (an
   * UnreachableError naming the server and why), or when `signal` aborts. Once past that bound, later calls reject at
   * once until a list succeeds again, so retries of an attempt do not each wait the bound again.
   */
  ready(signal?: AbortSignal): Promise<void> {
    if (this.synced) return Promise.resolve();
    if (this.refused !== undefined) return Promise.reject(this.refused);
    if (signal?.aborted) return Promise.reject(signal.reason);
    const deadline = (this.unsyncedSince ?? Date.now()) + this.unreachableSeconds * 1000;
    if (Date.now() >= deadline) return Promise.reject(this.unreachable());
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => waiter.reject(this.unreachable()), deadline - Date.now());
      const onAbort = () => waiter.reject(signal!.reason);
      const waiter = {
        resolve: () => {
          clearTimeout(timer);
          this.readyWaiters.delete(waiter);
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
        reject: (e: unknown) => {
          clearTimeout(timer);
          this.readyWaiters.delete(waiter);
          signal?.removeEventListener('abort', onAbort);
          reject(e);
        },
      };
      this.readyWaiters.add(waiter);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** Why the API server is out of reach (for attempts that give up after `unreachableSeconds` without it). */
  unreachableError(): UnreachableError {
    return this.unreachable();
  }

  /** How long attempts may wait for a lost API server (seconds). */
  get unreachableBound(): number {
    return this.unreachableSeconds;
  }

  private down(): void {
    if (!this.synced || this.downSince !== undefined || this.closing.signal.aborted) return;
    this.downSince = Date.now();
    for (const name of [...this.listeners.keys()]) this.emit(name, { type: 'connection' });
  }

  private up(): void {
    if (this.downSince === undefined) return;
    this.downSince = undefined;
    for (const name of [...this.listeners.keys()]) this.emit(name, { type: 'connection' });
  }

  private unreachable(): UnreachableError {
    const failure = (this.synced ? this.lastWatchError : this.lastFailure) ?? this.api.lastTransientError;
    const reason = networkReason(failure);
    if (reason) return new UnreachableError(this.api.server, reason);
    const why = failure === undefined ? 'no answer' : apiMessage(failure);
    return new UnreachableError(this.api.server, `no answer to the pod watch for ${this.unreachableSeconds}s (${why})`);
  }

  /** The last state seen of a pod. */
  get(name: string): V1Pod | undefined {
    return this.pods.get(name);
  }

  /** Events of the pod with this name, until the returned function is called. */
  subscribe(name: string, listener: Listener): () => void {
    let set = this.listeners.get(name);
    if (!set) this.listeners.set(name, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0 && this.listeners.get(name) === set) this.listeners.delete(name);
    };
  }

  close(): void {
    this.closing.abort();
    this.current?.abort();
  }

  private emit(name: string, event: PodEvent): void {
    for (const listener of [...(this.listeners.get(name) ?? [])]) {
      try {
        listener(event);
      } catch (e) {
        this.log(`a listener of pod ${this.namespace}/${name} failed: ${(e as Error).message}`);
      }
    }
  }

  private async loop(): Promise<void> {
    let failures = 0;
    while (!this.closing.signal.aborted) {
      try {
        if (this.resourceVersion === undefined) await this.relist();
        const end = await this.watchOnce();
        if (end === 'expired') {
          this.stats.expired++;
          this.resourceVersion = undefined;
          failures = 0;
          continue;
        }
        if (end === 'closed') {
          this.up();
          failures = 0;
          continue;
        }
        this.down();
      } catch (e) {
        if (this.closing.signal.aborted) break;
        this.log(`listing pods in ${this.namespace} failed: ${apiMessage(e)}`);
        if (!this.synced) this.lastFailure = e;
        this.down();
        const status = apiStatus(e);
        if (!this.synced && (status === 401 || status === 403)) {
          this.refused = e;
          for (const waiter of [...this.readyWaiters]) waiter.reject(e);
          this.readyWaiters.clear();
        }
      }
      this.stats.failures++;
      failures++;
      await sleep(Math.min(5000, 100 * 2 ** Math.min(failures, 6)) * (0.75 + Math.random() * 0.5), this.closing.signal);
    }
  }

  private async relist(): Promise<void> {
    const list = await this.api.listPods(this.namespace, this.labelSelector, this.closing.signal);
    if (this.closing.signal.aborted) return;
    this.stats.lists++;
    const seen = new Set<string>();
    for (const pod of list.items) {
      const name = pod.metadata?.name;
      if (!name) continue;
      seen.add(name);
      const old = this.pods.get(name);
      this.pods.set(name, pod);
      if (old?.metadata?.resourceVersion !== pod.metadata?.resourceVersion) this.emit(name, { type: 'upsert', pod });
    }
    for (const [name, old] of [...this.pods]) {
      if (seen.has(name)) continue;
      this.pods.delete(name);
      this.emit(name, { type: 'deleted', pod: old });
    }
    for (const name of [...this.listeners.keys()]) if (!seen.has(name)) this.emit(name, { type: 'absent' });
    this.resourceVersion = list.metadata?.resourceVersion;
    this.synced = true;
    this.up();
    this.unsyncedSince = undefined;
    this.lastFailure = undefined;
    this.refused = undefined;
    for (const waiter of [...this.readyWaiters]) waiter.resolve();
    this.readyWaiters.clear();
  }

  /** One watch connection: resolves how it ended. */
  private watchOnce(): Promise<WatchEnd> {
    this.stats.watches++;
    return watchOnce(this.api, {
      path: `/api/v1/namespaces/${encodeURIComponent(this.namespace)}/pods`,
      query: { labelSelector: this.labelSelector, resourceVersion: this.resourceVersion },
      closing: this.closing.signal,
      onConnected: (ac) => {
        this.current = ac;
        this.up(); // connected: the API server answers again
      },
      onErrorStatus: (status) => {
        if (status?.code !== 410) this.log(`the pod watch in ${this.namespace} reported: ${status?.message ?? 'an error'}`);
      },
      onFailure: (err) => (this.lastWatchError = err),
      onObject: (type, obj) => {
        this.up();
        const pod = obj as V1Pod;
        const rv = pod?.metadata?.resourceVersion;
        if (rv) this.resourceVersion = rv;
        if (type === 'BOOKMARK') return;
        const name = pod?.metadata?.name;
        if (!name) return;
        if (type === 'DELETED') {
          this.pods.delete(name);
          this.emit(name, { type: 'deleted', pod });
        } else if (type === 'ADDED' || type === 'MODIFIED') {
          this.pods.set(name, pod);
          this.emit(name, { type: 'upsert', pod });
        }
      },
    });
  }
}
