import type { CompiledPod, DynamicSpec, FailureKind, Json, LogStream } from '@podflow/core';

/**
 * The seam between the scheduler and the machines that run pods (DESIGN.md §1.5, §4). An executor runs ONE attempt
 * of ONE compiled pod and reports how it ended; ordering, retries, map fan-out, dynamic expansion, caching and
 * cancellation of runs live in the scheduler. `local` and `kubernetes` implement this and pass the same contract
 * suite (`executors/contract/executor-contract.ts`).
 *
 * Contract, beyond the types:
 * - `runAttempt` never rejects: every way an attempt can end is an `AttemptResult` (a bug or a lost machine is
 *   `{ ok: false, kind: 'system' }`).
 * - The promise settles only once everything the attempt started is gone (processes, pods, per-attempt objects);
 *   an executor leaves nothing behind after an attempt, whatever its outcome.
 * - The attempt ends when the pod's PRIMARY container ends (annotation `podflow/primary-container`): exit 0 is
 *   success even while sidecars run; the other containers are then stopped.
 * - `timeoutSeconds` counts from the moment the pod is created (on the local executor: when its concurrency slot
 *   is granted) and stops the whole pod: `{ kind: 'timeout' }`.
 * - Aborting `signal` stops the whole pod: `{ kind: 'cancelled' }` (even when it raced with a normal end).
 * - The executor supplies run-time values only (inputs, names, where volumes live); it never changes the pod's shape.
 */
export interface Executor {
  /** `local`, `kubernetes`: recorded in `run-started`. */
  readonly name: string;
  runAttempt(request: AttemptRequest, sink: AttemptSink, signal: AbortSignal): Promise<AttemptResult>;
  /** Stops whatever is still running (warm workers, watches) and releases resources. Idempotent. */
  close(): Promise<void>;
}

export interface AttemptRequest {
  /** The compiled pod for this attempt (compiled with this run id, attempt and inputs). */
  compiled: CompiledPod;
  runId: string;
  /** `NODE`, `NODE[i]`, `NODE/CHILD`. */
  executionId: string;
  /** 0-based, as `PODFLOW_ATTEMPT`. */
  attempt: number;
  /** Per attempt, from pod creation; absent = no limit. */
  timeoutSeconds?: number;
}

/** Where an attempt reports while it runs. Calls arrive in order per container and stream; never after settling. */
export interface AttemptSink {
  /** One line of a container's output, without its newline (the outputs marker line is never passed on). */
  log(container: string, stream: LogStream, line: string, ts: number): void;
  /** A container (init, regular or sidecar) ended; `exitCode` as Kubernetes reports it (128 + N after signal N), null when unknown. */
  containerEnded?(container: string, exitCode: number | null, reason?: string): void;
  /**
   * The attempt's result is known and its pod is about to be removed (called at most once, not for a cancel). A
   * server writes it down at once, so that after a crash the attempt counts with this result instead of running again.
   */
  resultKnown?(result: AttemptResult): void;
  /** A Kubernetes Event about the pod (FailedMount, FailedScheduling, BackOff…): why it is not running (yet). */
  podEvent?(reason: string, message: string, warning: boolean): void;
  /**
   * Whether someone follows the run live (a subscriber to its event stream, `podflow run --logs`). An executor that
   * pays an API call per log read (Kubernetes) streams a container's log while it runs only when someone watches, and
   * otherwise reads it once when the container ends; the lines and their timestamps are the same. Absent: watched.
   */
  watched?: LiveWatch;
}

/** Whether someone watches a run live, and a way to hear when that changes. */
export interface LiveWatch {
  now(): boolean;
  /** Calls `listener` whenever `now()` may have changed; returns the unsubscribe. */
  onChange(listener: () => void): () => void;
}

export type AttemptResult = AttemptSuccess | AttemptFailure;

export type AttemptSuccess =
  | { ok: true; outputs: Record<string, Json> }
  /** A dynamic task's sub-DAG (its envelope's `dynamic`). */
  | { ok: true; dynamic: DynamicSpec };

export interface AttemptFailure {
  ok: false;
  kind: FailureKind;
  /** One line a person can act on: `ValueError: boom (task.py line 3)`, `timed out after 5s`. */
  reason: string;
  /** The primary container's exit code when it ran (128 + N after signal N; null when unknown). */
  exitCode?: number | null;
}

export const attemptFailure = (kind: FailureKind, reason: string, exitCode?: number | null): AttemptFailure =>
  exitCode === undefined ? { ok: false, kind, reason } : { ok: false, kind, reason, exitCode };
