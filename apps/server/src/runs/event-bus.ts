import type { RunEvent } from '@podflow/core';

/**
 * In-process fan-out of committed run events to live subscribers (SSE streams). It only ever carries events that are
 * already in the database, so a subscriber that subscribes first and then replays from the database misses nothing.
 */
export type RunEventListener = (events: readonly RunEvent[]) => void;

export class RunEventBus {
  private readonly listeners = new Map<string, Set<RunEventListener>>();

  subscribe(runId: string, listener: RunEventListener): () => void {
    let set = this.listeners.get(runId);
    if (!set) {
      set = new Set();
      this.listeners.set(runId, set);
    }
    set.add(listener);
    return () => {
      const current = this.listeners.get(runId);
      if (!current) return;
      current.delete(listener);
      if (current.size === 0) this.listeners.delete(runId);
    };
  }

  /** Events of any runs, in commit order. */
  publish(events: readonly RunEvent[]): void {
    if (this.listeners.size === 0) return;
    const byRun = new Map<string, RunEvent[]>();
    for (const e of events) {
      if (!this.listeners.has(e.runId)) continue;
      const list = byRun.get(e.runId) ?? [];
      list.push(e);
      byRun.set(e.runId, list);
    }
    for (const [runId, list] of byRun) {
      for (const listener of [...(this.listeners.get(runId) ?? [])]) {
        try {
          listener(list);
        } catch (e) {
          process.stderr.write(`podflow: a run event subscriber failed: ${(e as Error).message}\n`);
        }
      }
    }
  }

  subscriberCount(runId: string): number {
    return this.listeners.get(runId)?.size ?? 0;
  }
}
