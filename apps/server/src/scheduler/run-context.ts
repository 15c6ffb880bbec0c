import type { ExecutionId, Json, RunEventBody, Task, WorkflowDoc } from '@podflow/core';
import type { AttemptResult, Executor, LiveWatch } from '../executors/executor';
import type { OutputCache } from './output-cache';

/** What every part of one run shares. */
export interface RunContext {
  doc: WorkflowDoc;
  runId: string;
  executor: Executor;
  emit(event: RunEventBody): void;
  cache: OutputCache | undefined;
  /** Outputs of executions to reuse instead of running them (re-run from a node), by execution id. */
  reuse: ReadonlyMap<string, Record<string, Json>> | undefined;
  /** Writes an attempt's result down as soon as the executor knows it (before its pod is removed). */
  checkpoint?: (executionId: string, attempt: number, result: AttemptResult) => void;
  /** Whether someone follows the run live (passed to each attempt's sink). */
  watched?: LiveWatch;
}

/** One execution of one task: a plain node, a map item, or a dynamic task's call. */
export interface Execution {
  /** `NODE`, `NODE[i]`, `NODE/CHILD`. */
  executionId: ExecutionId;
  /** The workflow node it belongs to (what `compile` is given). */
  nodeId: string;
  task: Task;
  inputs: Record<string, Json>;
  /** Attempts after the first. */
  retries: number;
  /** A map item's index. */
  itemIndex?: number;
  /** A dynamic task's call: compiled with its own task and execution id. */
  dynamicChild?: boolean;
}
