import type { RunEvent, RunId, RunStatus } from '@podflow/core';
import type { RunEventBus } from './event-bus';
import { isTerminalRunEvent } from './is-terminal-run-event';

/**
 * Delivers a run's events after `after`, in order, each exactly once, until the run's final event (or `signal`).
 *
 * The switch-over from stored to live events has no gap and no duplicate: it subscribes to the bus first, then
 * replays from the database up to the live point, then sends live events whose `seq` is past the last one sent.
 * The bus only carries committed events, so anything missed live is in the database; a subscriber that falls
 * behind (its queue passes `maxQueued`) or sees a gap in sequence numbers goes back to the database to catch up.
 */
export interface FollowRunEventsDeps {
  bus: RunEventBus;
  readAfter: (runId: RunId, after: number, limit: number) => RunEvent[];
  runStatus: (runId: RunId) => RunStatus | undefined;
}

export type FollowResult = 'ended' | 'aborted';

const REPLAY_PAGE = 1000;
const MAX_QUEUED = 20_000;

export async function followRunEvents(
  deps: FollowRunEventsDeps,
  runId: RunId,
  after: number,
  send: (events: RunEvent[]) => Promise<void> | void,
  signal: AbortSignal,
  maxQueued = MAX_QUEUED,
): Promise<FollowResult> {
  let last = after;
  let queued: RunEvent[] = [];
  let overflowed = false;
  let wake: (() => void) | undefined;
  const unsubscribe = deps.bus.subscribe(runId, (events) => {
    if (!overflowed) {
      queued.push(...events);
      if (queued.length > maxQueued) {
        overflowed = true;
        queued = [];
      }
    }
    wake?.();
  });
  const onAbort = (): void => wake?.();
  signal.addEventListener('abort', onAbort);

  /** Sends stored events after `last`; true when the run's final event went out (or the run is over). */
  const catchUp = async (): Promise<boolean> => {
    for (;;) {
      if (signal.aborted) return false;
      const page = deps.readAfter(runId, last, REPLAY_PAGE);
      if (page.length === 0) break;
      await send(page);
      last = page[page.length - 1]!.seq;
      if (page.some(isTerminalRunEvent)) return true;
    }
    // The final event is stored in the same transaction that makes the status final: a final status with nothing
    // left to read means the client has seen everything.
    const status = deps.runStatus(runId);
    return status === 'succeeded' || status === 'failed' || status === 'cancelled' || status === undefined;
  };

  try {
    if (await catchUp()) return 'ended';
    while (!signal.aborted) {
      if (overflowed) {
        overflowed = false;
        if (await catchUp()) return 'ended';
        continue;
      }
      const fresh = queued.filter((e) => e.seq > last);
      // The run's final event ends the stream even when the client asked to resume past it (a Last-Event-ID beyond
      // the run's last event): it has nothing more to wait for.
      const endedBehind = queued.some((e) => e.seq <= last && isTerminalRunEvent(e));
      queued = [];
      if (endedBehind && fresh.length === 0) return 'ended';
      if (fresh.length > 0) {
        if (!isContiguous(fresh, last)) {
          if (await catchUp()) return 'ended';
          continue;
        }
        await send(fresh);
        last = fresh[fresh.length - 1]!.seq;
        if (fresh.some(isTerminalRunEvent)) return 'ended';
        continue;
      }
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
      wake = undefined;
    }
    return 'aborted';
  } finally {
    unsubscribe();
    signal.removeEventListener('abort', onAbort);
  }
}

function isContiguous(events: readonly RunEvent[], after: number): boolean {
  let expected = after + 1;
  for (const e of events) {
    if (e.seq !== expected) return false;
    expected++;
  }
  return true;
}
