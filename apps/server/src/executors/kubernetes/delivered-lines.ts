/** How far before the newest delivered line a re-read starts, and how long delivered lines are remembered. */
const WINDOW_NS = 2_000_000_000n;

/**
 * The lines of one container's log already handed on, so that a re-read (after a broken stream, or the final read
 * once the container ended) hands on only the new ones.
 *
 * The log API's `sinceTime` has second precision, and a container's timestamps are not monotonic: containerd stamps
 * stdout and stderr as it reads each pipe, so a line written later may carry an earlier time than the one before it.
 * So a re-read starts a margin before the newest line seen, and skips every line it returns that was delivered
 * before — recognised by its timestamp and text, counted (two identical lines at the same instant are two lines).
 * Lines older than the margin are forgotten: the re-read does not return them.
 */
export class DeliveredLines {
  /** `ns text` → how many such lines were delivered, for lines within the window of the newest. */
  private readonly recent = new Map<string, number>();
  private order: { key: string; ns: bigint }[] = [];
  private head = 0;
  private newestNs: bigint | undefined;

  /** Where a re-read starts (`sinceTime`, whole seconds, rounded down), or undefined to read from the beginning. */
  sinceTime(): string | undefined {
    if (this.newestNs === undefined) return undefined;
    const seconds = (this.newestNs - WINDOW_NS / 2n) / 1_000_000_000n;
    return new Date(Number(seconds) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }

  /** A filter for one read: true for a line to hand on (and remembers it), false for one delivered before. */
  reader(): (ns: bigint, text: string) => boolean {
    const skip = new Map(this.recent);
    return (ns, text) => {
      const key = `${ns} ${text}`;
      const left = skip.get(key);
      if (left) {
        skip.set(key, left - 1);
        return false;
      }
      this.remember(key, ns);
      return true;
    };
  }

  private remember(key: string, ns: bigint): void {
    this.recent.set(key, (this.recent.get(key) ?? 0) + 1);
    this.order.push({ key, ns });
    if (this.newestNs === undefined || ns > this.newestNs) this.newestNs = ns;
    const oldest = this.newestNs - WINDOW_NS;
    while (this.head < this.order.length && this.order[this.head]!.ns < oldest) {
      const old = this.order[this.head++]!.key;
      const n = this.recent.get(old)! - 1;
      if (n > 0) this.recent.set(old, n);
      else this.recent.delete(old);
    }
    if (this.head > 1024 && this.head * 2 > this.order.length) {
      this.order = this.order.slice(this.head);
      this.head = 0;
    }
  }
}
