import type { RunEvent } from '@podflow/core';
import type { LiveWatch } from '../executors/executor';

/**
 * In-process fan-out of committed run events to live subscribers (SSE streams). It only ever carries events that are
 * already in the database, so a subscriber that subscribes first and then replays from the database misses nothing.
 */
export type RunEventListener = (events: readonly RunEvent[]) => void;

export class RunEventBus {
  private readonly listeners = new Map<string, Set<RunEventListener>>();
  private readonly watchers = new Map<string, Set<() => void>>();

  subscribe(runId: string, listener: RunEventListener): () => void {
    let set = this.listeners.get(runId);
    if (!set) {
      set = new Set();
      this.listeners.set(runId, set);
    }
    set.add(listener);
    this.changed(runId);
    return () => {
      const current = this.listeners.get(runId);
      if (!current?.delete(listener)) return;
      if (current.size === 0) this.listeners.delete(runId);
      this.changed(runId);
    };
  }

  /** Whether the run has live subscribers now, and word when that may change (an executor's `watched`, executor.ts). */
  liveWatch(runId: string): LiveWatch {
    return {
      now: () => this.subscriberCount(runId) > 0,
      onChange: (listener) => {
        let set = this.watchers.get(runId);
        if (!set) {
          set = new Set();
          this.watchers.set(runId, set);
        }
        set.add(listener);
        return () => {
          const current = this.watchers.get(runId);
          if (!current?.delete(listener)) return;
          if (current.size === 0) this.watchers.delete(runId);
        };
      },
    };
  }

  private changed(runId: string): void {
    for (const listener of [...(this.watchers.get(runId) ?? [])]) {
      try {
        listener();
      } catch (e) {
        process.stderr.write(`podflow: a run watcher failed: ${(e as Error).message}\n`);
      }
    }
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
