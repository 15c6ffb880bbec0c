import type { RunEvent } from '@podflow/core';

/** The run's final event: nothing follows it, and an SSE stream ends after it. */
export function isTerminalRunEvent(e: Pick<RunEvent, 'type'>): boolean {
  return e.type === 'run-succeeded' || e.type === 'run-failed' || e.type === 'run-cancelled';
}
