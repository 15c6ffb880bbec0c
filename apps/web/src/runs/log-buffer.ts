import type { LogLine, LogPage, LogQuery } from './runs-api';

/**
 * A run's log lines, one source per (execution, attempt, container), kept outside React state: a log line must not
 * re-render anything but the one viewer that shows its source. Lines arrive live from the event stream (in `seq`
 * order); a source keeps at most `cap` of them in memory and drops the oldest beyond that. The dropped lines are still
 * on the server: `loadEarlier` pages them back from `GET /api/runs/:id/logs` (which pages forward, oldest first, so
 * it walks from the start up to the first line held) and puts them in front.
 */
export const DEFAULT_LOG_CAP = 50_000;
/** Lines per request when paging from the logs API (its maximum). */
export const LOG_PAGE = 5_000;

export const sourceKey = (executionId: string, attempt: number, container: string): string => `${executionId}\u0000${attempt}\u0000${container}`;

export interface LogSource {
  readonly key: string;
  readonly executionId: string;
  readonly attempt: number;
  readonly container: string;
  /** Held lines, oldest first, by ascending `seq`. */
  lines: LogLine[];
  /** Lines older than `lines[0]` exist on the server but are not held (dropped past the cap). */
  truncated: boolean;
  /** Bumped on every change (for `useSyncExternalStore`). */
  version: number;
}

export type FetchLogPage = (params: LogQuery) => Promise<LogPage>;

export class RunLogs {
  private readonly sources = new Map<string, LogSource>();
  private readonly listeners = new Set<() => void>();
  private readonly loading = new Map<string, Promise<number>>();
  /** Bumped when any source changes. */
  version = 0;

  constructor(
    private readonly fetchPage: FetchLogPage,
    readonly cap = DEFAULT_LOG_CAP,
  ) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private notify(): void {
    this.version++;
    for (const l of this.listeners) l();
  }

  source(executionId: string, attempt: number, container: string): LogSource | undefined {
    return this.sources.get(sourceKey(executionId, attempt, container));
  }

  private ensure(line: { executionId: string; attempt: number; container: string }): LogSource {
    const key = sourceKey(line.executionId, line.attempt, line.container);
    let s = this.sources.get(key);
    if (!s) {
      s = { key, executionId: line.executionId, attempt: line.attempt, container: line.container, lines: [], truncated: false, version: 0 };
      this.sources.set(key, s);
    }
    return s;
  }

  /** Live lines, in `seq` order. A line already held (a replay after a reconnect) is not added twice. */
  append(lines: readonly LogLine[]): void {
    if (lines.length === 0) return;
    const touched = new Set<LogSource>();
    for (const line of lines) {
      const s = this.ensure(line);
      const last = s.lines.at(-1);
      if (last && line.seq <= last.seq) continue;
      s.lines.push(line);
      touched.add(s);
    }
    for (const s of touched) {
      // Drop in chunks (a tenth of the cap at a time), so that a long log does not shift its array on every line.
      if (s.lines.length > this.cap + Math.ceil(this.cap / 10)) {
        s.lines = s.lines.slice(s.lines.length - this.cap);
        s.truncated = true;
      }
      s.version++;
    }
    if (touched.size) this.notify();
  }

  /**
   * Older lines put in front of what is held: only those older than the first line held, without duplicates. Returns
   * how many were added.
   */
  prepend(key: string, older: readonly LogLine[], complete: boolean): number {
    const s = this.sources.get(key);
    if (!s) return 0;
    const first = s.lines[0]?.seq ?? Number.POSITIVE_INFINITY;
    const add: LogLine[] = [];
    let prev = -1;
    for (const line of older) {
      if (line.seq >= first || line.seq <= prev) continue;
      add.push(line);
      prev = line.seq;
    }
    s.lines = add.length ? [...add, ...s.lines] : s.lines;
    if (complete) s.truncated = false;
    s.version++;
    this.notify();
    return add.length;
  }

  /**
   * Pages the lines a source dropped back from the server: from the start up to the first line held. Resolves to the
   * number of lines added; concurrent calls for one source share one load.
   */
  loadEarlier(key: string): Promise<number> {
    const running = this.loading.get(key);
    if (running) return running;
    const s = this.sources.get(key);
    if (!s || !s.truncated) return Promise.resolve(0);
    const load = (async () => {
      const first = s.lines[0]?.seq ?? Number.POSITIVE_INFINITY;
      const older: LogLine[] = [];
      let after = 0;
      for (;;) {
        const page = await this.fetchPage({ execution: s.executionId, attempt: s.attempt, container: s.container, after, limit: LOG_PAGE });
        let reached = false;
        for (const line of page.lines) {
          if (line.seq >= first) {
            reached = true;
            break;
          }
          older.push(line);
        }
        if (reached || page.next === undefined || page.lines.length === 0) break;
        after = page.next;
      }
      return this.prepend(key, older, true);
    })();
    this.loading.set(key, load);
    void load.finally(() => this.loading.delete(key)).catch(() => undefined);
    return load;
  }

  isLoading(key: string): boolean {
    return this.loading.has(key);
  }

  /** Containers that wrote lines for an attempt (in the order they first wrote). */
  containersOf(executionId: string, attempt: number): string[] {
    const out: string[] = [];
    for (const s of this.sources.values()) if (s.executionId === executionId && s.attempt === attempt) out.push(s.container);
    return out;
  }
}

/** Indices of the lines that contain `query` (case-insensitive); every index for an empty query. */
export function searchLines(lines: readonly LogLine[], query: string): number[] | null {
  const q = query.trim().toLowerCase();
  if (!q) return null;
  const out: number[] = [];
  for (let i = 0; i < lines.length; i++) if (lines[i]!.line.toLowerCase().includes(q)) out.push(i);
  return out;
}

/** `14:03:07.125` in local time. */
export function formatLogTime(ts: number): string {
  const d = new Date(ts);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}.${p(d.getMilliseconds(), 3)}`;
}
