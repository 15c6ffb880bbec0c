import type { Json } from '@podflow/core';

/** Outputs kept for reuse, with the run that produced them. */
export interface CachedOutputs {
  outputs: Record<string, Json>;
  runId?: string;
}

/**
 * The output cache of cache-enabled tasks (DESIGN.md §4), keyed by core's `taskCacheKey(doc, task, inputs)` (code,
 * pod, cache version and inputs). The CLI uses the in-memory one; the server provides a SQLite one. Either may be
 * synchronous or asynchronous.
 */
export interface OutputCache {
  get(key: string): CachedOutputs | undefined | Promise<CachedOutputs | undefined>;
  set(key: string, entry: CachedOutputs): void | Promise<void>;
}

export class MemoryOutputCache implements OutputCache {
  private readonly entries = new Map<string, CachedOutputs>();

  get(key: string): CachedOutputs | undefined {
    return this.entries.get(key);
  }

  set(key: string, entry: CachedOutputs): void {
    this.entries.set(key, entry);
  }

  get size(): number {
    return this.entries.size;
  }
}
