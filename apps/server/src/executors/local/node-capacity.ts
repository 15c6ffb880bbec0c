import type { PodRequests } from '@podflow/core';

/** What this machine offers the pods of a local executor, as a node's allocatable resources. */
export interface Capacity {
  /** Cores. */
  cpu: number;
  /** Bytes. */
  memory: number;
  /** Pods at once, whatever they ask (the kubelet's default --max-pods is 110). */
  pods: number;
}

/** What a pod without a CPU request takes here: one core, so that plain tasks run one per core. */
export const DEFAULT_POD_CPU = 1;

/**
 * Admits pods as kube-scheduler fits them on one node: a pod starts once its CPU and memory requests fit beside those
 * of the pods already running. A pod without a CPU request takes one core; one asking more than the machine has takes
 * all of it (it runs alone rather than never). Grants go in arrival order; a waiter can give up (AbortSignal).
 */
export class NodeCapacity {
  private used = { cpu: 0, memory: 0, pods: 0 };
  private readonly waiters: { need: { cpu: number; memory: number }; grant: (release: () => void) => void }[] = [];

  constructor(readonly capacity: Capacity) {}

  /** What the pod takes from this node while it runs. */
  need(requests: PodRequests): { cpu: number; memory: number } {
    return {
      cpu: Math.min(requests.cpu ?? DEFAULT_POD_CPU, this.capacity.cpu),
      memory: Math.min(requests.memory ?? 0, this.capacity.memory),
    };
  }

  /** Resolves with a release function once the pod fits, or undefined if `signal` aborts first. */
  acquire(requests: PodRequests, signal?: AbortSignal): Promise<(() => void) | undefined> {
    if (signal?.aborted) return Promise.resolve(undefined);
    const need = this.need(requests);
    if (this.waiters.length === 0 && this.fits(need)) return Promise.resolve(this.take(need));
    return new Promise((resolve) => {
      const waiter = {
        need,
        grant: (release: () => void) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(release);
        },
      };
      const onAbort = () => {
        const i = this.waiters.indexOf(waiter);
        if (i >= 0) this.waiters.splice(i, 1);
        resolve(undefined);
        this.admit(); // the pods behind it may fit now
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiters.push(waiter);
    });
  }

  private fits(need: { cpu: number; memory: number }): boolean {
    // A little slack for sums of decimal fractions (0.1 + 0.2 cores).
    return (
      this.used.pods < this.capacity.pods &&
      this.used.cpu + need.cpu <= this.capacity.cpu + 1e-9 &&
      this.used.memory + need.memory <= this.capacity.memory
    );
  }

  private take(need: { cpu: number; memory: number }): () => void {
    this.used = { cpu: this.used.cpu + need.cpu, memory: this.used.memory + need.memory, pods: this.used.pods + 1 };
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.used = { cpu: this.used.cpu - need.cpu, memory: this.used.memory - need.memory, pods: this.used.pods - 1 };
      this.admit();
    };
  }

  /** Grants the waiters at the head of the queue that fit now, in order. */
  private admit(): void {
    while (this.waiters.length > 0 && this.fits(this.waiters[0]!.need)) {
      const next = this.waiters.shift()!;
      next.grant(this.take(next.need));
    }
  }
}
