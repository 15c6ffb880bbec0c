import { mapItemExecutionId, mappedInputs, nodeExecutionId, taskSignature, type Json, type Task, type WorkflowNode } from '@podflow/core';
import type { RunContext } from './run-context';
import type { NodeOutcome } from './run-dag';
import { endExecution, runExecution } from './run-execution';

/**
 * A map node (DESIGN.md §4, §8): one execution `NODE[i]` per item of the mapped inputs, at most `map.concurrency` at
 * once, each with `map.retries` (else the task's). With `minSuccessRatio` < 1 failed items become null; the node
 * fails as soon as success is impossible, and the items still running are cancelled, those not started skipped.
 * The node's outputs are lists, in item order.
 */
export async function runMap(ctx: RunContext, node: WorkflowNode, task: Task, inputs: Record<string, Json>, signal: AbortSignal): Promise<NodeOutcome> {
  const executionId = nodeExecutionId(node.id);
  const reused = ctx.reuse?.get(executionId);
  if (reused) {
    ctx.emit({ type: 'node-cached', executionId, outputs: reused });
    return { status: 'succeeded', outputs: reused };
  }
  ctx.emit({ type: 'node-started', executionId });
  const fail = (reason: string, kind: 'error' | 'config' = 'error') => endExecution(ctx, executionId, { status: 'failed', kind, reason });
  if (task.type === 'dynamic') return fail(`task ${task.name} is dynamic; a dynamic task cannot be mapped`, 'config');

  const over = mappedInputs(ctx.doc, node);
  const lists: [string, Json[]][] = [];
  for (const name of over) {
    const value = inputs[name];
    if (!Array.isArray(value)) return fail(`mapped input "${name}" is not a list (got ${value === undefined ? 'nothing' : JSON.stringify(value).slice(0, 60)})`);
    lists.push([name, value]);
  }
  const n = lists[0]?.[1].length ?? 0;
  if (lists.some(([, l]) => l.length !== n)) {
    return fail(`the mapped inputs have unequal lengths: ${lists.map(([name, l]) => `${name} has ${l.length}`).join(', ')}; every mapped list must have as many items`);
  }

  ctx.emit({ type: 'map-expanded', executionId, items: n });
  const itemId = (i: number) => mapItemExecutionId(executionId, i);
  for (let i = 0; i < n; i++) ctx.emit({ type: 'node-queued', executionId: itemId(i), nodeId: node.id, task: task.name });

  const ratio = node.map?.minSuccessRatio ?? 1;
  const minSuccesses = Math.ceil(ratio * n - 1e-9);
  const concurrency = Math.max(1, node.map?.concurrency ?? n);
  const retries = node.map?.retries ?? task.retries ?? 0;
  const results: (NodeOutcome | undefined)[] = new Array(n);
  const running = new Map<number, AbortController>();
  let lost = 0; // items that ended without outputs
  let firstFailure: { index: number; outcome: Extract<NodeOutcome, { status: 'failed' }> } | undefined;
  let next = 0;
  let halted = false;
  const halt = () => {
    halted = true;
    for (const c of running.values()) c.abort();
  };
  const onAbort = () => halt();
  signal.addEventListener('abort', onAbort, { once: true });
  if (signal.aborted) halt();

  const worker = async () => {
    while (!halted && next < n) {
      const i = next++;
      const controller = new AbortController();
      running.set(i, controller);
      const itemInputs = { ...inputs };
      for (const [name, list] of lists) itemInputs[name] = list[i] as Json;
      const outcome = await runExecution(ctx, { executionId: itemId(i), nodeId: node.id, task, inputs: itemInputs, retries, itemIndex: i }, controller.signal);
      running.delete(i);
      results[i] = outcome;
      if (outcome.status !== 'succeeded' && !halted) {
        lost++;
        if (outcome.status === 'failed' && (!firstFailure || i < firstFailure.index)) firstFailure = { index: i, outcome };
        if (n - lost < minSuccesses) halt();
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, n) }, worker));
  signal.removeEventListener('abort', onAbort);

  for (let i = 0; i < n; i++) {
    if (!results[i]) {
      const reason = signal.aborted ? 'the run was cancelled' : `the map node failed before item ${i} started`;
      results[i] = await endExecution(ctx, itemId(i), { status: 'skipped', reason });
    }
  }
  if (signal.aborted) return endExecution(ctx, executionId, { status: 'cancelled' });
  if (n - lost < minSuccesses) {
    const first = firstFailure ? ` First failure: ${itemId(firstFailure.index)}: ${firstFailure.outcome.reason}` : '';
    return endExecution(ctx, executionId, {
      status: 'failed',
      kind: firstFailure?.outcome.kind ?? 'error',
      reason: `${lost} of ${n} items failed; at least ${minSuccesses} had to succeed (minSuccessRatio ${ratio}).${first}`,
    });
  }
  const names = (taskSignature(ctx.doc, task.name)?.outputs ?? []).map((o) => o.name);
  const outputs: Record<string, Json> = {};
  for (const name of names) {
    outputs[name] = results.map((r) => (r?.status === 'succeeded' ? (r.outputs[name] ?? null) : null));
  }
  return endExecution(ctx, executionId, { status: 'succeeded', outputs });
}
