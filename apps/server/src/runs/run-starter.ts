import type { Json, RunEventBody, RunStatus, WorkflowDoc } from '@podflow/core';
import type { Executor } from '../executors/executor';
import type { OutputCache } from '../scheduler/output-cache';

export type { OutputCache };

/**
 * What the run service needs from the scheduler: start a run of a document with an executor, receive its events
 * through `emit`, cancel it, and learn how it ended. The scheduler's `startRun` has this shape; the service takes it
 * as a parameter so that it can be tested with a scripted one.
 */
export interface StartRunRequest {
  doc: WorkflowDoc;
  runId: string;
  inputs: Record<string, Json>;
  executor: Executor;
  emit: (event: RunEventBody) => void;
  cache?: OutputCache;
  /** Outputs to reuse instead of running, by execution id (a re-run from a node). */
  reuse?: ReadonlyMap<string, Record<string, Json>>;
  /** The workflow version the run names (recorded in `run-started`). */
  version?: number;
}

export interface RunOutcome {
  status: Extract<RunStatus, 'succeeded' | 'failed' | 'cancelled'>;
  outputs: Record<string, Json>;
  error?: string;
}

export interface RunHandle {
  cancel(reason?: string): void;
  done: Promise<RunOutcome>;
}

export type StartRun = (request: StartRunRequest) => RunHandle;
