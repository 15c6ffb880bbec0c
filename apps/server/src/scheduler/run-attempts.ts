import { compile, taskSignature, validateCompiledPod, type CompiledPod, type DynamicSpec, type FailureKind, type Json } from '@podflow/core';
import type { AttemptResult, AttemptSink } from '../executors/executor';
import type { RunContext, Execution } from './run-context';

export type AttemptsOutcome =
  | { status: 'succeeded'; outputs: Record<string, Json> }
  | { status: 'dynamic'; spec: DynamicSpec }
  | { status: 'failed'; kind: FailureKind; reason: string }
  | { status: 'cancelled' };

/**
 * Runs an execution's attempts until one succeeds or none remain (DESIGN.md §3: every failure is retried while
 * retries remain; a cancelled attempt is never retried). Emits the attempt events and `node-retrying`; the caller
 * emits how the node ends.
 */
export async function runAttempts(ctx: RunContext, exec: Execution, signal: AbortSignal): Promise<AttemptsOutcome> {
  const total = exec.retries + 1;
  for (let attempt = 0; ; attempt++) {
    if (signal.aborted) return { status: 'cancelled' };
    let compiled: CompiledPod;
    try {
      compiled = compile(ctx.doc, exec.nodeId, {
        runId: ctx.runId,
        attempt,
        inputs: exec.inputs,
        ...(exec.itemIndex !== undefined ? { itemIndex: exec.itemIndex } : {}),
        ...(exec.dynamicChild ? { task: exec.task.name, executionId: exec.executionId } : {}),
      });
    } catch (e) {
      return { status: 'failed', kind: 'config', reason: `cannot compile the pod: ${(e as Error).message}` };
    }
    const error = validateCompiledPod(ctx.doc, compiled).find((d) => d.severity === 'error');
    if (error) return { status: 'failed', kind: 'config', reason: `cannot compile the pod: ${error.message}` };

    const pod = compiled.pod;
    ctx.emit({
      type: 'attempt-started',
      executionId: exec.executionId,
      attempt,
      podName: pod.metadata?.name ?? exec.executionId,
      containers: [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])].map((c) => c.name),
    });
    const sink: AttemptSink = {
      log: (container, stream, line, ts) => ctx.emit({ type: 'log', executionId: exec.executionId, attempt, container, stream, line, ts }),
      containerEnded: (container, exitCode, reason) =>
        ctx.emit({ type: 'container-ended', executionId: exec.executionId, attempt, container, exitCode, ...(reason !== undefined ? { reason } : {}) }),
      resultKnown: (result) => ctx.checkpoint?.(exec.executionId, attempt, result),
      podEvent: (reason, message, warning) => ctx.emit({ type: 'pod-event', executionId: exec.executionId, attempt, reason, message, warning }),
      ...(ctx.watched ? { watched: ctx.watched } : {}),
    };
    let result: AttemptResult;
    try {
      result = await ctx.executor.runAttempt(
        { compiled, runId: ctx.runId, executionId: exec.executionId, attempt, ...(exec.task.timeoutSeconds !== undefined ? { timeoutSeconds: exec.task.timeoutSeconds } : {}) },
        sink,
        signal,
      );
    } catch (e) {
      result = { ok: false, kind: 'system', reason: `the ${ctx.executor.name} executor failed: ${(e as Error).message}` };
    }
    if (result.ok) result = checkResult(ctx, exec, result);

    if (result.ok) {
      ctx.emit({ type: 'attempt-succeeded', executionId: exec.executionId, attempt });
      return 'dynamic' in result ? { status: 'dynamic', spec: result.dynamic } : { status: 'succeeded', outputs: result.outputs };
    }
    ctx.emit({
      type: 'attempt-failed',
      executionId: exec.executionId,
      attempt,
      kind: result.kind,
      reason: result.reason,
      ...(result.exitCode !== undefined ? { exitCode: result.exitCode } : {}),
    });
    if (result.kind === 'cancelled' || signal.aborted) return { status: 'cancelled' };
    if (attempt + 1 >= total) return { status: 'failed', kind: result.kind, reason: result.reason };
    ctx.emit({ type: 'node-retrying', executionId: exec.executionId, attempt: attempt + 1, of: total });
  }
}

/** A success must match the task: a dynamic task returns a sub-DAG, a python task every output of its signature. */
function checkResult(ctx: RunContext, exec: Execution, result: Extract<AttemptResult, { ok: true }>): AttemptResult {
  if ('dynamic' in result) {
    return exec.task.type === 'dynamic' ? result : { ok: false, kind: 'error', reason: `task ${exec.task.name} is not dynamic, but its pod returned a sub-DAG` };
  }
  if (exec.task.type === 'dynamic') return result; // a dynamic task may also return plain outputs
  const missing = (taskSignature(ctx.doc, exec.task.name)?.outputs ?? []).map((o) => o.name).filter((name) => !Object.hasOwn(result.outputs, name));
  return missing.length ? { ok: false, kind: 'error', reason: `task ${exec.task.name} did not return the output${missing.length > 1 ? 's' : ''} ${missing.join(', ')}` } : result;
}
