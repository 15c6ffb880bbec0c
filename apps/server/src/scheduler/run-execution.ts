import { dynamicChildExecutionId, findTask, type ExecutionId, taskCacheKey, validateDynamicSpec, type DynamicSpec, type Json } from '@podflow/core';
import { BindingError, dynamicDeps, resolveDynamicBinding } from './bindings';
import type { Execution, RunContext } from './run-context';
import { runAttempts } from './run-attempts';
import { runDag, type NodeOutcome } from './run-dag';

/**
 * Runs one execution to its end and emits how it ends: reused or cached outputs (`node-cached`), else
 * `node-started`, its attempts, for a dynamic task the sub-DAG its pod returned, then `node-succeeded`, `-failed`
 * or `-cancelled`. The caller has emitted `node-queued`.
 */
export async function runExecution(ctx: RunContext, exec: Execution, signal: AbortSignal): Promise<NodeOutcome> {
  const { executionId } = exec;
  const reused = ctx.reuse?.get(executionId);
  if (reused) {
    ctx.emit({ type: 'node-cached', executionId, outputs: reused });
    return { status: 'succeeded', outputs: reused };
  }
  const cacheKey = exec.task.cache?.enabled ? taskCacheKey(ctx.doc, exec.task.name, exec.inputs) : undefined;
  if (cacheKey !== undefined && ctx.cache) {
    const hit = await ctx.cache.get(cacheKey);
    if (hit) {
      ctx.emit({ type: 'node-cached', executionId, outputs: hit.outputs, ...(hit.runId !== undefined ? { fromRun: hit.runId } : {}) });
      return { status: 'succeeded', outputs: hit.outputs };
    }
  }

  ctx.emit({ type: 'node-started', executionId });
  const attempts = await runAttempts(ctx, exec, signal);
  const outcome = attempts.status === 'dynamic' ? await runDynamicSpec(ctx, exec, attempts.spec, signal) : attempts;
  return endExecution(ctx, executionId, outcome, cacheKey);
}

/** Emits the end of an execution (and keeps cache-enabled outputs). */
export async function endExecution(ctx: RunContext, executionId: ExecutionId, outcome: NodeOutcome, cacheKey?: string): Promise<NodeOutcome> {
  switch (outcome.status) {
    case 'succeeded':
      if (cacheKey !== undefined && ctx.cache) await ctx.cache.set(cacheKey, { outputs: outcome.outputs, runId: ctx.runId });
      ctx.emit({ type: 'node-succeeded', executionId, outputs: outcome.outputs });
      break;
    case 'failed':
      ctx.emit({ type: 'node-failed', executionId, reason: outcome.reason, kind: outcome.kind });
      break;
    case 'cancelled':
      ctx.emit({ type: 'node-cancelled', executionId });
      break;
    case 'skipped':
      ctx.emit({ type: 'node-skipped', executionId, reason: outcome.reason });
      break;
  }
  return outcome;
}

/**
 * A dynamic task's sub-DAG (DESIGN.md §8): validated, then each call runs as `PARENT/CHILD` with its own task's pod
 * (dynamic calls expand again: `A/B/C`); the first failure stops the others. The parent's outputs come from the
 * spec's output bindings.
 */
async function runDynamicSpec(ctx: RunContext, parent: Execution, spec: DynamicSpec, signal: AbortSignal): Promise<NodeOutcome> {
  const problems = validateDynamicSpec(ctx.doc, spec, parent.executionId).filter((d) => d.severity === 'error');
  if (problems.length > 0) {
    return { status: 'failed', kind: 'error', reason: `the dynamic task returned an invalid sub-DAG: ${problems.map((p) => p.message).join('; ')}` };
  }
  ctx.emit({ type: 'dynamic-expanded', executionId: parent.executionId, spec });
  const childId = (id: string) => dynamicChildExecutionId(parent.executionId, id);
  const calls = new Map(spec.nodes.map((call) => [call.id, call]));
  for (const call of spec.nodes) ctx.emit({ type: 'node-queued', executionId: childId(call.id), nodeId: parent.nodeId, task: call.task });

  const outputs = new Map<string, Record<string, Json>>();
  const results = await runDag(
    spec.nodes.map((call) => ({ id: call.id, deps: [...new Set(Object.values(call.inputs).flatMap((b) => [...dynamicDeps(b)]))] })),
    {
      failFast: true,
      signal,
      skip: (id, reason) => ctx.emit({ type: 'node-skipped', executionId: childId(id), reason }),
      run: async (id, childSignal) => {
        const call = calls.get(id)!;
        const task = findTask(ctx.doc, call.task)!;
        let inputs: Record<string, Json>;
        try {
          inputs = Object.fromEntries(Object.entries(call.inputs).map(([name, b]) => [name, resolveDynamicBinding(b, outputs)]));
        } catch (e) {
          if (!(e instanceof BindingError)) throw e;
          return endExecution(ctx, childId(id), { status: 'failed', kind: 'error', reason: e.message });
        }
        const outcome = await runExecution(
          ctx,
          { executionId: childId(id), nodeId: parent.nodeId, task, inputs, retries: task.retries ?? 0, dynamicChild: true },
          childSignal,
        );
        if (outcome.status === 'succeeded') outputs.set(id, outcome.outputs);
        return outcome;
      },
    },
  );

  if (signal.aborted) return { status: 'cancelled' };
  for (const call of spec.nodes) {
    const result = results.get(call.id);
    if (result?.status === 'failed') return { status: 'failed', kind: result.kind, reason: `${childId(call.id)} failed: ${result.reason}` };
  }
  for (const call of spec.nodes) {
    if (results.get(call.id)?.status !== 'succeeded') return { status: 'cancelled' };
  }
  try {
    return { status: 'succeeded', outputs: Object.fromEntries(Object.entries(spec.outputs).map(([name, b]) => [name, resolveDynamicBinding(b, outputs)])) };
  } catch (e) {
    if (!(e instanceof BindingError)) throw e;
    return { status: 'failed', kind: 'error', reason: `the dynamic task's outputs cannot be resolved: ${e.message}` };
  }
}
