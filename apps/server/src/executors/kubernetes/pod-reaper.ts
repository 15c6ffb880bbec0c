import { LABEL } from '@podflow/core';
import { apiMessage, apiStatus, type KubeApi } from './kube-api';

/** Most pods one selector names (pod names are at most 52 characters: a selector of about 5 KB). */
const MAX_BATCH = 100;

interface Request {
  name: string;
  uid: string | undefined;
  resolve: (result: 'deleting' | 'gone') => void;
  reject: (e: unknown) => void;
}

/**
 * Deletes the ended pods of one namespace in batches (issue #19): one label-selected `deletecollection` per batch,
 * `app.kubernetes.io/managed-by=podflow,podflow/pod in (a,b,…)` — every compiled pod carries its own name as the
 * `podflow/pod` label, so the selector names exactly the pods asked for. Requests made in the same tick go together,
 * and while a batch is in flight the next one gathers, so a busy executor makes far fewer calls than it deletes pods
 * and a lone pod waits for no timer. Pods are grouped by grace period.
 *
 * A pod whose compiled labels lack `podflow/pod` (created by an older server, found again after a restart), and every
 * pod once the API server refused `deletecollection` (a Role without that verb: 403), is deleted on its own with its
 * uid as a precondition, as before.
 */
export class PodReaper {
  private readonly queued = new Map<number, Request[]>();
  private scheduled = false;
  private inFlight = false;
  private collectionRefused = false;
  /** `deletecollection` calls made, for tests and measurements. */
  batches = 0;

  constructor(
    private readonly api: KubeApi,
    private readonly namespace: string,
    private readonly log: (message: string) => void = () => {},
  ) {}

  /**
   * Asks for the pod's deletion with this grace period. Resolves `deleting` once the API server accepted it (the
   * namespace's watch then reports the pod gone), `gone` when it no longer exists; rejects as the API call did.
   */
  delete(pod: { name: string; uid: string | undefined; labelled: boolean }, gracePeriodSeconds: number): Promise<'deleting' | 'gone'> {
    if (!pod.labelled || this.collectionRefused) return this.api.deletePod(this.namespace, pod.name, pod.uid, gracePeriodSeconds);
    return new Promise((resolve, reject) => {
      const list = this.queued.get(gracePeriodSeconds) ?? [];
      list.push({ name: pod.name, uid: pod.uid, resolve, reject });
      this.queued.set(gracePeriodSeconds, list);
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.inFlight) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.flush();
    });
  }

  private async flush(): Promise<void> {
    if (this.inFlight || this.queued.size === 0) return;
    const batches: { grace: number; requests: Request[] }[] = [];
    for (const [grace, requests] of this.queued) {
      for (let i = 0; i < requests.length; i += MAX_BATCH) batches.push({ grace, requests: requests.slice(i, i + MAX_BATCH) });
    }
    this.queued.clear();
    this.inFlight = true;
    try {
      await Promise.all(batches.map((b) => this.send(b.grace, b.requests)));
    } finally {
      this.inFlight = false;
      if (this.queued.size > 0) this.schedule();
    }
  }

  private async send(grace: number, requests: Request[]): Promise<void> {
    if (this.collectionRefused) return this.oneByOne(grace, requests);
    const names = [...new Set(requests.map((r) => r.name))];
    const selector = `${LABEL.managedBy}=podflow,${LABEL.pod} in (${names.join(',')})`;
    try {
      this.batches++;
      await this.api.deletePods(this.namespace, selector, grace);
      for (const r of requests) r.resolve('deleting');
    } catch (e) {
      if (apiStatus(e) === 403 || apiStatus(e) === 405) {
        if (!this.collectionRefused) this.log(`deleting pods of namespace ${this.namespace} in batches was refused (${apiMessage(e)}); deleting them one by one`);
        this.collectionRefused = true;
        return this.oneByOne(grace, requests);
      }
      for (const r of requests) r.reject(e);
    }
  }

  private async oneByOne(grace: number, requests: Request[]): Promise<void> {
    await Promise.all(
      requests.map((r) =>
        this.api.deletePod(this.namespace, r.name, r.uid, grace).then(r.resolve, r.reject),
      ),
    );
  }
}
