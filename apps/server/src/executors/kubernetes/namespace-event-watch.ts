import type { CoreV1Event } from '@kubernetes/client-node';
import { apiMessage, apiStatus, sleep, type KubeApi } from './kube-api';
import { watchOnce, type WatchEnd } from './watch-once';

/** One Kubernetes Event about a pod, as an attempt hears it. */
export interface PodEventNotice {
  /** The pod's uid (the Event's involvedObject.uid), to tell apart pods of the same name. */
  podUid: string | undefined;
  type: string;
  reason: string;
  message: string;
  /** How often the Event has happened (Kubernetes folds repeats into one Event with a count). */
  count: number;
  /** Who reported it (kube-scheduler, kubelet, kwok…). */
  source: string;
}

type Listener = (notice: PodEventNotice) => void;

/** Events kept for pods nobody listens to yet (an attempt re-attached after a restart hears what it missed). */
const KEEP_PER_POD = 8;
const KEEP_PODS = 2000;

/**
 * ONE watch of the Events about pods in a namespace (`involvedObject.kind=Pod`), shared by every attempt there, like
 * the pod watch: list, then watch from the list's resourceVersion; after a disconnect it resumes, and when the
 * resourceVersion has expired (410) it lists again. Each change of an Event (a new Event, or a repeat that raised its
 * count) reaches the listeners of its pod once. Started on first use; if the API server refuses it (403: the Role
 * lacks list/watch events), it says so once and stops — pods are still followed, only without their Events.
 */
export class NamespaceEventWatch {
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly recent = new Map<string, PodEventNotice[]>();
  private readonly seen = new Map<string, string>();
  private resourceVersion: string | undefined;
  private current: AbortController | undefined;
  private readonly closing = new AbortController();
  private started = false;
  /** For tests and diagnostics. */
  readonly stats = { lists: 0, watches: 0, failures: 0, delivered: 0 };

  constructor(
    private readonly api: KubeApi,
    readonly namespace: string,
    private readonly log: (message: string) => void = () => {},
  ) {}

  /** Events about the pod with this name (those already heard first), until the returned function is called. */
  subscribe(podName: string, listener: Listener): () => void {
    if (!this.started) {
      this.started = true;
      void this.loop();
    }
    let set = this.listeners.get(podName);
    if (!set) this.listeners.set(podName, (set = new Set()));
    set.add(listener);
    for (const notice of this.recent.get(podName) ?? []) listener(notice);
    return () => {
      set.delete(listener);
      if (set.size === 0 && this.listeners.get(podName) === set) this.listeners.delete(podName);
    };
  }

  close(): void {
    this.closing.abort();
    this.current?.abort();
  }

  private deliver(event: CoreV1Event): void {
    const name = event.involvedObject?.name;
    const uid = event.metadata?.uid;
    if (!name || !uid) return;
    const count = event.series?.count ?? event.count ?? 1;
    const version = `${count}/${event.message ?? ''}`;
    if (this.seen.get(uid) === version) return; // a re-list repeats what was heard
    this.seen.set(uid, version);
    if (this.seen.size > KEEP_PODS * KEEP_PER_POD) this.seen.delete(this.seen.keys().next().value!);
    const notice: PodEventNotice = {
      podUid: event.involvedObject.uid,
      type: event.type ?? 'Normal',
      reason: event.reason ?? 'Unknown',
      message: (event.message ?? '').trim(),
      count,
      source: event.reportingComponent || event.source?.component || '',
    };
    const kept = this.recent.get(name) ?? [];
    this.recent.delete(name);
    this.recent.set(name, [...kept.slice(-(KEEP_PER_POD - 1)), notice]);
    if (this.recent.size > KEEP_PODS) this.recent.delete(this.recent.keys().next().value!);
    for (const listener of [...(this.listeners.get(name) ?? [])]) {
      this.stats.delivered++;
      try {
        listener(notice);
      } catch (e) {
        this.log(`a listener of the events of pod ${this.namespace}/${name} failed: ${(e as Error).message}`);
      }
    }
  }

  private async loop(): Promise<void> {
    let failures = 0;
    while (!this.closing.signal.aborted) {
      try {
        if (this.resourceVersion === undefined) {
          const list = await this.api.call((core) => core.listNamespacedEvent({ namespace: this.namespace, fieldSelector: 'involvedObject.kind=Pod' }), this.closing.signal);
          this.stats.lists++;
          for (const event of list.items) this.deliver(event);
          this.resourceVersion = list.metadata?.resourceVersion;
        }
        const end = await this.watchOnce();
        if (end === 'expired') this.resourceVersion = undefined;
        if (end !== 'error') {
          failures = 0;
          continue;
        }
      } catch (e) {
        if (this.closing.signal.aborted) break;
        if (apiStatus(e) === 401 || apiStatus(e) === 403) {
          this.log(`cannot watch Events in ${this.namespace} (${apiMessage(e)}): stuck pods will not say why`);
          return;
        }
        this.log(`listing Events in ${this.namespace} failed: ${apiMessage(e)}`);
      }
      this.stats.failures++;
      failures++;
      await sleep(Math.min(5000, 100 * 2 ** Math.min(failures, 6)) * (0.75 + Math.random() * 0.5), this.closing.signal);
    }
  }

  private watchOnce(): Promise<WatchEnd> {
    this.stats.watches++;
    return watchOnce(this.api, {
      path: `/api/v1/namespaces/${encodeURIComponent(this.namespace)}/events`,
      query: { fieldSelector: 'involvedObject.kind=Pod', resourceVersion: this.resourceVersion },
      closing: this.closing.signal,
      onConnected: (ac) => (this.current = ac),
      onObject: (type, obj) => {
        const event = obj as CoreV1Event;
        if (event?.metadata?.resourceVersion) this.resourceVersion = event.metadata.resourceVersion;
        if (type === 'ADDED' || type === 'MODIFIED') this.deliver(event);
      },
    });
  }
}
