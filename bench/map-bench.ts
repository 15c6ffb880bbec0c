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

/** CPU milliseconds of this process's reaped children and their reaped children (Linux /proc; undefined elsewhere). */
function childrenCpuMs(): number | undefined {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[13]) + Number(fields[14])) * 1000) / 100; // cutime + cstime, in USER_HZ (100 on Linux)
  } catch {
    return undefined;
  }
}

/**
 * Runs a workflow to the end on a fresh local executor; returns wall milliseconds, the run's outputs, and the CPU time
 * spent: by this process (the scheduler and the executor) and by its children once reaped at close() (the warm
 * workers with every container they forked or spawned).
 */
export async function timeRun(
  doc: WorkflowDoc,
  options: { warmWorker: boolean; inputs?: Record<string, unknown>; maxConcurrentPods?: number },
): Promise<{ ms: number; status: string; outputs: unknown; events: number; cpu: { serverMs: number; childrenMs: number | undefined } }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'podflow-bench-'));
  const executor = new LocalExecutor({ dataDir, warmWorker: options.warmWorker, ...(options.maxConcurrentPods ? { maxConcurrentPods: options.maxConcurrentPods } : {}) });
  let events = 0;
  const cpu0 = process.cpuUsage();
  const children0 = childrenCpuMs();
  let ran: { ms: number; status: string; outputs: unknown } | undefined;
  try {
    const t = performance.now();
    const handle = startRun({ doc, runId: `bench${Date.now().toString(36)}`, inputs: (options.inputs ?? {}) as never, executor, emit: () => void events++ });
    const result = await handle.done;
    ran = { ms: performance.now() - t, status: result.status, outputs: result.outputs };
  } finally {
    await executor.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  const cpu = process.cpuUsage(cpu0);
  const children1 = childrenCpuMs();
  return { ...ran, events, cpu: { serverMs: (cpu.user + cpu.system) / 1000, childrenMs: children0 === undefined || children1 === undefined ? undefined : children1 - children0 } };
}

export function seedWorkflow(root: string, name: string): WorkflowDoc {
  return parseWorkflowOrThrow(readFileSync(`${root}examples/seed/${name}.podflow.yaml`, 'utf8'));
}
