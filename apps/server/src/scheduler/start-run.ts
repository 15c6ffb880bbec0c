import {
  findTask,
  formatDiagnostic,
  nodesOf,
  outputsOf,
  resolveRunInputs,
  checkRun,
  type Json,
  type RunEventBody,
  type WorkflowDoc,
} from '@podflow/core';
import type { AttemptResult, Executor } from '../executors/executor';
import { BindingError, resolveNodeInputs } from './bindings';
import type { OutputCache } from './output-cache';
import type { RunContext } from './run-context';
import { runDag, type NodeOutcome } from './run-dag';
import { endExecution, runExecution } from './run-execution';
import { runMap } from './run-map';

export interface StartRunOptions {
  doc: WorkflowDoc;
  runId: string;
  /** Workflow inputs by name; defaults fill the rest. */
  inputs: Record<string, Json>;
  executor: Executor;
  /** Receives every event of the run, in order; the caller adds runId, seq and ts. */
  emit: (event: RunEventBody) => void;
  /** For cache-enabled tasks. */
  cache?: OutputCache;
  /** Re-run from a node: outputs to reuse by execution id (`NODE`, `NODE[i]`, `NODE/CHILD`). */
  reuse?: ReadonlyMap<string, Record<string, Json>>;
  /** The workflow version the run names (recorded in `run-started`). */
  version?: number;
  /** Writes an attempt's result down the moment the executor knows it (so that a restarted server need not run it again). */
  checkpoint?: (executionId: string, attempt: number, result: AttemptResult) => void;
  /**
   * The caller has just asked core's `checkRun` (with Python's own check) of this very document and refused it on
   * blockers, so it is not validated again here. Without it, startRun validates.
   */
  checked?: true;
}

export type RunStatusAtEnd = 'succeeded' | 'failed' | 'cancelled';

export interface RunResult {
  status: RunStatusAtEnd;
  outputs: Record<string, Json>;
  error?: string;
}

export interface RunHandle {
  /** Stops everything the run started; running nodes end cancelled, the rest skipped. Idempotent. */
  cancel(reason?: string): void;
  done: Promise<RunResult>;
}

/** The workflow or its inputs cannot run; nothing was started and no event was emitted. */
export class RunSetupError extends Error {
  override name = 'RunSetupError';
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
  }
}

/**
 * Runs a workflow (DESIGN.md §4, §8) on an executor, executor-agnostic: a node starts when its inputs are ready;
 * map nodes fan out, dynamic tasks expand, every attempt may be retried and has its task's timeout; failurePolicy
 * failFast (default) or continue; cancel stops every pod the run started. Throws RunSetupError, before anything
 * starts, for a workflow with errors or inputs that do not fit. Its first event comes on the next turn of the event
 * loop, not during this call.
 */
export function startRun(options: StartRunOptions): RunHandle {
  const { doc, executor, emit } = options;
  const errors = options.checked ? [] : checkRun(doc).blockers;
  if (errors.length > 0) throw new RunSetupError(errors.map(formatDiagnostic));
  const resolved = resolveRunInputs(doc, options.inputs);
  if (!resolved.ok) throw new RunSetupError(resolved.problems.map((p) => p.message));
  const runInputs = resolved.inputs;

  const ctx: RunContext = { doc, runId: options.runId, executor, emit, cache: options.cache, reuse: options.reuse, ...(options.checkpoint ? { checkpoint: options.checkpoint } : {}) };
  const cancelled = new AbortController();
  let cancelReason: string | undefined;

  const run = async (): Promise<RunResult> => {
    // The run begins on the next turn of the event loop: whoever started it (a POST /api/runs) answers first.
    await new Promise<void>((resolve) => setImmediate(resolve));
    emit({ type: 'run-started', workflow: doc.metadata.name, ...(options.version !== undefined ? { version: options.version } : {}), executor: executor.name, inputs: runInputs });
    const nodes = nodesOf(doc);
    for (const node of nodes) emit({ type: 'node-queued', executionId: node.id, nodeId: node.id, task: node.task });

    const outputs = new Map<string, Record<string, Json>>();
    const results = await runDag(
      nodes.map((node) => ({ id: node.id, deps: Object.values(node.inputs ?? {}).flatMap((b) => ('node' in b ? [b.node] : [])) })),
      {
        failFast: (doc.spec.failurePolicy ?? 'failFast') === 'failFast',
        signal: cancelled.signal,
        skip: (id, reason) => emit({ type: 'node-skipped', executionId: id, reason }),
        run: async (id, signal): Promise<NodeOutcome> => {
          const node = nodes.find((n) => n.id === id)!;
          const task = findTask(doc, node.task)!;
          let inputs: Record<string, Json>;
          try {
            inputs = resolveNodeInputs(node, runInputs, outputs);
          } catch (e) {
            if (!(e instanceof BindingError)) throw e;
            return endExecution(ctx, id, { status: 'failed', kind: 'error', reason: e.message });
          }
          const outcome = node.map
            ? await runMap(ctx, node, task, inputs, signal)
            : await runExecution(ctx, { executionId: id, nodeId: id, task, inputs, retries: task.retries ?? 0 }, signal);
          if (outcome.status === 'succeeded') outputs.set(id, outcome.outputs);
          return outcome;
        },
      },
    );

    if (cancelled.signal.aborted) {
      emit({ type: 'run-cancelled', ...(cancelReason !== undefined ? { reason: cancelReason } : {}) });
      return { status: 'cancelled', outputs: {}, error: cancelReason ?? 'the run was cancelled' };
    }
    const failures = nodes.flatMap((n) => {
      const r = results.get(n.id);
      return r?.status === 'failed' ? [`node ${n.id} failed: ${r.reason}`] : [];
    });
    if (failures.length > 0) {
      const reason = failures.join('; ');
      emit({ type: 'run-failed', reason });
      return { status: 'failed', outputs: {}, error: reason };
    }
    const runOutputs: Record<string, Json> = {};
    for (const output of outputsOf(doc)) {
      const values = outputs.get(output.from.node);
      if (!values || !Object.hasOwn(values, output.from.output)) {
        const reason = `workflow output ${output.name}: node ${output.from.node} has no output "${output.from.output}"`;
        emit({ type: 'run-failed', reason });
        return { status: 'failed', outputs: {}, error: reason };
      }
      runOutputs[output.name] = values[output.from.output] as Json;
    }
    emit({ type: 'run-succeeded', outputs: runOutputs });
    return { status: 'succeeded', outputs: runOutputs };
  };
  const done = run().catch((e: unknown): RunResult => {
    const reason = `internal error in the scheduler: ${(e as Error).message}`;
    cancelled.abort(); // whatever is still running stops
    emit({ type: 'run-failed', reason });
    return { status: 'failed', outputs: {}, error: reason };
  });

  return {
    cancel(reason) {
      if (cancelled.signal.aborted) return;
      cancelReason = reason;
      cancelled.abort();
    },
    done,
  };
}
