import type { FailureKind, NodeStatus, RunStatus } from '@podflow/core';
import type { ExecutionRun } from './run-state';

/** Words and numbers shown for runs: statuses, durations, failure reasons. */

export const STATUS_LABEL: Record<NodeStatus | RunStatus, string> = {
  queued: 'Queued',
  running: 'Running',
  retrying: 'Retrying',
  succeeded: 'Succeeded',
  failed: 'Failed',
  cancelled: 'Cancelled',
  skipped: 'Skipped',
  cached: 'Cached',
};

export const FAILURE_LABEL: Record<FailureKind, string> = {
  error: 'Error',
  timeout: 'Timed out',
  oom: 'Out of memory (OOMKilled)',
  unschedulable: 'Unschedulable',
  image: 'Image pull failed',
  config: 'Cannot start the pod',
  evicted: 'Evicted',
  deleted: 'Pod deleted',
  cancelled: 'Cancelled',
  system: 'System error',
};

/** `850 ms`, `4.2 s`, `1:05`, `1:02:03`. */
export function formatDuration(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return '';
  const v = Math.max(0, ms);
  if (v < 1000) return `${Math.round(v)} ms`;
  if (v < 10_000) return `${(v / 1000).toFixed(1)} s`;
  const s = Math.floor(v / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}

/** A clock for elapsed time while something runs: `0:07`, `1:05`. */
export function formatElapsed(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}

/** `14:03:07` (today) or `12 Mar 14:03`. */
export function formatClock(ts: number | string | null | undefined, now = Date.now()): string {
  if (ts === null || ts === undefined) return '';
  const t = typeof ts === 'number' ? ts : Date.parse(ts);
  if (!Number.isFinite(t)) return '';
  const d = new Date(t);
  const time = d.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
  if (new Date(now).toDateString() === d.toDateString()) return time;
  return `${d.toLocaleDateString(undefined, { day: 'numeric', month: 'short' })} ${time}`;
}

/** "Retrying 2/3" while a retry runs; else the status word. */
export function executionLabel(e: Pick<ExecutionRun, 'status' | 'retry'>): string {
  if ((e.status === 'retrying' || e.status === 'running') && e.retry) return `Retrying ${e.retry.attempt + 1}/${e.retry.of}`;
  return STATUS_LABEL[e.status];
}

/** A one-line explanation of a failed execution: its kind, exit code and reason. */
export function failureSummary(e: ExecutionRun): string {
  const last = e.attempts.at(-1);
  const kind = e.kind ?? last?.kind;
  const exit = last?.exitCode;
  const parts: string[] = [];
  if (kind && kind !== 'error') parts.push(FAILURE_LABEL[kind]);
  if (exit !== undefined && exit !== null && exit !== 0) parts.push(`exit code ${exit}`);
  const head = parts.join(', ');
  const reason = e.reason ?? last?.reason ?? '';
  return head && reason ? `${head}: ${reason}` : head || reason;
}

export const shortRunId = (id: string): string => id.replace(/^run_/, '').slice(0, 8);

/** A traceback line with its file path cut to the file's name (`File "/tmp/…/task.py"` → `File "task.py"`). */
export const shortPaths = (line: string): string => line.replace(/File "(?:[^"]*\/)?([^"/]+)"/g, 'File "$1"');

/** "3 of 3 items done", "2 of 3 done, 1 failed": a map node's progress in words. */
export function mapItemsSummary(done: number, failed: number, items: number): string {
  const base = `${done} of ${items} ${items === 1 ? 'item' : 'items'} done`;
  return failed > 0 ? `${base}, ${failed} failed` : base;
}
