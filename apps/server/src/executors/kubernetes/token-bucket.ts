/**
 * Client-side rate limit for API calls (as client-go's `--kube-api-qps` / `--kube-api-burst`): a token bucket that
 * refills `qps` tokens a second and holds at most `burst`. Waiters are served in arrival order; nothing polls — a
 * single timer wakes the queue when the next token is due. `qps` ≤ 0 or Infinity means no limit.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;
  private readonly queue: { grant: () => void; fail: (e: unknown) => void }[] = [];
  private timer: NodeJS.Timeout | undefined;
  private unlimited: boolean;

  constructor(
    private readonly qps: number,
    private readonly burst: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.unlimited = !(qps > 0) || !Number.isFinite(qps);
    this.burst = Math.max(1, burst);
    this.tokens = this.burst;
    this.last = now();
  }

  /** Resolves when the caller may make one call; rejects with `signal.reason` if the signal aborts first. */
  take(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.unlimited) return Promise.resolve();
    this.refill();
    if (this.queue.length === 0 && this.tokens >= 1) {
      this.tokens -= 1;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        const i = this.queue.indexOf(waiter);
        if (i >= 0) this.queue.splice(i, 1);
        reject(signal!.reason);
      };
      const waiter = {
        grant: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
        fail: (e: unknown) => {
          signal?.removeEventListener('abort', onAbort);
          reject(e);
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.queue.push(waiter);
      this.schedule();
    });
  }

  /** No limit from now on: every queued waiter is granted at once (the API server limits instead). */
  lift(): void {
    if (this.unlimited) return;
    this.unlimited = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    for (const w of this.queue.splice(0)) w.grant();
  }

  /** Whether calls are limited at all (false for qps 0, or once lifted). */
  get limited(): boolean {
    return !this.unlimited;
  }

  /** Waiters still queued (for tests and diagnostics). */
  get waiting(): number {
    return this.queue.length;
  }

  /** Rejects every waiter (the executor is closing). */
  close(reason: Error): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    for (const w of this.queue.splice(0)) w.fail(reason);
  }

  private refill(): void {
    const now = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) * this.qps) / 1000);
    this.last = now;
  }

  private schedule(): void {
    if (this.timer) return;
    this.refill();
    while (this.queue.length > 0 && this.tokens >= 1) {
      this.tokens -= 1;
      this.queue.shift()!.grant();
    }
    if (this.queue.length === 0) return;
    const waitMs = Math.max(1, Math.ceil(((1 - this.tokens) * 1000) / this.qps));
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.schedule();
    }, waitMs);
  }
}
