// Section "map": a 1,000-item map of a trivial task run by the real scheduler and local executor, with and without
// the warm worker, beside the Python baselines; and the seed's four examples end to end.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseWorkflowOrThrow, type WorkflowDoc } from '@podflow/core';
import { LocalExecutor } from '../apps/server/src/executors/local/local-executor';
import { startRun } from '../apps/server/src/scheduler/start-run';

export const MAP_ITEMS = 1000;

export function trivialMapWorkflow(items: number): WorkflowDoc {
  return parseWorkflowOrThrow({
    apiVersion: 'podflow/v1alpha1',
    kind: 'Workflow',
    metadata: { name: 'bench-map' },
    spec: {
      inputs: [{ name: 'xs', type: 'list[int]', default: Array.from({ length: items }, (_, i) => i) }],
      outputs: [{ name: 'o0', type: 'list[str]', from: { node: 'map_task', output: 'o0' } }],
      tasks: [{ name: 'map_task', type: 'python', code: 'def map_task(x: int) -> str:\n    return str(x)\n' }],
      nodes: [{ id: 'map_task', task: 'map_task', map: {}, inputs: { x: { input: 'xs' } } }],
    },
  });
}

/** Runs a workflow to the end on a fresh local executor; returns wall milliseconds and the run's outputs. */
export async function timeRun(doc: WorkflowDoc, options: { warmWorker: boolean; inputs?: Record<string, unknown>; maxConcurrentPods?: number }): Promise<{ ms: number; status: string; outputs: unknown; events: number }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'podflow-bench-'));
  const executor = new LocalExecutor({ dataDir, warmWorker: options.warmWorker, ...(options.maxConcurrentPods ? { maxConcurrentPods: options.maxConcurrentPods } : {}) });
  let events = 0;
  try {
    const t = performance.now();
    const handle = startRun({ doc, runId: `bench${Date.now().toString(36)}`, inputs: (options.inputs ?? {}) as never, executor, emit: () => void events++ });
    const result = await handle.done;
    return { ms: performance.now() - t, status: result.status, outputs: result.outputs, events };
  } finally {
    await executor.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export function seedWorkflow(root: string, name: string): WorkflowDoc {
  return parseWorkflowOrThrow(readFileSync(`${root}examples/seed/${name}.podflow.yaml`, 'utf8'));
}
